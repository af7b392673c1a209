import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { OPERATOR, PUBLIC_VIEWER } from '../core/audience.ts';
import { ConflictError, InvalidError, NotFoundError } from '../core/errors.ts';
import { parseFuzzyDate } from '../core/fuzzy-date.ts';
import type { EventId, PartyId, ProcessId } from '../core/ids.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { RecordService } from './record-service.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);
const talks = 'ukraine-talks-2025' as ProcessId;
const all = { limit: 1000, offset: 0 };
const d = parseFuzzyDate;

for (const kind of testStoreKinds()) {
  describe(`record service on ${kind.name}`, () => {
    test('answers who heads Ukraine’s delegation before and after the change, and why it changed', async () => {
      await kind.use(async (store) => {
        const service = new RecordService(store);
        await service.importScenario(example, 'example.yaml');
        const head = async (asOf: string) => {
          const groups = await service.who(talks, {
            parties: ['ukraine' as PartyId],
            roles: ['head-of-delegation'],
            asOf: d(asOf),
          });
          return groups.flatMap((g) =>
            g.entries.map((e) => `${e.person.id}:${e.tenure.certainty}`),
          );
        };
        assert.deepEqual(await head('2025-11-25'), ['yermak:certain']);
        assert.deepEqual(await head('2025-11-28'), ['umerov:possible']);
        assert.deepEqual(await head('2025-12-01'), ['umerov:certain']);

        const yermak = await service.showPerson(talks, 'Andrii Yermak', all);
        const role = yermak.appointments.find((a) => a.role === 'head-of-delegation');
        assert.equal(role?.ended?.reason, 'resigned');
        assert.equal(role?.ended?.replacedBy, 'umerov');
        assert.match(role?.ended?.note ?? '', /searched his home/);
      });
    });

    test('lists the Moscow meetings as upcoming, with their precision', async () => {
      await kind.use(async (store) => {
        const service = new RecordService(store);
        await service.importScenario(example, 'example.yaml');
        const upcoming = await service.timeline(talks, { upcomingAsOf: d('2025-12-01') }, all);
        assert.deepEqual(
          upcoming.items.map((e) => [e.id, e.date.precision]),
          [
            ['witkoff-arrives-moscow', 'day'],
            ['putin-witkoff-meeting', 'week'],
          ],
        );
        const stillAhead = await service.timeline(talks, { upcomingAsOf: d('2025-12-05') }, all);
        assert.deepEqual(
          stillAhead.items.map((e) => e.id),
          ['putin-witkoff-meeting'],
        );
      });
    });

    test('shows an event with each party’s delegation in its capacity on the day', async () => {
      await kind.use(async (store) => {
        const service = new RecordService(store);
        await service.importScenario(example, 'example.yaml');
        const report = await service.showEvent(talks, 'sunday-meeting' as EventId);
        const ukraine = report.delegations.find((delegation) => delegation.party === 'ukraine');
        assert.equal(ukraine?.members[0]?.person, 'umerov');
        assert.deepEqual(
          report.followUps.map((e) => e.id),
          ['witkoff-arrives-moscow'],
        );
        await assert.rejects(
          service.showEvent(talks, 'sunday-meting' as EventId),
          /did you mean "sunday-meeting"/,
        );
      });
    });

    test('importing twice changes nothing; an edited file applies exactly its edits', async () => {
      await kind.use(async (store) => {
        const service = new RecordService(store);
        const first = await service.importScenario(example, 'example.yaml');
        assert.equal(first.processChange, 'added');
        assert.equal((await service.importScenario(example, 'example.yaml')).total, 0);

        const edited = example
          .replace('title: Witkoff arrives in Moscow', 'title: Witkoff lands in Moscow')
          .replace(/ {2}- party: ukraine\n {4}date: \.\.2025-12-01 \(as reported\)[\s\S]*?\n\n/, '')
          .replace(
            'statements:\n',
            'statements:\n  - slug: peskov-later\n    speaker: peskov\n    date: 2025-12-02\n    form: paraphrase\n    text: Says the talks were useful.\n\n',
          );
        const dry = await service.importScenario(edited, 'edited.yaml', { dryRun: true });
        assert.equal(dry.total, 3);
        assert.equal(
          (await service.importScenario(example, 'example.yaml')).total,
          0,
          'a dry run writes nothing',
        );

        const report = await service.importScenario(edited, 'edited.yaml');
        assert.deepEqual(report.collections.events, {
          added: 0,
          changed: 1,
          removed: 0,
          unchanged: 6,
        });
        assert.deepEqual(report.collections.statements, {
          added: 1,
          changed: 0,
          removed: 1,
          unchanged: 9,
        });
        assert.equal(report.total, 3);
        const exported = await service.exportScenario(talks);
        assert.match(exported, /title: Witkoff lands in Moscow/);
        assert.equal(
          (await service.importScenario(exported, 'exported.yaml')).total,
          0,
          'export(import(x)) is equivalent to x',
        );
      });
    });

    test('two imports of a new process at once: nothing is lost or doubled, a loser is told', async () => {
      await kind.use(async (store) => {
        const results = await Promise.allSettled([
          new RecordService(store).importScenario(example, 'a.yaml'),
          new RecordService(store).importScenario(example, 'b.yaml'),
        ]);
        for (const result of results) {
          if (result.status === 'rejected')
            assert.ok(result.reason instanceof ConflictError, String(result.reason));
        }
        assert.ok(results.some((result) => result.status === 'fulfilled'));
        const service = new RecordService(store);
        assert.equal((await service.listProcesses()).length, 1);
        assert.equal((await service.importScenario(example, 'again.yaml')).total, 0);
      });
    });

    test('a refused file changes nothing', async () => {
      await kind.use(async (store) => {
        const service = new RecordService(store);
        await service.importScenario(example, 'example.yaml');
        const before = await service.exportScenario(talks);
        const broken = example
          .replace('title: Witkoff arrives in Moscow', 'title: Edited')
          .replace('led_by: rubio', 'led_by: rubbio');
        await assert.rejects(service.importScenario(broken, 'broken.yaml'), (error: unknown) => {
          assert.ok(error instanceof InvalidError);
          assert.match(
            error.message,
            /broken\.yaml:\d+: events\[0\]\.led_by: unknown person "rubbio"; did you mean "rubio"\?/,
          );
          return true;
        });
        assert.equal(await service.exportScenario(talks), before);
      });
    });

    test('the public sees neither private statements nor the events they hang on', async () => {
      await kind.use(async (store) => {
        const secret = example
          .replace(
            '    description: Confirmed by Peskov. Kushner may join Witkoff.\n',
            '    description: Confirmed by Peskov.\n    audience: private\n',
          )
          .replace(
            'statements:\n',
            'statements:\n  - speaker: umerov\n    date: 2025-11-30\n    form: quotation\n    text: CANARY-private-red-line\n    audience: private\n\n',
          );
        await new RecordService(store).importScenario(secret, 'secret.yaml');
        const observer = new RecordService(store, PUBLIC_VIEWER);
        const exported = await observer.exportScenario(talks);
        assert.doesNotMatch(exported, /CANARY|putin-witkoff-meeting|Kushner may join/);
        const timeline = await observer.timeline(talks, {}, all);
        assert.ok(!timeline.items.some((e) => e.id === 'putin-witkoff-meeting'));
        await assert.rejects(
          observer.showEvent(talks, 'putin-witkoff-meeting' as EventId),
          NotFoundError,
        );
        const operator = new RecordService(store, OPERATOR);
        assert.match(await operator.exportScenario(talks), /CANARY-private-red-line/);
      });
    });

    test('statements by a person or a party; unknown names get a suggestion', async () => {
      await kind.use(async (store) => {
        const service = new RecordService(store);
        await service.importScenario(example, 'example.yaml');
        const byZelenskyy = await service.statements(talks, { by: 'zelenskyy' }, all);
        assert.deepEqual(
          byZelenskyy.items.map((s) => s.channel),
          ['post on X', 'nightly video address'],
        );
        const byUkraine = await service.statements(talks, { by: 'ukraine' }, all);
        assert.equal(byUkraine.items.length, 5);
        await assert.rejects(
          service.statements(talks, { by: 'zelensky' }, all),
          /did you mean "zelenskyy"/,
        );
        await assert.rejects(
          service.resolveProcess('ukraine-talk-2025'),
          /did you mean "ukraine-talks-2025"/,
        );
      });
    });
  });
}
