/**
 * The calendar feed of a process (iCalendar), and calendar tokens to
 * subscribe to it. Calendar apps cannot send our cookies: the feed also takes
 * `?token=` — a calendar token, which reads calendar feeds as its user and
 * nothing else (an API token or session in a URL would grant everything).
 */

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForbiddenError } from '../../core/errors.ts';
import { CalendarService } from '../../services/calendar-service.ts';
import { processOf, type RouteContext, sendJson } from '../context.ts';
import { dateParam, parseDateParam } from '../query.ts';
import { calendarTokenJson } from '../responses/record.ts';

const processParams = z.object({ process: z.string().max(100) });

export function registerCalendarRoutes(fastify: FastifyInstance, context: RouteContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];

  app.get(
    '/api/v1/processes/:process/calendar.ics',
    {
      schema: {
        summary:
          'The events you may see as an iCalendar feed (RFC 5545); calendar apps subscribe with ?token= (a calendar token)',
        tags,
        params: processParams,
        querystring: z.object({
          token: z
            .string()
            .max(200)
            .optional()
            .meta({ description: 'A calendar token (POST …/calendar/tokens); else the session' }),
          from: dateParam.optional().meta({ description: 'Only events ending after this date' }),
        }),
      },
    },
    async (request, reply) => {
      const { token } = request.query;
      if (token !== undefined) {
        const principal = await context.accounts.authenticate(token, 'calendar');
        if (principal === undefined)
          throw new ForbiddenError(
            'this calendar link is not valid (revoked, or its user disabled): make a new one in the timeline',
          );
        request.principal = principal;
      }
      const { process, viewer } = await processOf(context, request, request.params.process);
      const from = parseDateParam('from', request.query.from);
      const origin = `${request.protocol}://${request.host}`;
      const text = await new CalendarService(context.store, viewer).calendar(process, {
        now: context.now(),
        ...(from === undefined ? {} : { from }),
        eventUrl: (event) =>
          `${origin}/processes/${encodeURIComponent(process)}/briefing/${encodeURIComponent(event.id)}`,
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="${process}.ics"`)
        .header('cache-control', 'private, no-store')
        .send(text);
    },
  );

  app.post(
    '/api/v1/processes/:process/calendar/tokens',
    {
      schema: {
        summary:
          'A calendar token for you (shown once), and the feed URL that carries it: it reads calendar feeds only',
        tags,
        params: processParams,
        response: { 201: calendarTokenJson },
      },
    },
    async (request, reply) => {
      const { process } = await processOf(context, request, request.params.process);
      const principal = request.principal;
      if (principal === undefined || principal.via === 'calendar')
        throw new ForbiddenError('sign in to make a calendar link');
      const token = await context.accounts.createCalendarToken(
        principal.user.id,
        `calendar: ${process}`,
      );
      const path = `/api/v1/processes/${encodeURIComponent(process)}/calendar.ics?token=${token}`;
      return sendJson(reply.status(201), { token, path });
    },
  );
}
