/** Wording of record items for the text output of commands. */

import type { Appointment, Certainty } from '../core/appointment.ts';
import { describeDuration } from '../core/duration.ts';
import { OPEN_START } from '../core/fuzzy-date.ts';
import { describeFuzzyDate } from '../core/fuzzy-date-describe.ts';
import type { NegotiationEvent } from '../core/negotiation-event.ts';
import type { Party } from '../core/party.ts';
import type { Person } from '../core/person.ts';

/** "head-of-delegation" → "head of delegation". */
export function words(slug: string): string {
  return slug.replaceAll('-', ' ');
}

/** "Secretary of State", "head of delegation", or both: "Special Envoy; envoy". */
export function describeOffice(appointment: Appointment): string {
  return [appointment.title, appointment.role && words(appointment.role)]
    .filter(Boolean)
    .join('; ');
}

/** "since by 23 Nov 2025" reads badly, so open starts read "by 23 Nov 2025". */
export function describeSpan(appointment: Appointment): string {
  const from = describeFuzzyDate(appointment.from);
  const start = appointment.from.start === OPEN_START ? `in office ${from}` : `from ${from}`;
  return appointment.to === undefined ? start : `${start} to ${describeFuzzyDate(appointment.to)}`;
}

/** "resigned; replaced by Rustem Umerov". */
export function describeEnding(
  appointment: Appointment,
  people: ReadonlyMap<string, Person>,
): string | undefined {
  const ended = appointment.ended;
  if (ended === undefined) return undefined;
  const by =
    ended.replacedBy === undefined ? '' : `; replaced by ${nameOf(ended.replacedBy, people)}`;
  return `${words(ended.reason)}${by}`;
}

export function nameOf(slug: string, people: ReadonlyMap<string, Person>): string {
  return people.get(slug)?.name ?? slug;
}

export function partyName(slug: string | undefined, parties: ReadonlyMap<string, Party>): string {
  if (slug === undefined) return '(no party)';
  return parties.get(slug)?.name ?? slug;
}

export function certaintyMark(certainty: Certainty): string {
  return certainty === 'certain' ? '' : ' (possibly)';
}

/** "about 4 hours" etc., or nothing. */
export function describeEventLength(event: NegotiationEvent): string | undefined {
  return event.duration === undefined ? undefined : describeDuration(event.duration);
}
