/** Writes docs/openapi.json from the API's routes, and the web app's types of it (web/src/api/schema.d.ts). */

import { writeFileSync } from 'node:fs';
import {
  OPENAPI_PATH,
  openApiDocument,
  WEB_SCHEMA_PATH,
  webSchemaTypes,
} from '../src/server/openapi.ts';

const document = await openApiDocument();
writeFileSync(OPENAPI_PATH, document);
console.log(`wrote ${OPENAPI_PATH}`);
writeFileSync(WEB_SCHEMA_PATH, await webSchemaTypes(document));
console.log(`wrote ${WEB_SCHEMA_PATH}`);
