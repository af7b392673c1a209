/**
 * The analysis routes for the web page: the chart's points on request, and
 * what an analysis rests on (…/analysis/inputs) for each kind of viewer —
 * never a profile the viewer may not see.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { ProcessId } from '../core/ids.ts';
import { parseTeam } from '../core/team.ts';
import { AccountService } from '../services/account-service.ts';
import { RecordService } from '../services/record-service.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { buildApp } from './app.ts';
import { SESSION_COOKIE } from './auth.ts';

/** The example with Russia's profile kept to Russia, a canary in its note. */
const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
).replace(
  /(- party: russia\n {4}audience: )mediator\n {4}note: [^\n]*/,
  '$1party\n    note: CANARY-russia-profile',
);
const talks = 'ukraine-talks-2025' as ProcessId;
const base = `/api/v1/processes/${talks}/analysis`;
const PASSWORD = 'correct horse battery';

for (const kind of testStoreKinds()) {
  describe(`the analysis routes for the web page, on ${kind.name}`, () => {
    test('points on request; inputs per viewer; nothing of a hidden profile', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const accounts = new AccountService(store);
        for (const [name, team] of [
          ['steve', 'mediator'],
          ['olena', 'ukraine'],
          ['ivan', 'russia'],
        ] as const) {
          await accounts.addUser(name, { password: PASSWORD });
          await accounts.addMember(talks, name, parseTeam(team), 'member');
        }
        const app = await buildApp(store, { checkResponses: 'declared' });
        const as = async (name: string) => {
          const response = await app.inject({
            method: 'POST',
            url: '/api/v1/session',
            payload: { name, password: PASSWORD },
          });
          const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value as string;
          return (url: string) => app.inject({ url, cookies: { [SESSION_COOKIE]: cookie } });
        };
        const steve = await as('steve');
        const olena = await as('olena');

        // Without `points`, no `space`; with it, the chart's points of the mediator's two profiles.
        const plain = await steve(`${base}?version=v1`);
        assert.equal(plain.statusCode, 200, plain.body);
        assert.equal(plain.json().space, undefined);
        const withPoints = await steve(`${base}?version=v1&points=true`);
        assert.equal(withPoints.statusCode, 200, withPoints.body);
        const answer = withPoints.json();
        assert.deepEqual(answer.parties, ['ukraine', 'us']);
        const space = answer.space;
        assert.ok(['all', 'sample'].includes(space.packages.kind));
        assert.ok(space.packages.points.length > 0 && space.packages.points.length <= 2_000);
        assert.equal(space.frontier.complete, true);
        assert.equal(space.frontier.total, answer.frontier.points);
        assert.equal(space.frontier.points.length, answer.frontier.points);
        for (const v of [...space.packages.points, ...space.frontier.points]) {
          assert.equal(v.length, 2);
          assert.ok(v.every((u: number) => u >= 0 && u <= 1));
        }
        // The Nash point lies on the listed frontier.
        const nash = answer.solutions.find((s: { criterion: string }) => s.criterion === 'nash');
        const [nu, nv] = nash.points[0].utilities as [number, number];
        assert.ok(
          space.frontier.points.some(
            ([u, v]: [number, number]) => Math.abs(u - nu) < 1e-5 && Math.abs(v - nv) < 1e-5,
          ),
        );
        assert.equal((await steve(`${base}?points=yes`)).statusCode, 400);

        // Inputs: the mediator's (two shared profiles, mediator-only); Ukraine's (its own only).
        const mediator = (await steve(`${base}/inputs`)).json();
        assert.deepEqual(
          mediator.profiles.map((p: { party: string }) => p.party),
          ['ukraine', 'us'],
        );
        assert.deepEqual(mediator.leftOut, ['russia']);
        assert.equal(mediator.ready, true);
        assert.equal(mediator.mediatorOnly, true);
        assert.equal(mediator.text, 'peace-plan');
        assert.equal(mediator.issues.length, 8);
        assert.ok(mediator.issues[0].options.length > 1);
        const ukraine = await olena(`${base}/inputs`);
        assert.equal(ukraine.statusCode, 200, ukraine.body);
        assert.deepEqual(
          ukraine.json().profiles.map((p: { party: string }) => p.party),
          ['ukraine'],
        );
        assert.equal(ukraine.json().ready, false);
        assert.equal(ukraine.json().mediatorOnly, false);
        assert.equal(
          (await olena(`${base}?points=true`)).statusCode,
          400,
          'one profile: no analysis',
        );
        for (const body of [ukraine.body, plain.body, withPoints.body, JSON.stringify(mediator)])
          assert.ok(!body.includes('CANARY-russia-profile'));
        // Russia's own delegation: its profile alone; the public: none.
        const ivan = await as('ivan');
        assert.deepEqual((await ivan(`${base}/inputs`)).json().profiles, [
          { party: 'russia', audience: 'party' },
        ]);
        const anonymous = await app.inject({ url: `${base}/inputs` });
        assert.equal(anonymous.statusCode, 200);
        assert.deepEqual(anonymous.json().profiles, []);
        assert.equal(anonymous.json().ready, false);
      });
    });
  });
}

/** The example with no stated uncertainty: a sensitivity run is then deterministic. */
const certain = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
).replace(/\n {4}uncertainty: \{ relative: [0-9.]+ \}/g, '');

for (const kind of testStoreKinds()) {
  describe(`sensitivity with a perturbation, on ${kind.name}`, () => {
    test('±share replaces the stated uncertainty; out of range is refused', async () => {
      await kind.use(async (store) => {
        assert.ok(!certain.includes('uncertainty:'), 'no stated uncertainty left');
        await new RecordService(store).importScenario(certain, 'example.yaml');
        const accounts = new AccountService(store);
        await accounts.addUser('steve', { password: PASSWORD });
        await accounts.addMember(talks, 'steve', parseTeam('mediator'), 'member');
        const app = await buildApp(store, { checkResponses: 'declared' });
        const login = await app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { name: 'steve', password: PASSWORD },
        });
        const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value as string;
        const get = (query: string) =>
          app.inject({ url: `${base}?version=v1${query}`, cookies: { [SESSION_COOKIE]: cookie } });

        const stated = (await get('&samples=200&seed=4')).json().sensitivity;
        assert.equal(stated.deterministic, true);
        assert.deepEqual(stated.certainParties, ['russia', 'ukraine', 'us']);
        assert.equal(stated.nashStability.estimate, 1, 'nothing moves: Nash stays');

        const moved = await get('&samples=200&seed=4&perturbation=0.3');
        assert.equal(moved.statusCode, 200, moved.body);
        const result = moved.json().sensitivity;
        assert.equal(result.samples, 200);
        assert.equal(result.deterministic, false);
        assert.deepEqual(result.certainParties, []);
        assert.ok(
          result.nashStability.estimate < 1,
          'a ±30% move changes the Nash package sometimes',
        );
        const again = (await get('&samples=200&seed=4&perturbation=0.3')).json().sensitivity;
        assert.deepEqual(again, result, 'seeded');

        for (const bad of ['0', '0.6', 'x'])
          assert.equal((await get(`&samples=10&perturbation=${bad}`)).statusCode, 400, bad);
      });
    });
  });
}
