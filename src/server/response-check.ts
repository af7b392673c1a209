/**
 * Checks the API's answers against the schemas the routes declare (their
 * `response` by status), for tests: a 2xx JSON answer that does not match,
 * or whose route declares no schema for it (with `'all'`), fails with a 500
 * naming the route and the difference. Routes send JSON as text
 * (`sendJson`), which fastify does not serialise, so without this nothing
 * would compare an answer with what the OpenAPI document says of it.
 */

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/** `'declared'`: check the answers whose route declares a schema; `'all'`: also refuse the others. */
export type ResponseCheck = 'declared' | 'all';

export function checkResponses(app: FastifyInstance, mode: ResponseCheck): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const status = reply.statusCode;
    const type = String(reply.getHeader('content-type') ?? '');
    if (status < 200 || status >= 300 || !type.startsWith('application/json')) return payload;
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const routeSchema = request.routeOptions.schema as
      | { hide?: boolean; response?: Record<string, unknown> }
      | undefined;
    // Routes left out of the document (the document itself) promise nothing.
    if (routeSchema?.hide === true) return payload;
    const responses = routeSchema?.response;
    const schema = responses?.[status] ?? responses?.['2xx'];
    if (!(schema instanceof z.ZodType)) {
      if (mode === 'all') throw new Error(`${route} declares no schema for its ${status} answer`);
      return payload;
    }
    const text =
      typeof payload === 'string'
        ? payload
        : Buffer.isBuffer(payload)
          ? payload.toString('utf8')
          : undefined;
    if (text === undefined) return payload;
    const result = schema.safeParse(JSON.parse(text));
    if (!result.success)
      throw new Error(
        `${route}: the ${status} answer does not match its schema:\n${z.prettifyError(result.error)}`,
      );
    return payload;
  });
}
