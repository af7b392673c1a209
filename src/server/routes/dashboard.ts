/** The dashboard of a process: what a team member sees first, and what changed since their last visit. */

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dayOf } from '../../core/fuzzy-date.ts';
import { DashboardService, DEFAULT_DASHBOARD_LIMIT } from '../../services/dashboard-service.ts';
import { processOf, type RouteContext, sendJson } from '../context.ts';
import { dateParam, parseDateParam } from '../query.ts';
import { dashboardJson } from '../responses/record.ts';

export function registerDashboardRoutes(fastify: FastifyInstance, context: RouteContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/processes/:process/dashboard',
    {
      schema: {
        summary:
          'The dashboard: parties and who leads them, next events, latest statements, current versions with their open provisions, and what changed since a date',
        description:
          'Filtered by who you are, like every read. "Changed since" goes by the items\' own dates (versions and events dated, statements made, positions recorded at or after `since`, up to `asOf`).',
        tags: ['record'],
        params: z.object({ process: z.string().max(100) }),
        querystring: z.object({
          asOf: dateParam.optional().meta({ description: 'The day (default: today).' }),
          since: dateParam.optional().meta({
            description: 'Your last visit, an instant or a date: report what changed since.',
          }),
          limit: z.coerce
            .number()
            .int()
            .min(1)
            .max(50)
            .default(DEFAULT_DASHBOARD_LIMIT)
            .meta({ description: 'Events, statements and changed items of each kind to list.' }),
        }),
        response: { 200: dashboardJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const q = request.query;
      const asOf = parseDateParam('asOf', q.asOf) ?? dayOf(context.now());
      const since = parseDateParam('since', q.since);
      return sendJson(
        reply,
        await new DashboardService(context.store, viewer).dashboard(process, {
          asOf,
          ...(since === undefined ? {} : { since }),
          limit: q.limit,
        }),
      );
    },
  );
}
