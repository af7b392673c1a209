import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseFuzzyDate } from '../core/fuzzy-date.ts';
import type { PartyId, ProcessId, ProvisionId, TextId, VersionId } from '../core/ids.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { AuditService } from './audit-service.ts';
import { PositionService } from './position-service.ts';
import { RecordService } from './record-service.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);
const talks = 'ukraine-talks-2025' as ProcessId;

for (const kind of testStoreKinds()) {
  describe(`audit chain on ${kind.name}`, () => {
    test('every write appends a linked entry with digests only; checkpoints sign and verify', async () => {
      await kind.use(async (store) => {
        const records = new RecordService(store);
        await records.importScenario(example, 'example.yaml');
        await records.importScenario(example, 'example.yaml'); // nothing changes: no entry
        await new PositionService(store).record(talks, {
          text: 'peace-plan' as TextId,
          version: 'revised-framework' as VersionId,
          provision: 'elections' as ProvisionId,
          party: 'ukraine' as PartyId,
          stance: 'accepts',
          note: 'CANARY-audit-note',
          recorded: parseFuzzyDate('2025-12-02T09:00Z'),
          audience: 'party',
        });
        const audit = new AuditService(store, () => Date.UTC(2025, 11, 2));
        const entries = await audit.entries(talks);
        assert.deepEqual(
          entries.map((e) => [e.seq, e.operation, e.object.split(':')[0]]),
          [
            [1, 'create', 'process'],
            [2, 'create', 'position'],
          ],
        );
        assert.doesNotMatch(JSON.stringify(entries), /CANARY/, 'digests only');
        const checkpoint = await audit.checkpoint(talks);
        assert.equal(checkpoint.seq, 2);
        assert.deepEqual((await audit.verify(talks, checkpoint)).problems, []);
        // A later write keeps the old checkpoint valid.
        await records.importScenario(
          example.replace(
            'Its president receives the US envoys in Moscow.',
            'Its president receives the envoys.',
          ),
          'edited.yaml',
        );
        const later = await audit.verify(talks, checkpoint);
        assert.equal(later.ok, true);
        assert.equal(later.entries, 3);
        await assert.rejects(
          audit.verify(talks, { ...checkpoint, process: 'other' }),
          /checkpoint is for process "other"/,
        );
      });
    });
  });
}
