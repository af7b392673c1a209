/**
 * The briefing's call (its answer's types come from the OpenAPI document), and
 * the addresses of its printable page and PDF.
 */

import { queryOptions } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import type { components } from '../../api/schema.d.ts';
import type { Briefing } from '../../api/types.ts';

type Schemas = components['schemas'];

export type { Briefing, Tenure } from '../../api/types.ts';
export type BriefingParticipant = Schemas['BriefingParticipant'];
export type BriefingProvision = Schemas['BriefingProvision'];
export type BriefingText = Schemas['BriefingText'];

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
