import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { OPERATOR, PUBLIC_VIEWER, type Viewer } from '../core/audience.ts';
import { parseFuzzyDate } from '../core/fuzzy-date.ts';
import type { PartyId, ProcessId, ProvisionId, TextId, VersionId } from '../core/ids.ts';
import { toJson } from '../io/json-output.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { type Dashboard, DashboardService } from './dashboard-service.ts';
import { PositionService } from './position-service.ts';
import { RecordService } from './record-service.ts';

// The reference scenario with a private event and a private statement (the operator's only).
const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
)
  .replace(
    '\nstatements:\n',
    `
  - slug: back-channel
    kind: call
    status: held
    title: CANARY-private-event
    date: 2025-11-29
    parties: [us, russia]
    audience: private

statements:
  - party: russia
    date: 2025-11-29
    form: quotation
    text: CANARY-private-statement
    audience: private
`,
  )
  // Russia's profile kept to Russia, with a canary (positions carry the others).
  .replace(
    /(- party: russia\n {4}audience: )mediator\n {4}note: [^\n]*/,
    '$1party\n    note: CANARY-russia-profile',
  );
const talks = 'ukraine-talks-2025' as ProcessId;
const day = parseFuzzyDate;

const VIEWERS: Record<string, Viewer> = {
  operator: OPERATOR,
  public: PUBLIC_VIEWER,
  mediator: { kind: 'mediator' },
  ukraine: { kind: 'party', party: 'ukraine' as PartyId },
  russia: { kind: 'party', party: 'russia' as PartyId },
};

/** Who may see each canary. */
const CANARIES: Record<string, readonly string[]> = {
  'CANARY-private-event': ['operator'],
  'CANARY-private-statement': ['operator'],
  'CANARY-ukraine-mediator-red-line': ['operator', 'mediator', 'ukraine'],
  'CANARY-ukraine-private-army-cap': ['operator', 'ukraine'],
  'CANARY-russia-private-nato': ['operator', 'russia'],
  'CANARY-russia-profile': [],
};

const leadsOf = (dashboard: Dashboard, party: string) =>
  dashboard.parties.find((p) => p.party.id === party)?.leads.map((l) => l.person.id);

for (const kind of testStoreKinds()) {
  describe(`dashboard service on ${kind.name}`, () => {
    test('each viewer sees only what it may: versions, open provisions, events, statements, positions', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const seen: Record<string, Dashboard> = {};
        for (const [name, viewer] of Object.entries(VIEWERS)) {
          const dashboard = await new DashboardService(store, viewer).dashboard(talks, {
            asOf: day('2025-12-05'),
            since: day('2025-11-01'),
            limit: 50,
          });
          seen[name] = dashboard;
          const json = toJson(dashboard);
          for (const [canary, allowed] of Object.entries(CANARIES))
            assert.equal(json.includes(canary), allowed.includes(name), `${name} and ${canary}`);
        }
        const current = (name: string) => seen[name]?.texts[0]?.current;
        // The revised framework went to the mediator and Ukraine only; it has two open provisions.
        for (const name of ['operator', 'mediator', 'ukraine']) {
          assert.equal(current(name)?.id, 'revised-framework', name);
          assert.equal(current(name)?.openProvisions, 2, name);
          assert.equal(current(name)?.provisionCount, 8, name);
          assert.equal(seen[name]?.texts[0]?.versions, 2, name);
        }
        for (const name of ['public', 'russia']) {
          assert.equal(current(name)?.id, 'v1', name);
          assert.equal(current(name)?.openProvisions, 0, name);
          assert.equal(seen[name]?.texts[0]?.versions, 1, name);
          assert.ok(
            !toJson(seen[name]).includes('revised-framework'),
            `${name} never hears of the revised framework`,
          );
        }
        // Events and statements: the private ones are the operator's.
        assert.equal(seen.operator?.changes?.events.total, 8);
        assert.equal(seen.ukraine?.changes?.events.total, 7);
        assert.equal(seen.operator?.changes?.statements.total, 11);
        assert.equal(seen.mediator?.changes?.statements.total, 10);
        // Positions: own (any audience) and public ones; the mediator what is shared with it.
        const parties = (name: string) =>
          seen[name]?.changes?.positions.items.map((p) => `${p.party}:${p.audience}`).sort();
        assert.deepEqual(parties('public'), ['ukraine:public', 'ukraine:public']);
        assert.deepEqual(parties('russia'), [
          'russia:party',
          'russia:party',
          'ukraine:public',
          'ukraine:public',
        ]);
        assert.equal(seen.ukraine?.changes?.positions.total, 6);
        assert.equal(seen.mediator?.changes?.positions.total, 5);
        assert.equal(seen.operator?.changes?.positions.total, 8);
      });
    });

    test('who leads each delegation on the day, the next events, the latest statements', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const service = new DashboardService(store, { kind: 'party', party: 'ukraine' as PartyId });
        const before = await service.dashboard(talks, { asOf: day('2025-11-25') });
        assert.deepEqual(leadsOf(before, 'ukraine'), ['yermak']);
        assert.deepEqual(leadsOf(before, 'us'), ['rubio']);
        assert.deepEqual(leadsOf(before, 'russia'), []);
        assert.equal(before.changes, undefined);
        assert.deepEqual(
          before.upcoming.items.map((e) => e.id),
          [
            'yermak-home-searched',
            'yermak-resigns',
            'umerov-heads-delegation',
            'sunday-meeting',
            'witkoff-arrives-moscow',
          ],
        );
        assert.equal(before.upcoming.hasMore, true);
        const after = await service.dashboard(talks, { asOf: day('2025-12-01'), limit: 3 });
        assert.deepEqual(leadsOf(after, 'ukraine'), ['umerov']);
        assert.equal(
          after.parties.find((p) => p.party.id === 'ukraine')?.leads[0]?.tenure.certainty,
          'certain',
        );
        assert.deepEqual(
          after.upcoming.items.map((e) => e.id),
          ['witkoff-arrives-moscow', 'putin-witkoff-meeting'],
        );
        // Newest first, by the end of their dates; none made after the day.
        assert.equal(after.statements.items.length, 3);
        assert.equal(after.statements.hasMore, true);
        const ends = after.statements.items.map((s) => s.date.end);
        assert.deepEqual(
          ends,
          [...ends].sort((a, b) => b - a),
        );
        const early = await service.dashboard(talks, { asOf: day('2025-11-23'), limit: 50 });
        assert.ok(early.statements.items.every((s) => s.date.start < day('2025-11-24').start));
        assert.ok(early.statements.items.some((s) => s.event === 'geneva-talks'));
        assert.ok(!early.statements.items.some((s) => s.event === 'sunday-meeting'));
      });
    });

    test('what changed since a visit: new positions, events and versions, up to the day', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const ukraine: Viewer = { kind: 'party', party: 'ukraine' as PartyId };
        await new PositionService(store).record(talks, {
          text: 'peace-plan' as TextId,
          version: 'revised-framework' as VersionId,
          provision: 'elections' as ProvisionId,
          party: 'ukraine' as PartyId,
          stance: 'accepts',
          note: 'CANARY-new-private',
          recorded: day('2025-12-03T09:00Z'),
          audience: 'party',
        });
        const since = (viewer: Viewer, when: string, asOf = '2025-12-05') =>
          new DashboardService(store, viewer).dashboard(talks, {
            asOf: day(asOf),
            since: day(when),
          });
        const mine = await since(ukraine, '2025-12-02T12:00Z');
        assert.equal(mine.changes?.positions.total, 1);
        assert.equal(mine.changes?.positions.items[0]?.note, 'CANARY-new-private');
        // The Moscow meeting (week 49) may fall after noon on 2 December; the arrival (1 December) may not.
        assert.deepEqual(
          mine.changes?.events.items.map((e) => e.id),
          ['putin-witkoff-meeting'],
        );
        assert.equal(mine.changes?.versions.total, 0);
        const theirs = await since({ kind: 'party', party: 'russia' as PartyId }, '2025-12-02');
        assert.equal(theirs.changes?.positions.total, 0);
        assert.ok(!toJson(theirs).includes('CANARY-new-private'));
        // Versions by their dates: the revised framework (23–30 November), for those who may see it.
        const visit = await since(ukraine, '2025-11-24', '2025-12-01');
        assert.deepEqual(
          visit.changes?.versions.items.map((v) => `${v.text}/${v.version.id}`),
          ['peace-plan/revised-framework'],
        );
        const observer = await since(PUBLIC_VIEWER, '2025-11-24', '2025-12-01');
        assert.equal(observer.changes?.versions.total, 0);
        // Nothing dated after the dashboard's day counts as changed yet.
        const past = await since(ukraine, '2025-11-29', '2025-11-29');
        assert.equal(past.changes?.positions.items.length, 2); // "..2025-12-01 (as reported)": possibly by then
        assert.ok(past.changes?.events.items.every((e) => e.date.start < day('2025-11-30').start));
        const future = await since(ukraine, '2026-01-01');
        for (const kind of ['versions', 'events', 'statements', 'positions'] as const)
          assert.equal(future.changes?.[kind].total, 0, kind);
      });
    });
  });
}
