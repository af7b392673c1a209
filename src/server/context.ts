/** What every route needs: the store, the accounts, the clock, who is asking, and Concord's JSON. */

import type { FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_VIEWER, type Viewer } from '../core/audience.ts';
import { ForbiddenError, PreconditionRequiredError } from '../core/errors.ts';
import type { PartyId, ProcessId } from '../core/ids.ts';
import { type Membership, viewerOf } from '../core/team.ts';
import { toJson } from '../io/json-output.ts';
import type { AccountService } from '../services/account-service.ts';
import { RecordService } from '../services/record-service.ts';
import type { Store } from '../store/store.ts';

export interface RouteContext {
  readonly store: Store;
  readonly accounts: AccountService;
  readonly now: () => number;
}

/**
 * The JSON of answers sent before, by the answer: a service's kept answer
 * (see `store/read-cache.ts`) is the same object each time, and is never changed.
 */
const sent = new WeakMap<object, string>();

/** Sends `data` as Concord's JSON (dates with precision spelled out). */
export function sendJson(reply: FastifyReply, data: unknown): FastifyReply {
  let json = typeof data === 'object' && data !== null ? sent.get(data) : undefined;
  if (json === undefined) {
    json = toJson(data, 0);
    if (typeof data === 'object' && data !== null) sent.set(data, json);
  }
  return reply.type('application/json; charset=utf-8').send(json);
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
  const principal = request.principal;
  // The process and the membership in one query; the service explains a missing process.
  const found = await context.accounts.processWithMembership(slug as ProcessId, principal?.user.id);
  const process =
    found?.process.id ??
    (await new RecordService(context.store, PUBLIC_VIEWER).resolveProcess(slug)).id;
  const membership =
    found !== undefined
      ? found.membership
      : principal === undefined
        ? undefined
        : await context.accounts.membership(process, principal.user.id);
  memberships.set(request, { process, membership });
  return { process, viewer: viewerOf(membership) };
}

/** The membership `processOf` found for a request, so that `writerFor` need not ask again. */
const memberships = new WeakMap<
  FastifyRequest,
  { process: ProcessId; membership: Membership | undefined }
>();

/**
 * The signed-in user who may write for `team` in the process: a lead or
 * member of that party's delegation, or of the mediator team (viewers read
 * only). Throws `ForbiddenError` otherwise — after the caller has made sure
 * the object is visible (404 first).
 */
export async function writerFor(
  context: RouteContext,
  request: FastifyRequest,
  process: ProcessId,
  team: PartyId | 'mediator',
): Promise<string> {
  const principal = request.principal;
  if (principal === undefined) throw new ForbiddenError('sign in to make changes');
  const known = memberships.get(request);
  const membership =
    known?.process === process
      ? known.membership
      : await context.accounts.membership(process, principal.user.id);
  const member = membership?.team;
  const inTeam =
    team === 'mediator'
      ? member?.kind === 'mediator'
      : member?.kind === 'delegation' && member.party === team;
  if (!inTeam || membership?.role === 'viewer')
    throw new ForbiddenError(
      team === 'mediator'
        ? 'only a lead or member of the mediator team may change this'
        : `only a lead or member of the ${team} delegation may change this`,
    );
  return principal.user.name;
}

/** The If-Match header of a write to a mutable object; `PreconditionRequiredError` (428) without one. */
export function ifMatchOf(request: FastifyRequest, what: string): string {
  const value = request.headers['if-match'];
  if (typeof value !== 'string' || value === '')
    throw new PreconditionRequiredError(
      `send If-Match with the ETag you read (or * for a new ${what})`,
    );
  return value;
}
