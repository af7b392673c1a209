/** The analysis of a process, on the profiles the requester may see. */

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CRITERIA } from '../../core/analysis/solutions.ts';
import { spacePoints } from '../../core/analysis/space-points.ts';
import { AnalysisService } from '../../services/analysis-service.ts';
import { processOf, type RouteContext, sendJson } from '../context.ts';
import { analysisInputsJson, analysisResultJson } from '../responses/analysis.ts';

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
          perturbation: z.coerce.number().min(0.01).max(0.5).optional().meta({
            description:
              'Sensitivity: move every weight and option value by up to ±this share (0.2: ±20%) instead of the profiles’ stated uncertainty',
          }),
          points: z.enum(['true', 'false']).default('false').meta({
            description:
              'Also the utility-space chart’s points (`space`): every distinct package vector up to 2,000 (else a seeded sample of 2,000) and the frontier (up to 4,000 points, else evenly spread)',
          }),
        }),
        response: { 200: analysisResultJson },
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
          ? await service.sensitivity(
              analysis,
              { samples: q.samples, seed: q.seed },
              q.perturbation,
            )
          : undefined;
      return sendJson(reply, {
        ...analysis.report,
        leftOut: analysis.input.leftOut,
        draftSource: analysis.draftSource,
        ...(sensitivity === undefined ? {} : { sensitivity }),
        ...(q.points === 'true' ? { space: spacePoints(analysis.frontier, { seed: q.seed }) } : {}),
      });
    },
  );

  app.get(
    '/api/v1/processes/:process/analysis/inputs',
    {
      schema: {
        summary:
          'What your analysis rests on, without running it: the issues and options, the profiles you may see, the parties left out, whether it is mediator-only',
        tags: ['analysis'],
        params: z.object({ process: z.string().max(100) }),
        response: { 200: analysisInputsJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      return sendJson(reply, await new AnalysisService(context.store, viewer).inputs(process));
    },
  );
}
