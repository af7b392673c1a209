/** Liveness (`/api/health`: the process answers) and readiness (`/api/ready`: the database answers). */

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PUBLIC_VIEWER } from '../../core/audience.ts';
import type { RouteContext } from '../context.ts';

const status = z.strictObject({ status: z.enum(['ok']) });

export function registerHealthRoutes(app: FastifyInstance, context: RouteContext): void {
  app.get(
    '/api/health',
    { schema: { summary: 'The server is running', tags: ['health'], response: { 200: status } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/api/ready',
    {
      schema: {
        summary: 'The server can reach its database',
        tags: ['health'],
        response: { 200: status, 503: z.strictObject({ status: z.literal('unavailable') }) },
      },
    },
    async (_request, reply) => {
      try {
        await context.store.repositories.record.listProcesses(PUBLIC_VIEWER);
        return { status: 'ok' as const };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  );
}
