import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DAY_MS } from './calendar.ts';
import { InvalidError } from './errors.ts';
import {
  compareFuzzyDates,
  type FuzzyDate,
  formatFuzzyDate,
  OPEN_END,
  OPEN_START,
  parseFuzzyDate,
} from './fuzzy-date.ts';
import { describeFuzzyDate } from './fuzzy-date-describe.ts';

const utc = (text: string) => Date.parse(text);

describe('parseFuzzyDate', () => {
  test('reads every precision as an interval', () => {
    const cases: [string, FuzzyDate['precision'], string, string][] = [
      ['2025-11-30', 'day', '2025-11-30T00:00Z', '2025-12-01T00:00Z'],
      ['2025-11-30T14:00Z', 'instant', '2025-11-30T14:00Z', '2025-11-30T14:00:00.001Z'],
      ['2025-11-30T16:00+02:00', 'instant', '2025-11-30T14:00Z', '2025-11-30T14:00:00.001Z'],
      ['2025-11-23±2d', 'approximate', '2025-11-21T00:00Z', '2025-11-26T00:00Z'],
      ['~2025-11-23', 'approximate', '2025-11-20T00:00Z', '2025-11-27T00:00Z'],
      ['2025-W49', 'week', '2025-12-01T00:00Z', '2025-12-08T00:00Z'],
      ['2026-W01', 'week', '2025-12-29T00:00Z', '2026-01-05T00:00Z'],
      ['2024-02', 'month', '2024-02-01T00:00Z', '2024-03-01T00:00Z'],
      ['2025', 'year', '2025-01-01T00:00Z', '2026-01-01T00:00Z'],
      ['2025-12-01..2025-12-04', 'window', '2025-12-01T00:00Z', '2025-12-05T00:00Z'],
    ];
    for (const [text, precision, start, end] of cases) {
      const date = parseFuzzyDate(text);
      assert.equal(date.precision, precision, text);
      assert.equal(date.start, utc(start), `${text} start`);
      assert.equal(date.end, utc(end), `${text} end`);
    }
  });

  test('reads open windows and notes', () => {
    const before = parseFuzzyDate('..2025-11-23 (at the latest by the Geneva meeting)');
    assert.equal(before.start, OPEN_START);
    assert.equal(before.end, utc('2025-11-24T00:00Z'));
    assert.equal(before.label, 'at the latest by the Geneva meeting');
    assert.equal(parseFuzzyDate('2025-12-01..').end, OPEN_END);
    const week = parseFuzzyDate('2025-W49 (later this week, before Putin leaves for India)');
    assert.equal(week.precision, 'week');
    assert.equal(week.label, 'later this week, before Putin leaves for India');
  });

  test('refuses impossible and malformed dates with a reason', () => {
    const cases: [string, RegExp][] = [
      ['2025-02-29', /February 2025 has 28 days/],
      ['2025-13', /month 13 does not exist/],
      ['2025-W53', /2025 has ISO weeks 1 to 52/],
      ['2025-12-04..2025-12-01', /ends before it starts/],
      ['..', /at least one end/],
      ['2025-11-30T25:00Z', /time of day/],
      ['2025-11-30T10:00', /not a date/],
      ['next Tuesday', /not a date; write a day/],
      ['2025-11-30±0d', /between 1 and 366/],
      ['2025-11-30 ()', /not a date/],
    ];
    for (const [text, reason] of cases) {
      assert.throws(
        () => parseFuzzyDate(text),
        (error: unknown) => error instanceof InvalidError && reason.test(error.message),
        text,
      );
    }
  });

  test('accepts 29 February in leap years and week 53 where it exists', () => {
    assert.equal(parseFuzzyDate('2024-02-29').precision, 'day');
    assert.equal(parseFuzzyDate('2026-W53').start, utc('2026-12-28T00:00Z'));
  });
});

const dayArb = fc
  .integer({ min: utc('1900-01-01T00:00Z') / DAY_MS, max: utc('2199-12-31T00:00Z') / DAY_MS })
  .map((n) => new Date(n * DAY_MS).toISOString().slice(0, 10));

const dateTextArb = fc.oneof(
  dayArb,
  fc
    .tuple(
      dayArb,
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: -12, max: 14 }),
    )
    .map(([day, h, m, offset]) => {
      const sign = offset < 0 ? '-' : '+';
      const zone = offset === 0 ? 'Z' : `${sign}${String(Math.abs(offset)).padStart(2, '0')}:30`;
      return `${day}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}${zone}`;
    }),
  fc.tuple(dayArb, fc.integer({ min: 1, max: 366 })).map(([day, margin]) => `${day}±${margin}d`),
  fc
    .tuple(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 52 }))
    .map(([year, week]) => `${year}-W${String(week).padStart(2, '0')}`),
  fc
    .tuple(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }))
    .map(([year, month]) => `${year}-${String(month).padStart(2, '0')}`),
  fc.integer({ min: 1900, max: 2199 }).map(String),
  fc.tuple(dayArb, dayArb).map(([a, b]) => (a <= b ? `${a}..${b}` : `${b}..${a}`)),
  dayArb.map((day) => `..${day}`),
  dayArb.map((day) => `${day}..`),
);

const labelledArb = fc
  .tuple(dateTextArb, fc.option(fc.constantFrom('later this week', 'before the summit (tbc)')))
  .map(([text, label]) => (label === null ? text : `${text} (${label})`));

describe('fuzzy date properties', () => {
  test('format and parse round-trip', () => {
    fc.assert(
      fc.property(labelledArb, (text) => {
        const date = parseFuzzyDate(text);
        assert.deepEqual(parseFuzzyDate(formatFuzzyDate(date)), date);
        assert.ok(date.start < date.end);
      }),
    );
  });

  test('the order is total, antisymmetric and transitive', () => {
    fc.assert(
      fc.property(labelledArb, labelledArb, labelledArb, (x, y, z) => {
        const [a, b, c] = [x, y, z].map(parseFuzzyDate) as [FuzzyDate, FuzzyDate, FuzzyDate];
        assert.equal(Math.sign(compareFuzzyDates(a, b)), -Math.sign(compareFuzzyDates(b, a)));
        if (compareFuzzyDates(a, b) <= 0 && compareFuzzyDates(b, c) <= 0) {
          assert.ok(compareFuzzyDates(a, c) <= 0);
        }
      }),
    );
  });

  test('a week is seven days starting on a Monday', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2199 }),
        fc.integer({ min: 1, max: 52 }),
        (year, week) => {
          const date = parseFuzzyDate(`${year}-W${String(week).padStart(2, '0')}`);
          assert.equal(date.end - date.start, 7 * DAY_MS);
          assert.equal(new Date(date.start).getUTCDay(), 1);
        },
      ),
    );
  });

  test('sorting puts a week by its Monday, after the Sunday before it', () => {
    const sorted = ['2025-W49', '2025-11-30', '2025-12-01', '..2025-11-23', '2025-12']
      .map(parseFuzzyDate)
      .sort(compareFuzzyDates)
      .map(formatFuzzyDate);
    assert.deepEqual(sorted, ['..2025-11-23', '2025-11-30', '2025-12-01', '2025-W49', '2025-12']);
  });
});

describe('describeFuzzyDate', () => {
  test('shows the precision in words', () => {
    const cases: [string, string][] = [
      ['2025-11-30', 'Sun 30 Nov 2025'],
      ['2025-11-30T16:00+02:00', 'Sun 30 Nov 2025, 16:00 UTC+02:00'],
      ['2025-11-23±2d', 'about 23 Nov 2025 (±2 days)'],
      [
        '2025-W49 (before Putin leaves for India)',
        'week of 1–7 Dec 2025 (before Putin leaves for India)',
      ],
      ['2026-W01', 'week of 29 Dec 2025 – 4 Jan 2026'],
      ['2025-12', 'Dec 2025'],
      ['2025-11-28..2025-12-02', '28 Nov – 2 Dec 2025'],
      ['..2025-11-23', 'by 23 Nov 2025'],
      ['2025-12-01..', 'from 1 Dec 2025'],
    ];
    for (const [text, words] of cases) assert.equal(describeFuzzyDate(parseFuzzyDate(text)), words);
  });
});
