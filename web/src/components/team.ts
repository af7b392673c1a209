/** The user's team in a process, in words, and what it may open (docs/access.md). */

import type { Me, Membership } from '../api/types.ts';

/** "Mediator team · member", "Ukraine delegation · lead", "Observers", "Public". */
export function teamLabel(me: Me | undefined, partyName: (id: string) => string): string {
  if (me?.user == null) return 'Public (not signed in)';
  const membership = me.membership;
  if (membership === undefined) return 'No team here: you read what the public reads';
  const team = membership.team;
  const name =
    team.kind === 'mediator'
      ? 'Mediator team'
      : team.kind === 'observers'
        ? 'Observers'
        : `${partyName(team.party)} delegation`;
  return `${name} · ${membership.role}`;
}

/** The analysis is for the mediator team and the delegations (observers and the public: not in the app). */
export function mayOpenAnalysis(membership: Membership | undefined): boolean {
  const kind = membership?.team.kind;
  return kind === 'mediator' || kind === 'delegation';
}
