/**
 * Dates with precision. News reports say "Sunday", "a week before", "later this
 * week" or "before Putin leaves for India"; Concord keeps exactly that much.
 *
 * A `FuzzyDate` is an interval [start, end) of UTC milliseconds: the event or
 * change happened (or will happen) at some instant inside it. Text forms:
 *
 * | form                      | precision   | interval                           |
 * |---------------------------|-------------|------------------------------------|
 * | `2025-11-30T14:00Z`       | instant     | that millisecond (offsets kept)    |
 * | `2025-11-30`              | day         | the UTC day                        |
 * | `2025-11-23±2d`, `~2025-11-23` | approximate | the day ± 2 days (`~` means ±3) |
 * | `2025-W49`                | week        | ISO week, Monday to Sunday         |
 * | `2025-12`                 | month       | the month                          |
 * | `2025`                    | year        | the year                           |
 * | `2025-12-01..2025-12-04`  | window      | first day to last day, inclusive   |
 * | `..2025-11-23`, `2025-12-01..` | window (open) | unbounded on one side        |
 *
 * Any form may end in a note in parentheses: `2025-W49 (before Putin leaves for India)`.
 * Open sides use the extremes of JavaScript dates, so comparisons stay plain
 * number comparisons.
 */

import {
  calendarDay,
  DAY_MS,
  dayStart,
  daysInMonth,
  formatDay,
  isoWeekStart,
  isoWeeksInYear,
  MINUTE_MS,
  pad,
} from './calendar.ts';
import { InvalidError } from './errors.ts';

export type DatePrecision =
  | 'instant'
  | 'day'
  | 'approximate'
  | 'week'
  | 'month'
  | 'year'
  | 'window';

/** Earliest representable instant: the start of an open window. */
export const OPEN_START = -8.64e15;
/** Latest representable instant: the end of an open window. */
export const OPEN_END = 8.64e15;
/** Margin, in days, that `~2025-11-23` stands for. */
export const DEFAULT_APPROXIMATE_MARGIN = 3;

export interface FuzzyDate {
  readonly precision: DatePrecision;
  /** First instant the date may denote (inclusive), UTC ms. */
  readonly start: number;
  /** First instant after the date (exclusive), UTC ms. */
  readonly end: number;
  /** For `approximate`: the ± margin in days. */
  readonly marginDays?: number;
  /** For `instant`: the UTC offset it was written in, in minutes (kept for display). */
  readonly offsetMinutes?: number;
  /** A free-text qualifier: "later this week, before Putin leaves for India". */
  readonly label?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;
const APPROXIMATE = /^(\d{4}-\d{2}-\d{2})\s*(?:±|\+-|\+\/-)\s*(\d{1,3})\s*d$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;
const LABEL = /^(.*?)\s+\((.+)\)$/s;

const FORMS_HINT =
  'write a day (2025-11-30), an instant (2025-11-30T14:00Z), an approximate day (~2025-11-30 or 2025-11-30±2d), ' +
  'a week (2025-W49), a month (2025-11), a year (2025), or a window (2025-12-01..2025-12-04, ..2025-11-23, 2025-12-01..), ' +
  'optionally followed by a note in parentheses';

/** Recently parsed dates: large records repeat the same few thousand dates over and over. */
const parsed = new Map<string, FuzzyDate>();
const PARSED_LIMIT = 50_000;

/** Parses a date in any of the text forms above; throws `InvalidError` with a helpful message. */
export function parseFuzzyDate(text: string): FuzzyDate {
  const known = parsed.get(text);
  if (known !== undefined) return known;
  const date = parseUncached(text);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(text, date);
  return date;
}

function parseUncached(text: string): FuzzyDate {
  const trimmed = text.trim();
  const labelled = LABEL.exec(trimmed);
  const core = labelled ? (labelled[1] ?? '') : trimmed;
  const label = labelled?.[2]?.trim();
  if (label !== undefined && (label === '' || /[\n\r]/.test(label))) {
    throw InvalidError.of(`"${text}": the note in parentheses must be one non-empty line`);
  }
  const date = parseCore(core, text);
  return Object.freeze(label === undefined ? date : { ...date, label });
}

function parseCore(core: string, original: string): FuzzyDate {
  let match = INSTANT.exec(core);
  if (match) return parseInstant(match, original);
  if (DAY.test(core)) {
    const start = parseDay(core, original);
    return { precision: 'day', start, end: start + DAY_MS };
  }
  if (core.startsWith('~')) {
    const start = parseDay(core.slice(1).trim(), original);
    return approximate(start, DEFAULT_APPROXIMATE_MARGIN);
  }
  match = APPROXIMATE.exec(core);
  if (match) {
    const margin = Number(match[2]);
    if (margin < 1 || margin > 366) fail(original, 'the ± margin must be between 1 and 366 days');
    return approximate(parseDay(match[1] ?? '', original), margin);
  }
  if (core.includes('..')) return parseWindow(core, original);
  match = WEEK.exec(core);
  if (match) {
    const year = Number(match[1]);
    const week = Number(match[2]);
    const weeks = isoWeeksInYear(year);
    if (week < 1 || week > weeks) fail(original, `${year} has ISO weeks 1 to ${weeks}`);
    const start = isoWeekStart(year, week);
    return { precision: 'week', start, end: start + 7 * DAY_MS };
  }
  match = MONTH.exec(core);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    if (month < 1 || month > 12) fail(original, `month ${month} does not exist`);
    const start = dayStart(year, month, 1);
    return { precision: 'month', start, end: dayStart(year, month, daysInMonth(year, month) + 1) };
  }
  match = YEAR.exec(core);
  if (match) {
    const year = Number(match[1]);
    return { precision: 'year', start: dayStart(year, 1, 1), end: dayStart(year + 1, 1, 1) };
  }
  return fail(original, `not a date; ${FORMS_HINT}`);
}

function approximate(day: number, marginDays: number): FuzzyDate {
  return {
    precision: 'approximate',
    start: day - marginDays * DAY_MS,
    end: day + (marginDays + 1) * DAY_MS,
    marginDays,
  };
}

function parseWindow(core: string, original: string): FuzzyDate {
  const parts = core.split('..');
  if (parts.length !== 2) fail(original, 'a window has exactly one ".."');
  const [first = '', last = ''] = parts.map((part) => part.trim());
  if (first === '' && last === '') fail(original, 'a window needs at least one end');
  const start = first === '' ? OPEN_START : parseDay(first, original);
  const end = last === '' ? OPEN_END : parseDay(last, original) + DAY_MS;
  if (end <= start) fail(original, 'the window ends before it starts');
  return { precision: 'window', start, end };
}

function parseDay(text: string, original: string): number {
  const match = DAY.exec(text);
  if (!match) return fail(original, `"${text}" is not a day (YYYY-MM-DD)`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12) fail(original, `month ${month} does not exist`);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    fail(original, `day ${day} does not exist: ${monthLabel(year, month)} has ${days} days`);
  }
  return dayStart(year, month, day);
}

function parseInstant(match: RegExpExecArray, original: string): FuzzyDate {
  const day = parseDay(`${match[1]}-${match[2]}-${match[3]}`, original);
  const hours = Number(match[4]);
  const minutes = Number(match[5]);
  const seconds = Number(match[6] ?? 0);
  const millis = Number((match[7] ?? '0').padEnd(3, '0'));
  if (hours > 23 || minutes > 59 || seconds > 59) fail(original, 'the time of day is out of range');
  const zone = match[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [offsetHours = 0, offsetMins = 0] = zone.slice(1).split(':').map(Number);
    if (offsetHours > 14 || offsetMins > 59) fail(original, 'the UTC offset is out of range');
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  const local = day + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
  const start = local - offsetMinutes * MINUTE_MS;
  return { precision: 'instant', start, end: start + 1, offsetMinutes };
}

function monthLabel(year: number, month: number): string {
  return new Date(dayStart(year, month, 1)).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function fail(original: string, why: string): never {
  throw InvalidError.of(`"${original}": ${why}`);
}

/** Canonical texts of dates already formatted (dates are immutable, and often shared). */
const formatted = new WeakMap<FuzzyDate, string>();

/** The canonical text form; `parseFuzzyDate(formatFuzzyDate(d))` equals `d`. */
export function formatFuzzyDate(date: FuzzyDate): string {
  let text = formatted.get(date);
  if (text === undefined) {
    const core = formatCore(date);
    text = date.label === undefined ? core : `${core} (${date.label})`;
    formatted.set(date, text);
  }
  return text;
}

function formatCore(date: FuzzyDate): string {
  switch (date.precision) {
    case 'instant':
      return formatInstant(date.start, date.offsetMinutes ?? 0);
    case 'day':
      return formatDay(date.start);
    case 'approximate': {
      const margin = date.marginDays ?? DEFAULT_APPROXIMATE_MARGIN;
      return `${formatDay(date.start + margin * DAY_MS)}±${margin}d`;
    }
    case 'week': {
      const thursday = calendarDay(date.start + 3 * DAY_MS);
      const week = Math.round((date.start - isoWeekStart(thursday.year, 1)) / (7 * DAY_MS)) + 1;
      return `${pad(thursday.year, 4)}-W${pad(week, 2)}`;
    }
    case 'month': {
      const { year, month } = calendarDay(date.start);
      return `${pad(year, 4)}-${pad(month, 2)}`;
    }
    case 'year':
      return pad(calendarDay(date.start).year, 4);
    case 'window': {
      const first = date.start === OPEN_START ? '' : formatDay(date.start);
      const last = date.end === OPEN_END ? '' : formatDay(date.end - DAY_MS);
      return `${first}..${last}`;
    }
  }
}

function formatInstant(utc: number, offsetMinutes: number): string {
  const local = new Date(utc + offsetMinutes * MINUTE_MS);
  const time = `${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}`;
  const seconds = local.getUTCSeconds();
  const millis = local.getUTCMilliseconds();
  let text = `${formatDay(local.getTime())}T${time}`;
  if (seconds !== 0 || millis !== 0) text += `:${pad(seconds, 2)}`;
  if (millis !== 0) text += `.${pad(millis, 3)}`;
  if (offsetMinutes === 0) return `${text}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${text}${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

const PRECISION_ORDER: Record<DatePrecision, number> = {
  instant: 0,
  day: 1,
  approximate: 2,
  week: 3,
  window: 4,
  month: 5,
  year: 6,
};

/**
 * Total order for sorting: by start, then by end (the narrower first), then
 * by precision and note. A week sorts by its Monday; an open window first.
 */
export function compareFuzzyDates(a: FuzzyDate, b: FuzzyDate): number {
  return (
    a.start - b.start ||
    a.end - b.end ||
    PRECISION_ORDER[a.precision] - PRECISION_ORDER[b.precision] ||
    (a.label ?? '').localeCompare(b.label ?? '')
  );
}

/** Whether two dates denote the same thing (same interval, precision and note). */
export function sameFuzzyDate(a: FuzzyDate, b: FuzzyDate): boolean {
  return formatFuzzyDate(a) === formatFuzzyDate(b);
}

/** The last instant the date may denote. */
export function lastInstant(date: FuzzyDate): number {
  return date.end - 1;
}

/** The calendar day (UTC) holding the instant `ms`, e.g. "today" for a clock reading. */
export function dayOf(ms: number): FuzzyDate {
  const { year, month, day } = calendarDay(ms);
  const start = dayStart(year, month, day);
  return { precision: 'day', start, end: start + DAY_MS };
}

/** Whether the date is only bounded on one side. */
export function isOpen(date: FuzzyDate): boolean {
  return date.start === OPEN_START || date.end === OPEN_END;
}
