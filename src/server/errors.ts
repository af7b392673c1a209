/**
 * One error shape for every failure: `{ error: { code, message, problems? } }`
 * with the status of the `ConcordError` (400, 404, 409, 403). A request that
 * fails its schema is a 400 listing each bad field. Anything else is a 500
 * whose message says nothing about the data (the details go to the log).
 */

import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ConcordError, InvalidError } from '../core/errors.ts';

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
        },
      });
    }
    request.log.error({ err: error }, 'internal error');
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: 'no such resource' } }),
  );
}
