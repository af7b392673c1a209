/**
 * Positions: a party's stance on a provision in a version. Positions are
 * append-only: a change of stance is a new position, and the history keeps
 * every one. Each has an audience: the party's own delegation only, the
 * party and the mediator, or the public.
 */

import { contentKey } from '../content-key.ts';
import { type FuzzyDate, formatFuzzyDate } from '../fuzzy-date.ts';
import type {
  AlternativeId,
  PartyId,
  PositionKey,
  ProvisionId,
  SourceId,
  TextId,
  VersionId,
} from '../ids.ts';

export const STANCES = [
  'accepts',
  'accepts-with-changes',
  'rejects',
  'red-line',
  'undecided',
] as const;
export type Stance = (typeof STANCES)[number];

/** Own party only; own party and the mediator; everyone. */
export const POSITION_AUDIENCES = ['party', 'mediator', 'public'] as const;
export type PositionAudience = (typeof POSITION_AUDIENCES)[number];

export interface Position {
  /** Derived from all the fields below (see `positionKey`): positions never change. */
  readonly key: PositionKey;
  readonly text: TextId;
  readonly version: VersionId;
  readonly provision: ProvisionId;
  readonly party: PartyId;
  readonly stance: Stance;
  /** For `accepts-with-changes`: the wording the party proposes. */
  readonly wording?: string;
  /** For an open provision: the alternative the stance is about. */
  readonly alternative?: AlternativeId;
  readonly note?: string;
  /** Who recorded it (a person's slug or a user's name). */
  readonly author?: string;
  /** When the stance was taken or recorded. */
  readonly recorded: FuzzyDate;
  readonly audience: PositionAudience;
  readonly source?: SourceId;
}

/** The key of a position: a digest of everything it says. */
export function positionKey(position: Omit<Position, 'key'>): PositionKey {
  const p = position;
  return contentKey('q', [
    p.text,
    p.version,
    p.provision,
    p.party,
    p.stance,
    p.wording ?? '',
    p.alternative ?? '',
    p.note ?? '',
    p.author ?? '',
    formatFuzzyDate(p.recorded),
    p.audience,
    p.source ?? '',
  ]) as PositionKey;
}

/** Rule violations of a single position, as messages (empty when it is sound). */
export function checkPosition(
  position: Omit<Position, 'key'>,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (position.stance === 'accepts-with-changes' && position.wording === undefined) {
    problems.push({
      field: 'wording',
      message: 'accepting with changes needs the proposed wording',
    });
  }
  if (position.stance !== 'accepts-with-changes' && position.wording !== undefined) {
    problems.push({
      field: 'wording',
      message: `a proposed wording goes with "accepts-with-changes", not "${position.stance}"`,
    });
  }
  return problems;
}
