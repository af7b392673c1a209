/**
 * On PostgreSQL each store migrates its own schema: Kysely looks for its
 * migration tables in every schema unless told which, so a second schema
 * (another test's, one kept for inspection) once made a fresh one fail with
 * `relation "kysely_migration_lock" does not exist`.
 */

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { openPostgresStore } from './postgres-store.ts';

const url = process.env.CONCORD_TEST_PG;

test('a fresh PostgreSQL schema migrates while another schema holds migrated tables', {
  skip: url === undefined ? 'set CONCORD_TEST_PG to run it' : false,
}, async () => {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const schemas = [0, 1].map(() => `test_${randomBytes(6).toString('hex')}`);
  try {
    for (const schema of schemas) await admin.query(`create schema ${schema}`);
    for (const schema of schemas) {
      const store = await openPostgresStore({ url: url as string, schema, maxConnections: 2 });
      await store.close();
    }
    const { rows } = await admin.query<{ schema: string }>(
      `select table_schema as schema from information_schema.tables
         where table_name = 'kysely_migration_lock' and table_schema = any($1) order by 1`,
      [schemas],
    );
    assert.deepEqual(
      rows.map((row) => row.schema),
      [...schemas].sort(),
    );
  } finally {
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
});
