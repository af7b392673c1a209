/**
 * The web app (`web/`, built by `npm run build:web` into web/dist), served at
 * `/` when it has been built. Files of the build are served as they are
 * (hashed ones under /assets for a year); any other GET outside /api answers
 * the app's index.html (the app routes in the browser), with a fresh nonce
 * for its Content-Security-Policy: scripts only from this origin, styles from
 * this origin or carrying the nonce (Mantine writes its CSS variables and
 * responsive styles into `<style>` elements, which it tags with the nonce the
 * page's `<meta property="csp-nonce">` holds). /api paths keep their JSON 404.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build:web` writes the app. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The nonce placeholder Vite writes into index.html (`html.cspNonce` in web/vite.config.ts). */
export const NONCE_PLACEHOLDER = 'CONCORD_CSP_NONCE';

/** Headers of every answer of the web app. */
const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** The Content-Security-Policy of the app's page. */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Whether the web app has been built into `dir`. */
export function webAppBuilt(dir: string = WEB_DIST): boolean {
  return existsSync(join(dir, 'index.html'));
}

/** Serves the built web app from `dir` when it has been built there; otherwise does nothing. */
export async function registerWebApp(app: FastifyInstance, dir: string = WEB_DIST): Promise<void> {
  if (!webAppBuilt(dir)) return;
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = new Set(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((file) => file.split('\\').join('/'))
      .filter((file) => file !== 'index.html' && statSync(join(dir, file)).isFile()),
  );
  await app.register(fastifyStatic, { root: dir, serve: false, index: false });

  const sendIndex = (reply: FastifyReply) => {
    const nonce = randomBytes(16).toString('base64');
    return reply
      .headers(COMMON_HEADERS)
      .header('content-security-policy', contentSecurityPolicy(nonce))
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(index.replaceAll(NONCE_PLACEHOLDER, nonce));
  };

  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    if (path === 'api' || path.startsWith('api/')) return reply.callNotFound();
    if (files.has(path)) {
      const hashed = path.startsWith('assets/');
      return reply
        .headers(COMMON_HEADERS)
        .sendFile(path, hashed ? { immutable: true, maxAge: '365d' } : { maxAge: 0 });
    }
    // A chunk of an older build: a 404, not the page (which would not run as a script).
    if (path.startsWith('assets/')) return reply.callNotFound();
    return sendIndex(reply);
  });
}
