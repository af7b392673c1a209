import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { ProcessId } from '../core/ids.ts';
import { parseTeam } from '../core/team.ts';
import { AccountService } from '../services/account-service.ts';
import { AuditService } from '../services/audit-service.ts';
import { RecordService } from '../services/record-service.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { buildApp } from './app.ts';
import { SESSION_COOKIE } from './auth.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);
const talks = 'ukraine-talks-2025' as ProcessId;
const PASSWORD = 'correct horse battery';
const texts = `/api/v1/processes/${talks}/texts/peace-plan`;
const DRAFT = `1. Ceasefire
A ceasefire takes effect along the line of contact once both parties accept this plan.

2. Elections
Elections are held once martial law ends.
`;

for (const kind of testStoreKinds()) {
  describe(`the mediator team's writes on the text, on ${kind.name}`, () => {
    test('put, circulate and publish versions with ETags; others are refused; all audited', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const accounts = new AccountService(store);
        const members = [
          ['steve', 'mediator', 'member'],
          ['jared', 'mediator', 'viewer'],
          ['olena', 'ukraine', 'lead'],
          ['ivan', 'russia', 'member'],
          ['obs', 'observers', 'member'],
        ] as const;
        for (const [name, team, role] of members) {
          await accounts.addUser(name, { password: PASSWORD });
          await accounts.addMember(talks, name, parseTeam(team), role);
        }
        const app = await buildApp(store, { checkResponses: 'declared' });
        const as = async (name: string) => {
          const response = await app.inject({
            method: 'POST',
            url: '/api/v1/session',
            payload: { name, password: PASSWORD },
          });
          const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value as string;
          const csrf = response.json().csrfToken as string;
          return (
            method: 'GET' | 'PUT' | 'PATCH' | 'POST',
            url: string,
            payload?: object,
            headers: Record<string, string> = {},
          ) =>
            app.inject({
              method,
              url,
              cookies: { [SESSION_COOKIE]: cookie },
              headers: { 'x-csrf-token': csrf, ...headers },
              ...(payload === undefined ? {} : { payload }),
            });
        };
        const steve = await as('steve');
        const jared = await as('jared');
        const olena = await as('olena');
        const ivan = await as('ivan');
        const obs = await as('obs');

        // A new private draft: If-Match * creates it; nobody but the mediator team reads it.
        const body = { draft: DRAFT, from: 'revised-framework', label: 'Third version' };
        assert.equal((await steve('PUT', `${texts}/versions/v3`, body)).statusCode, 428);
        const created = await steve('PUT', `${texts}/versions/v3`, body, { 'if-match': '*' });
        assert.equal(created.statusCode, 201, created.body);
        assert.ok(
          created.json().continued.some((c: { id: string }) => c.id === 'ceasefire'),
          created.body,
        );
        const tag1 = created.headers.etag as string;
        assert.match(tag1, /^"[0-9a-f]{32}"$/);
        assert.equal((await steve('GET', `${texts}/versions/v3`)).headers.etag, tag1);
        assert.equal((await jared('GET', `${texts}/versions/v3`)).statusCode, 200);
        for (const other of [olena, ivan, obs])
          assert.equal((await other('GET', `${texts}/versions/v3`)).statusCode, 404);
        const again = await steve('PUT', `${texts}/versions/v3`, body, { 'if-match': '*' });
        assert.equal(again.statusCode, 412, 'a second create must not overwrite');

        // Circulating it to Russia lets Russia's delegation read it, and only it.
        const circulate = { circulatedTo: ['russia'], status: 'circulated' };
        assert.equal((await steve('PATCH', `${texts}/versions/v3`, circulate)).statusCode, 428);
        const stale = await steve('PATCH', `${texts}/versions/v3`, circulate, {
          'if-match': '"0000"',
        });
        assert.equal(stale.statusCode, 412);
        const circulated = await steve('PATCH', `${texts}/versions/v3`, circulate, {
          'if-match': tag1,
        });
        assert.equal(circulated.statusCode, 200, circulated.body);
        const tag2 = circulated.headers.etag as string;
        assert.notEqual(tag2, tag1);
        assert.equal((await ivan('GET', `${texts}/versions/v3`)).statusCode, 200);
        assert.equal((await olena('GET', `${texts}/versions/v3`)).statusCode, 404);
        // The provisions did not change.
        const read = (await steve('GET', `${texts}/versions/v3`)).json();
        assert.equal(read.provisions.length, 2);
        assert.equal(read.status, 'circulated');

        // Replacing with an old tag is refused; with the current one it works.
        const replaced = { ...body, draft: `${DRAFT}\n3. Amnesty\nA full amnesty.\n` };
        assert.equal(
          (await steve('PUT', `${texts}/versions/v3`, replaced, { 'if-match': tag1 })).statusCode,
          412,
        );
        const put = await steve('PUT', `${texts}/versions/v3`, replaced, { 'if-match': tag2 });
        assert.equal(put.statusCode, 200, put.body);
        const tag3 = put.headers.etag as string;

        // Nobody else writes: viewers, delegations and observers get 403 (or 404 when unseen).
        assert.equal(
          (await jared('PATCH', `${texts}/versions/v3`, { note: 'x' }, { 'if-match': tag3 }))
            .statusCode,
          403,
        );
        assert.equal(
          (await ivan('PATCH', `${texts}/versions/v3`, { note: 'x' }, { 'if-match': tag3 }))
            .statusCode,
          403,
        );
        assert.equal(
          (await olena('PATCH', `${texts}/versions/v3`, { note: 'x' }, { 'if-match': tag3 }))
            .statusCode,
          404,
        );
        assert.equal(
          (await olena('PUT', `${texts}/versions/v4`, body, { 'if-match': '*' })).statusCode,
          403,
        );
        assert.equal(
          (await obs('PATCH', `${texts}/versions/revised-framework`, { note: 'x' })).statusCode,
          404,
        );

        // Publishing makes it public.
        const published = await steve(
          'PATCH',
          `${texts}/versions/v3`,
          { audience: 'public' },
          { 'if-match': tag3 },
        );
        assert.equal(published.statusCode, 200);
        assert.equal((await obs('GET', `${texts}/versions/v3`)).statusCode, 200);

        // A version from a package of the analysis; the slug is then taken.
        const analysis = await steve(
          'GET',
          `/api/v1/processes/${talks}/analysis?version=v1&samples=200&seed=7`,
        );
        assert.equal(analysis.json().sensitivity.samples, 200, 'sensitivity on request');
        const draft = analysis.json().draftSource.found.package;
        const pkg = { version: 'v4', from: 'v1', package: { ...draft, territory: 'freeze' } };
        const made = await steve('POST', `${texts}/versions`, pkg);
        assert.equal(made.statusCode, 201, made.body);
        assert.ok(made.json().written.includes('territory'), made.body);
        const donbas = (await steve('GET', `${texts}/versions/v4`))
          .json()
          .provisions.find((p: { id: string }) => p.id === 'donbas');
        assert.notDeepEqual(
          donbas,
          (await steve('GET', `${texts}/versions/v1`))
            .json()
            .provisions.find((p: { id: string }) => p.id === 'donbas'),
        );
        assert.equal((await steve('POST', `${texts}/versions`, pkg)).statusCode, 409);
        assert.equal((await olena('POST', `${texts}/versions`, pkg)).statusCode, 403);

        // Every write is in the chain, with its author.
        const entries = await new AuditService(store).entries(talks);
        const bySteve = entries.filter((e) => e.actor === 'steve').map((e) => e.operation);
        assert.deepEqual(bySteve, [
          'add-version',
          'update-version',
          'replace-version',
          'update-version',
          'add-version',
        ]);
        assert.equal((await new AuditService(store).verify(talks)).ok, true);
        await app.close();
      });
    });

    test('concurrent changes with the same ETag: exactly one wins', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const accounts = new AccountService(store);
        await accounts.addUser('steve', { password: PASSWORD });
        await accounts.addMember(talks, 'steve', parseTeam('mediator'), 'lead');
        const token = await accounts.createToken('steve', 'test');
        const app = await buildApp(store, { checkResponses: 'declared' });
        const headers = { authorization: `Bearer ${token}` };
        const tag = (await app.inject({ method: 'GET', url: `${texts}/versions/v1`, headers }))
          .headers.etag as string;
        const answers = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            app.inject({
              method: 'PATCH',
              url: `${texts}/versions/v1`,
              headers: { ...headers, 'if-match': tag },
              payload: { note: `edit ${i}` },
            }),
          ),
        );
        const statuses = answers.map((a) => a.statusCode).sort();
        assert.deepEqual(statuses, [200, 412, 412, 412, 412, 412, 412, 412]);
        await app.close();
      });
    });
  });
}
