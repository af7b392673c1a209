/** Writes docs/scenario.schema.json from the scenario format's zod schema. */

import { writeFileSync } from 'node:fs';
import {
  SCENARIO_SCHEMA_PATH,
  scenarioJsonSchema,
} from '../src/io/scenario/scenario-json-schema.ts';

writeFileSync(SCENARIO_SCHEMA_PATH, scenarioJsonSchema());
console.log(`wrote ${SCENARIO_SCHEMA_PATH}`);
