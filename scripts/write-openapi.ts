/** Writes docs/openapi.json from the API's routes. */

import { writeFileSync } from 'node:fs';
import { OPENAPI_PATH, openApiDocument } from '../src/server/openapi.ts';

writeFileSync(OPENAPI_PATH, await openApiDocument());
console.log(`wrote ${OPENAPI_PATH}`);
