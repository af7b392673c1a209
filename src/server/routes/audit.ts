/**
 * The audit chain's signed checkpoint: anyone who can see a process may
 * download one and keep it, to verify the history against later
 * (`concord audit verify --against FILE`).
 */

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditService } from '../../services/audit-service.ts';
import { processOf, type RouteContext } from '../context.ts';

export function registerAuditRoutes(fastify: FastifyInstance, context: RouteContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/processes/:process/audit/checkpoint',
    {
      schema: {
        summary: 'A signed checkpoint of the process’s history (Ed25519), to keep',
        tags: ['audit'],
        params: z.object({ process: z.string().max(100) }),
        response: {
          200: z.object({
            process: z.string(),
            seq: z.number(),
            hash: z.string(),
            at: z.number(),
            publicKey: z.string(),
            signature: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const { process } = await processOf(context, request, request.params.process);
      return new AuditService(context.store, context.now).checkpoint(process);
    },
  );
}
