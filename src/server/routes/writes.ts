/**
 * The first writes: a delegation records its own positions (append-only; an
 * optional If-Match names the latest position the writer saw) and replaces its own profile (a mutable resource: served
 * with an ETag; a write needs If-Match — 428 without it, 412 when the profile
 * changed meanwhile). Every write is recorded in the audit chain with the user.
 */

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvalidError } from '../../core/errors.ts';
import { dayOf, parseFuzzyDate } from '../../core/fuzzy-date.ts';
import type { AlternativeId, PartyId, ProvisionId, TextId } from '../../core/ids.ts';
import { POSITION_AUDIENCES, STANCES } from '../../core/text/position.ts';
import { fromProfile, profileSchema, toProfile } from '../../io/scenario/scenario-analysis.ts';
import { ProfileService } from '../../services/analysis-service.ts';
import { PositionService, positionTag } from '../../services/position-service.ts';
import { TextService } from '../../services/text-service.ts';
import { ifMatchOf, processOf, type RouteContext, sendJson, writerFor } from '../context.ts';
import { profileJson } from '../responses/analysis.ts';
import { positionJson } from '../responses/text.ts';

export function registerWriteRoutes(fastify: FastifyInstance, context: RouteContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const partyParams = z.object({ process: z.string().max(100), party: z.string().max(100) });

  app.get(
    '/api/v1/processes/:process/profiles/:party',
    {
      schema: {
        summary:
          "A party's profile (if you may see it), in the scenario file's form, with its ETag",
        tags: ['analysis'],
        params: partyParams,
        response: { 200: profileJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const { profile, tag } = await new ProfileService(context.store, viewer).get(
        process,
        request.params.party as PartyId,
      );
      reply.header('etag', tag);
      return sendJson(reply, fromProfile(profile));
    },
  );

  app.put(
    '/api/v1/processes/:process/profiles/:party',
    {
      schema: {
        summary:
          "Replace your delegation's profile (If-Match: the ETag you read, or * for a new one)",
        tags: ['analysis'],
        params: partyParams,
        headers: z.object({ 'if-match': z.string().max(200).optional() }).passthrough(),
        body: profileSchema,
        response: { 200: profileJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const party = request.params.party as PartyId;
      const actor = await writerFor(context, request, process, party);
      const ifMatch = ifMatchOf(request, 'profile');
      if (request.body.party !== party)
        throw new InvalidError([
          { path: 'body.party', message: `must be "${party}", the party in the path` },
        ]);
      const result = await new ProfileService(context.store, viewer).put(
        process,
        toProfile(request.body),
        ifMatch,
        actor,
      );
      reply.header('etag', result.tag);
      return sendJson(reply, fromProfile(result.profile));
    },
  );

  app.post(
    '/api/v1/processes/:process/texts/:text/positions',
    {
      schema: {
        summary:
          "Record your delegation's stance on a provision (positions are never changed: a new stance is a new position)",
        description:
          "Optional If-Match: the `tag` of the party's latest position on the provision in this version that you read (from the matrix or the history), or * if you saw none; 412 with `error.current` (the position now latest, and its tag) when another was recorded meanwhile. Without If-Match the stance is recorded whatever came before. The answer's ETag is the new position's tag.",
        tags: ['texts'],
        params: z.object({ process: z.string().max(100), text: z.string().max(100) }),
        headers: z.object({ 'if-match': z.string().max(200).optional() }).passthrough(),
        body: z.object({
          version: z.string().max(100).optional(),
          provision: z.string().max(100),
          party: z.string().max(100),
          stance: z.enum(STANCES),
          wording: z.string().max(100_000).optional(),
          alternative: z.string().max(100).optional(),
          note: z.string().max(100_000).optional(),
          audience: z.enum(POSITION_AUDIENCES).default('party'),
          recorded: z.string().max(200).optional(),
        }),
        response: { 201: positionJson },
      },
    },
    async (request, reply) => {
      const { process, viewer } = await processOf(context, request, request.params.process);
      const body = request.body;
      const ifMatch = request.headers['if-match'];
      const actor = await writerFor(context, request, process, body.party as PartyId);
      const positions = new PositionService(context.store, viewer);
      const { version } = await new TextService(context.store, viewer).getVersion(
        process,
        request.params.text,
        body.version,
      );
      const position = await positions.record(
        process,
        {
          text: request.params.text as TextId,
          version: version.id,
          provision: body.provision as ProvisionId,
          party: body.party as PartyId,
          stance: body.stance,
          ...(body.wording === undefined ? {} : { wording: body.wording }),
          ...(body.alternative === undefined
            ? {}
            : { alternative: body.alternative as AlternativeId }),
          ...(body.note === undefined ? {} : { note: body.note }),
          author: actor,
          recorded:
            body.recorded === undefined ? dayOf(context.now()) : parseFuzzyDate(body.recorded),
          audience: body.audience,
        },
        actor,
        ifMatch === undefined || ifMatch === '' ? undefined : ifMatch,
      );
      reply.header('etag', positionTag(position));
      reply.status(201);
      return sendJson(reply, position);
    },
  );
}
