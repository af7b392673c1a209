/**
 * Teams of a process and what a member sees. Per process a user is in at most
 * one team — the mediator team, one party's delegation, or the observers —
 * with a role (lead, member, viewer). The team decides the `Viewer` every read
 * is filtered by: the mediator team sees what parties share with the mediator,
 * a delegation its own party's material, observers (and anyone without a team)
 * public material only. Roles will decide writes.
 */

import type { Viewer } from './audience.ts';
import { PUBLIC_VIEWER } from './audience.ts';
import type { PartyId } from './ids.ts';

export const TEAM_ROLES = ['lead', 'member', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export type Team =
  | { readonly kind: 'mediator' }
  | { readonly kind: 'delegation'; readonly party: PartyId }
  | { readonly kind: 'observers' };

export interface Membership {
  readonly team: Team;
  readonly role: TeamRole;
}

/** Who a member of `team` reads as; no membership reads as the public. */
export function viewerOf(membership: Membership | undefined): Viewer {
  const team = membership?.team;
  if (team === undefined || team.kind === 'observers') return PUBLIC_VIEWER;
  if (team.kind === 'mediator') return { kind: 'mediator' };
  return { kind: 'party', party: team.party };
}

/** `mediator`, `observers` or a party's slug (its delegation), as users write it. */
export function parseTeam(text: string): Team {
  if (text === 'mediator') return { kind: 'mediator' };
  if (text === 'observers') return { kind: 'observers' };
  return { kind: 'delegation', party: text as PartyId };
}

export function describeTeam(team: Team): string {
  return team.kind === 'delegation'
    ? `the ${team.party} delegation`
    : `the ${team.kind === 'mediator' ? 'mediator team' : 'observers'}`;
}

/** How a team is named in the audit chain: `team:mediator`, `team:observers`, `team:<party>`. */
export function teamObject(team: Team): string {
  return `team:${team.kind === 'delegation' ? team.party : team.kind}`;
}

/** The team whose members read as `viewer` and may see its own audit entries. */
export function teamObjectOf(viewer: Viewer): string | undefined {
  if (viewer.kind === 'party') return `team:${viewer.party}`;
  if (viewer.kind === 'mediator') return 'team:mediator';
  if (viewer.kind === 'public') return 'team:observers';
  return undefined;
}
