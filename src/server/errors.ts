/**
 * One error shape for every failure: `{ error: { code, message, problems? } }`
 * with the status of the `ConcordError` (400, 404, 409, 403, 412). A request
 * that fails its schema is a 400 listing each bad field. What fastify refuses
 * before a route runs (a body over 1 MiB: 413; a body that is not JSON, or
 * that has a `__proto__` or `constructor.prototype` key: 400; a body in
 * another format: 415; a URL that does not decode: 400) answers in the same
 * shape, with a fixed message that never echoes the request. Anything else is
 * a 500 whose message says nothing about the data (the details go to the log).
 */

import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ConcordError, InvalidError, PreconditionError } from '../core/errors.ts';
import { toJson } from '../io/json-output.ts';

/** The largest request body: 1 MiB. Larger ones answer 413. */
export const BODY_LIMIT = 1_048_576;

/** The part of a request a refusal names (a problem's path). */
type Part = 'body' | 'url' | 'headers';

/** Fastify's refusals of a request, by error code: status, Concord code, message. */
const REFUSALS: Record<string, { status: number; code: string; part: Part; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'too_large',
    part: 'body',
    message: 'the request body is larger than 1 MiB',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'invalid',
    part: 'body',
    message:
      'the body is not valid JSON, or it has a "__proto__" or "constructor": { "prototype" } key',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'invalid',
    part: 'body',
    message: 'the body is empty: send a JSON document',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'invalid',
    part: 'headers',
    message: 'the Content-Length does not match the body',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    part: 'headers',
    message: 'send the body as application/json',
  },
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'invalid',
    part: 'url',
    message: 'the URL is not valid (a bad %-escape?)',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'too_long',
    part: 'url',
    message: 'a part of the URL is too long',
  },
};

/** Concord's code for any other refusal of fastify's, by status. */
function codeOfStatus(status: number): string {
  if (status === 400) return 'invalid';
  if (status === 404) return 'not_found';
  if (status === 413) return 'too_large';
  if (status === 415) return 'unsupported_media_type';
  return 'bad_request';
}

/** Sends fastify's own refusal (a 4xx it raised before any route ran) in Concord's shape. */
function sendRefusal(error: FastifyError, reply: FastifyReply): FastifyReply {
  const known = REFUSALS[error.code];
  const status = known?.status ?? (error.statusCode as number);
  const code = known?.code ?? codeOfStatus(status);
  const message = known?.message ?? 'the request cannot be handled';
  return reply.status(status).send({
    error: {
      code,
      message,
      ...(code === 'invalid' ? { problems: [{ path: known?.part ?? '', message }] } : {}),
    },
  });
}

function isRefusal(error: FastifyError): boolean {
  return (
    REFUSALS[error.code] !== undefined ||
    (typeof error.statusCode === 'number' &&
      error.statusCode >= 400 &&
      error.statusCode < 500 &&
      typeof error.code === 'string' &&
      error.code.startsWith('FST_'))
  );
}

/** The server options that limit what a request may carry, and answer the router's refusals. */
export const requestLimits: Pick<
  FastifyServerOptions,
  'bodyLimit' | 'onProtoPoisoning' | 'onConstructorPoisoning' | 'frameworkErrors'
> = {
  bodyLimit: BODY_LIMIT,
  onProtoPoisoning: 'error',
  onConstructorPoisoning: 'error',
  frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) =>
    sendRefusal(error, reply),
};

export function handleErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const problems = error.validation.map((issue) => ({
        path: [
          error.validationContext,
          ...String(issue.instancePath).split('/').filter(Boolean),
        ].join('.'),
        message: issue.message ?? 'is not valid',
      }));
      return reply.status(400).send({
        error: { code: 'invalid', message: 'the request is not valid', problems },
      });
    }
    if (error instanceof ConcordError) {
      return reply.status(error.status).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error instanceof InvalidError ? { problems: error.problems } : {}),
          ...(error instanceof PreconditionError && error.current !== undefined
            ? { current: JSON.parse(toJson(error.current, 0)) }
            : {}),
        },
      });
    }
    if (isRefusal(error)) return sendRefusal(error, reply);
    request.log.error({ err: error }, 'internal error');
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: 'no such resource' } }),
  );
}
