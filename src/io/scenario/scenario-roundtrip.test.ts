import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sortRecord } from '../../core/process-record.ts';
import { checkRecord } from '../../core/record-check.ts';
import { processRecordArb } from '../../testing/record-arbitrary.ts';
import { readScenario } from './scenario-read.ts';
import { writeScenario } from './scenario-write.ts';

test('generated records are valid', () => {
  fc.assert(
    fc.property(processRecordArb, (record) => {
      assert.deepEqual(checkRecord(record), []);
    }),
  );
});

test('reading a written record gives the same record back, and writing is stable', () => {
  fc.assert(
    fc.property(processRecordArb, (record) => {
      const text = writeScenario(record);
      const read = readScenario(text, 'generated.yaml');
      assert.deepEqual(sortRecord(read), sortRecord(record));
      assert.equal(writeScenario(read), text);
    }),
    { numRuns: 200 },
  );
});
