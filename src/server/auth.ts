/**
 * Who is asking. A request carries either an API token (`Authorization:
 * Bearer …`) or the session cookie (`concord_session`: HttpOnly,
 * SameSite=Strict, Secure over TLS). Unknown, revoked or expired credentials
 * count as none (the public). Cookie requests that change anything must echo
 * the session's CSRF token in `x-csrf-token` (403 otherwise); token requests
 * need not (a browser never sends them by itself).
 */

import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type AccountService,
  type Principal,
  SESSION_ABSOLUTE_MS,
  sameSecret,
} from '../services/account-service.ts';

export const SESSION_COOKIE = 'concord_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function registerAuth(app: FastifyInstance, accounts: AccountService): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const session = request.cookies[SESSION_COOKIE];
    const principal =
      bearer !== undefined
        ? await accounts.authenticate(bearer, 'token')
        : session !== undefined
          ? await accounts.authenticate(session, 'session')
          : undefined;
    if (principal !== undefined) request.principal = principal;
    if (principal?.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (
        typeof sent !== 'string' ||
        principal.csrfToken === undefined ||
        !sameSecret(sent, principal.csrfToken)
      )
        return reply.status(403).send({
          error: { code: 'forbidden', message: 'missing or wrong x-csrf-token header' },
        });
    }
  });
}

/** Sets the session cookie. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
