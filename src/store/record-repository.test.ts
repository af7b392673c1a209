import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { tenuresAt } from '../core/appointment.ts';
import { OPERATOR, PUBLIC_VIEWER } from '../core/audience.ts';
import { lastInstant } from '../core/fuzzy-date.ts';
import type { PersonId, ProcessId } from '../core/ids.ts';
import { EVENT_KINDS, EVENT_STATUSES } from '../core/negotiation-event.ts';
import {
  countChanges,
  diffRecords,
  type ProcessRecord,
  sortRecord,
} from '../core/process-record.ts';
import { visibleRecord } from '../core/record-view.ts';
import {
  compareEventsChronologically,
  matchesTimeline,
  type TimelineQuery,
} from '../core/timeline.ts';
import { generateRecord } from '../testing/generate-record.ts';
import { fuzzyDateArb, processRecordArb } from '../testing/record-arbitrary.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import type { Store } from './store.ts';

/** Brings the stored process to `record`, as an import does. */
async function save(store: Store, record: ProcessRecord): Promise<void> {
  await store.transaction(async ({ record: repo }) => {
    await repo.lockProcess(record.process.id);
    const before = await repo.loadRecord(record.process.id);
    await repo.applyChanges(record, diffRecords(before, record));
  });
}

async function load(store: Store, slug: ProcessId): Promise<ProcessRecord | undefined> {
  const record = await store.repositories.record.loadRecord(slug);
  return record && sortRecord(record);
}

const RUNS = { numRuns: 25 };

/**
 * The record without texts and positions. Positions are append-only, so a run
 * that saves record after record into one store (to test replacement) would
 * keep positions that no longer fit; texts and positions have their own test.
 */
const withoutTexts = (record: ProcessRecord): ProcessRecord => ({
  ...record,
  texts: [],
  positions: [],
});
const recordOnlyArb = processRecordArb.map(withoutTexts);
let processCounter = 0;

const timelineQueryArb = (record: ProcessRecord): fc.Arbitrary<TimelineQuery> =>
  fc
    .record(
      {
        from: fuzzyDateArb,
        to: fuzzyDateArb,
        parties: fc.subarray(record.parties.map((p) => p.id)),
        people: fc.subarray(record.people.map((p) => p.id)),
        kinds: fc.subarray([...EVENT_KINDS], { minLength: 1 }),
        statuses: fc.subarray([...EVENT_STATUSES], { minLength: 1 }),
        upcomingAsOf: fuzzyDateArb,
      },
      { requiredKeys: [] },
    )
    .map((query) => ({ ...query }));

for (const kind of testStoreKinds()) {
  describe(`record repository on ${kind.name}`, () => {
    test('stores a record and loads it back unchanged; a later record replaces it with exactly the edits', async () => {
      await kind.use(async (plain) => {
        const store = plain.forViewer(OPERATOR);
        await fc.assert(
          fc.asyncProperty(recordOnlyArb, async (record) => {
            await save(store, record);
            assert.deepEqual(await load(store, record.process.id), sortRecord(record));
            const again = diffRecords(
              await store.repositories.record.loadRecord(record.process.id),
              record,
            );
            assert.equal(countChanges(again), 0, 'the stored record equals the record saved');
          }),
          RUNS,
        );
      });
    });

    test('the timeline query agrees with matchesTimeline, page by page', async () => {
      await kind.use(async (plain) => {
        const store = plain.forViewer(OPERATOR);
        const repo = store.repositories.record;
        await fc.assert(
          fc.asyncProperty(
            recordOnlyArb.chain((record) =>
              fc.tuple(
                fc.constant(record),
                timelineQueryArb(record),
                fc.integer({ min: 1, max: 4 }),
              ),
            ),
            async ([record, query, limit]) => {
              await save(store, record);
              const expected = record.events
                .filter((e) => matchesTimeline(e, query))
                .sort(compareEventsChronologically)
                .map((e) => e.id);
              const got: string[] = [];
              for (let offset = 0; ; offset += limit) {
                const page = await repo.timeline(record.process.id, query, OPERATOR, {
                  limit,
                  offset,
                });
                got.push(...page.items.map((e) => e.id));
                if (!page.hasMore) break;
              }
              assert.deepEqual(got, expected);
            },
          ),
          RUNS,
        );
      });
    });

    test('appointments around a date, classified, agree with tenuresAt over all appointments', async () => {
      await kind.use(async (plain) => {
        const store = plain.forViewer(OPERATOR);
        await fc.assert(
          fc.asyncProperty(
            recordOnlyArb.chain((record) =>
              fc.tuple(
                fc.constant(record),
                fuzzyDateArb,
                fc.option(fc.subarray(record.parties.map((p) => p.id)), { nil: undefined }),
              ),
            ),
            async ([record, asOf, parties]) => {
              await save(store, record);
              const candidates = await store.repositories.record.appointmentsAround(
                record.process.id,
                {
                  at: lastInstant(asOf),
                  ...(parties === undefined ? {} : { parties }),
                },
              );
              const wanted = record.appointments.filter(
                (a) =>
                  parties === undefined || (a.party !== undefined && parties.includes(a.party)),
              );
              const key = (t: { appointment: { key: string }; certainty: string }) =>
                `${t.appointment.key}:${t.certainty}`;
              assert.deepEqual(
                tenuresAt(candidates, asOf).map(key).sort(),
                tenuresAt(wanted, asOf).map(key).sort(),
              );
            },
          ),
          RUNS,
        );
      });
    });

    test('statements filter by speaker, party and event; the public sees only public material', async () => {
      await kind.use(async (plain) => {
        const store = plain.forViewer(OPERATOR);
        const repo = store.repositories.record;
        await fc.assert(
          fc.asyncProperty(recordOnlyArb, async (record) => {
            await save(store, record);
            const all = { limit: 10_000, offset: 0 };
            const visible = visibleRecord(record, PUBLIC_VIEWER);
            const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();
            const publicStatements = await repo.statements(
              record.process.id,
              {},
              PUBLIC_VIEWER,
              all,
            );
            assert.deepEqual(ids(publicStatements.items), ids([...visible.statements]));
            const publicEvents = await repo.timeline(record.process.id, {}, PUBLIC_VIEWER, all);
            assert.deepEqual(
              publicEvents.items,
              [...visible.events].sort(compareEventsChronologically),
            );
            // The counts say no more than the lists: hidden items are not counted.
            const summary = (await repo.listProcesses(PUBLIC_VIEWER)).find(
              (p) => p.process.id === record.process.id,
            );
            assert.deepEqual(summary?.counts, {
              parties: record.parties.length,
              people: record.people.length,
              events: visible.events.length,
              statements: visible.statements.length,
            });
            for (const person of record.people) {
              const page = await repo.statements(
                record.process.id,
                { speakers: [person.id] },
                OPERATOR,
                all,
              );
              assert.deepEqual(
                ids(page.items),
                ids(record.statements.filter((s) => s.speaker === person.id)),
              );
            }
            for (const event of record.events) {
              const page = await repo.statements(
                record.process.id,
                { event: event.id },
                OPERATOR,
                all,
              );
              assert.deepEqual(
                ids(page.items),
                ids(record.statements.filter((s) => s.event === event.id)),
              );
            }
          }),
          { numRuns: 15 },
        );
      });
    });

    test('texts (versions, provision trees) and positions are stored and read back whole', async () => {
      await kind.use(async (plain) => {
        const store = plain.forViewer(OPERATOR);
        await fc.assert(
          fc.asyncProperty(processRecordArb, async (generated) => {
            const slug = `${generated.process.id}-${++processCounter}` as ProcessId;
            const record = {
              ...generated,
              process: { ...generated.process, id: slug },
            };
            await save(store, record);
            assert.deepEqual(await load(store, slug), sortRecord(record));
          }),
          RUNS,
        );
      });
    });

    test('a transaction that fails writes nothing', async () => {
      await kind.use(async (plain) => {
        const store = plain.forViewer(OPERATOR);
        const [record] = fc.sample(processRecordArb, { numRuns: 1, seed: 7 });
        assert.ok(record);
        await assert.rejects(
          store.transaction(async ({ record: repo }) => {
            await repo.applyChanges(record, diffRecords(undefined, record));
            throw new Error('interrupted');
          }),
          /interrupted/,
        );
        assert.deepEqual(await store.repositories.record.listProcesses(OPERATOR), []);
        await save(store, record);
        const [summary] = await store.repositories.record.listProcesses(OPERATOR);
        assert.equal(summary?.counts.events, record.events.length);
      });
    });
  });
}

for (const kind of testStoreKinds()) {
  test(`a large import, loaded with indexes rebuilt, reads back the same on ${kind.name}`, async () => {
    const size = { parties: 12, people: 1_500, events: 12_000, statements: 12_000, sources: 40 };
    const record = generateRecord(size, 3, () => {});
    await kind.use(async (plain) => {
      const store = plain.forViewer(OPERATOR);
      await save(store, record);
      assert.deepEqual(await load(store, record.process.id), sortRecord(record));
      const [summary] = await store.repositories.record.listProcesses(OPERATOR);
      assert.equal(summary?.counts.events, size.events);
      const page = await store.repositories.record.timeline(
        record.process.id,
        { people: ['person-7' as PersonId] },
        OPERATOR,
        { limit: 1000, offset: 0 },
      );
      assert.deepEqual(
        page.items.map((e) => e.id),
        record.events
          .filter((e) => matchesTimeline(e, { people: ['person-7' as PersonId] }))
          .sort(compareEventsChronologically)
          .map((e) => e.id),
      );
    });
  });
}
