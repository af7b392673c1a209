import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { OPERATOR, PUBLIC_VIEWER, type Viewer } from '../core/audience.ts';
import { NotFoundError } from '../core/errors.ts';
import { parseFuzzyDate } from '../core/fuzzy-date.ts';
import type { PartyId, ProcessId } from '../core/ids.ts';
import type { TimelineQuery } from '../core/timeline.ts';
import type { Store } from '../store/store.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { RecordService } from './record-service.ts';

const talks = 'ukraine-talks-2025' as ProcessId;
const d = parseFuzzyDate;
const DAY = 86_400_000;
/** The example, with the Moscow meeting (a week, scheduled) kept private. */
const secret = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
)
  .replace(
    '    description: Confirmed by Peskov. Kushner may join Witkoff.\n',
    '    description: Confirmed by Peskov.\n    audience: private\n',
  )
  // Two more: before 1970 (days before the epoch are counted too), and with an open start.
  .replace(
    '\nstatements:\n',
    `
  - slug: old-talks
    kind: meeting
    status: held
    title: Talks long ago
    date: 1969-12-31
  - slug: open-start
    kind: call
    status: held
    title: Calls until 20 November
    date: ..2025-11-20

statements:
`,
  );

/** The histogram's buckets checked against the timeline itself (the oracle): each event in the bucket of its start. */
async function checkAgainstTimeline(
  store: Store,
  viewer: Viewer,
  query: TimelineQuery,
  maxBuckets: number,
) {
  const service = new RecordService(store, viewer);
  const histogram = await service.timelineHistogram(talks, query, maxBuckets);
  const events = (await service.timeline(talks, query, { limit: 10_000, offset: 0 })).items;
  assert.equal(histogram.total, events.length);
  assert.equal(histogram.scheduled, events.filter((e) => e.status === 'scheduled').length);
  assert.ok(histogram.buckets.length <= maxBuckets);
  if (events.length === 0) return histogram;
  assert.ok(histogram.start !== null && histogram.end !== null);
  const start = histogram.start as number;
  for (const [i, bucket] of histogram.buckets.entries()) {
    assert.ok(bucket.end > bucket.start);
    if (i > 0) assert.equal(bucket.start, histogram.buckets[i - 1]?.end);
    const inBucket = events.filter((e) => {
      const at = Math.max(e.date.start, start);
      return at >= bucket.start && at < bucket.end;
    });
    assert.equal(bucket.count, inBucket.length, `bucket ${new Date(bucket.start).toISOString()}`);
  }
  return histogram;
}

for (const kind of testStoreKinds()) {
  describe(`timeline histogram on ${kind.name}`, () => {
    test('counts per day, week or month, the same events as the timeline, under the viewer’s rules', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(secret, 'secret.yaml');
        const window = { from: d('2025-11-23'), to: d('2025-12-07') };

        const byDay = await checkAgainstTimeline(store, OPERATOR, window, 100);
        assert.equal(byDay.unit, 'day');
        assert.equal(byDay.buckets.length, 15);
        assert.equal(byDay.start, Date.UTC(2025, 10, 23));
        assert.equal(byDay.end, Date.UTC(2025, 11, 8));
        const monday = byDay.buckets.find((b) => b.start === Date.UTC(2025, 11, 1));
        // Witkoff arrives that Monday, and the week of the Putin meeting starts then.
        assert.deepEqual(monday && [monday.count, monday.scheduled], [2, 2]);

        // The public never counts the private meeting.
        const pub = await checkAgainstTimeline(store, PUBLIC_VIEWER, window, 100);
        assert.equal(pub.total, byDay.total - 1);
        assert.equal(pub.scheduled, 1);
        const publicMonday = pub.buckets.find((b) => b.start === Date.UTC(2025, 11, 1));
        assert.deepEqual(publicMonday && [publicMonday.count, publicMonday.scheduled], [1, 1]);

        const byWeek = await checkAgainstTimeline(store, OPERATOR, window, 5);
        assert.equal(byWeek.unit, 'week');
        // Weeks from Monday: 17 Nov (the window starts on Sunday 23), 24 Nov, 1 Dec.
        assert.deepEqual(
          byWeek.buckets.map((b) => new Date(b.start).toISOString().slice(0, 10)),
          ['2025-11-23', '2025-11-24', '2025-12-01'],
        );
        const byMonth = await checkAgainstTimeline(store, OPERATOR, window, 2);
        assert.equal(byMonth.unit, 'month');
        assert.equal(byMonth.buckets.length, 2);

        // Without a window: the extent of the events; with filters, as the timeline filters.
        const extent = await checkAgainstTimeline(store, OPERATOR, {}, 400);
        assert.equal(extent.start, Date.UTC(1969, 11, 31));
        const old = extent.buckets.find(
          (b) => b.start <= Date.UTC(1969, 11, 31) && b.end > Date.UTC(1969, 11, 31),
        );
        assert.ok(old !== undefined && old.count >= 1);
        assert.ok((extent.end as number) >= Date.UTC(2025, 11, 8));
        await checkAgainstTimeline(store, OPERATOR, { kinds: ['meeting'] }, 400);
        await checkAgainstTimeline(store, PUBLIC_VIEWER, { statuses: ['scheduled'] }, 3);
        await checkAgainstTimeline(
          store,
          PUBLIC_VIEWER,
          { parties: ['russia' as PartyId], from: d('2025-11-30') },
          50,
        );
        const long = await checkAgainstTimeline(
          store,
          OPERATOR,
          { from: d('1000-01-01'), to: d('2999-12-31') },
          10,
        );
        assert.equal(long.unit, 'year');
        assert.ok(long.step >= 200);

        // An open side is no bound: the window ends at the events' extent there.
        const open = await checkAgainstTimeline(
          store,
          PUBLIC_VIEWER,
          { from: d('..2025-11-23'), to: d('2025-11-28') },
          1,
        );
        assert.deepEqual([open.start, open.end], [Date.UTC(1969, 11, 31), Date.UTC(2025, 10, 29)]);
        const openEnd = await checkAgainstTimeline(store, OPERATOR, { to: d('2025-12-01..') }, 10);
        assert.equal(openEnd.end, Date.UTC(2025, 11, 8));

        // Nothing in the window: empty buckets, nothing counted.
        const empty = await checkAgainstTimeline(
          store,
          OPERATOR,
          { from: d('2030-01-01'), to: d('2030-01-03') },
          10,
        );
        assert.deepEqual(
          [empty.total, empty.buckets.length, empty.end === null ? 0 : empty.end - DAY * 3],
          [0, 3, Date.UTC(2030, 0, 1)],
        );
        await assert.rejects(
          new RecordService(store).timelineHistogram(
            talks,
            { parties: ['atlantis' as PartyId] },
            10,
          ),
          NotFoundError,
        );
      });
    });
  });
}
