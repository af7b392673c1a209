/**
 * Signing in and out, and who am I. Sign-in failures are limited per user
 * name and address: after `MAX_FAILURES` within `FAILURE_WINDOW_MS` further
 * attempts answer 429 until the window has passed.
 */

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvalidError } from '../../core/errors.ts';
import type { ProcessId } from '../../core/ids.ts';
import { clearSessionCookie, setSessionCookie } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { meJson, signedInJson } from '../responses/session.ts';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

const error = z.object({
  error: z.object({ code: z.string(), message: z.string() }).passthrough(),
});

export function registerSessionRoutes(fastify: FastifyInstance, context: RouteContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const failures = new Map<string, number[]>();
  const tags = ['accounts'];

  app.post(
    '/api/v1/session',
    {
      schema: {
        summary: 'Sign in: sets the session cookie; returns the CSRF token for unsafe requests',
        tags,
        body: z.object({
          name: z.string().min(1).max(100),
          password: z.string().min(1).max(1_000),
        }),
        response: {
          200: signedInJson,
          400: error,
          429: error,
        },
      },
    },
    async (request, reply) => {
      const key = `${request.ip}\u0000${request.body.name}`;
      const now = context.now();
      const recent = (failures.get(key) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
      if (recent.length >= MAX_FAILURES)
        return reply.status(429).send({
          error: { code: 'rate_limited', message: 'too many failed sign-ins: try again later' },
        });
      try {
        const session = await context.accounts.signIn(request.body.name, request.body.password);
        failures.delete(key);
        setSessionCookie(request, reply, session.token);
        return { user: session.user, csrfToken: session.csrfToken };
      } catch (caught) {
        if (caught instanceof InvalidError) failures.set(key, [...recent, now]);
        throw caught;
      }
    },
  );

  app.delete(
    '/api/v1/session',
    { schema: { summary: 'Sign out: revokes the session', tags, response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.principal !== undefined) await context.accounts.signOut(request.principal);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        summary: 'Who you are signed in as, and your team in a process (?process=)',
        tags,
        querystring: z.object({ process: z.string().max(100).optional() }),
        response: { 200: meJson },
      },
    },
    async (request) => {
      const principal = request.principal;
      if (principal === undefined) return { user: null };
      const process = request.query.process;
      const membership =
        process === undefined
          ? undefined
          : await context.accounts.membership(process as ProcessId, principal.user.id);
      return {
        user: { name: principal.user.name, admin: principal.user.isAdmin },
        via: principal.via,
        ...(principal.csrfToken === undefined ? {} : { csrfToken: principal.csrfToken }),
        ...(membership === undefined ? {} : { membership }),
      };
    },
  );
}
