#!/usr/bin/env node
// The `concord` command. Concord runs its TypeScript sources directly through tsx
// (see docs/ARCHITECTURE.md), so there is no build step between an edit and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main();
