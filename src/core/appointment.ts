/**
 * Appointments: a person holds a title for a party (Secretary of State of the
 * United States) and/or a role in the process (head of Ukraine's delegation),
 * from a date to a date, and the tenure ends for a reason (resigned, replaced
 * by whom, dismissed, term ended).
 *
 * Tenure "as of" a date is judged at the date's last instant, so "as of
 * 28 Nov" reflects the changes made during that day. Because dates are fuzzy,
 * the answer is `certain` or only `possible` (the start or the end is not
 * known precisely enough to tell).
 */

import { contentKey } from './content-key.ts';
import { type FuzzyDate, formatFuzzyDate, lastInstant } from './fuzzy-date.ts';
import type { AppointmentKey, PartyId, PersonId, SourceId } from './ids.ts';

export const APPOINTMENT_ROLES = [
  'head-of-delegation',
  'deputy-head-of-delegation',
  'envoy',
  'member',
  'spokesperson',
  'adviser',
  'expert',
  'observer',
] as const;
export type AppointmentRole = (typeof APPOINTMENT_ROLES)[number];

export const END_REASONS = [
  'resigned',
  'replaced',
  'dismissed',
  'term-ended',
  'died',
  'other',
] as const;
export type EndReason = (typeof END_REASONS)[number];

/** How a tenure ended. */
export interface AppointmentEnd {
  readonly reason: EndReason;
  readonly replacedBy?: PersonId;
  readonly note?: string;
  readonly source?: SourceId;
}

export interface Appointment {
  readonly key: AppointmentKey;
  readonly person: PersonId;
  readonly party?: PartyId;
  /** A title held for the party: "Secretary of State". */
  readonly title?: string;
  /** A role in the process: head of delegation, envoy… */
  readonly role?: AppointmentRole;
  readonly from: FuzzyDate;
  readonly to?: FuzzyDate;
  readonly ended?: AppointmentEnd;
  readonly note?: string;
  readonly source?: SourceId;
}

export type Certainty = 'certain' | 'possible';

/**
 * Whether the appointment was held at the last instant of `at`: `certain`,
 * `possible` (a fuzzy start or end straddles that instant) or `undefined` (not held).
 */
export function tenureAt(appointment: Appointment, at: FuzzyDate): Certainty | undefined {
  const instant = lastInstant(at);
  const { from, to } = appointment;
  if (from.start > instant) return undefined;
  if (to !== undefined && lastInstant(to) <= instant) return undefined;
  const startedSurely = lastInstant(from) <= instant;
  const endedPossibly = to !== undefined && to.start <= instant;
  return startedSurely && !endedPossibly ? 'certain' : 'possible';
}

/** The derived key of an appointment: person, party, title, role and start. */
export function appointmentKey(
  appointment: Pick<Appointment, 'person' | 'party' | 'title' | 'role' | 'from'>,
): AppointmentKey {
  const { person, party, title, role, from } = appointment;
  return contentKey('a', [
    person,
    party ?? '',
    title ?? '',
    role ?? '',
    formatFuzzyDate(from),
  ]) as AppointmentKey;
}

/** Rule violations of a single appointment, as messages (empty when it is sound). */
export function checkAppointment(
  appointment: Omit<Appointment, 'key'>,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (appointment.title === undefined && appointment.role === undefined) {
    problems.push({ field: '', message: 'an appointment needs a title, a role, or both' });
  }
  if (appointment.to !== undefined && appointment.to.end <= appointment.from.start) {
    problems.push({
      field: 'to',
      message: `the appointment ends (${formatFuzzyDate(appointment.to)}) before it starts (${formatFuzzyDate(appointment.from)})`,
    });
  }
  if (appointment.ended !== undefined && appointment.to === undefined) {
    problems.push({
      field: 'ended',
      message: 'says how the appointment ended but not when: add "to"',
    });
  }
  if (appointment.ended?.replacedBy === appointment.person) {
    problems.push({ field: 'ended.replacedBy', message: 'a person cannot replace themselves' });
  }
  return problems;
}

/** An appointment together with how sure we are that it was held at the asked date. */
export interface Tenure {
  readonly appointment: Appointment;
  readonly certainty: Certainty;
}

/** The appointments held at `at`, with their certainty, in the given order. */
export function tenuresAt(appointments: Iterable<Appointment>, at: FuzzyDate): Tenure[] {
  const held: Tenure[] = [];
  for (const appointment of appointments) {
    const certainty = tenureAt(appointment, at);
    if (certainty !== undefined) held.push({ appointment, certainty });
  }
  return held;
}

const ROLE_RANK = new Map<AppointmentRole | undefined, number>(
  APPOINTMENT_ROLES.map((role, i) => [role, i]),
);

/** Orders appointments for a who's-who: heads of delegation first, then by role, then by start. */
export function compareAppointmentsByRank(a: Appointment, b: Appointment): number {
  const rank = (x: Appointment) => ROLE_RANK.get(x.role) ?? APPOINTMENT_ROLES.length;
  return (
    rank(a) - rank(b) ||
    a.from.start - b.from.start ||
    (a.person < b.person ? -1 : a.person > b.person ? 1 : 0)
  );
}
