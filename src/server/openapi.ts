/** The OpenAPI document of the API, generated from the routes' zod schemas; committed as docs/openapi.json. */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { buildApp } from './app.ts';

export const OPENAPI_PATH = 'docs/openapi.json';

/** The document as committed (stable JSON, two-space indent). */
export async function openApiDocument(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-openapi-'));
  const store = await openSqliteStore({ file: join(dir, 'openapi.db'), create: true });
  try {
    const app = await buildApp(store);
    const document = app.swagger();
    await app.close();
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The web app's types of the API, generated from the document by openapi-typescript; committed. */
export const WEB_SCHEMA_PATH = 'web/src/api/schema.d.ts';

/** The TypeScript declarations of `document` (an OpenAPI document as JSON), as committed. */
export async function webSchemaTypes(document: string): Promise<string> {
  const { default: openapiTS, astToString, COMMENT_HEADER } = await import('openapi-typescript');
  const ast = await openapiTS(JSON.parse(document), { alphabetize: false });
  return `${COMMENT_HEADER.replace(' */', ` * Regenerate with "npm run openapi" (from ${OPENAPI_PATH}).\n */`)}${astToString(ast)}`;
}
