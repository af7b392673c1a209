/**
 * Writes at the same time, through the API, on SQLite and PostgreSQL: N
 * clients replacing one profile with the same ETag (exactly one wins, the
 * others get 412, one audit entry), and many positions and profiles written
 * at once (the audit chain stays one chain: no two entries with one
 * predecessor, no gap, every hash right).
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { verifyChain } from '../core/audit.ts';
import type { ProcessId } from '../core/ids.ts';
import { parseTeam } from '../core/team.ts';
import { AccountService } from '../services/account-service.ts';
import { RecordService } from '../services/record-service.ts';
import type { Store } from '../store/store.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { buildApp } from './app.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);
const talks = 'ukraine-talks-2025' as ProcessId;
const CLIENTS = 10;
const profileUrl = `/api/v1/processes/${talks}/profiles/ukraine`;
const positionsUrl = `/api/v1/processes/${talks}/texts/peace-plan/positions`;

/** The example, and CLIENTS members of Ukraine's delegation, each with an API token. */
async function setUp(store: Store) {
  await new RecordService(store).importScenario(example, 'example.yaml');
  const accounts = new AccountService(store);
  const clients: { name: string; headers: Record<string, string> }[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const name = `writer-${i}`;
    await accounts.addUser(name);
    await accounts.addMember(talks, name, parseTeam('ukraine'), i === 0 ? 'lead' : 'member');
    const token = await accounts.createToken(name, 'concurrency');
    clients.push({ name, headers: { authorization: `Bearer ${token}` } });
  }
  return { app: await buildApp(store, { checkResponses: 'all' }), clients };
}

for (const kind of testStoreKinds()) {
  describe(`concurrent writes on ${kind.name}`, () => {
    test(`${CLIENTS} clients replace one profile with the same ETag: one 200, the others 412`, async () => {
      await kind.use(async (store) => {
        const { app, clients } = await setUp(store);
        const read = await app.inject({
          method: 'GET',
          url: profileUrl,
          headers: clients[0]?.headers,
        });
        assert.equal(read.statusCode, 200, read.body);
        const tag = read.headers.etag as string;
        const before = (await store.repositories.audit.entries(talks)).length;
        // Each client writes its own reservation, so the stored profile names the winner.
        const reservation = (i: number) => Math.round((0.1 + i / 20) * 100) / 100;
        const responses = await Promise.all(
          clients.map((client, i) =>
            app.inject({
              method: 'PUT',
              url: profileUrl,
              headers: { ...client.headers, 'if-match': tag },
              payload: { ...(read.json() as object), reservation: reservation(i) },
            }),
          ),
        );
        const statuses = responses.map((r) => r.statusCode);
        assert.deepEqual(
          [...statuses].sort(),
          [200, ...Array(CLIENTS - 1).fill(412)],
          responses.map((r) => r.body).join('\n'),
        );
        for (const lost of responses.filter((r) => r.statusCode === 412))
          assert.equal(lost.json().error.code, 'precondition_failed');
        const winner = statuses.indexOf(200);
        const won = responses[winner];
        const stored = await app.inject({
          method: 'GET',
          url: profileUrl,
          headers: clients[0]?.headers,
        });
        assert.equal(stored.json().reservation, reservation(winner));
        assert.equal(stored.headers.etag, won?.headers.etag);
        const entries = await store.repositories.audit.entries(talks);
        const added = entries.slice(before);
        assert.deepEqual(
          added.map((e) => [e.actor, e.operation, e.object]),
          [[clients[winner]?.name, 'replace', 'profile:ukraine']],
        );
        assert.deepEqual(verifyChain(entries), []);
        await app.close();
      });
    });

    test('many writes at once keep the audit chain one unbroken chain', async () => {
      await kind.use(async (store) => {
        const { app, clients } = await setUp(store);
        const before = (await store.repositories.audit.entries(talks)).length;
        const read = await app.inject({
          method: 'GET',
          url: profileUrl,
          headers: clients[0]?.headers,
        });
        const stances = ['accepts', 'rejects', 'undecided'];
        const writes = [
          ...clients.flatMap((client, i) =>
            [0, 1, 2].map((j) =>
              app.inject({
                method: 'POST',
                url: positionsUrl,
                headers: client.headers,
                payload: {
                  provision: 'elections',
                  party: 'ukraine',
                  stance: stances[(i + j) % stances.length],
                  note: `writer ${i}, position ${j}`,
                },
              }),
            ),
          ),
          ...clients.map((client, i) =>
            app.inject({
              method: 'PUT',
              url: profileUrl,
              headers: { ...client.headers, 'if-match': read.headers.etag as string },
              payload: { ...(read.json() as object), reservation: i / 20 },
            }),
          ),
        ];
        const responses = await Promise.all(writes);
        const written = responses.filter((r) => r.statusCode === 200 || r.statusCode === 201);
        assert.equal(
          responses.filter((r) => r.statusCode === 201).length,
          CLIENTS * 3,
          responses
            .filter((r) => r.statusCode !== 201 && r.statusCode !== 200 && r.statusCode !== 412)
            .map((r) => r.body)
            .join('\n'),
        );
        assert.equal(responses.filter((r) => r.statusCode === 200).length, 1);
        assert.equal(responses.filter((r) => r.statusCode === 412).length, CLIENTS - 1);
        const entries = await store.repositories.audit.entries(talks);
        assert.equal(entries.length, before + written.length);
        assert.deepEqual(
          entries.map((e) => e.seq),
          entries.map((_, i) => i + 1),
          'no gap, no duplicate',
        );
        assert.deepEqual(verifyChain(entries), [], 'the chain verifies');
        await app.close();
      });
    });
  });
}
