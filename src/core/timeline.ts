/**
 * The timeline: events filtered by party, person, kind, status, date range and
 * "upcoming as of", in chronological order. The store runs the same filter in
 * SQL; `matchesTimeline` is its definition and the tests' oracle.
 */

import type { FuzzyDate } from './fuzzy-date.ts';
import type { PartyId, PersonId } from './ids.ts';
import {
  type EventKind,
  type EventStatus,
  isUpcoming,
  type NegotiationEvent,
} from './negotiation-event.ts';

export interface TimelineQuery {
  /** Events that may fall on or after this date. */
  readonly from?: FuzzyDate;
  /** Events that may fall on or before this date. */
  readonly to?: FuzzyDate;
  /** Events with any of these parties taking part. */
  readonly parties?: readonly PartyId[];
  /** Events any of these people lead or attend. */
  readonly people?: readonly PersonId[];
  readonly kinds?: readonly EventKind[];
  readonly statuses?: readonly EventStatus[];
  /** Only events still ahead as of this date (see `isUpcoming`). */
  readonly upcomingAsOf?: FuzzyDate;
}

/** Whether `event` belongs in the timeline described by `query`. */
export function matchesTimeline(event: NegotiationEvent, query: TimelineQuery): boolean {
  const { from, to, parties, people, kinds, statuses, upcomingAsOf } = query;
  if (from !== undefined && event.date.end <= from.start) return false;
  if (to !== undefined && event.date.start >= to.end) return false;
  if (kinds !== undefined && !kinds.includes(event.kind)) return false;
  if (statuses !== undefined && !statuses.includes(event.status)) return false;
  if (parties !== undefined && !event.parties.some((party) => parties.includes(party)))
    return false;
  if (
    people !== undefined &&
    !people.some((person) => event.ledBy === person || event.participants.includes(person))
  ) {
    return false;
  }
  return upcomingAsOf === undefined || isUpcoming(event, upcomingAsOf);
}

/** Chronological order of the timeline: by start, then end, then id. */
export function compareEventsChronologically(a: NegotiationEvent, b: NegotiationEvent): number {
  return (
    a.date.start - b.date.start ||
    a.date.end - b.date.end ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** An event's interval and status: all a histogram needs. */
export interface EventSpan {
  readonly start: number;
  readonly end: number;
  readonly status: EventStatus;
}

/** The events that start on one UTC day: how many, how many scheduled, and their ends. */
export interface DayCount {
  /** The day's start (UTC milliseconds), or `OPEN_START` for the events whose start is open. */
  readonly day: number;
  readonly count: number;
  readonly scheduled: number;
  /** The earliest end, and the latest known end (null: every end is open). */
  readonly firstEnd: number;
  readonly lastEnd: number | null;
}

export type HistogramUnit = 'day' | 'week' | 'month' | 'year';

export interface HistogramBucket {
  /** [start, end) in UTC milliseconds. */
  readonly start: number;
  readonly end: number;
  readonly count: number;
  readonly scheduled: number;
}

export interface TimelineHistogram {
  /** The window counted: [start, end) in UTC milliseconds; null when no window was given and no event matches. */
  readonly start: number | null;
  readonly end: number | null;
  readonly unit: HistogramUnit;
  /** Calendar units per bucket (more than 1 only for very long windows counted by year). */
  readonly step: number;
  readonly total: number;
  readonly scheduled: number;
  readonly buckets: readonly HistogramBucket[];
}

const DAY = 86_400_000;
/** The bounds of open dates (`OPEN_START`, `OPEN_END` in fuzzy-date.ts). */
const OPEN = 8.64e15;

/** The events grouped by the UTC day they start on. */
export function dayCountsOf(events: readonly EventSpan[]): DayCount[] {
  return dayCountsOfStarts(
    events.map((event) => ({
      start: event.start,
      count: 1,
      scheduled: event.status === 'scheduled' ? 1 : 0,
      firstEnd: event.end,
      lastEnd: event.end < OPEN ? event.end : null,
    })),
  );
}

/** Events that share a start, counted (as the store groups them): the start and the `DayCount` fields. */
export interface StartCount extends Omit<DayCount, 'day'> {
  readonly start: number;
}

/** Groups of events by their start, merged into the UTC days they start on. */
export function dayCountsOfStarts(groups: readonly StartCount[]): DayCount[] {
  const days = new Map<
    number,
    { count: number; scheduled: number; firstEnd: number; lastEnd: number | null }
  >();
  for (const group of groups) {
    const day = group.start <= -OPEN ? -OPEN : Math.floor(group.start / DAY) * DAY;
    const merged = days.get(day);
    if (merged === undefined) {
      days.set(day, { ...group });
      continue;
    }
    merged.count += group.count;
    merged.scheduled += group.scheduled;
    merged.firstEnd = Math.min(merged.firstEnd, group.firstEnd);
    if (group.lastEnd !== null)
      merged.lastEnd = Math.max(merged.lastEnd ?? group.lastEnd, group.lastEnd);
  }
  return [...days].map(([day, { count, scheduled, firstEnd, lastEnd }]) => ({
    day,
    count,
    scheduled,
    firstEnd,
    lastEnd,
  }));
}

/**
 * Counts of events per day, week (from Monday), month or year over a window, with at most
 * `maxBuckets` buckets: the finest unit that fits. `days` are the events that overlap the
 * window (the store's filter), by the day they start on; each counts once, in the bucket of
 * its start (or the window's first bucket when it started before). Without a window, the
 * window is the extent of the events' known dates (in whole days).
 */
export function timelineHistogram(
  days: readonly DayCount[],
  window: { readonly start: number; readonly end: number } | undefined,
  maxBuckets: number,
): TimelineHistogram {
  let start = window?.start;
  let end = window?.end;
  if (window === undefined) {
    for (const group of days) {
      const first =
        group.day > -OPEN ? group.day : group.firstEnd < OPEN ? group.firstEnd - DAY : undefined;
      // Whole days: the end of the day an event starts on, or its known end if later.
      const last = Math.max(
        group.lastEnd ?? Number.NEGATIVE_INFINITY,
        group.day > -OPEN ? group.day + DAY : Number.NEGATIVE_INFINITY,
      );
      if (first !== undefined && (start === undefined || first < start)) start = first;
      if (Number.isFinite(last) && (end === undefined || last > end)) end = last;
    }
  }
  const total = days.reduce((n, group) => n + group.count, 0);
  const scheduled = days.reduce((n, group) => n + group.scheduled, 0);
  if (start === undefined || end === undefined || end <= start)
    return { start: null, end: null, unit: 'day', step: 1, total, scheduled, buckets: [] };
  const max = Math.max(1, Math.floor(maxBuckets));
  const bounds = bucketBounds(start, end, max);
  const counts = new Array<number>(bounds.starts.length).fill(0);
  const scheduledCounts = new Array<number>(bounds.starts.length).fill(0);
  for (const group of days) {
    const at = Math.max(group.day, start);
    // The last bucket that starts at or before `at`.
    let lo = 0;
    let hi = bounds.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((bounds.starts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    counts[lo] = (counts[lo] as number) + group.count;
    scheduledCounts[lo] = (scheduledCounts[lo] as number) + group.scheduled;
  }
  const buckets = bounds.starts.map((bucketStart, i) => ({
    // (The first of a month before the earliest date JavaScript knows is NaN.)
    start: Number.isNaN(bucketStart) ? start : Math.max(bucketStart, start),
    end: Math.min(bounds.starts[i + 1] ?? end, end),
    count: counts[i] as number,
    scheduled: scheduledCounts[i] as number,
  }));
  return { start, end, unit: bounds.unit, step: bounds.step, total, scheduled, buckets };
}

/** The starts of the buckets covering [start, end): the finest unit giving at most `max`. */
function bucketBounds(
  start: number,
  end: number,
  max: number,
): { unit: HistogramUnit; step: number; starts: number[] } {
  const dayStart = Math.floor(start / DAY) * DAY;
  const days = Math.ceil((end - dayStart) / DAY);
  if (days <= max)
    return {
      unit: 'day',
      step: 1,
      starts: Array.from({ length: days }, (_, i) => dayStart + i * DAY),
    };
  // 1 January 1970 was a Thursday: Mondays are 4 days after multiples of 7 days.
  const weekStart = Math.floor((dayStart - 4 * DAY) / (7 * DAY)) * 7 * DAY + 4 * DAY;
  const weeks = Math.ceil((end - weekStart) / (7 * DAY));
  if (weeks <= max)
    return {
      unit: 'week',
      step: 1,
      starts: Array.from({ length: weeks }, (_, i) => weekStart + i * 7 * DAY),
    };
  const first = new Date(start);
  const y = first.getUTCFullYear();
  const m = first.getUTCMonth();
  const last = new Date(end - 1);
  const months = (last.getUTCFullYear() - y) * 12 + last.getUTCMonth() - m + 1;
  if (months <= max)
    return {
      unit: 'month',
      step: 1,
      starts: Array.from({ length: months }, (_, i) => utcMonth(y, m + i)),
    };
  const years = last.getUTCFullYear() - y + 1;
  const step = Math.ceil(years / max);
  return {
    unit: 'year',
    step,
    starts: Array.from({ length: Math.ceil(years / step) }, (_, i) => utcMonth(y + i * step, 0)),
  };
}

/** The first of a month (UTC), also for years 0–99 (which `Date.UTC` reads as 1900–1999). */
function utcMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 1);
  return date.getTime();
}
