/** fast-check generator of dates with precision, within a few months so that they overlap often. */

import fc from 'fast-check';
import { DAY_MS } from '../core/calendar.ts';
import { type FuzzyDate, parseFuzzyDate } from '../core/fuzzy-date.ts';

const BASE = Date.UTC(2025, 10, 1);

/** Dates in every precision within a few months, so that generated dates overlap often. */
export const fuzzyDateArb: fc.Arbitrary<FuzzyDate> = fc
  .tuple(
    fc.integer({ min: 0, max: 90 }),
    fc.constantFrom(
      'day',
      'approximate',
      'week',
      'month',
      'window',
      'open-start',
      'open-end',
      'instant',
    ),
    fc.integer({ min: 1, max: 10 }),
    fc.option(fc.constantFrom('later this week', 'tbc'), { nil: undefined }),
  )
  .map(([offset, kind, span, label]) => {
    const day = new Date(BASE + offset * DAY_MS).toISOString().slice(0, 10);
    const later = new Date(BASE + (offset + span) * DAY_MS).toISOString().slice(0, 10);
    const text = {
      day,
      approximate: `${day}±${span}d`,
      week: `2025-W${String(45 + (offset % 8)).padStart(2, '0')}`,
      month: day.slice(0, 7),
      window: `${day}..${later}`,
      'open-start': `..${day}`,
      'open-end': `${day}..`,
      instant: `${day}T${String(span).padStart(2, '0')}:30Z`,
    }[kind] as string;
    return parseFuzzyDate(label === undefined ? text : `${text} (${label})`);
  });
