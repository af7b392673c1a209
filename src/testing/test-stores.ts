/**
 * The stores every store test runs against: SQLite always (a fresh database
 * per test), and PostgreSQL when CONCORD_TEST_PG holds a URL (a fresh schema
 * per test, dropped afterwards) — the same tests on both, as in kysely's own
 * test loop over dialects.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../store/postgres-store.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';

export interface TestStoreKind {
  readonly name: 'sqlite' | 'postgres';
  /** Runs `work` on a fresh, empty store and disposes of it afterwards. */
  readonly use: <T>(work: (store: Store) => Promise<T>) => Promise<T>;
}

const sqlite: TestStoreKind = {
  name: 'sqlite',
  async use(work) {
    const dir = mkdtempSync(join(tmpdir(), 'concord-test-'));
    const store = await openSqliteStore({ file: join(dir, 'test.db'), create: true });
    try {
      return await work(store);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function postgres(url: string): TestStoreKind {
  return {
    name: 'postgres',
    async use(work) {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`create schema ${schema}`);
        const store = await openPostgresStore({ url, schema, maxConnections: 4 });
        try {
          return await work(store);
        } finally {
          await store.close();
        }
      } finally {
        await admin.query(`drop schema if exists ${schema} cascade`);
        await admin.end();
      }
    },
  };
}

/** SQLite, plus PostgreSQL when CONCORD_TEST_PG is set. */
export function testStoreKinds(): TestStoreKind[] {
  const url = process.env.CONCORD_TEST_PG;
  return url ? [sqlite, postgres(url)] : [sqlite];
}
