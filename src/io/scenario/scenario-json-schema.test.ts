import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SCENARIO_SCHEMA_PATH, scenarioJsonSchema } from './scenario-json-schema.ts';

test('the committed JSON Schema matches the format (regenerate with npm run schema)', () => {
  const committed = readFileSync(
    new URL(`../../../${SCENARIO_SCHEMA_PATH}`, import.meta.url),
    'utf8',
  );
  assert.equal(
    committed,
    scenarioJsonSchema(),
    `${SCENARIO_SCHEMA_PATH} is out of date: run "npm run schema" and commit it`,
  );
});
