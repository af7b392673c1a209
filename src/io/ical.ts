/**
 * iCalendar (RFC 5545) for a process's events: one VEVENT per event, with a
 * UID stable across exports (the event's slug and the process's), so calendar
 * apps update an event in place rather than duplicate it.
 *
 * Dates keep their precision as well as the format allows:
 * - an instant: DTSTART in UTC, DTEND after the duration (none without one);
 * - a day: an all-day event (VALUE=DATE, DTEND the next day, exclusive);
 * - an approximate day (`~2025-11-23`): an all-day event on the middle day,
 *   the ± margin said in the description;
 * - a week, month, year or window: an all-day event over the whole range,
 *   the description saying the exact day is not known;
 * - an open window (`..2025-11-23`): the one known day, noted.
 * The recorded date's note ("before Putin leaves for India") is always in the
 * description. Lines end in CRLF and are folded at 75 octets without cutting
 * a UTF-8 character; TEXT values are escaped (backslash, semicolon, comma,
 * newline) and other control characters dropped.
 */

import { DAY_MS, formatDay } from '../core/calendar.ts';
import { describeDuration } from '../core/duration.ts';
import {
  DEFAULT_APPROXIMATE_MARGIN,
  type FuzzyDate,
  formatFuzzyDate,
  OPEN_END,
  OPEN_START,
} from '../core/fuzzy-date.ts';
import type { NegotiationEvent } from '../core/negotiation-event.ts';

export interface CalendarInput {
  /** The process's slug: part of every UID. */
  readonly process: string;
  /** The calendar's name, shown by calendar apps. */
  readonly name: string;
  readonly events: readonly NegotiationEvent[];
  /** Names of the people the events refer to, by slug. */
  readonly people: ReadonlyMap<string, string>;
  /** Names of the parties, by slug. */
  readonly parties: ReadonlyMap<string, string>;
  /** When the calendar is made (DTSTAMP), UTC ms. */
  readonly stamp: number;
  /** The web app's address of an event, for its URL property (optional). */
  readonly eventUrl?: (event: NegotiationEvent) => string;
}

const STATUS: Record<NegotiationEvent['status'], string> = {
  scheduled: 'TENTATIVE',
  held: 'CONFIRMED',
  cancelled: 'CANCELLED',
};

/** The calendar as iCalendar text (CRLF line endings, folded). */
export function renderCalendar(input: CalendarInput): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Concord//Negotiation record//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.name)}`,
    // A date open on both sides says nothing a calendar can place (the parser refuses it anyway).
    ...input.events
      .filter((event) => event.date.start !== OPEN_START || event.date.end !== OPEN_END)
      .flatMap((event) => eventLines(event, input)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n').concat('\r\n');
}

function eventLines(event: NegotiationEvent, input: CalendarInput): string[] {
  const when = icalDates(event);
  const names = (slugs: readonly string[], from: ReadonlyMap<string, string>) =>
    slugs.map((slug) => from.get(slug) ?? slug).join(', ');
  const description = [
    `${capitalise(event.kind)}, ${event.status}.`,
    when.note,
    event.description,
    event.outcome === undefined ? undefined : `Outcome: ${event.outcome}`,
    event.parties.length > 0 ? `Parties: ${names(event.parties, input.parties)}` : undefined,
    event.participants.length > 0
      ? `Participants: ${names(event.participants, input.people)}`
      : undefined,
    event.ledBy === undefined ? undefined : `Led by: ${names([event.ledBy], input.people)}`,
  ].filter((line): line is string => line !== undefined && line !== '');
  return [
    'BEGIN:VEVENT',
    `UID:${uidOf(input.process, event.id)}`,
    `DTSTAMP:${utcStamp(input.stamp)}`,
    ...when.lines,
    `SUMMARY:${escapeText(event.title)}`,
    ...(event.place === undefined ? [] : [`LOCATION:${escapeText(event.place)}`]),
    `DESCRIPTION:${escapeText(description.join('\n'))}`,
    `STATUS:${STATUS[event.status]}`,
    `CATEGORIES:${escapeText(event.kind.toUpperCase())}`,
    ...(input.eventUrl === undefined ? [] : [`URL:${input.eventUrl(event)}`]),
    'END:VEVENT',
  ];
}

/** The UID of an event: stable for as long as its slug is. */
export function uidOf(process: string, event: string): string {
  return `${event}@${process}.concord`;
}

/** DTSTART/DTEND lines for an event's date, and a sentence for the description when it is not exact. */
export function icalDates(event: Pick<NegotiationEvent, 'date' | 'duration'>): {
  lines: string[];
  note: string | undefined;
} {
  const date = event.date;
  const recorded = formatFuzzyDate(date);
  const label = date.label === undefined ? '' : ` (${date.label})`;
  switch (date.precision) {
    case 'instant': {
      const end =
        event.duration === undefined
          ? []
          : [`DTEND:${utcStamp(date.start + event.duration.minutes * 60_000)}`];
      const about =
        event.duration?.approximate === true
          ? `Lasts ${describeDuration(event.duration)}.`
          : undefined;
      return {
        lines: [`DTSTART:${utcStamp(date.start)}`, ...end],
        note: joinNotes(date.label === undefined ? undefined : `Date: ${recorded}.`, about),
      };
    }
    case 'day':
      return {
        lines: allDay(date.start, date.end),
        note: date.label === undefined ? undefined : `Date: ${recorded}.`,
      };
    case 'approximate': {
      const margin = date.marginDays ?? DEFAULT_APPROXIMATE_MARGIN;
      const middle = date.start + margin * DAY_MS;
      return {
        lines: allDay(middle, middle + DAY_MS),
        note: `Approximate date: ${formatDay(middle)} ± ${margin} day${margin === 1 ? '' : 's'}${label}.`,
      };
    }
    case 'week':
    case 'month':
    case 'year':
      return {
        lines: allDay(date.start, date.end),
        note: `Date known only as ${describeRange(date)}${label}; the exact day is not known.`,
      };
    case 'window': {
      if (date.start === OPEN_START)
        return {
          lines: allDay(date.end - DAY_MS, date.end),
          note: `Date: on or before ${formatDay(date.end - DAY_MS)}${label}; the exact day is not known.`,
        };
      if (date.end === OPEN_END)
        return {
          lines: allDay(date.start, date.start + DAY_MS),
          note: `Date: on or after ${formatDay(date.start)}${label}; the exact day is not known.`,
        };
      return {
        lines: allDay(date.start, date.end),
        note: `Date: some time between ${formatDay(date.start)} and ${formatDay(date.end - DAY_MS)}${label}; the exact day is not known.`,
      };
    }
  }
}

function describeRange(date: FuzzyDate): string {
  const text = formatFuzzyDate({ ...date, label: undefined } as FuzzyDate);
  switch (date.precision) {
    case 'week':
      return `the week ${text} (${formatDay(date.start)} to ${formatDay(date.end - DAY_MS)})`;
    case 'month':
      return `the month ${text}`;
    default:
      return `the year ${text}`;
  }
}

function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const given = notes.filter((note) => note !== undefined);
  return given.length === 0 ? undefined : given.join(' ');
}

function allDay(start: number, end: number): string[] {
  return [`DTSTART;VALUE=DATE:${basicDay(start)}`, `DTEND;VALUE=DATE:${basicDay(end)}`];
}

function basicDay(ms: number): string {
  return formatDay(ms).replaceAll('-', '');
}

/** `20251130T140000Z` */
function utcStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Escapes a TEXT value (RFC 5545 §3.3.11); control characters other than tabs and newlines are dropped. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\n/g, '\\n')
  );
}

const encoder = new TextEncoder();

/**
 * Folds a content line so that no line is longer than 75 octets (RFC 5545
 * §3.1): continuation lines start with one space, and a UTF-8 character is
 * never split. Lines are joined with CRLF.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
