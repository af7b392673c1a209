/**
 * The shapes of the API's answers the app reads. The OpenAPI document does
 * not describe most answers yet, so they are written here after the server's
 * types (src/core, src/services) as `toJson` spells them (src/io/json-output.ts);
 * requests (paths, parameters, bodies) are checked against `schema.d.ts`.
 */

import type { paths } from './schema.d.ts';

/** How precisely a date is known (src/core/fuzzy-date.ts). */
export type DatePrecision =
  | 'instant'
  | 'day'
  | 'approximate'
  | 'week'
  | 'month'
  | 'year'
  | 'window';

/** A date with precision: the interval [start, end) as ISO instants (null: open), and how it was written. */
export interface FuzzyDate {
  readonly text: string;
  readonly precision: DatePrecision;
  readonly start: string | null;
  readonly end: string | null;
  readonly label?: string;
}

export type Team =
  | { readonly kind: 'mediator' }
  | { readonly kind: 'delegation'; readonly party: string }
  | { readonly kind: 'observers' };

export interface Membership {
  readonly team: Team;
  readonly role: 'lead' | 'member' | 'viewer';
}

/** GET /api/v1/me */
export interface Me {
  readonly user: { readonly name: string; readonly admin: boolean } | null;
  readonly via?: 'session' | 'token';
  readonly csrfToken?: string;
  readonly membership?: Membership;
}

/** POST /api/v1/session (described by the OpenAPI document). */
export type SignedIn =
  paths['/api/v1/session']['post']['responses'][200]['content']['application/json'];

export interface Process {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly started?: FuzzyDate;
  readonly status: string;
}

/** GET /api/v1/processes */
export interface ProcessSummary {
  readonly process: Process;
  readonly counts: {
    readonly parties: number;
    readonly people: number;
    readonly events: number;
    readonly statements: number;
  };
}

export interface Party {
  readonly id: string;
  readonly name: string;
  readonly shortName?: string;
  readonly kind: string;
  readonly role: 'mediator' | 'party' | 'guarantor' | 'observer';
  readonly description?: string;
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description?: string;
}

export interface Appointment {
  readonly key: string;
  readonly person: string;
  readonly party?: string;
  readonly title?: string;
  readonly role?: string;
  readonly from: FuzzyDate;
  readonly to?: FuzzyDate;
  readonly note?: string;
  readonly source?: string;
}

export interface Lead {
  readonly person: Person;
  readonly tenure: {
    readonly appointment: Appointment;
    readonly certainty: 'certain' | 'possible';
  };
}

/** Event kinds and statuses (src/core/negotiation-event.ts). */
export const EVENT_KINDS = [
  'meeting',
  'visit',
  'call',
  'statement',
  'announcement',
  'incident',
] as const;
export const EVENT_STATUSES = ['scheduled', 'held', 'cancelled'] as const;

export interface NegotiationEvent {
  readonly id: string;
  readonly kind: (typeof EVENT_KINDS)[number];
  readonly status: (typeof EVENT_STATUSES)[number];
  readonly title: string;
  readonly date: FuzzyDate;
  readonly place?: string;
  readonly duration?: { readonly minutes: number; readonly approximate?: boolean };
  readonly ledBy?: string;
  readonly participants: readonly string[];
  readonly parties: readonly string[];
  readonly outcome?: string;
  readonly description?: string;
  readonly followUpOf?: string;
  readonly sources: readonly string[];
  readonly audience: 'public' | 'private';
}

export interface Statement {
  readonly id: string;
  readonly speaker?: string;
  readonly party?: string;
  readonly date: FuzzyDate;
  readonly event?: string;
  readonly form: 'quotation' | 'paraphrase';
  readonly text: string;
  readonly audience: 'public' | 'private';
  readonly topics: readonly string[];
  readonly channel?: string;
  readonly source?: string;
}

export interface VersionSummary {
  readonly id: string;
  readonly label: string;
  readonly date?: FuzzyDate;
  readonly proposedBy?: string;
  readonly derivedFrom?: string;
  readonly status: string;
  readonly circulatedTo: readonly string[];
  readonly audience: 'public' | 'private';
  readonly note?: string;
  readonly provisionCount: number;
}

export interface Position {
  readonly key: string;
  readonly text: string;
  readonly version: string;
  readonly provision: string;
  readonly party: string;
  readonly stance: string;
  readonly wording?: string;
  readonly alternative?: string;
  readonly note?: string;
  readonly recorded: FuzzyDate;
  readonly audience: 'party' | 'mediator' | 'public';
}

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

export interface TextStatus {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly versions: number;
  readonly current: (VersionSummary & { readonly openProvisions: number }) | null;
}

/** GET /api/v1/processes/{process}/dashboard (src/services/dashboard-service.ts). */
export interface Dashboard {
  readonly process: Process;
  readonly asOf: FuzzyDate;
  readonly parties: readonly { readonly party: Party; readonly leads: readonly Lead[] }[];
  readonly upcoming: Page<NegotiationEvent>;
  readonly statements: Page<Statement>;
  readonly texts: readonly TextStatus[];
  readonly changes?: {
    readonly since: FuzzyDate;
    readonly versions: Counted<{ readonly text: string; readonly version: VersionSummary }>;
    readonly events: Counted<NegotiationEvent>;
    readonly statements: Counted<Statement>;
    readonly positions: Counted<Position>;
  };
}

/** GET /api/v1/processes/{process} (src/services/record-service.ts, `ProcessReport`). */
export interface ProcessReport {
  readonly summary: ProcessSummary;
  readonly parties: readonly Party[];
}
