/**
 * If-Match on a position write, on SQLite and PostgreSQL: the matrix and the
 * history serve each position's tag; a write naming the latest tag (or * when
 * there is none) is recorded, one naming an older tag answers 412 with the
 * current position; N writers with one tag: exactly one wins; a write without
 * If-Match is still recorded (the CLI, scripts).
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
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
const WRITERS = 8;
const positionsUrl = `/api/v1/processes/${talks}/texts/peace-plan/positions`;

/** The example, and WRITERS members of Ukraine's delegation, each with an API token. */
async function setUp(store: Store) {
  await new RecordService(store).importScenario(example, 'example.yaml');
  const accounts = new AccountService(store);
  const writers: { name: string; headers: Record<string, string> }[] = [];
  for (let i = 0; i < WRITERS; i++) {
    const name = `writer-${i}`;
    await accounts.addUser(name);
    await accounts.addMember(talks, name, parseTeam('ukraine'), 'member');
    const token = await accounts.createToken(name, 'if-match');
    writers.push({ name, headers: { authorization: `Bearer ${token}` } });
  }
  return { app: await buildApp(store, { checkResponses: 'declared' }), writers };
}

const stance = (provision: string, value: string, note?: string) => ({
  version: 'v1',
  provision,
  party: 'ukraine',
  stance: value,
  ...(note === undefined ? {} : { note }),
});

for (const kind of testStoreKinds()) {
  describe(`If-Match on positions on ${kind.name}`, () => {
    test('the tag read is accepted once; an older tag answers 412 with the current position', async () => {
      await kind.use(async (store) => {
        const { app, writers } = await setUp(store);
        const headers = writers[0]?.headers as Record<string, string>;
        const post = (payload: object, ifMatch?: string) =>
          app.inject({
            method: 'POST',
            url: positionsUrl,
            headers: { ...headers, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
            payload,
          });

        const matrix = await app.inject({
          method: 'GET',
          url: `${positionsUrl}?version=v1`,
          headers,
        });
        assert.equal(matrix.statusCode, 200, matrix.body);
        const rows = matrix.json().matrix.rows as {
          provision: string;
          cells: Record<string, { key: string; tag: string }>;
        }[];
        const tagged = rows.flatMap((row) => Object.values(row.cells));
        assert.ok(tagged.length > 0, 'the example has positions on v1');
        for (const cell of tagged) assert.equal(cell.tag, `"${cell.key}"`);
        const cell = rows.find((row) => row.provision === 'elections')?.cells.ukraine;
        const seen = cell?.tag ?? '*';

        const first = await post(stance('elections', 'accepts', 'first'), seen);
        assert.equal(first.statusCode, 201, first.body);
        const firstTag = first.headers.etag as string;
        assert.equal(firstTag, `"${first.json().key}"`);

        // Another client still holds the tag read before: refused, told what is current.
        const stale = await post(stance('elections', 'rejects', 'stale'), seen);
        assert.equal(stale.statusCode, 412, stale.body);
        const error = stale.json().error;
        assert.equal(error.code, 'precondition_failed');
        assert.equal(error.current.tag, firstTag);
        assert.equal(error.current.position.stance, 'accepts');
        assert.equal(error.current.position.note, 'first');
        assert.equal(error.current.position.recorded.precision, 'day', 'dates in the API form');

        // * means "none yet": refused now that one exists; accepted on a provision with none.
        assert.equal((await post(stance('elections', 'rejects'), '*')).statusCode, 412);
        const none = rows.find((row) => row.cells.ukraine === undefined)?.provision;
        assert.ok(none !== undefined, 'a provision Ukraine took no stance on in v1');
        assert.equal((await post(stance(none, 'undecided'), '*')).statusCode, 201);

        // With the current tag: recorded.
        const second = await post(stance('elections', 'rejects', 'second'), firstTag);
        assert.equal(second.statusCode, 201, second.body);

        // Without If-Match: recorded whatever came before.
        const plain = await post(stance('elections', 'undecided', 'no precondition'));
        assert.equal(plain.statusCode, 201, plain.body);

        // The history serves the same tags, the latest last.
        const history = await app.inject({
          method: 'GET',
          url: `${positionsUrl}/history?provision=elections&party=ukraine&version=v1`,
          headers,
        });
        const items = history.json() as { key: string; tag: string; note?: string }[];
        assert.deepEqual(
          items.slice(-3).map((p) => [p.note, p.tag]),
          [
            ['first', firstTag],
            ['second', second.headers.etag],
            ['no precondition', plain.headers.etag],
          ],
        );
        // The stale write changed nothing.
        assert.ok(!items.some((p) => p.note === 'stale'));
        await app.close();
      });
    });

    test(`${WRITERS} writers with one tag: one 201, the others 412, one audit entry`, async () => {
      await kind.use(async (store) => {
        const { app, writers } = await setUp(store);
        const headers = writers[0]?.headers as Record<string, string>;
        const start = await app.inject({
          method: 'POST',
          url: positionsUrl,
          headers,
          payload: stance('nato', 'rejects', 'start'),
        });
        assert.equal(start.statusCode, 201, start.body);
        const tag = start.headers.etag as string;
        const before = (await store.repositories.audit.entries(talks)).length;
        const responses = await Promise.all(
          writers.map((writer, i) =>
            app.inject({
              method: 'POST',
              url: positionsUrl,
              headers: { ...writer.headers, 'if-match': tag },
              payload: stance('nato', i % 2 === 0 ? 'accepts' : 'undecided', `writer ${i}`),
            }),
          ),
        );
        const statuses = responses.map((r) => r.statusCode);
        assert.deepEqual(
          [...statuses].sort(),
          [201, ...Array(WRITERS - 1).fill(412)],
          responses.map((r) => r.body).join('\n'),
        );
        const winner = statuses.indexOf(201);
        const wonTag = responses[winner]?.headers.etag;
        for (const lost of responses.filter((r) => r.statusCode === 412))
          assert.equal(lost.json().error.current.tag, wonTag, 'each loser is told the winner');
        const added = (await store.repositories.audit.entries(talks)).slice(before);
        assert.deepEqual(
          added.map((e) => [e.actor, e.operation]),
          [[writers[winner]?.name, 'create']],
        );
        await app.close();
      });
    });
  });
}
