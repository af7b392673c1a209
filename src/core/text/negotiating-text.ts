/**
 * A negotiating text (a peace plan, a framework, a declaration) and its
 * versions. Each version records who proposed it, from which version it was
 * derived, when, its status and to whom it was circulated, and holds its own
 * tree of provisions.
 */

import type { Audience } from '../audience.ts';
import type { FuzzyDate } from '../fuzzy-date.ts';
import type { PartyId, PersonId, SourceId, TextId, VersionId } from '../ids.ts';
import type { Provision } from './provision.ts';

export const TEXT_KINDS = [
  'plan',
  'framework',
  'declaration',
  'agreement',
  'treaty',
  'other',
] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

export const VERSION_STATUSES = ['draft', 'circulated', 'agreed', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export interface TextVersion {
  readonly id: VersionId;
  readonly label: string;
  readonly date?: FuzzyDate;
  /** The party that proposed this version. */
  readonly proposedBy?: PartyId;
  /** The person who tabled it. */
  readonly proposedByPerson?: PersonId;
  /** The version this one was derived from. */
  readonly derivedFrom?: VersionId;
  readonly status: VersionStatus;
  /** The parties it was circulated to. */
  readonly circulatedTo: readonly PartyId[];
  /** `public`: published (observers may read it); `private`: only for the parties it was circulated to. */
  readonly audience: Audience;
  readonly source?: SourceId;
  readonly note?: string;
  readonly provisions: readonly Provision[];
}

export interface NegotiatingText {
  readonly id: TextId;
  readonly title: string;
  readonly kind: TextKind;
  readonly description?: string;
  /** Oldest first. */
  readonly versions: readonly TextVersion[];
}
