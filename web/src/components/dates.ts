/**
 * Dates with precision for people: "Sun 30 Nov 2025", "week of 1 Dec 2025",
 * "by 23 Nov 2025", and how precise each is ("sometime that week"). Dates
 * are UTC days, as the record keeps them.
 */

import type { DatePrecision, FuzzyDate } from '../api/types.ts';

const DAY_MS = 86_400_000;

const day = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const weekday = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const time = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

const PRECISION_TEXT: Record<DatePrecision, string> = {
  instant: 'exact time',
  day: 'exact day',
  approximate: 'approximate',
  week: 'sometime that week',
  month: 'sometime that month',
  year: 'sometime that year',
  window: 'sometime in between',
};

/** How precise a date is, in words: "exact day", "sometime that week"… */
export function precisionText(date: FuzzyDate): string {
  if (date.precision === 'window' && (date.start === null || date.end === null))
    return 'exact date unknown';
  return PRECISION_TEXT[date.precision];
}

/** The date in words, without its note. */
export function describeDate(date: FuzzyDate): string {
  const start = date.start === null ? undefined : Date.parse(date.start);
  const end = date.end === null ? undefined : Date.parse(date.end);
  if (start === undefined && end === undefined) return 'date unknown';
  if (start === undefined) return `by ${day.format((end as number) - DAY_MS)}`;
  if (end === undefined) return `from ${day.format(start)}`;
  switch (date.precision) {
    case 'instant':
      return time.format(start);
    case 'day':
      return weekday.format(start);
    case 'approximate': {
      const margin = Math.round((end - start) / DAY_MS - 1) / 2;
      return `about ${day.format(start + margin * DAY_MS)} (± ${margin} day${margin === 1 ? '' : 's'})`;
    }
    case 'week':
      return `week of ${day.format(start)}`;
    case 'month':
      return month.format(start);
    case 'year':
      return String(new Date(start).getUTCFullYear());
    case 'window':
      return `${day.format(start)} – ${day.format(end - DAY_MS)}`;
  }
}

/** A time for "since your last visit": day and time in the user's own zone. */
export function describeInstant(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
