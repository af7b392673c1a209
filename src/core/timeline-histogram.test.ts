import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { OPEN_END, OPEN_START } from './fuzzy-date.ts';
import { dayCountsOf, type EventSpan, timelineHistogram } from './timeline.ts';

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 0, 1);

const span = fc
  .record({
    day: fc.integer({ min: -400, max: 800 }),
    days: fc.integer({ min: 1, max: 60 }),
    open: fc.constantFrom('none', 'none', 'none', 'start', 'end'),
    status: fc.constantFrom('held', 'scheduled', 'cancelled') as fc.Arbitrary<EventSpan['status']>,
  })
  .map(({ day, days, open, status }) => ({
    start: open === 'start' ? OPEN_START : BASE + day * DAY,
    end: open === 'end' ? OPEN_END : BASE + (day + days) * DAY,
    status,
  }));

test('buckets tile the window, are at most the maximum, and count each event inside it once', () => {
  fc.assert(
    fc.property(
      fc.array(span, { maxLength: 80 }),
      fc.option(fc.tuple(fc.integer({ min: -500, max: 900 }), fc.integer({ min: 1, max: 3_000 }))),
      fc.integer({ min: 1, max: 200 }),
      (events, window, max) => {
        const w =
          window === null
            ? undefined
            : { start: BASE + window[0] * DAY, end: BASE + (window[0] + window[1]) * DAY };
        // The store gives the events that overlap the window (all of them without one).
        const overlapping =
          w === undefined ? events : events.filter((e) => e.end > w.start && e.start < w.end);
        const h = timelineHistogram(dayCountsOf(overlapping), w, max);
        assert.ok(h.buckets.length <= max);
        if (h.start === null || h.end === null) {
          assert.equal(w, undefined);
          assert.ok(events.every((e) => e.start === OPEN_START && e.end === OPEN_END));
          return;
        }
        if (w !== undefined) assert.deepEqual([h.start, h.end], [w.start, w.end]);
        assert.equal(h.buckets[0]?.start, h.start);
        assert.equal(h.buckets.at(-1)?.end, h.end);
        for (let i = 1; i < h.buckets.length; i++)
          assert.equal(h.buckets[i]?.start, h.buckets[i - 1]?.end);
        const inside = events.filter(
          (e) => e.end > (h.start as number) && e.start < (h.end as number),
        );
        assert.equal(h.total, inside.length);
        assert.equal(
          h.buckets.reduce((n, b) => n + b.count, 0),
          inside.length,
        );
        assert.equal(h.scheduled, inside.filter((e) => e.status === 'scheduled').length);
        assert.equal(
          h.buckets.reduce((n, b) => n + b.scheduled, 0),
          h.scheduled,
        );
      },
    ),
  );
});

test('the finest unit that fits: days, weeks from Monday, months, years', () => {
  const events: EventSpan[] = [
    { start: Date.UTC(2025, 10, 30), end: Date.UTC(2025, 11, 1), status: 'held' },
  ];
  const window = (from: number, to: number) => ({ start: from, end: to });
  const nov = window(Date.UTC(2025, 10, 1), Date.UTC(2025, 11, 1));
  assert.equal(timelineHistogram(dayCountsOf(events), nov, 30).unit, 'day');
  const weeks = timelineHistogram(dayCountsOf(events), nov, 29);
  assert.equal(weeks.unit, 'week');
  // Saturday 1 November is in the week from Monday 27 October (the bucket is cut to the window).
  assert.equal(weeks.buckets[0]?.start, Date.UTC(2025, 10, 1));
  assert.equal(weeks.buckets[1]?.start, Date.UTC(2025, 10, 3));
  assert.equal(weeks.buckets.find((b) => b.count === 1)?.start, Date.UTC(2025, 10, 24));
  const year = window(Date.UTC(2025, 0, 1), Date.UTC(2026, 0, 1));
  assert.equal(timelineHistogram(dayCountsOf(events), year, 12).unit, 'month');
  assert.equal(timelineHistogram(dayCountsOf(events), year, 12).buckets[10]?.count, 1);
  // Year 1 (which `Date.UTC` would read as 1901) to 2999: 30 years a bucket.
  const yearOne = (year: number) => new Date(0).setUTCFullYear(year, 0, 1);
  const ages = timelineHistogram(dayCountsOf(events), window(yearOne(1), yearOne(3000)), 100);
  assert.deepEqual([ages.unit, ages.step, ages.buckets.length], ['year', 30, 100]);
  assert.deepEqual([ages.buckets[0]?.start, ages.buckets[1]?.start], [yearOne(1), yearOne(31)]);
  assert.equal(ages.buckets[67]?.count, 1); // 2011–2040
});
