/** The people pages' calls; their answers' types come from the OpenAPI document (api/types.ts). */

import { queryOptions } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import type { Appointment, PersonReport, Who } from '../../api/types.ts';

export type { PersonReport, Who, WhoEntry } from '../../api/types.ts';

/** An appointment with how it ended (resigned, replaced by whom, with the source). */
export type AppointmentWithEnd = Appointment;

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
