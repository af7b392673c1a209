/**
 * The briefing for an event (`services/briefing-service.ts`): as JSON for
 * the web app's page, as a printable HTML page (no scripts, everything
 * escaped), and as a PDF of that page printed by Chromium on the server.
 */

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventId } from '../../core/ids.ts';
import { renderBriefingHtml } from '../../io/briefing-html.ts';
import { BriefingService } from '../../services/briefing-service.ts';
import { renderPdf } from '../../services/pdf-renderer.ts';
import { processOf, type RouteContext, sendJson } from '../context.ts';
import { briefingJson } from '../responses/record.ts';

const params = z.object({ process: z.string().max(100), event: z.string().max(100) });

/** The printable page runs no script and loads nothing; its styles are inline. */
const HTML_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function registerBriefingRoutes(fastify: FastifyInstance, context: RouteContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['briefing'];

  const briefingFor = async (
    request: Parameters<typeof processOf>[1],
    slugs: z.infer<typeof params>,
  ) => {
    const { process, viewer } = await processOf(context, request, slugs.process);
    return new BriefingService(context.store, viewer).briefing(process, slugs.event as EventId);
  };

  app.get(
    '/api/v1/processes/:process/events/:event/briefing',
    {
      schema: {
        summary:
          "A briefing for an event: participants with their roles that day and recent statements, the current text's open provisions, the positions you may see",
        tags,
        params,
        response: { 200: briefingJson },
      },
    },
    async (request, reply) => sendJson(reply, await briefingFor(request, request.params)),
  );

  app.get(
    '/api/v1/processes/:process/events/:event/briefing.html',
    {
      schema: {
        summary: 'The briefing as a printable HTML page (what the PDF prints)',
        tags,
        params,
      },
    },
    async (request, reply) => {
      const html = renderBriefingHtml(await briefingFor(request, request.params), {
        generated: context.now(),
      });
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', HTML_POLICY)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(html);
    },
  );

  app.get(
    '/api/v1/processes/:process/events/:event/briefing.pdf',
    {
      schema: {
        summary:
          'The briefing as a PDF (printed by Chromium on the server; 503 when Chromium is not installed)',
        tags,
        params,
      },
    },
    async (request, reply) => {
      const briefing = await briefingFor(request, request.params);
      const pdf = await renderPdf(renderBriefingHtml(briefing, { generated: context.now() }));
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="briefing-${briefing.event.id}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
