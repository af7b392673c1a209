/** The negotiating text: texts, versions, the diff of two versions (JSON, Markdown briefing, HTML redline), the positions matrix. */

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Viewer } from '../../core/audience.ts';
import type { FuzzyDate } from '../../core/fuzzy-date.ts';
import type { PartyId, ProvisionId, VersionId } from '../../core/ids.ts';
import type { StancePoint } from '../../core/text/position-matrix.ts';
import { renderRedlineHtml } from '../../io/text/diff-html.ts';
import { renderDiffMarkdown } from '../../io/text/diff-markdown.ts';
import { PositionService, tagged } from '../../services/position-service.ts';
import { TextService } from '../../services/text-service.ts';
import { processOf, type RouteContext, sendJson } from '../context.ts';
import { dateParam, parseDateParam } from '../query.ts';
import {
  positionMatrixJson,
  positionMovementJson,
  taggedPositionJson,
  textDiffJson,
  textJson,
  textSummaryJson,
} from '../responses/text.ts';

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
        response: { 200: z.array(textSummaryJson) },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      return sendJson(reply, await texts(viewer).listTexts(process));
    },
  );

  app.get(
    '/api/v1/processes/:process/texts/:text',
    {
      schema: {
        summary: 'A text with its versions and provisions',
        tags,
        params: textParams,
        response: { 200: textJson },
      },
    },
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
        response: {
          200: textDiffJson.meta({
            description:
              'The diff as JSON; with `format=markdown` or `html`, the briefing or the redline as text instead',
          }),
        },
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
      // The Markdown and HTML renderings are text, outside the JSON answer's schema.
      const text = reply as FastifyReply;
      if (format === 'markdown')
        return text
          .type('text/markdown; charset=utf-8')
          .send(renderDiffMarkdown(comparison.diff, diffContext));
      if (format === 'html')
        return text.type('text/html; charset=utf-8').send(
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
    '/api/v1/processes/:process/texts/:text/positions/history',
    {
      schema: {
        summary:
          'Every stance recorded on a text (that you may see), oldest first, each with its tag (for If-Match); narrow by provision, party or version',
        tags,
        params: textParams,
        querystring: z.object({
          provision: z.string().max(100).optional(),
          party: z.string().max(100).optional(),
          version: z.string().max(100).optional(),
        }),
        response: { 200: z.array(taggedPositionJson) },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const q = request.query;
      const positions = await new PositionService(context.store, viewer).history(process, {
        text: request.params.text,
        ...(q.provision === undefined ? {} : { provision: q.provision as ProvisionId }),
        ...(q.party === undefined ? {} : { party: q.party as PartyId }),
        ...(q.version === undefined ? {} : { version: q.version as VersionId }),
      });
      return sendJson(reply, positions.map(tagged));
    },
  );

  app.get(
    '/api/v1/processes/:process/texts/:text/positions/movement',
    {
      schema: {
        summary:
          "How each party's stance on each provision moved between two versions or two dates (the positions you may see)",
        description:
          'A version means the stances taken on that version; a date, the latest stance recorded by then on any version.',
        tags,
        params: textParams,
        querystring: z.object({
          from: z.string().max(200),
          to: z.string().max(200),
          all: z
            .enum(['true', 'false'])
            .default('false')
            .meta({ description: 'Include unchanged stances' }),
        }),
        response: { 200: positionMovementJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const text = await texts(viewer).getText(process, request.params.text);
      const point = (name: 'from' | 'to'): StancePoint => {
        const value = request.query[name];
        return text.versions.some((v) => v.id === value)
          ? { version: value as VersionId }
          : { asOf: parseDateParam(name, value) as FuzzyDate };
      };
      const from = point('from');
      const to = point('to');
      const { rows } = await new PositionService(context.store, viewer).movement(
        process,
        text.id,
        from,
        to,
      );
      const shown = request.query.all === 'true' ? rows : rows.filter((r) => r.change !== 'same');
      return sendJson(reply, { text: text.id, from, to, rows: shown });
    },
  );

  app.get(
    '/api/v1/processes/:process/texts/:text/positions',
    {
      schema: {
        summary:
          'The positions matrix of a version: provisions × parties (the positions you may see, each with its tag for If-Match)',
        tags,
        params: textParams,
        querystring: z.object({
          version: z.string().max(100).optional(),
          asOf: dateParam.optional(),
        }),
        response: { 200: positionMatrixJson },
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
      // One body per report: a kept report (unchanged database) is then sent as kept JSON.
      let body = matrixBodies.get(report);
      if (body === undefined) {
        // Each cell with its tag, for If-Match on the next position written there.
        const matrix = {
          ...report.matrix,
          rows: report.matrix.rows.map((row) => ({
            ...row,
            cells: new Map([...row.cells].map(([party, position]) => [party, tagged(position)])),
          })),
        };
        body = { version: report.version, parties: report.parties, matrix };
        matrixBodies.set(report, body);
      }
      return sendJson(reply, body);
    },
  );
}

const matrixBodies = new WeakMap<object, object>();
