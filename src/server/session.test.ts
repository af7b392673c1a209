import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { ProcessId } from '../core/ids.ts';
import { parseTeam } from '../core/team.ts';
import { AccountService, SESSION_IDLE_MS } from '../services/account-service.ts';
import { RecordService } from '../services/record-service.ts';
import type { Store } from '../store/store.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { buildApp } from './app.ts';
import { SESSION_COOKIE } from './auth.ts';
import { MAX_FAILURES } from './routes/session.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);
const talks = 'ukraine-talks-2025' as ProcessId;
const PASSWORD = 'correct horse battery';
const matrixBase = `/api/v1/processes/${talks}/texts/peace-plan/positions`;
const matrixUrl = `${matrixBase}?version=revised-framework`;

async function setUp(store: Store, clock: { now: number }) {
  await new RecordService(store).importScenario(example, 'example.yaml');
  const accounts = new AccountService(store, () => clock.now);
  for (const [name, team] of [
    ['olena', 'ukraine'],
    ['steve', 'mediator'],
    ['ivan', 'russia'],
    ['obs', 'observers'],
  ] as const) {
    await accounts.addUser(name, { password: PASSWORD });
    await accounts.addMember(talks, name, parseTeam(team), 'member');
  }
  const app = await buildApp(store, { now: () => clock.now, checkResponses: 'declared' });
  const signIn = async (name: string, password = PASSWORD) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { name, password },
    });
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    return { response, cookie, csrf: response.json().csrfToken as string | undefined };
  };
  const get = (url: string, cookie?: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'GET',
      url,
      headers,
      ...(cookie ? { cookies: { [SESSION_COOKIE]: cookie } } : {}),
    });
  return { app, accounts, signIn, get };
}

for (const kind of testStoreKinds()) {
  describe(`sign-in and teams on ${kind.name}`, () => {
    test('each team reads what it may see, and nothing else', async () => {
      await kind.use(async (store) => {
        const clock = { now: Date.UTC(2025, 11, 2, 9) };
        const { app, signIn, get } = await setUp(store, clock);
        const seen = async (name?: string) => {
          const cookie = name === undefined ? undefined : (await signIn(name)).cookie?.value;
          // Both versions' matrices (the revised framework was circulated to Ukraine only).
          const both = await Promise.all(
            ['v1', 'revised-framework'].map(
              async (v) => (await get(`${matrixBase}?version=${v}`, cookie)).body,
            ),
          );
          return both.join('\n');
        };
        const olena = await seen('olena');
        assert.match(olena, /CANARY-ukraine-private-army-cap/);
        assert.match(olena, /CANARY-ukraine-mediator-red-line/);
        assert.doesNotMatch(olena, /CANARY-russia/);
        const steve = await seen('steve');
        assert.match(steve, /CANARY-ukraine-mediator-red-line/);
        assert.doesNotMatch(steve, /CANARY-ukraine-private|CANARY-russia-private/);
        const ivan = await seen('ivan');
        assert.match(ivan, /CANARY-russia-private-nato/);
        assert.doesNotMatch(ivan, /CANARY-ukraine/);
        for (const body of [await seen('obs'), await seen()]) assert.doesNotMatch(body, /CANARY/);
        // The mediator analyses on the profiles shared with it; a delegation cannot (only its own).
        const mediatorCookie = (await signIn('steve')).cookie?.value;
        const analysis = await get(
          `/api/v1/processes/${talks}/analysis?version=v1`,
          mediatorCookie,
        );
        assert.equal(analysis.statusCode, 200);
        assert.deepEqual(analysis.json().parties, ['russia', 'ukraine', 'us']);
        const olenaCookie = (await signIn('olena')).cookie?.value;
        const refused = await get(`/api/v1/processes/${talks}/analysis`, olenaCookie);
        assert.equal(refused.statusCode, 400);
        assert.match(refused.body, /only ukraine's is visible to you/);
        await app.close();
      });
    });

    test('sessions: cookie flags, CSRF, sign-out, idle timeout, disabling, rate limit, tokens', async () => {
      await kind.use(async (store) => {
        const clock = { now: Date.UTC(2025, 11, 2, 9) };
        const { app, accounts, signIn, get } = await setUp(store, clock);
        const wrong = await signIn('olena', 'not the password');
        const unknown = await signIn('nobody', 'not the password');
        assert.equal(wrong.response.statusCode, 400);
        assert.equal(
          wrong.response.body,
          unknown.response.body,
          'an unknown user looks like a wrong password',
        );
        const ok = await signIn('olena');
        assert.equal(ok.response.statusCode, 200);
        assert.equal(ok.cookie?.httpOnly, true);
        assert.equal(ok.cookie?.sameSite, 'Strict');
        const cookie = ok.cookie?.value as string;
        assert.equal((await get('/api/v1/me', cookie)).json().user.name, 'olena');
        // Unsafe requests need the CSRF token.
        const noCsrf = await app.inject({
          method: 'DELETE',
          url: '/api/v1/session',
          cookies: { [SESSION_COOKIE]: cookie },
        });
        assert.equal(noCsrf.statusCode, 403);
        const out = await app.inject({
          method: 'DELETE',
          url: '/api/v1/session',
          cookies: { [SESSION_COOKIE]: cookie },
          headers: { 'x-csrf-token': ok.csrf as string },
        });
        assert.equal(out.statusCode, 204);
        assert.equal((await get('/api/v1/me', cookie)).json().user, null, 'signed out');
        // Idle timeout.
        const idle = (await signIn('olena')).cookie?.value as string;
        clock.now += SESSION_IDLE_MS + 1;
        assert.equal((await get('/api/v1/me', idle)).json().user, null, 'idle too long');
        // Disabling revokes at once.
        const live = (await signIn('ivan')).cookie?.value as string;
        await accounts.disableUser('ivan');
        assert.equal((await get('/api/v1/me', live)).json().user, null);
        assert.equal((await signIn('ivan')).response.statusCode, 400);
        // Too many failures.
        for (let i = 0; i < MAX_FAILURES; i++) await signIn('steve', 'guess guess guess');
        assert.equal((await signIn('steve')).response.statusCode, 429);
        // API tokens.
        const token = await accounts.createToken('olena', 'tests');
        const me = await get('/api/v1/me', undefined, { authorization: `Bearer ${token}` });
        assert.equal(me.json().user.name, 'olena');
        assert.equal(me.json().via, 'token');
        assert.match(
          (await get(matrixUrl, undefined, { authorization: `Bearer ${token}` })).body,
          /CANARY-ukraine-private/,
        );
        assert.equal(
          (await get('/api/v1/me', undefined, { authorization: 'Bearer forged' })).json().user,
          null,
        );
        await app.close();
      });
    });
  });
}

for (const kind of testStoreKinds()) {
  describe(`writes on ${kind.name}`, () => {
    test('a delegation records its positions and edits its profile; no lost update; all audited', async () => {
      await kind.use(async (store) => {
        const clock = { now: Date.UTC(2025, 11, 2, 9) };
        const { app, signIn } = await setUp(store, clock);
        const as = async (name: string) => {
          const { cookie, csrf } = await signIn(name);
          return {
            cookies: { [SESSION_COOKIE]: cookie?.value as string },
            headers: { 'x-csrf-token': csrf as string },
          };
        };
        const olena = await as('olena');
        const ivan = await as('ivan');
        const positionUrl = `/api/v1/processes/${talks}/texts/peace-plan/positions`;
        const stance = {
          provision: 'elections',
          party: 'ukraine',
          stance: 'accepts',
          note: 'CANARY-api-note',
        };
        const created = await app.inject({
          method: 'POST',
          url: positionUrl,
          payload: stance,
          ...olena,
        });
        assert.equal(created.statusCode, 201, created.body);
        assert.equal(created.json().author, 'olena');
        assert.equal(created.json().version, 'revised-framework');
        const forOthers = await app.inject({
          method: 'POST',
          url: positionUrl,
          payload: stance,
          ...ivan,
        });
        assert.equal(forOthers.statusCode, 403);
        const anonymous = await app.inject({ method: 'POST', url: positionUrl, payload: stance });
        assert.equal(anonymous.statusCode, 403);

        const profileUrl = `/api/v1/processes/${talks}/profiles/ukraine`;
        const read = await app.inject({ method: 'GET', url: profileUrl, ...olena });
        assert.equal(read.statusCode, 200);
        const tag = read.headers.etag as string;
        const body = { ...read.json(), reservation: 0.42 };
        const noMatch = await app.inject({
          method: 'PUT',
          url: profileUrl,
          payload: body,
          ...olena,
        });
        assert.equal(noMatch.statusCode, 428);
        const stale = await app.inject({
          method: 'PUT',
          url: profileUrl,
          payload: body,
          cookies: olena.cookies,
          headers: { ...olena.headers, 'if-match': '"stale"' },
        });
        assert.equal(stale.statusCode, 412);
        const saved = await app.inject({
          method: 'PUT',
          url: profileUrl,
          payload: body,
          cookies: olena.cookies,
          headers: { ...olena.headers, 'if-match': tag },
        });
        assert.equal(saved.statusCode, 200, saved.body);
        assert.notEqual(saved.headers.etag, tag);
        assert.equal(saved.json().reservation, 0.42);
        const second = await app.inject({
          method: 'PUT',
          url: profileUrl,
          payload: { ...body, reservation: 0.5 },
          cookies: olena.cookies,
          headers: { ...olena.headers, 'if-match': tag },
        });
        assert.equal(
          second.statusCode,
          412,
          'the second writer with the old tag loses nothing silently',
        );
        const steve = await as('steve');
        assert.equal(
          (
            await app.inject({
              method: 'PUT',
              url: profileUrl,
              payload: body,
              cookies: steve.cookies,
              headers: { ...steve.headers, 'if-match': saved.headers.etag as string },
            })
          ).statusCode,
          403,
        );
        const obs = await as('obs');
        assert.equal(
          (await app.inject({ method: 'GET', url: profileUrl, ...obs })).statusCode,
          404,
          'invisible is absent',
        );

        const entries = await store.repositories.audit.entries(talks);
        assert.deepEqual(
          entries.slice(-2).map((e) => [e.actor, e.operation, e.object.split(':')[0]]),
          [
            ['olena', 'create', 'position'],
            ['olena', 'replace', 'profile'],
          ],
        );
        assert.doesNotMatch(JSON.stringify(entries), /CANARY/);
        await app.close();
      });
    });
  });
}
