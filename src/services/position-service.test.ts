import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { OPERATOR, PUBLIC_VIEWER, type Viewer } from '../core/audience.ts';
import { ConflictError, InvalidError, NotFoundError } from '../core/errors.ts';
import { parseFuzzyDate } from '../core/fuzzy-date.ts';
import type {
  AlternativeId,
  PartyId,
  ProcessId,
  ProvisionId,
  TextId,
  VersionId,
} from '../core/ids.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { type PositionInput, PositionService } from './position-service.ts';
import { RecordService } from './record-service.ts';
import { TextService } from './text-service.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);
const talks = 'ukraine-talks-2025' as ProcessId;

const input = (fields: Partial<PositionInput> = {}): PositionInput => ({
  text: 'peace-plan' as TextId,
  version: 'revised-framework' as VersionId,
  provision: 'elections' as ProvisionId,
  party: 'ukraine' as PartyId,
  stance: 'accepts',
  recorded: parseFuzzyDate('2025-12-02T09:00Z'),
  audience: 'party',
  ...fields,
});

/** Canaries planted in the reference scenario's private positions, and who may see each. */
const CANARIES: Record<string, (viewer: Viewer) => boolean> = {
  'CANARY-ukraine-mediator-red-line': (v) =>
    v.kind === 'operator' || v.kind === 'mediator' || (v.kind === 'party' && v.party === 'ukraine'),
  'CANARY-ukraine-private-army-cap': (v) =>
    v.kind === 'operator' || (v.kind === 'party' && v.party === 'ukraine'),
  'CANARY-russia-private-nato': (v) =>
    v.kind === 'operator' || (v.kind === 'party' && v.party === 'russia'),
};

for (const kind of testStoreKinds()) {
  describe(`position service on ${kind.name}`, () => {
    test('stances are appended, never overwritten; the matrix shows the latest', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const service = new PositionService(store);
        await service.record(talks, input({ stance: 'undecided' }));
        await service.record(
          talks,
          input({
            stance: 'accepts-with-changes',
            wording: 'Elections follow the end of martial law.',
            recorded: parseFuzzyDate('2025-12-03'),
          }),
        );
        const history = await service.history(talks, {
          text: 'peace-plan',
          provision: 'elections' as ProvisionId,
          party: 'ukraine' as PartyId,
        });
        assert.deepEqual(
          history.map((p) => p.stance),
          ['undecided', 'undecided', 'accepts-with-changes'],
        );
        const report = await service.matrix(talks, 'peace-plan', 'revised-framework');
        const row = report.matrix.rows.find((r) => r.provision === 'elections');
        assert.equal(row?.cells.get('ukraine' as PartyId)?.stance, 'accepts-with-changes');
        assert.equal(row?.number, '5.');
        const asOf = await service.matrix(
          talks,
          'peace-plan',
          'revised-framework',
          parseFuzzyDate('2025-12-02'),
        );
        assert.equal(
          asOf.matrix.rows.find((r) => r.provision === 'elections')?.cells.get('ukraine' as PartyId)
            ?.stance,
          'undecided',
        );
      });
    });

    test('bad positions are refused with a clear reason and write nothing', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const service = new PositionService(store);
        await assert.rejects(
          service.record(talks, input({ provision: 'elections-2' as ProvisionId })),
          /did you mean "elections"/,
        );
        await assert.rejects(
          service.record(talks, input({ party: 'belarus' as PartyId })),
          NotFoundError,
        );
        await assert.rejects(
          service.record(talks, input({ stance: 'accepts-with-changes' })),
          /needs the proposed wording/,
        );
        await assert.rejects(
          service.record(talks, input({ alternative: 'x' as AlternativeId })),
          /has no alternatives/,
        );
        await assert.rejects(
          service.record(
            talks,
            input({ provision: 'donbas' as ProvisionId, alternative: 'thaw' as AlternativeId }),
          ),
          (error: unknown) =>
            error instanceof InvalidError && /it has: cede, freeze/.test(error.message),
        );
        await assert.rejects(
          service.record(talks, input({ version: 'v2' as VersionId })),
          NotFoundError,
        );
        await service.record(talks, input());
        await assert.rejects(service.record(talks, input()), ConflictError);
        assert.equal(
          (
            await service.history(talks, {
              text: 'peace-plan',
              provision: 'elections' as ProvisionId,
            })
          ).length,
          2,
        );
      });
    });

    test('stances moved between versions and between dates, provisions compared by identity', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const { rows } = await new PositionService(store).movement(
          talks,
          'peace-plan',
          { version: 'v1' as VersionId },
          { version: 'revised-framework' as VersionId },
        );
        const ukraineOnDonbas = rows.find((r) => r.provision === 'donbas' && r.party === 'ukraine');
        assert.equal(ukraineOnDonbas?.change, 'moved');
        assert.equal(ukraineOnDonbas?.before?.stance, 'rejects');
        assert.equal(ukraineOnDonbas?.after?.stance, 'red-line');
        const byDate = await new PositionService(store).movement(
          talks,
          'peace-plan',
          { asOf: parseFuzzyDate('2025-11-23') },
          { asOf: parseFuzzyDate('2025-12-01') },
        );
        assert.equal(
          byDate.rows.find((r) => r.provision === 'donbas' && r.party === 'ukraine')?.after?.stance,
          'red-line',
        );
      });
    });

    test('no party’s private stance reaches anyone it was not meant for', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const viewers: Viewer[] = [
          OPERATOR,
          PUBLIC_VIEWER,
          { kind: 'mediator' },
          { kind: 'party', party: 'ukraine' as PartyId },
          { kind: 'party', party: 'russia' as PartyId },
          { kind: 'party', party: 'us' as PartyId },
        ];
        for (const viewer of viewers) {
          const positions = new PositionService(store, viewer);
          const texts = new TextService(store, viewer);
          const seen: string[] = [];
          for (const version of (await texts.getText(talks, 'peace-plan')).versions) {
            seen.push(
              JSON.stringify(
                [...(await positions.matrix(talks, 'peace-plan', version.id)).matrix.rows].map(
                  (r) => [...r.cells.values()],
                ),
              ),
            );
          }
          seen.push(JSON.stringify(await positions.history(talks, { text: 'peace-plan' })));
          seen.push(
            JSON.stringify(
              await positions.movement(
                talks,
                'peace-plan',
                { asOf: parseFuzzyDate('2025-01-01') },
                { asOf: parseFuzzyDate('2026-01-01') },
              ),
            ),
          );
          seen.push(await new RecordService(store, viewer).exportScenario(talks));
          const output = seen.join('\n');
          for (const [canary, allowed] of Object.entries(CANARIES)) {
            assert.equal(
              output.includes(canary),
              allowed(viewer),
              `${canary} for ${JSON.stringify(viewer)}`,
            );
          }
        }
      });
    });

    test('a scenario re-imported without its positions keeps them; one that drops a provision they name is refused', async () => {
      await kind.use(async (store) => {
        const records = new RecordService(store);
        await records.importScenario(example, 'example.yaml');
        // The positions section is cut out; what follows it (the analysis) stays.
        const withoutPositions = example.replace(
          /\npositions:\n[\s\S]*?(?=\n#[^\n]*\n# |\nissues:)/,
          '\n',
        );
        assert.doesNotMatch(withoutPositions, /\npositions:/);
        const report = await records.importScenario(withoutPositions, 'example.yaml');
        assert.equal(report.total, 0, 'positions are append-only');
        assert.match(await records.exportScenario(talks), /CANARY-russia-private-nato/);
        // The first version's NATO provision (Russia's private red line is recorded on it).
        const withoutNato = withoutPositions.replace(
          '          - id: nato\n            heading: NATO\n            body: Ukraine does not join NATO.\n',
          '',
        );
        assert.notEqual(withoutNato, withoutPositions);
        await assert.rejects(
          records.importScenario(withoutNato, 'edited.yaml'),
          /the position of russia on "nato" .* is kept, but/,
        );
      });
    });
  });
}
