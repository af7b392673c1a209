/**
 * Human wording of a `FuzzyDate` that shows its precision: "Sun 30 Nov 2025",
 * "about 23 Nov 2025 (±2 days)", "week of 1–7 Dec 2025", "by 23 Nov 2025".
 */

import { calendarDay, DAY_MS, MINUTE_MS, monthName, pad } from './calendar.ts';
import { DEFAULT_APPROXIMATE_MARGIN, type FuzzyDate, OPEN_END, OPEN_START } from './fuzzy-date.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Describes a date for people, precision included, with its note if it has one. */
export function describeFuzzyDate(date: FuzzyDate): string {
  const core = describeCore(date);
  return date.label === undefined ? core : `${core} (${date.label})`;
}

function describeCore(date: FuzzyDate): string {
  switch (date.precision) {
    case 'instant': {
      const offset = date.offsetMinutes ?? 0;
      const local = date.start + offset * MINUTE_MS;
      const { hours, minutes } = {
        hours: new Date(local).getUTCHours(),
        minutes: new Date(local).getUTCMinutes(),
      };
      return `${describeDay(local, true)}, ${pad(hours, 2)}:${pad(minutes, 2)} ${describeOffset(offset)}`;
    }
    case 'day':
      return describeDay(date.start, true);
    case 'approximate': {
      const margin = date.marginDays ?? DEFAULT_APPROXIMATE_MARGIN;
      const unit = margin === 1 ? 'day' : 'days';
      return `about ${describeDay(date.start + margin * DAY_MS)} (±${margin} ${unit})`;
    }
    case 'week':
      return `week of ${describeRange(date.start, date.end - DAY_MS)}`;
    case 'month': {
      const { year, month } = calendarDay(date.start);
      return `${monthName(month)} ${year}`;
    }
    case 'year':
      return String(calendarDay(date.start).year);
    case 'window':
      if (date.start === OPEN_START) return `by ${describeDay(date.end - DAY_MS)}`;
      if (date.end === OPEN_END) return `from ${describeDay(date.start)}`;
      return describeRange(date.start, date.end - DAY_MS);
  }
}

function describeDay(ms: number, withWeekday = false): string {
  const { year, month, day } = calendarDay(ms);
  const text = `${day} ${monthName(month)} ${year}`;
  return withWeekday ? `${WEEKDAYS[new Date(ms).getUTCDay()]} ${text}` : text;
}

/** "1–7 Dec 2025", "29 Nov – 5 Dec 2025", "29 Dec 2025 – 4 Jan 2026". */
function describeRange(first: number, last: number): string {
  const a = calendarDay(first);
  const b = calendarDay(last);
  if (a.year !== b.year) return `${describeDay(first)} – ${describeDay(last)}`;
  if (a.month !== b.month) {
    return `${a.day} ${monthName(a.month)} – ${b.day} ${monthName(b.month)} ${b.year}`;
  }
  if (a.day === b.day) return describeDay(first);
  return `${a.day}–${b.day} ${monthName(b.month)} ${b.year}`;
}

function describeOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}
