/**
 * The people pages' calls and answers (src/services/record-service.ts,
 * `WhoGroup` and `PersonReport`, as `toJson` spells them).
 */

import { queryOptions } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import type {
  Appointment,
  FuzzyDate,
  NegotiationEvent,
  Page,
  Party,
  Person,
  Statement,
} from '../../api/types.ts';

/** An appointment with how it ended (resigned, replaced by whom, with the source). */
export interface AppointmentWithEnd extends Appointment {
  readonly ended?: {
    readonly reason: string;
    readonly replacedBy?: string;
    readonly note?: string;
    readonly source?: string;
  };
}

export interface WhoEntry {
  readonly person: Person;
  readonly tenure: {
    readonly appointment: AppointmentWithEnd;
    readonly certainty: 'certain' | 'possible';
  };
}

/** GET /api/v1/processes/{process}/who */
export interface Who {
  readonly process: string;
  readonly asOf: FuzzyDate;
  readonly groups: readonly { readonly party?: Party; readonly entries: readonly WhoEntry[] }[];
}

/** GET /api/v1/processes/{process}/people/{person} */
export interface PersonReport {
  readonly person: Person;
  readonly appointments: readonly AppointmentWithEnd[];
  readonly parties: Readonly<Record<string, Party>>;
  readonly people: Readonly<Record<string, Person>>;
  readonly events: Page<NegotiationEvent>;
  readonly statements: Page<Statement>;
}

export const whoQuery = (process: string, asOf: string | undefined) =>
  queryOptions({
    queryKey: ['who', process, asOf ?? null],
    queryFn: (): Promise<Who> =>
      call(
        api.GET('/api/v1/processes/{process}/who', {
          params: { path: { process }, query: asOf === undefined ? {} : { asOf } },
        }),
      ),
  });

/** At most this many of a person's events and statements on their page (and in the graph). */
export const PERSON_PAGE = 200;

export const personQuery = (process: string, person: string) =>
  queryOptions({
    queryKey: ['person', process, person],
    queryFn: (): Promise<PersonReport> =>
      call(
        api.GET('/api/v1/processes/{process}/people/{person}', {
          params: { path: { process, person }, query: { limit: PERSON_PAGE, offset: 0 } },
        }),
      ),
  });
