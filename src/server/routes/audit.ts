/**
 * The audit chain as the requester may see it (entries about objects they may
 * not read are hidden: only their place in the chain), and its signed
 * checkpoint: anyone who can see a process may download both and keep them,
 * to verify the history later (`concord audit verify --view FILE --against FILE`).
 */

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditService } from '../../services/audit-service.ts';
import { processOf, type RouteContext, sendJson } from '../context.ts';
import { auditViewJson, checkpointJson } from '../responses/audit.ts';

export function registerAuditRoutes(fastify: FastifyInstance, context: RouteContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/processes/:process/audit',
    {
      schema: {
        summary:
          'The history of the process as you may see it: each write’s author, time, object, operation and digests; entries about what you may not see show only their place in the chain',
        tags: ['audit'],
        params: z.object({ process: z.string().max(100) }),
        querystring: z.object({
          after: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
        }),
        response: { 200: auditViewJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const entries = await new AuditService(context.store, context.now).view(
        process,
        viewer,
        request.query,
      );
      return sendJson(reply, { process, entries });
    },
  );
  app.get(
    '/api/v1/processes/:process/audit/checkpoint',
    {
      schema: {
        summary: 'A signed checkpoint of the process’s history (Ed25519), to keep',
        tags: ['audit'],
        params: z.object({ process: z.string().max(100) }),
        response: { 200: checkpointJson },
      },
    },
    async (request) => {
      const { process } = await processOf(context, request, request.params.process);
      return new AuditService(context.store, context.now).checkpoint(process);
    },
  );
}
