/**
 * Fuzzing every route of the OpenAPI document (so a new route is fuzzed as
 * soon as it exists): near-valid and junk path parameters, query strings,
 * headers and JSON bodies, sent as the public, and as a delegation's lead by
 * session cookie (with and without its CSRF token) and by API token. Whatever
 * comes in: never a 5xx, every error in Concord's shape, never a canary the
 * caller may not see, and Object.prototype untouched. Then the limits: bodies
 * over 1 MiB answer 413; `__proto__` / `constructor.prototype` keys and U+0000
 * (which PostgreSQL cannot store) 400.
 *
 * Runs per route: CONCORD_FUZZ_RUNS (default 40); a failure prints its seed, which
 * CONCORD_FUZZ_SEED replays.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import yaml from 'js-yaml';
import type { ProcessId } from '../core/ids.ts';
import { parseTeam } from '../core/team.ts';
import { AccountService } from '../services/account-service.ts';
import { RecordService } from '../services/record-service.ts';
import type { Store } from '../store/store.ts';
import {
  type FuzzRequest,
  type JsonSchema,
  junkPathArbitrary,
  type Operation,
  requestArbitrary,
} from '../testing/request-arbitrary.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { type App, buildApp } from './app.ts';
import { SESSION_COOKIE } from './auth.ts';
import { BODY_LIMIT } from './errors.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
)
  // Russia's profile kept to Russia, with a canary.
  .replace(
    /(- party: russia\n {4}audience: )mediator\n {4}note: [^\n]*/,
    '$1party\n    note: CANARY-russia-profile',
  );
const talks = 'ukraine-talks-2025' as ProcessId;
const PASSWORD = 'correct horse battery';
const RUNS = Number(process.env.CONCORD_FUZZ_RUNS ?? 40);
/** Replays a failure: the seed fast-check printed. */
const SEED = process.env.CONCORD_FUZZ_SEED;
const replay = SEED === undefined ? {} : { seed: Number(SEED) };

/** Which canaries each caller may see: the public none, Ukraine's lead only Ukraine's. */
const MAY_SEE: Record<string, (canary: string) => boolean> = {
  anonymous: () => false,
  'lead-cookie': (canary) => canary.startsWith('CANARY-ukraine-'),
  'lead-cookie-no-csrf': (canary) => canary.startsWith('CANARY-ukraine-'),
  'lead-token': (canary) => canary.startsWith('CANARY-ukraine-'),
};
const CALLERS = Object.keys(MAY_SEE);

/** Slug-like strings of the example (never a canary), to make requests reach the services. */
function dictionaryOf(text: string): string[] {
  const words = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (/^[a-z0-9][a-z0-9-]{0,60}$/.test(value)) words.add(value);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        walk(key);
        walk(inner);
      }
  };
  walk(yaml.load(text, { schema: yaml.JSON_SCHEMA }));
  return [...words].filter((word) => !/canary/i.test(word)).sort();
}

/**
 * Known values by the name a parameter or field would have: each list of
 * objects with a slug (or id) gives its singular (`parties` → `party`), each
 * short text field its name (`recorded`, `stance`…), the process its slug.
 */
function hintsOf(text: string): Record<string, string[]> {
  const hints: Record<string, Set<string>> = {};
  const singular = (plural: string) =>
    plural === 'people'
      ? 'person'
      : plural.endsWith('ies')
        ? `${plural.slice(0, -3)}y`
        : plural.replace(/s$/, '');
  const add = (name: string, value: unknown) => {
    if (typeof value === 'string' && !/canary/i.test(value)) {
      hints[name] ??= new Set();
      hints[name].add(value);
    }
  };
  const walk = (value: unknown, key: string): void => {
    if (Array.isArray(value))
      for (const item of value) {
        if (item !== null && typeof item === 'object') {
          const row = item as Record<string, unknown>;
          add(singular(key), row.slug ?? row.id);
        }
        walk(item, key);
      }
    else if (value !== null && typeof value === 'object')
      for (const [inner, child] of Object.entries(value)) {
        if (typeof child === 'string' && child.length <= 60) add(inner, child);
        walk(child, inner);
      }
  };
  const document = yaml.load(text, { schema: yaml.JSON_SCHEMA }) as { process: { slug: string } };
  walk(document, '');
  add('process', document.process.slug);
  return Object.fromEntries(Object.entries(hints).map(([name, values]) => [name, [...values]]));
}

interface Caller {
  readonly cookies?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

interface Fixture {
  readonly app: App;
  readonly send: (request: FuzzRequest) => Promise<LightMyRequestResponse>;
  /** Signs the lead in again if a fuzzed request signed it out. */
  readonly ensureSignedIn: () => Promise<void>;
  readonly paths: Record<string, Record<string, Operation>>;
  readonly resolve: (ref: string) => JsonSchema | undefined;
  readonly dictionary: string[];
  readonly hints: Record<string, string[]>;
}

async function setUp(store: Store): Promise<Fixture> {
  await new RecordService(store).importScenario(example, 'example.yaml');
  const accounts = new AccountService(store);
  await accounts.addUser('lead', { password: PASSWORD });
  await accounts.addMember(talks, 'lead', parseTeam('ukraine'), 'lead');
  const app = await buildApp(store, { checkResponses: 'all' });
  const callers: Record<string, Caller> = { anonymous: {} };
  let signIns = 0;
  /** Signs the lead in again (a fuzzed DELETE /api/v1/session signs out): a new session and token. */
  const signIn = async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { name: 'lead', password: PASSWORD },
      // A new address each time: fuzzed sign-ins with wrong passwords rate-limit the old one.
      remoteAddress: `10.0.${Math.floor(signIns / 250)}.${(signIns++ % 250) + 1}`,
    });
    assert.equal(response.statusCode, 200, response.body);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value as string;
    const cookies = { [SESSION_COOKIE]: cookie };
    const token = await accounts.createToken('lead', 'fuzz');
    callers['lead-cookie'] = { cookies, headers: { 'x-csrf-token': response.json().csrfToken } };
    callers['lead-cookie-no-csrf'] = { cookies };
    callers['lead-token'] = { headers: { authorization: `Bearer ${token}` } };
  };
  await signIn();
  const ensureSignedIn = async () => {
    for (const name of ['lead-cookie', 'lead-token']) {
      const caller = callers[name] as Caller;
      const me = await app.inject({
        method: 'GET',
        url: '/api/v1/me',
        ...(caller.headers === undefined ? {} : { headers: caller.headers }),
        ...(caller.cookies === undefined ? {} : { cookies: caller.cookies }),
      });
      if (me.json().user === null) return signIn();
    }
  };
  const token = (callers['lead-token'] as Caller).headers as Record<string, string>;
  const document = app.swagger() as {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  const resolve = (ref: string) =>
    document.components?.schemas?.[ref.replace('#/components/schemas/', '')];
  // The tags of the profiles the lead reads, so that some writes get past If-Match.
  const tags: string[] = [];
  for (const party of ['ukraine', 'us', 'russia']) {
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/processes/${talks}/profiles/${party}`,
      headers: token,
    });
    if (typeof read.headers.etag === 'string') tags.push(read.headers.etag);
  }
  const send = (request: FuzzRequest) => {
    const caller = callers[request.caller] ?? {};
    return app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: { ...caller.headers, ...request.headers },
      ...(caller.cookies === undefined ? {} : { cookies: caller.cookies }),
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
  };
  return {
    app,
    send,
    ensureSignedIn,
    paths: document.paths,
    resolve,
    dictionary: [...dictionaryOf(example), '*', ...tags],
    hints: { ...hintsOf(example), 'if-match': ['*', ...tags] },
  };
}

/** Checks one answer; returns what is wrong with it, or undefined. */
function problemWith(request: FuzzRequest, response: LightMyRequestResponse): string | undefined {
  const what = `${request.caller} ${request.method} ${request.url.slice(0, 300)} → ${response.statusCode}: ${response.body.slice(0, 300)}`;
  if (response.statusCode >= 500) return `a server error: ${what}`;
  if (response.statusCode >= 400 && request.method !== 'HEAD') {
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return `an error that is not JSON: ${what}`;
    }
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (typeof error?.code !== 'string' || typeof error.message !== 'string')
      return `an error not in Concord's shape: ${what}`;
  }
  const maySee = MAY_SEE[request.caller] ?? (() => false);
  for (const canary of response.body.match(/CANARY-[a-z-]+/g) ?? [])
    if (!maySee(canary)) return `${canary} leaked: ${what}`;
  return undefined;
}

function isConcordError(response: LightMyRequestResponse, code?: string): boolean {
  try {
    const error = response.json().error;
    return (
      typeof error?.code === 'string' &&
      typeof error.message === 'string' &&
      (code === undefined || error.code === code)
    );
  } catch {
    return false;
  }
}

/** Object.prototype and friends, to prove no request polluted them. */
function prototypesSnapshot(): string {
  return JSON.stringify(
    [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) =>
      Object.getOwnPropertyNames(proto).sort(),
    ),
  );
}

/** What the request generators need from a fixture. */
const requestOptions = (fixture: Fixture) => ({
  dictionary: fixture.dictionary,
  hints: fixture.hints,
  resolve: fixture.resolve,
  callers: CALLERS,
});

for (const kind of testStoreKinds()) {
  describe(`fuzzing the API on ${kind.name}`, () => {
    test('every route × near-valid and junk requests: no 5xx, Concord errors, no leaks', async () => {
      const before = prototypesSnapshot();
      await kind.use(async (store) => {
        const fixture = await setUp(store);
        const options = requestOptions(fixture);
        let routes = 0;
        for (const [path, methods] of Object.entries(fixture.paths))
          for (const [method, operation] of Object.entries(methods)) {
            routes++;
            await fixture.ensureSignedIn();
            await fc.assert(
              fc.asyncProperty(
                requestArbitrary(path, method, operation, options),
                async (request) => {
                  const problem = problemWith(request, await fixture.send(request));
                  assert.equal(problem, undefined, problem);
                },
              ),
              { numRuns: RUNS, ...replay },
            );
          }
        assert.ok(routes >= 20, `${routes} routes fuzzed`);
        await fc.assert(
          fc.asyncProperty(
            junkPathArbitrary(Object.keys(fixture.paths), CALLERS),
            async (request) => {
              const problem = problemWith(request, await fixture.send(request));
              assert.equal(problem, undefined, problem);
            },
          ),
          { numRuns: RUNS * 3, ...replay },
        );
        await fixture.app.close();
      });
      assert.equal(prototypesSnapshot(), before, 'a prototype was polluted');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    test('bodies over 1 MiB answer 413; __proto__, constructor.prototype and U+0000 400', async () => {
      const before = prototypesSnapshot();
      await kind.use(async (store) => {
        const fixture = await setUp(store);
        const options = requestOptions(fixture);
        let checked = 0;
        for (const [path, methods] of Object.entries(fixture.paths))
          for (const [method, operation] of Object.entries(methods)) {
            if (method === 'get' || method === 'head') continue;
            await fixture.ensureSignedIn();
            const url = path.replace(/\{[^}]+\}/g, (name) =>
              name === '{process}' ? talks : name === '{party}' ? 'ukraine' : 'x',
            );
            const send = (payload: string) =>
              fixture.send({
                method: method.toUpperCase(),
                url,
                caller: 'lead-token',
                headers: { 'content-type': 'application/json', 'if-match': '*' },
                payload,
              });
            // Just over the limit, with and without a plausible start.
            const filler = (size: number) => `{"note":"${'x'.repeat(size - 11)}"}`;
            assert.equal(filler(BODY_LIMIT + 1).length, BODY_LIMIT + 1);
            for (const payload of [filler(BODY_LIMIT + 1), ' '.repeat(3 * BODY_LIMIT)]) {
              const response = await send(payload);
              assert.equal(response.statusCode, 413, `${method} ${path}: ${response.body}`);
              assert.ok(isConcordError(response, 'too_large'), response.body);
            }
            const atLimit = await send(filler(BODY_LIMIT));
            assert.notEqual(atLimit.statusCode, 413, `${method} ${path}: exactly 1 MiB is allowed`);
            checked++;
            if (operation.requestBody === undefined) continue;
            // Poisoned keys, alone and inside an otherwise plausible body.
            const plausible =
              fc
                .sample(
                  requestArbitrary(path, method, operation, {
                    ...options,
                    callers: ['lead-token'],
                  }),
                  { numRuns: 100, seed: 42 },
                )
                .map((request) => request.payload ?? '')
                .find((payload) => /^\{"[a-z]/.test(payload) && !payload.includes('__proto__')) ??
              '{}';
            const poisons = [
              '"__proto__":{"polluted":"yes"}',
              '"constructor":{"prototype":{"polluted":"yes"}}',
              '"nested":{"deeper":[{"__proto__":{"polluted":"yes"}}]}',
              '"nested":{"constructor":{"prototype":{"polluted":"yes"}}}',
            ];
            for (const poison of poisons)
              for (const payload of [
                `{${poison}}`,
                plausible === '{}' ? `{${poison}}` : `{${poison},${plausible.slice(1)}`,
              ]) {
                const response = await send(payload);
                assert.equal(response.statusCode, 400, `${method} ${path} ${payload.slice(0, 80)}`);
                assert.ok(isConcordError(response, 'invalid'), response.body);
              }
          }
        assert.ok(checked >= 3, `${checked} routes checked`);
        // U+0000, which PostgreSQL cannot store, in a path, a query and a body.
        for (const [method, url, payload] of [
          ['GET', '/api/v1/processes/a%00b', undefined],
          ['GET', `/api/v1/processes/${talks}/timeline?party=a%00b`, undefined],
          [
            'POST',
            `/api/v1/processes/${talks}/texts/peace-plan/positions`,
            '{"provision":"elections","party":"ukraine","stance":"accepts","note":"a\\u0000b"}',
          ],
        ] as const) {
          const response = await fixture.send({
            method,
            url,
            caller: 'lead-token',
            headers: payload === undefined ? {} : { 'content-type': 'application/json' },
            ...(payload === undefined ? {} : { payload }),
          });
          assert.equal(response.statusCode, 400, `${method} ${url}: ${response.body}`);
          assert.match(response.json().error.message, /U\+0000/);
        }
        await fixture.app.close();
      });
      assert.equal(prototypesSnapshot(), before, 'a prototype was polluted');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });
}
