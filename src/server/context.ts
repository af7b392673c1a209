/** What every route needs: the store, who is asking, the clock, and Concord's JSON. */

import type { FastifyReply } from 'fastify';
import type { Viewer } from '../core/audience.ts';
import type { ProcessId } from '../core/ids.ts';
import { toJson } from '../io/json-output.ts';
import { RecordService } from '../services/record-service.ts';
import type { Store } from '../store/store.ts';

export interface RouteContext {
  readonly store: Store;
  readonly viewer: Viewer;
  readonly now: () => number;
}

/** Sends `data` as Concord's JSON (dates with precision spelled out). */
export function sendJson(reply: FastifyReply, data: unknown): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(toJson(data, 0));
}

/** The process named in the path, or 404. */
export async function processOf(context: RouteContext, slug: string): Promise<ProcessId> {
  return (await new RecordService(context.store, context.viewer).resolveProcess(slug)).id;
}
