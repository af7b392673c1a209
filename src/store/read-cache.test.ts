import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Viewer } from '../core/audience.ts';
import { parseFuzzyDate } from '../core/fuzzy-date.ts';
import type { PartyId, ProcessId, ProvisionId, TextId, VersionId } from '../core/ids.ts';
import { toJson } from '../io/json-output.ts';
import { DashboardService } from '../services/dashboard-service.ts';
import { type PositionInput, PositionService } from '../services/position-service.ts';
import { RecordService } from '../services/record-service.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { openPostgresStore } from './postgres-store.ts';
import { ReadCache, readCacheOf } from './read-cache.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { executorOf } from './store.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);
const talks = 'ukraine-talks-2025' as ProcessId;
const ukraine: Viewer = { kind: 'party', party: 'ukraine' as PartyId };
const russia: Viewer = { kind: 'party', party: 'russia' as PartyId };

const stance = (note: string): PositionInput => ({
  text: 'peace-plan' as TextId,
  version: 'revised-framework' as VersionId,
  provision: 'nato' as ProvisionId,
  party: 'ukraine' as PartyId,
  stance: 'rejects',
  note,
  recorded: parseFuzzyDate('2025-12-02'),
  audience: 'party',
});

const natoOf = async (service: PositionService) =>
  (await service.matrix(talks, 'peace-plan')).matrix.rows
    .find((row) => row.provision === 'nato')
    ?.cells.get('ukraine' as PartyId)?.note;

describe('read cache', () => {
  test('keeps an answer while the stamp holds, shares it between callers, forgets failures', async () => {
    let stamp = 'a';
    let runs = 0;
    const cache = new ReadCache(() => stamp);
    const compute = async () => ++runs;
    const [first, second] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    assert.deepEqual([first, second, runs], [1, 1, 1]);
    assert.equal(await cache.get('other', compute), 2);
    stamp = 'b';
    assert.equal(await cache.get('k', compute), 3);
    await assert.rejects(cache.get('bad', async () => Promise.reject(new Error('no'))));
    assert.equal(await cache.get('bad', compute), 4);
  });

  test('SQLite: a write through the store, or by another connection, is seen at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-cache-'));
    const file = join(dir, 'test.db');
    const store = await openSqliteStore({ file, create: true });
    try {
      assert.ok(readCacheOf(store) !== undefined);
      await new RecordService(store).importScenario(example, 'example.yaml');
      const reader = new PositionService(store, ukraine);
      assert.equal(await natoOf(reader), undefined);
      await new PositionService(store).record(talks, stance('CANARY-first'));
      assert.equal(await natoOf(reader), 'CANARY-first');
      // The command line writes through a connection of its own.
      const other = await openSqliteStore({ file, create: false });
      try {
        await new PositionService(other).record(talks, stance('CANARY-second'));
      } finally {
        await other.close();
      }
      assert.equal(await natoOf(reader), 'CANARY-second');
      // Answers are kept per viewer: Russia never gets Ukraine's.
      const since = { asOf: parseFuzzyDate('2025-12-05'), since: parseFuzzyDate('2025-12-01') };
      const mine = toJson(await new DashboardService(store, ukraine).dashboard(talks, since));
      const theirs = toJson(await new DashboardService(store, russia).dashboard(talks, since));
      assert.match(mine, /CANARY-second/);
      assert.doesNotMatch(theirs, /CANARY-(first|second|ukraine)/);
      assert.equal(await natoOf(new PositionService(store, russia)), undefined);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a stamp from a query: the answer is kept while it holds', async () => {
    let stamp = 'a';
    let runs = 0;
    const cache = new ReadCache(async () => stamp);
    const compute = async () => ++runs;
    const [first, second] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    assert.deepEqual([first, second, runs], [1, 1, 1]);
    stamp = 'b';
    assert.equal(await cache.get('k', compute), 2);
    assert.equal(await cache.get('k', compute), 2);
  });

  test('PostgreSQL: a write through the store, or by another connection, is seen at once', async () => {
    for (const kind of testStoreKinds()) {
      if (kind.name !== 'postgres') continue;
      await kind.use(async (store) => {
        assert.ok(readCacheOf(store) !== undefined);
        await new RecordService(store).importScenario(example, 'example.yaml');
        const reader = new PositionService(store, ukraine);
        assert.equal(await natoOf(reader), undefined);
        await new PositionService(store).record(talks, stance('CANARY-first'));
        assert.equal(await natoOf(reader), 'CANARY-first');
        // Another process (the command line) writes through a pool of its own.
        const { rows } = await sql<{
          schema: string;
        }>`select current_schema() as schema`.execute(executorOf(store));
        const other = await openPostgresStore({
          url: process.env.CONCORD_TEST_PG as string,
          schema: rows[0]?.schema as string,
          maxConnections: 2,
        });
        try {
          await new PositionService(other).record(talks, stance('CANARY-second'));
        } finally {
          await other.close();
        }
        assert.equal(await natoOf(reader), 'CANARY-second');
        const since = { asOf: parseFuzzyDate('2025-12-05'), since: parseFuzzyDate('2025-12-01') };
        const mine = toJson(await new DashboardService(store, ukraine).dashboard(talks, since));
        const theirs = toJson(await new DashboardService(store, russia).dashboard(talks, since));
        assert.match(mine, /CANARY-second/);
        assert.doesNotMatch(theirs, /CANARY-(first|second|ukraine)/);
        assert.equal(await natoOf(new PositionService(store, russia)), undefined);
      });
    }
  });
});
