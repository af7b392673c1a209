/**
 * The briefing's call and answer (src/core/briefing.ts as `toJson` spells it),
 * and the addresses of its printable page and PDF.
 */

import { queryOptions } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import type {
  Appointment,
  FuzzyDate,
  NegotiationEvent,
  Party,
  Person,
  Position,
  Statement,
} from '../../api/types.ts';

export interface Tenure {
  readonly appointment: Appointment;
  readonly certainty: 'certain' | 'possible';
}

export interface BriefingParticipant {
  readonly person: Person;
  readonly party?: string;
  readonly tenures: readonly Tenure[];
  readonly statements: readonly Statement[];
}

export interface BriefingProvision {
  readonly id: string;
  readonly number?: string;
  readonly heading?: string;
  readonly alternatives: readonly { readonly id: string; readonly text: string }[];
  readonly proposed?: string;
  readonly positions: readonly Position[];
}

export interface BriefingText {
  readonly text: { readonly id: string; readonly title: string };
  readonly version?: {
    readonly id: string;
    readonly label: string;
    readonly date?: FuzzyDate;
    readonly status: string;
    readonly audience: 'public' | 'private';
  };
  readonly openProvisions: readonly BriefingProvision[];
  readonly otherPositions: readonly (Position & { readonly number?: string })[];
}

/** GET /api/v1/processes/{process}/events/{event}/briefing */
export interface Briefing {
  readonly process: { readonly id: string; readonly title: string };
  readonly viewer: { readonly kind: string; readonly party?: string };
  readonly event: NegotiationEvent;
  readonly parties: readonly Party[];
  readonly participants: readonly BriefingParticipant[];
  readonly ledBy?: Person;
  readonly sources: readonly {
    readonly id: string;
    readonly title: string;
    readonly outlet?: string;
    readonly url?: string;
    readonly published?: FuzzyDate;
  }[];
  readonly texts: readonly BriefingText[];
}

export function getBriefing(process: string, event: string): Promise<Briefing> {
  return call(
    api.GET('/api/v1/processes/{process}/events/{event}/briefing', {
      params: { path: { process, event } },
    }),
  );
}

export const briefingQuery = (process: string, event: string) =>
  queryOptions({
    queryKey: ['briefing', process, event],
    queryFn: () => getBriefing(process, event),
  });

/** The PDF of the briefing (printed by the server; same rules as the page). */
export function briefingPdfUrl(process: string, event: string): string {
  return `/api/v1/processes/${encodeURIComponent(process)}/events/${encodeURIComponent(event)}/briefing.pdf`;
}
