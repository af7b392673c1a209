/**
 * The mediator team's writes on the negotiating text: a version read with its
 * ETag; a draft put as a version (new, or replacing one — If-Match: its ETag,
 * or * for a new one); how a version stands changed (status, circulation,
 * publication — never its provisions); a new draft version made from a
 * package of the analysis. Only a lead or member of the mediator team writes;
 * every write is recorded in the audit chain with the user.
 */

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIENCES } from '../../core/audience.ts';
import type { PartyId, PersonId, SourceId, TextId, VersionId } from '../../core/ids.ts';
import { TEXT_KINDS, VERSION_STATUSES } from '../../core/text/negotiating-text.ts';
import { numberProvisions } from '../../core/text/numbering.ts';
import { AnalysisService } from '../../services/analysis-service.ts';
import { TextService, versionTag } from '../../services/text-service.ts';
import { ifMatchOf, processOf, type RouteContext, sendJson, writerFor } from '../context.ts';
import { dateParam, parseDateParam } from '../query.ts';
import {
  draftReportJson,
  madeVersionJson,
  versionDetailJson,
  versionJson,
} from '../responses/text.ts';

const slug = z.string().min(1).max(100);
const textParams = z.object({ process: slug, text: slug });
const versionParams = z.object({ process: slug, text: slug, version: slug });
const ifMatchHeader = z.object({ 'if-match': z.string().max(200).optional() }).passthrough();
const parties = z.array(slug).max(200);

export function registerVersionRoutes(fastify: FastifyInstance, context: RouteContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['texts'];

  app.get(
    '/api/v1/processes/:process/texts/:text/versions/:version',
    {
      schema: {
        summary:
          "One version of a text (if you may see it): as JSON with its ETag (and `numbers`: each provision's displayed number), as Akoma Ntoso XML, or as a plain numbered draft",
        tags,
        params: versionParams,
        querystring: z.object({ format: z.enum(['json', 'akn', 'plain']).default('json') }),
        response: {
          200: versionDetailJson.meta({
            description:
              'The version as JSON; with `format=akn` or `plain`, Akoma Ntoso XML or the plain draft instead',
          }),
        },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const texts = new TextService(context.store, viewer);
      const { text, version } = await texts.getVersion(
        process,
        request.params.text,
        request.params.version,
      );
      const format = request.query.format;
      if (format === 'json') {
        reply.header('etag', versionTag(version));
        // With each provision's displayed number (derived from its place), for readers.
        return sendJson(reply, { ...version, numbers: numberProvisions(version.provisions) });
      }
      const exported = await texts.exportVersion(
        process,
        text.id,
        version.id,
        format,
        new Date(context.now()).toISOString().slice(0, 10),
      );
      // XML or plain text, outside the JSON answer's schema.
      return (reply as FastifyReply)
        .type(format === 'akn' ? 'application/xml; charset=utf-8' : 'text/plain; charset=utf-8')
        .send(exported);
    },
  );

  app.put(
    '/api/v1/processes/:process/texts/:text/versions/:version',
    {
      schema: {
        summary:
          'Put a plain or Markdown draft as a version (mediator team; If-Match: the ETag you read, or * for a new version)',
        description:
          'Numbered lines ("1.", "1.1", "(a)") become provisions; with `from`, provisions that continue ones of that version keep their identities. A new text needs `title`. A version positions were recorded on cannot lose those provisions.',
        tags,
        params: versionParams,
        headers: ifMatchHeader,
        body: z.object({
          draft: z.string().max(1_000_000),
          from: slug.optional(),
          label: z.string().max(500).optional(),
          title: z.string().max(500).optional(),
          kind: z.enum(TEXT_KINDS).optional(),
          date: dateParam.optional(),
          proposedBy: slug.optional(),
          proposedByPerson: slug.optional(),
          status: z.enum(VERSION_STATUSES).optional(),
          circulatedTo: parties.optional(),
          audience: z.enum(AUDIENCES).optional(),
          source: slug.optional(),
          note: z.string().max(100_000).optional(),
          dryRun: z.boolean().optional(),
        }),
        response: {
          200: draftReportJson.meta({
            description: 'A version replaced, or a dry run (nothing written)',
          }),
          201: draftReportJson.meta({ description: 'A new version' }),
        },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const actor = await writerFor(context, request, process, 'mediator');
      const ifMatch = ifMatchOf(request, 'version');
      const { draft, dryRun, date, ...body } = request.body;
      const parsedDate = parseDateParam('date', date, 'body');
      const report = await new TextService(context.store, viewer).importDraft(
        process,
        {
          text: request.params.text as TextId,
          version: request.params.version as VersionId,
          ...(body.from === undefined ? {} : { from: body.from as VersionId }),
          ...(body.label === undefined ? {} : { label: body.label }),
          ...(body.title === undefined ? {} : { title: body.title }),
          ...(body.kind === undefined ? {} : { kind: body.kind }),
          ...(parsedDate === undefined ? {} : { date: parsedDate }),
          ...(body.proposedBy === undefined ? {} : { proposedBy: body.proposedBy as PartyId }),
          ...(body.proposedByPerson === undefined
            ? {}
            : { proposedByPerson: body.proposedByPerson as PersonId }),
          ...(body.status === undefined ? {} : { status: body.status }),
          ...(body.circulatedTo === undefined
            ? {}
            : { circulatedTo: body.circulatedTo as PartyId[] }),
          ...(body.audience === undefined ? {} : { audience: body.audience }),
          ...(body.source === undefined ? {} : { source: body.source as SourceId }),
          ...(body.note === undefined ? {} : { note: body.note }),
        },
        draft,
        'body.draft',
        { dryRun: dryRun === true, ifMatch, actor },
      );
      if (!report.dryRun) {
        reply.header('etag', report.tag);
        reply.status(report.replacedVersion ? 200 : 201);
      }
      return sendJson(reply, report);
    },
  );

  app.patch(
    '/api/v1/processes/:process/texts/:text/versions/:version',
    {
      schema: {
        summary:
          'Change how a version stands: status, circulation, publication, label, note (mediator team; If-Match: its ETag)',
        description:
          'Circulating a version to a party lets that delegation read it; `audience: public` publishes it. The provisions never change here: put a new version instead.',
        tags,
        params: versionParams,
        headers: ifMatchHeader,
        body: z
          .object({
            label: z.string().min(1).max(500).optional(),
            status: z.enum(VERSION_STATUSES).optional(),
            circulatedTo: parties.optional(),
            audience: z.enum(AUDIENCES).optional(),
            note: z.string().max(100_000).optional(),
          })
          .strict(),
        response: { 200: versionJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const texts = new TextService(context.store, viewer);
      // 404 for a version the requester may not see, before 403 for one they may not change.
      await texts.getVersion(process, request.params.text, request.params.version);
      const actor = await writerFor(context, request, process, 'mediator');
      const ifMatch = ifMatchOf(request, 'version');
      const { circulatedTo, ...change } = request.body;
      const result = await texts.updateVersion(
        process,
        request.params.text,
        request.params.version,
        {
          ...change,
          ...(circulatedTo === undefined ? {} : { circulatedTo: circulatedTo as PartyId[] }),
        },
        ifMatch,
        actor,
      );
      reply.header('etag', result.tag);
      return sendJson(reply, result.version);
    },
  );

  app.post(
    '/api/v1/processes/:process/texts/:text/versions',
    {
      schema: {
        summary:
          'Make a new draft version from a package: each provision tied to an issue takes the chosen option (mediator team)',
        description:
          'The package maps every issue to an option (for instance an improvement or a top package of the analysis). The new version, derived from `from` (default: the latest), is a private draft.',
        tags,
        params: textParams,
        body: z.object({
          version: slug,
          from: slug.optional(),
          label: z.string().max(500).optional(),
          date: dateParam.optional(),
          note: z.string().max(100_000).optional(),
          package: z.record(slug, slug),
        }),
        response: { 201: madeVersionJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const actor = await writerFor(context, request, process, 'mediator');
      const { date, ...body } = request.body;
      const parsedDate = parseDateParam('date', date, 'body');
      const made = await new AnalysisService(context.store, viewer).packageToVersion(
        process,
        {
          text: request.params.text,
          version: body.version,
          package: body.package,
          ...(body.from === undefined ? {} : { from: body.from }),
          ...(body.label === undefined ? {} : { label: body.label }),
          ...(body.note === undefined ? {} : { note: body.note }),
          ...(parsedDate === undefined ? {} : { date: parsedDate }),
        },
        actor,
      );
      const { version } = await new TextService(context.store, viewer).getVersion(
        process,
        made.text,
        made.version,
      );
      reply.header('etag', versionTag(version));
      reply.status(201);
      return sendJson(reply, made);
    },
  );
}
