/**
 * The permission matrix, generated from the route table (the OpenAPI
 * document): every route × every role (anonymous; observer; lead, member and
 * viewer of a delegation; another delegation; the mediator team) × own and
 * other parties' objects. Reads must never carry a canary string planted in
 * material the role may not see; writes by anyone but a lead or member of the
 * party's own delegation (of the mediator team, for the text) must be refused
 * (403, or 404 where the object is invisible), and no answer to a write
 * carries a canary either. A new route without an entry in QUERIES or BODIES
 * fails here.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { ProcessId } from '../core/ids.ts';
import { parseTeam, type TeamRole } from '../core/team.ts';
import { AccountService } from '../services/account-service.ts';
import { RecordService } from '../services/record-service.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { buildApp } from './app.ts';
import { SESSION_COOKIE } from './auth.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
)
  // Russia's profile kept to Russia, with a canary.
  .replace(
    /(- party: russia\n {4}audience: )mediator\n {4}note: [^\n]*/,
    '$1party\n    note: CANARY-russia-profile',
  )
  // The revised framework, circulated to Ukraine only, with a canary.
  .replace('label: Revised framework', 'label: CANARY-revised-framework');
const talks = 'ukraine-talks-2025' as ProcessId;
const PASSWORD = 'correct horse battery';

/** Users, their team and role; `null` is anonymous. */
const ROLES: Record<string, { team: string; role: TeamRole } | null> = {
  anonymous: null,
  observer: { team: 'observers', role: 'member' },
  'ukraine-lead': { team: 'ukraine', role: 'lead' },
  'ukraine-member': { team: 'ukraine', role: 'member' },
  'ukraine-viewer': { team: 'ukraine', role: 'viewer' },
  'russia-member': { team: 'russia', role: 'member' },
  mediator: { team: 'mediator', role: 'member' },
};

/** Who may see each canary: the party's delegation, plus the mediator when shared with it. */
const CANARIES: Record<string, (team: string | undefined) => boolean> = {
  'CANARY-ukraine-mediator-red-line': (t) => t === 'ukraine' || t === 'mediator',
  'CANARY-ukraine-private-army-cap': (t) => t === 'ukraine',
  'CANARY-russia-private-nato': (t) => t === 'russia',
  'CANARY-russia-profile': (t) => t === 'russia',
  'CANARY-revised-framework': (t) => t === 'ukraine' || t === 'mediator',
};

const PARAMS: Record<string, string[]> = {
  process: [talks],
  text: ['peace-plan'],
  person: ['yermak'],
  event: ['sunday-meeting'],
  party: ['ukraine', 'russia', 'us'],
  version: ['v1', 'revised-framework'],
};

/** Query variants per route (by the path's end); every GET route needs one. */
const QUERIES: Record<string, string[]> = {
  health: [''],
  ready: [''],
  me: ['', '?process=ukraine-talks-2025'],
  processes: [''],
  '{process}': ['', '?asOf=2025-12-01'],
  who: ['?asOf=2025-11-25'],
  dashboard: [
    '',
    '?asOf=2025-11-30',
    '?since=2025-11-01&asOf=2025-12-05&limit=50',
    '?since=2025-11-30T00:00Z',
  ],
  timeline: ['?limit=1000'],
  histogram: ['', '?from=2025-11-23&to=2025-12-07&buckets=20&status=scheduled'],
  statements: ['?limit=1000'],
  '{person}': [''],
  '{event}': [''],
  texts: [''],
  '{text}': [''],
  diff: [
    '?from=v1&to=revised-framework',
    '?from=v1&to=revised-framework&format=markdown',
    '?from=v1&to=revised-framework&format=html',
  ],
  positions: ['?version=v1', '?version=revised-framework'],
  analysis: [
    '',
    '?version=v1',
    '?version=v1&samples=50&seed=3',
    '?version=v1&points=true',
    '?version=v1&samples=50&perturbation=0.2',
  ],
  inputs: [''],
  checkpoint: [''],
  audit: ['', '?after=1&limit=5'],
  export: [''],
  history: ['', '?provision=elections', '?party=russia&version=v1'],
  movement: [
    '?from=v1&to=revised-framework&all=true',
    '?from=2025-11-01&to=2025-12-31',
    '?from=v1&to=2025-12-31',
  ],
  '{party}': [''],
  '{version}': ['', '?format=akn', '?format=plain'],
  'calendar.ics': ['', '?from=2025-11-25', '?token=not-a-calendar-token'],
  briefing: [''],
  // What the PDF prints: scanned here, since the PDF's text is compressed.
  'briefing.html': [''],
  'briefing.pdf': [''],
};

/** The v1 plan as a package of the analysis, with one issue changed. */
const PACKAGE = {
  territory: 'freeze',
  'army-cap': '600000',
  nato: 'renounce',
  elections: 'within-100-days',
  guarantees: 'declaratory',
  sanctions: 'staged',
  'frozen-assets': 'reconstruction',
  amnesty: 'full',
};

/**
 * Bodies of writes (by the path's end and method), and who writes: a party's
 * delegation (for the party in the body or path) or the mediator team.
 */
const BODIES: Record<
  string,
  { owner: 'party' | 'mediator' | 'anyone signed in'; body: (party: string) => unknown }
> = {
  // A calendar token for oneself.
  'post tokens': { owner: 'anyone signed in', body: () => ({}) },
  'post positions': {
    owner: 'party',
    body: (party) => ({ provision: 'elections', party, stance: 'undecided' }),
  },
  'put {party}': {
    owner: 'party',
    body: (party) => ({
      party,
      reservation: 0.3,
      weights: { territory: 1 },
      values: { territory: { cede: 0, freeze: 1 } },
    }),
  },
  'put {version}': { owner: 'mediator', body: () => ({ draft: '1. Ceasefire\nA ceasefire.\n' }) },
  'patch {version}': { owner: 'mediator', body: () => ({ note: 'read by the matrix' }) },
  'post versions': {
    owner: 'mediator',
    body: () => ({ version: 'matrix', from: 'v1', package: PACKAGE }),
  },
};

function expand(path: string): string[] {
  let urls = [path];
  for (const [name, values] of Object.entries(PARAMS))
    urls = urls.flatMap((url) =>
      url.includes(`{${name}}`) ? values.map((v) => url.replace(`{${name}}`, v)) : [url],
    );
  return urls;
}

for (const kind of testStoreKinds()) {
  describe(`permission matrix on ${kind.name}`, () => {
    test('every route × every role: no canary it may not see, no write it may not make', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const accounts = new AccountService(store);
        for (const [name, membership] of Object.entries(ROLES)) {
          if (membership === null) continue;
          await accounts.addUser(name, { password: PASSWORD });
          await accounts.addMember(talks, name, parseTeam(membership.team), membership.role);
        }
        const app = await buildApp(store, { checkResponses: 'all' });
        const sessions: Record<
          string,
          { cookies: Record<string, string>; headers: Record<string, string> }
        > = {};
        for (const name of Object.keys(ROLES)) {
          if (ROLES[name] === null) {
            sessions[name] = { cookies: {}, headers: {} };
            continue;
          }
          const response = await app.inject({
            method: 'POST',
            url: '/api/v1/session',
            payload: { name, password: PASSWORD },
          });
          const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value as string;
          sessions[name] = {
            cookies: { [SESSION_COOKIE]: cookie },
            headers: { 'x-csrf-token': response.json().csrfToken },
          };
        }
        const paths = (app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
        let requests = 0;
        for (const [path, methods] of Object.entries(paths)) {
          const last = path.split('/').pop() as string;
          for (const method of Object.keys(methods)) {
            if (path === '/api/v1/session') continue; // signing in and out: session.test.ts
            for (const [name, membership] of Object.entries(ROLES)) {
              const session = sessions[name] as (typeof sessions)[string];
              const team = membership?.team;
              if (method === 'get') {
                const queries = QUERIES[last];
                assert.ok(
                  queries !== undefined,
                  `no query variants for GET ${path}: add them to QUERIES`,
                );
                for (const url of expand(path))
                  for (const query of queries) {
                    const response = await app.inject({
                      method: 'GET',
                      url: `${url}${query}`,
                      ...session,
                    });
                    requests++;
                    assert.ok(
                      response.statusCode < 500,
                      `${name} GET ${url}${query}: ${response.statusCode}`,
                    );
                    for (const [canary, allowed] of Object.entries(CANARIES))
                      if (!allowed(team))
                        assert.ok(
                          !response.body.includes(canary),
                          `${name} GET ${url}${query} leaks ${canary}`,
                        );
                  }
              } else {
                const write = BODIES[`${method} ${last}`];
                assert.ok(
                  write !== undefined,
                  `no body for ${method.toUpperCase()} ${path}: add it to BODIES`,
                );
                for (const party of ['ukraine', 'russia']) {
                  for (const url of expand(path).filter(
                    (u) => last !== '{party}' || u.endsWith(`/${party}`),
                  )) {
                    const response = await app.inject({
                      method: method.toUpperCase() as 'PUT' | 'POST' | 'PATCH',
                      url,
                      payload: write.body(party) as object,
                      cookies: session.cookies,
                      headers: { ...session.headers, 'if-match': '*' },
                    });
                    requests++;
                    const writer =
                      write.owner === 'anyone signed in'
                        ? membership !== null
                        : team === (write.owner === 'mediator' ? 'mediator' : party) &&
                          membership?.role !== 'viewer';
                    // A write may find the object taken (409) or changed (412: If-Match is *).
                    if (writer)
                      assert.ok(
                        [200, 201, 409, 412].includes(response.statusCode),
                        `${name} ${method} ${url}: ${response.statusCode} ${response.body}`,
                      );
                    else
                      assert.ok(
                        [403, 404].includes(response.statusCode),
                        `${name} ${method} ${url} for ${party} must be refused: ${response.statusCode}`,
                      );
                    for (const [canary, allowed] of Object.entries(CANARIES))
                      if (!allowed(team))
                        assert.ok(
                          !response.body.includes(canary),
                          `${name} ${method} ${url} leaks ${canary}`,
                        );
                  }
                }
              }
            }
          }
        }
        assert.ok(requests > 200, `${requests} requests`);
        await app.close();
      });
    });
  });
}
