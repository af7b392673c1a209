/** A state or organisation, and the part it plays in the process. */

import type { PartyId } from './ids.ts';

export const PARTY_KINDS = ['state', 'organisation', 'armed-group', 'other'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** Its part in the process: a negotiating party, the mediator, a guarantor or an observer. */
export const PARTY_ROLES = ['mediator', 'party', 'guarantor', 'observer'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export interface Party {
  readonly id: PartyId;
  readonly name: string;
  readonly shortName?: string;
  readonly kind: PartyKind;
  readonly role: PartyRole;
  readonly description?: string;
}

/** Display order: mediators first, then parties, guarantors and observers; by id within a role. */
export function compareParties(a: Party, b: Party): number {
  return (
    PARTY_ROLES.indexOf(a.role) - PARTY_ROLES.indexOf(b.role) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
