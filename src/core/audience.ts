/**
 * Who may read what. Record material (events, statements) is public or
 * private; a party's positions are for its own delegation, for it and the
 * mediator, or public. A `Viewer` says who is looking; every query that
 * returns such material takes one.
 */

import type { PartyId } from './ids.ts';
import type { PositionAudience } from './text/position.ts';

export const AUDIENCES = ['public', 'private'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * Who is looking: the local operator of a database sees everything; `public`
 * sees public material only; a party's delegation sees its own positions and
 * public material; the mediator sees what parties share with the mediator.
 */
export type Viewer =
  | { readonly kind: 'operator' }
  | { readonly kind: 'public' }
  | { readonly kind: 'party'; readonly party: PartyId }
  | { readonly kind: 'mediator' };

export const OPERATOR: Viewer = { kind: 'operator' };
export const PUBLIC_VIEWER: Viewer = { kind: 'public' };

/** Whether `viewer` may read record material addressed to `audience`. */
export function canSee(viewer: Viewer, audience: Audience): boolean {
  return viewer.kind === 'operator' || audience === 'public';
}

/**
 * Whether `viewer` may read a version of a text: published versions are for
 * everyone; others for the mediator and the parties they were circulated to.
 */
export function canSeeVersion(
  viewer: Viewer,
  version: { audience: Audience; circulatedTo: readonly PartyId[] },
): boolean {
  switch (viewer.kind) {
    case 'operator':
    case 'mediator':
      return true;
    case 'public':
      return version.audience === 'public';
    case 'party':
      return version.audience === 'public' || version.circulatedTo.includes(viewer.party);
  }
}

/** Whether `viewer` may read a position of `party` addressed to `audience`. */
export function canSeePosition(
  viewer: Viewer,
  position: { party: PartyId; audience: PositionAudience },
): boolean {
  switch (viewer.kind) {
    case 'operator':
      return true;
    case 'public':
      return position.audience === 'public';
    case 'party':
      return position.party === viewer.party || position.audience === 'public';
    case 'mediator':
      return position.audience !== 'party';
  }
}
