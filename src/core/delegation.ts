/**
 * A party's delegation at an event: the participants who, on the event's date,
 * held a title or role for that party, with those appointments.
 */

import {
  type Appointment,
  compareAppointmentsByRank,
  type Tenure,
  tenuresAt,
} from './appointment.ts';
import type { PartyId, PersonId } from './ids.ts';
import type { NegotiationEvent } from './negotiation-event.ts';

export interface DelegationMember {
  readonly person: PersonId;
  /** What the person held for the party on the event's date. */
  readonly tenures: readonly Tenure[];
}

export interface Delegation {
  /** Absent for participants with no appointment on that date. */
  readonly party?: PartyId;
  readonly members: readonly DelegationMember[];
}

/**
 * Groups the event's participants into delegations. Parties come in the
 * event's order, then any others; members are ranked head of delegation first.
 */
export function delegationsAt(
  event: Pick<NegotiationEvent, 'date' | 'participants' | 'parties'>,
  appointmentsOf: (person: PersonId) => readonly Appointment[],
): Delegation[] {
  const byParty = new Map<PartyId | undefined, DelegationMember[]>();
  for (const party of event.parties) byParty.set(party, []);
  for (const person of event.participants) {
    const held = tenuresAt(appointmentsOf(person), event.date);
    const parties = new Set(held.map((tenure) => tenure.appointment.party));
    if (parties.size === 0) parties.add(undefined);
    for (const party of parties) {
      const tenures = held.filter((tenure) => tenure.appointment.party === party);
      const members = byParty.get(party) ?? [];
      members.push({ person, tenures });
      byParty.set(party, members);
    }
  }
  const rank = (member: DelegationMember) =>
    [...member.tenures].map((t) => t.appointment).sort(compareAppointmentsByRank)[0];
  return [...byParty.entries()]
    .filter(([, members]) => members.length > 0)
    .map(([party, members]) => ({
      ...(party === undefined ? {} : { party }),
      members: [...members].sort((a, b) => {
        const ra = rank(a);
        const rb = rank(b);
        if (ra === undefined || rb === undefined)
          return (ra === undefined ? 1 : 0) - (rb === undefined ? 1 : 0);
        return compareAppointmentsByRank(ra, rb);
      }),
    }));
}
