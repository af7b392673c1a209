/** The JSON Schema of scenario files, generated from the zod schema (committed as docs/scenario.schema.json). */

import { z } from 'zod';
import { scenarioSchema } from './scenario-schema.ts';

export const SCENARIO_SCHEMA_PATH = 'docs/scenario.schema.json';

/** The schema document, as formatted text ending in a newline. */
export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ $id: 'https://concord.example/schemas/scenario-1.json', ...schema }, null, 2)}\n`;
}
