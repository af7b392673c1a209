/** `npm run bench [name]`: runs one benchmark program (default: all of them). */

import { spawnSync } from 'node:child_process';

const BENCHES: Record<string, string> = {
  record: 'bench/record.ts',
  text: 'bench/text.ts',
  analysis: 'bench/analysis.ts',
  server: 'bench/server.ts',
  web: 'bench/web.ts',
};
const [name, ...rest] = process.argv.slice(2);
const chosen = name === undefined ? Object.keys(BENCHES) : [name];
for (const bench of chosen) {
  const file = BENCHES[bench];
  if (file === undefined) {
    console.error(`unknown benchmark "${bench}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(1);
  }
  const result = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', '--import', 'tsx', file, ...rest],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
