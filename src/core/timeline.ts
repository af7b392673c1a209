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
