/** What every route needs: the store, the accounts, the clock, who is asking, and Concord's JSON. */

import type { FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_VIEWER, type Viewer } from '../core/audience.ts';
import { ForbiddenError } from '../core/errors.ts';
import type { PartyId, ProcessId } from '../core/ids.ts';
import { viewerOf } from '../core/team.ts';
import { toJson } from '../io/json-output.ts';
import type { AccountService } from '../services/account-service.ts';
import { RecordService } from '../services/record-service.ts';
import type { Store } from '../store/store.ts';

export interface RouteContext {
  readonly store: Store;
  readonly accounts: AccountService;
  readonly now: () => number;
}

/** Sends `data` as Concord's JSON (dates with precision spelled out). */
export function sendJson(reply: FastifyReply, data: unknown): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(toJson(data, 0));
}

/**
 * The process named in the path (or 404), and who the requester reads as in
 * it: their team's viewer, or the public without a session or a team.
 */
export async function processOf(
  context: RouteContext,
  request: FastifyRequest,
  slug: string,
): Promise<{ process: ProcessId; viewer: Viewer }> {
  const process = (await new RecordService(context.store, PUBLIC_VIEWER).resolveProcess(slug)).id;
  const principal = request.principal;
  const membership =
    principal === undefined
      ? undefined
      : await context.accounts.membership(process, principal.user.id);
  return { process, viewer: viewerOf(membership) };
}

/**
 * The signed-in user who may write for `party` in the process: a lead or
 * member of its delegation (viewers read only). Throws `ForbiddenError`
 * otherwise — after the caller has made sure the object is visible (404 first).
 */
export async function writerFor(
  context: RouteContext,
  request: FastifyRequest,
  process: ProcessId,
  party: PartyId,
): Promise<string> {
  const principal = request.principal;
  if (principal === undefined) throw new ForbiddenError('sign in to make changes');
  const membership = await context.accounts.membership(process, principal.user.id);
  const team = membership?.team;
  if (team?.kind !== 'delegation' || team.party !== party || membership?.role === 'viewer')
    throw new ForbiddenError(`only a lead or member of the ${party} delegation may change this`);
  return principal.user.name;
}
