/** The record: processes, who held which role, the timeline, statements, a person, an event. */

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { APPOINTMENT_ROLES } from '../../core/appointment.ts';
import { PUBLIC_VIEWER, type Viewer } from '../../core/audience.ts';
import { dayOf } from '../../core/fuzzy-date.ts';
import type { EventId, PartyId, PersonId } from '../../core/ids.ts';
import { EVENT_KINDS, EVENT_STATUSES } from '../../core/negotiation-event.ts';
import type { TimelineQuery } from '../../core/timeline.ts';
import { RecordService } from '../../services/record-service.ts';
import { processOf, type RouteContext, sendJson } from '../context.ts';
import { dateParam, enumList, listParam, pageQuery, parseDateParam, splitList } from '../query.ts';
import {
  eventReportJson,
  personReportJson,
  processListJson,
  processReportJson,
  statementPageJson,
  timelineHistogramJson,
  timelinePageJson,
  whoJson,
} from '../responses/record.ts';

const processParams = z.object({ process: z.string().max(100) });

export function registerRecordRoutes(fastify: FastifyInstance, context: RouteContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = (viewer: Viewer) => new RecordService(context.store, viewer);
  const tags = ['record'];

  app.get(
    '/api/v1/processes',
    { schema: { summary: 'The processes', tags, response: { 200: processListJson } } },
    async (_request, reply) => sendJson(reply, await service(PUBLIC_VIEWER).listProcesses()),
  );

  app.get(
    '/api/v1/processes/:process/export',
    {
      schema: {
        summary:
          'The whole process as a scenario file (YAML) — what you may see of it; `concord import` reads it back',
        tags,
        params: processParams,
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      return reply
        .type('application/yaml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${process}.yaml"`)
        .send(await service(viewer).exportScenario(process));
    },
  );

  app.get(
    '/api/v1/processes/:process',
    {
      schema: {
        summary: 'A process at a glance: parties, heads of delegation, upcoming events',
        tags,
        params: processParams,
        querystring: z.object({ asOf: dateParam.optional() }),
        response: { 200: processReportJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const asOf = parseDateParam('asOf', request.query.asOf) ?? dayOf(context.now());
      return sendJson(reply, await service(viewer).showProcess(process, asOf));
    },
  );

  app.get(
    '/api/v1/processes/:process/who',
    {
      schema: {
        summary: 'Who held which title or role, per party, as of a date',
        tags,
        params: processParams,
        querystring: z.object({
          asOf: dateParam.optional(),
          party: listParam.optional(),
          role: z
            .string()
            .max(500)
            .optional()
            .meta({ description: `Comma-separated: ${APPOINTMENT_ROLES.join(', ')}` }),
        }),
        response: { 200: whoJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const asOf = parseDateParam('asOf', request.query.asOf) ?? dayOf(context.now());
      const parties = splitList(request.query.party) as PartyId[] | undefined;
      const roles = enumList('role', request.query.role, APPOINTMENT_ROLES);
      const groups = await service(viewer).who(process, {
        asOf,
        ...(parties ? { parties } : {}),
        ...(roles ? { roles } : {}),
      });
      return sendJson(reply, { process, asOf, groups });
    },
  );

  const timelineFilters = {
    from: dateParam.optional(),
    to: dateParam.optional(),
    party: listParam.optional(),
    person: listParam.optional(),
    kind: z
      .string()
      .max(500)
      .optional()
      .meta({ description: `Comma-separated: ${EVENT_KINDS.join(', ')}` }),
    status: z
      .string()
      .max(500)
      .optional()
      .meta({ description: `Comma-separated: ${EVENT_STATUSES.join(', ')}` }),
    upcomingAsOf: dateParam.optional(),
  };
  const timelineQueryOf = (
    q: {
      [K in keyof typeof timelineFilters]?: string | undefined;
    },
  ): TimelineQuery => {
    const from = parseDateParam('from', q.from);
    const to = parseDateParam('to', q.to);
    const upcomingAsOf = parseDateParam('upcomingAsOf', q.upcomingAsOf);
    const parties = splitList(q.party) as PartyId[] | undefined;
    const people = splitList(q.person) as PersonId[] | undefined;
    const kinds = enumList('kind', q.kind, EVENT_KINDS);
    const statuses = enumList('status', q.status, EVENT_STATUSES);
    return {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(parties ? { parties } : {}),
      ...(people ? { people } : {}),
      ...(kinds ? { kinds } : {}),
      ...(statuses ? { statuses } : {}),
      ...(upcomingAsOf ? { upcomingAsOf } : {}),
    };
  };

  app.get(
    '/api/v1/processes/:process/timeline/histogram',
    {
      schema: {
        summary:
          'How many events of the timeline (filtered as it is) fall in each day, week, month or year of a window',
        description:
          'The window is from–to, or the extent of the matching events. Each event counts once, in the bucket of its start; buckets are the finest unit giving at most `buckets`. Only the events the viewer may see are counted.',
        tags,
        params: processParams,
        querystring: z.object({
          ...timelineFilters,
          buckets: z.coerce.number().int().min(1).max(1_000).default(200),
        }),
        response: { 200: timelineHistogramJson },
      },
    },
    async (request, reply) => {
      const { buckets, ...filters } = request.query;
      const { process, viewer } = await processOf(context, request, request.params.process);
      const histogram = await service(viewer).timelineHistogram(
        process,
        timelineQueryOf(filters),
        buckets,
      );
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      return sendJson(reply, {
        from: iso(histogram.start),
        to: iso(histogram.end),
        unit: histogram.unit,
        step: histogram.step,
        total: histogram.total,
        scheduled: histogram.scheduled,
        buckets: histogram.buckets.map((bucket) => ({
          start: iso(bucket.start),
          end: iso(bucket.end),
          count: bucket.count,
          scheduled: bucket.scheduled,
        })),
      });
    },
  );

  app.get(
    '/api/v1/processes/:process/timeline',
    {
      schema: {
        summary: 'Events in order, filtered',
        tags,
        params: processParams,
        querystring: z.object({ ...timelineFilters, ...pageQuery }),
        response: { 200: timelinePageJson },
      },
    },
    async (request, reply) => {
      const { limit, offset, ...filters } = request.query;
      const { process, viewer } = await processOf(context, request, request.params.process);
      const page = await service(viewer).timeline(process, timelineQueryOf(filters), {
        limit,
        offset,
      });
      return sendJson(reply, page);
    },
  );

  app.get(
    '/api/v1/processes/:process/statements',
    {
      schema: {
        summary: 'Who said what, oldest first',
        tags,
        params: processParams,
        querystring: z.object({
          by: z.string().max(100).optional(),
          event: z.string().max(100).optional(),
          ...pageQuery,
        }),
        response: { 200: statementPageJson },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const { process, viewer } = await processOf(context, request, request.params.process);
      const page = await service(viewer).statements(
        process,
        { ...(q.by ? { by: q.by } : {}), ...(q.event ? { event: q.event as EventId } : {}) },
        { limit: q.limit, offset: q.offset },
      );
      return sendJson(reply, page);
    },
  );

  app.get(
    '/api/v1/processes/:process/people/:person',
    {
      schema: {
        summary: "A person's titles and roles over time, events and statements",
        tags,
        params: processParams.extend({ person: z.string().max(200) }),
        querystring: z.object(pageQuery),
        response: { 200: personReportJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const { limit, offset } = request.query;
      return sendJson(
        reply,
        await service(viewer).showPerson(process, request.params.person, { limit, offset }),
      );
    },
  );

  app.get(
    '/api/v1/processes/:process/events/:event',
    {
      schema: {
        summary: "An event with each party's delegation, outcome and sources",
        tags,
        params: processParams.extend({ event: z.string().max(100) }),
        response: { 200: eventReportJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      return sendJson(
        reply,
        await service(viewer).showEvent(process, request.params.event as EventId),
      );
    },
  );
}
