/**
 * Events: meetings, visits, calls, statements, announcements and incidents,
 * scheduled, held or cancelled, each with a date of known precision.
 */

import type { Audience } from './audience.ts';
import type { Duration } from './duration.ts';
import type { FuzzyDate } from './fuzzy-date.ts';
import type { EventId, PartyId, PersonId, SourceId } from './ids.ts';

export const EVENT_KINDS = [
  'meeting',
  'visit',
  'call',
  'statement',
  'announcement',
  'incident',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Named `NegotiationEvent` so as not to shadow the platform's `Event`. */
export interface NegotiationEvent {
  readonly id: EventId;
  readonly kind: EventKind;
  readonly status: EventStatus;
  readonly title: string;
  readonly date: FuzzyDate;
  readonly place?: string;
  readonly duration?: Duration;
  readonly ledBy?: PersonId;
  /** People present, in the order given. */
  readonly participants: readonly PersonId[];
  /** Parties taking part, in the order given. */
  readonly parties: readonly PartyId[];
  readonly outcome?: string;
  readonly description?: string;
  /** The earlier event this one follows up on. */
  readonly followUpOf?: EventId;
  readonly sources: readonly SourceId[];
  readonly audience: Audience;
}

/**
 * Whether the event is still ahead as of a date: not cancelled, and its
 * window has not closed before that date began. A week-long window stays
 * upcoming until its Sunday is over; an event on the day itself is upcoming.
 */
export function isUpcoming(
  event: Pick<NegotiationEvent, 'status' | 'date'>,
  asOf: FuzzyDate,
): boolean {
  return event.status !== 'cancelled' && event.date.end > asOf.start;
}
