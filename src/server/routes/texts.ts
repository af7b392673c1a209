/** The negotiating text: texts, versions, the diff of two versions (JSON, Markdown briefing, HTML redline), the positions matrix. */

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Viewer } from '../../core/audience.ts';
import { renderRedlineHtml } from '../../io/text/diff-html.ts';
import { renderDiffMarkdown } from '../../io/text/diff-markdown.ts';
import { PositionService } from '../../services/position-service.ts';
import { TextService } from '../../services/text-service.ts';
import { processOf, type RouteContext, sendJson } from '../context.ts';
import { dateParam, parseDateParam } from '../query.ts';

const textParams = z.object({ process: z.string().max(100), text: z.string().max(100) });

export function registerTextRoutes(fastify: FastifyInstance, context: RouteContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const texts = (viewer: Viewer) => new TextService(context.store, viewer);
  const tags = ['texts'];

  app.get(
    '/api/v1/processes/:process/texts',
    {
      schema: {
        summary: 'The texts, with the versions you may see',
        tags,
        params: z.object({ process: z.string().max(100) }),
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      return sendJson(reply, await texts(viewer).listTexts(process));
    },
  );

  app.get(
    '/api/v1/processes/:process/texts/:text',
    { schema: { summary: 'A text with its versions and provisions', tags, params: textParams } },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      return sendJson(reply, await texts(viewer).getText(process, request.params.text));
    },
  );

  app.get(
    '/api/v1/processes/:process/texts/:text/diff',
    {
      schema: {
        summary: 'What changed between two versions, provision by provision',
        tags,
        params: textParams,
        querystring: z.object({
          from: z.string().max(100),
          to: z.string().max(100),
          format: z.enum(['json', 'markdown', 'html']).default('json'),
        }),
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const { from, to, format } = request.query;
      const comparison = await texts(viewer).compare(process, request.params.text, from, to);
      const diffContext = {
        title: comparison.text.title,
        from: { id: comparison.from.id, label: comparison.from.label },
        to: { id: comparison.to.id, label: comparison.to.label },
      };
      if (format === 'markdown')
        return reply
          .type('text/markdown; charset=utf-8')
          .send(renderDiffMarkdown(comparison.diff, diffContext));
      if (format === 'html')
        return reply.type('text/html; charset=utf-8').send(
          renderRedlineHtml({
            diff: comparison.diff,
            before: comparison.from.provisions,
            after: comparison.to.provisions,
            context: diffContext,
          }),
        );
      return sendJson(reply, comparison.diff);
    },
  );

  app.get(
    '/api/v1/processes/:process/texts/:text/positions',
    {
      schema: {
        summary:
          'The positions matrix of a version: provisions × parties (the positions you may see)',
        tags,
        params: textParams,
        querystring: z.object({
          version: z.string().max(100).optional(),
          asOf: dateParam.optional(),
        }),
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const asOf = parseDateParam('asOf', request.query.asOf);
      const report = await new PositionService(context.store, viewer).matrix(
        process,
        request.params.text,
        request.query.version,
        asOf,
      );
      return sendJson(reply, {
        version: report.version,
        parties: report.parties,
        matrix: report.matrix,
      });
    },
  );
}
