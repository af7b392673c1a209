/**
 * A briefing for an event: participants with what they held that day and
 * what they said recently, the open provisions of the current text and the
 * positions on them (built, for a viewer, by `services/briefing-service.ts`).
 */

import type { Tenure } from './appointment.ts';
import type { Viewer } from './audience.ts';
import type { PartyId } from './ids.ts';
import type { NegotiationEvent } from './negotiation-event.ts';
import type { Party } from './party.ts';
import type { Person } from './person.ts';
import type { Process } from './process.ts';
import type { Source } from './source.ts';
import type { Statement } from './statement.ts';
import type { TextVersion } from './text/negotiating-text.ts';
import type { Position } from './text/position.ts';
import type { Alternative } from './text/provision.ts';

export interface BriefingParticipant {
  readonly person: Person;
  /** The party they came for (absent: no appointment that day). */
  readonly party?: PartyId;
  /** Titles and roles held for that party on the event's date. */
  readonly tenures: readonly Tenure[];
  /** Their latest statements up to the event (newest first). */
  readonly statements: readonly Statement[];
}

export interface BriefingProvision {
  readonly id: string;
  readonly number?: string;
  readonly heading?: string;
  readonly alternatives: readonly Alternative[];
  readonly proposed?: string;
  /** The latest position of each party the viewer may see (parties without one left out). */
  readonly positions: readonly Position[];
}

export interface BriefingText {
  readonly text: { readonly id: string; readonly title: string };
  /** The latest version the viewer may see, dated before the event ends; absent if none. */
  readonly version?: Pick<TextVersion, 'id' | 'label' | 'date' | 'status' | 'audience'>;
  readonly openProvisions: readonly BriefingProvision[];
  /** Positions the viewer may see on the version's other (closed) provisions. */
  readonly otherPositions: readonly (Position & { readonly number?: string })[];
}

export interface Briefing {
  readonly process: Pick<Process, 'id' | 'title'>;
  readonly viewer: Viewer;
  readonly event: NegotiationEvent;
  readonly parties: readonly Party[];
  readonly participants: readonly BriefingParticipant[];
  readonly ledBy?: Person;
  readonly sources: readonly Source[];
  readonly texts: readonly BriefingText[];
}
