/**
 * The shapes of the API's answers the app reads, taken from the OpenAPI
 * document (docs/openapi.json, generated from the routes' zod response
 * schemas in src/server/responses; `npm run openapi` regenerates it and
 * `schema.d.ts`). Nothing here is written by hand but the names: each type
 * is a shared component of the document (`components['schemas'][…]`) or a
 * route's answer (`ResponseOf`). The analysis answers are in analysis-types.ts.
 */

import type { components, paths } from './schema.d.ts';

type Schemas = components['schemas'];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * The JSON a route answers with on success (its 200, else its 201), as the
 * document describes it: `ResponseOf<'/api/v1/processes/{process}/dashboard'>`.
 */
export type ResponseOf<P extends keyof paths, M extends Method = 'get'> =
  NonNullable<paths[P][M]> extends { responses: infer R }
    ? R extends { 200: { content: { 'application/json': infer T } } }
      ? T
      : R extends { 201: { content: { 'application/json': infer T } } }
        ? T
        : never
    : never;

/** A date with precision: the interval [start, end) as ISO instants (null: open), and how it was written. */
export type FuzzyDate = Schemas['FuzzyDate'];

/** How precisely a date is known (src/core/fuzzy-date.ts). */
export type DatePrecision = FuzzyDate['precision'];

export type Team = Schemas['Team'];
export type Membership = Schemas['Membership'];

/** GET /api/v1/me */
export type Me = Schemas['Me'];

/** POST /api/v1/session */
export type SignedIn = Schemas['SignedIn'];

/** Who an answer was filtered for. */
export type Viewer = Schemas['Viewer'];

export type Process = Schemas['Process'];

/** GET /api/v1/processes (one of them) */
export type ProcessSummary = Schemas['ProcessSummary'];

export type Party = Schemas['Party'];
export type Person = Schemas['Person'];
export type Appointment = Schemas['Appointment'];
export type Tenure = Schemas['Tenure'];
export type Source = Schemas['Source'];

/** Who leads a party's side on the dashboard's day. */
export type Lead = Schemas['Lead'];

/** Event kinds and statuses (src/core/negotiation-event.ts). */
export const EVENT_KINDS = [
  'meeting',
  'visit',
  'call',
  'statement',
  'announcement',
  'incident',
] as const satisfies readonly Schemas['NegotiationEvent']['kind'][];
export const EVENT_STATUSES = [
  'scheduled',
  'held',
  'cancelled',
] as const satisfies readonly Schemas['NegotiationEvent']['status'][];

export type NegotiationEvent = Schemas['NegotiationEvent'];
export type Statement = Schemas['Statement'];

export type VersionSummary = Schemas['VersionSummary'];
export type Position = Schemas['Position'];

/** A page of a list: more may follow (ask with a larger offset). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly hasMore: boolean;
}

/** Some items of a list, and how many there are in all. */
export interface Counted<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** A text on the dashboard: how many versions, and the current one with its open provisions. */
export type TextStatus = Schemas['TextStatus'];

/** GET /api/v1/processes/{process}/dashboard (src/services/dashboard-service.ts). */
export type Dashboard = Schemas['Dashboard'];

/** GET /api/v1/processes/{process} (src/services/record-service.ts, `ProcessReport`). */
export type ProcessReport = Schemas['ProcessReport'];

/** GET /api/v1/processes/{process}/who */
export type Who = Schemas['Who'];
export type WhoEntry = Schemas['WhoEntry'];

/** GET /api/v1/processes/{process}/people/{person} */
export type PersonReport = Schemas['PersonReport'];

/** GET /api/v1/processes/{process}/events/{event} */
export type EventReport = Schemas['EventReport'];

/** GET /api/v1/processes/{process}/timeline/histogram */
export type TimelineHistogram = Schemas['TimelineHistogram'];

/** GET /api/v1/processes/{process}/events/{event}/briefing */
export type Briefing = Schemas['Briefing'];

/** GET /api/v1/processes/{process}/audit */
export type AuditView = Schemas['AuditView'];
