/** The analysis of a process, on the profiles the requester may see. */

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CRITERIA } from '../../core/analysis/solutions.ts';
import { AnalysisService } from '../../services/analysis-service.ts';
import { processOf, type RouteContext, sendJson } from '../context.ts';

export function registerAnalysisRoutes(fastify: FastifyInstance, context: RouteContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/processes/:process/analysis',
    {
      schema: {
        summary:
          'Acceptability of the draft, frontier, bargaining solutions, acceptable count, improvements — on the profiles you may see',
        tags: ['analysis'],
        params: z.object({ process: z.string().max(100) }),
        querystring: z.object({
          text: z.string().max(100).optional(),
          version: z.string().max(100).optional(),
          rankBy: z.enum(CRITERIA).default('nash'),
          top: z.coerce.number().int().min(1).max(100).default(5),
          maxChanges: z.coerce.number().int().min(1).max(3).default(3),
          samples: z.coerce.number().int().min(0).max(20_000).default(0).meta({
            description: 'Sensitivity: Monte Carlo samples over the profiles’ uncertainty',
          }),
          seed: z.coerce.number().int().min(0).max(2_147_483_647).default(1),
        }),
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const q = request.query;
      const service = new AnalysisService(context.store, viewer);
      const analysis = await service.analyse(
        process,
        { ...(q.text ? { text: q.text } : {}), ...(q.version ? { version: q.version } : {}) },
        { rankBy: q.rankBy, top: q.top, maxChanges: q.maxChanges },
      );
      const sensitivity =
        q.samples > 0
          ? await service.sensitivity(analysis, { samples: q.samples, seed: q.seed })
          : undefined;
      return sendJson(reply, {
        ...analysis.report,
        leftOut: analysis.input.leftOut,
        draftSource: analysis.draftSource,
        ...(sensitivity === undefined ? {} : { sensitivity }),
      });
    },
  );
}
