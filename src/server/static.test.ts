import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Fastify from 'fastify';
import { handleErrors } from './errors.ts';
import { NONCE_PLACEHOLDER, registerWebApp } from './static.ts';

const INDEX = `<!doctype html><meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}"><script type="module" src="/assets/app-1.js" nonce="${NONCE_PLACEHOLDER}"></script>`;

async function withWebApp(
  files: Record<string, string>,
  run: (app: ReturnType<typeof Fastify>) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-web-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    const app = Fastify();
    handleErrors(app);
    app.get('/api/v1/ping', async () => ({ pong: true }));
    await registerWebApp(app, dir);
    await app.ready();
    await run(app);
    await app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the web app: files, the page for any other path with a fresh CSP nonce, JSON 404s under /api', async () => {
  await withWebApp(
    { 'index.html': INDEX, 'assets/app-1.js': 'export {};', 'favicon.svg': '<svg/>' },
    async (app) => {
      const pages = await Promise.all(
        ['/', '/processes/talks/timeline?party=ukraine', '/index.html'].map((url) =>
          app.inject({ url }),
        ),
      );
      const nonces = new Set<string>();
      for (const page of pages) {
        assert.equal(page.statusCode, 200);
        assert.match(String(page.headers['content-type']), /^text\/html/);
        const csp = String(page.headers['content-security-policy']);
        assert.match(csp, /script-src 'self';/);
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] as string;
        assert.ok(page.body.includes(`nonce="${nonce}"`), 'the page carries the header’s nonce');
        assert.ok(!page.body.includes(NONCE_PLACEHOLDER));
        assert.equal(page.headers['x-content-type-options'], 'nosniff');
        assert.equal(page.headers['x-frame-options'], 'DENY');
        nonces.add(nonce);
      }
      assert.equal(nonces.size, pages.length, 'a new nonce for every answer');

      const script = await app.inject({ url: '/assets/app-1.js' });
      assert.equal(script.statusCode, 200);
      assert.match(String(script.headers['content-type']), /javascript/);
      assert.match(String(script.headers['cache-control']), /immutable/);
      assert.equal((await app.inject({ url: '/favicon.svg' })).body, '<svg/>');
      assert.equal((await app.inject({ method: 'HEAD', url: '/timeline' })).statusCode, 200);

      for (const url of ['/assets/app-0.js', '/api/v1/nope', '/api', '/api/v1/processes/x/y']) {
        const missing = await app.inject({ url });
        assert.equal(missing.statusCode, 404, url);
        assert.equal(missing.json().error.code, 'not_found', url);
      }
      assert.deepEqual((await app.inject({ url: '/api/v1/ping' })).json(), { pong: true });
      assert.equal((await app.inject({ method: 'POST', url: '/somewhere' })).statusCode, 404);
    },
  );
});

test('without a build, nothing is served at /', async () => {
  await withWebApp({}, async (app) => {
    const root = await app.inject({ url: '/' });
    assert.equal(root.statusCode, 404);
    assert.equal(root.json().error.code, 'not_found');
  });
});
