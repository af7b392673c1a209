import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { isHidden, sha256 } from '../core/audit.ts';
import { parseFuzzyDate } from '../core/fuzzy-date.ts';
import type { PartyId, ProcessId, ProvisionId, TextId, VersionId } from '../core/ids.ts';
import { parseTeam } from '../core/team.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { AccountService } from './account-service.ts';
import { AuditService, verification } from './audit-service.ts';
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
        assert.equal(
          entries[0]?.after,
          sha256(example),
          "the import's entry holds the file's digest",
        );
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

    test("each reader's view hides what they may not see, and still verifies", async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const positions = new PositionService(store);
        for (const [party, audience] of [
          ['ukraine', 'party'],
          ['russia', 'public'],
          ['ukraine', 'mediator'],
        ] as const)
          await positions.record(talks, {
            text: 'peace-plan' as TextId,
            version: 'v1' as VersionId,
            provision: 'elections' as ProvisionId,
            party: party as PartyId,
            stance: 'accepts',
            note: `${party} ${audience}`,
            recorded: parseFuzzyDate('2025-12-02T09:00Z'),
            audience,
          });
        // Team changes are in the chain too, for that team's eyes.
        const accounts = new AccountService(store);
        await accounts.addUser('olena', { password: 'correct horse battery' });
        await accounts.addMember(talks, 'olena', parseTeam('ukraine'), 'member');
        await accounts.disableUser('olena');
        const audit = new AuditService(store, () => Date.UTC(2025, 11, 2));
        const checkpoint = await audit.checkpoint(talks);
        const shown = async (viewer: Parameters<AuditService['view']>[1]) =>
          (await audit.view(talks, viewer))
            .map((e) => (isHidden(e) ? '-' : String(e.seq)))
            .join('');
        assert.equal(await shown({ kind: 'party', party: 'ukraine' as PartyId }), '123456');
        assert.equal(await shown({ kind: 'party', party: 'russia' as PartyId }), '1-3---');
        assert.equal(await shown({ kind: 'mediator' }), '1-34--');
        assert.equal(await shown({ kind: 'public' }), '1-3---');
        assert.equal(await shown({ kind: 'operator' }), '123456');
        assert.deepEqual(
          (await audit.entries(talks)).slice(4).map((e) => [e.object, e.operation]),
          [
            ['team:ukraine', 'set-member'],
            ['team:ukraine', 'disable-member'],
          ],
        );
        const view = await audit.view(talks, { kind: 'public' });
        const hidden = view[1] as object;
        assert.deepEqual(Object.keys(hidden).sort(), ['hash', 'hidden', 'prev', 'seq']);
        assert.equal(verification(talks, view, checkpoint).ok, true);
        // A page of the view verifies too, from its first link.
        assert.equal(
          verification(talks, await audit.view(talks, { kind: 'public' }, { after: 2 })).ok,
          true,
        );
        // Tampering shows: a changed visible entry, a hidden entry swapped for another hash.
        const changed = view.map((e) =>
          e.seq === 3 && !isHidden(e) ? { ...e, actor: 'mallory' } : e,
        );
        assert.match(verification(talks, changed).problems[0]?.message ?? '', /was changed/);
        const swapped = view.map((e) => (isHidden(e) ? { ...e, hash: 'f'.repeat(64) } : e));
        assert.match(verification(talks, swapped).problems[0]?.message ?? '', /does not follow/);
      });
    });
  });
}
