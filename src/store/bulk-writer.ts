/**
 * Bulk writing, the fastest way each database allows, inside the caller's
 * transaction:
 * - `insert` many rows: Kysely multi-row INSERTs in general; on SQLite a
 *   statement prepared once per shape and re-run with new values, which skips
 *   building and compiling SQL for every batch (several times faster);
 * - `allocateIds`: row ids handed out before inserting, so rows can refer to
 *   rows inserted in the same batch (an event following up on another) and no
 *   lookup is needed afterwards.
 */

import type Sqlite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';

export interface BulkWriter {
  insert(table: keyof Database, rows: readonly object[]): Promise<void>;
  /**
   * Runs `load` with the table's secondary indexes dropped and rebuilds them
   * afterwards (unique and primary keys stay). Building an index once from
   * sorted data is much cheaper than updating it row by row, so this pays
   * when `load` more than doubles the table.
   */
  withoutIndexes(
    table: keyof Database,
    keep: readonly string[],
    load: () => Promise<void>,
  ): Promise<void>;
  /** `count` fresh ids for `table` (which has an integer `id` key). */
  allocateIds(table: keyof Database, count: number): Promise<number[]>;
}

/** Most bound parameters one statement may carry (SQLite allows 32,766; PostgreSQL 65,535). */
const MAX_PARAMETERS = 30_000;

/** The generic writer: multi-row INSERTs through Kysely; ids from the PostgreSQL identity sequence. */
export function kyselyBulkWriter(db: Kysely<Database>): BulkWriter {
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const width = Object.keys(rows[0] as object).length;
      const size = Math.max(1, Math.floor(MAX_PARAMETERS / width));
      for (let i = 0; i < rows.length; i += size) {
        await db
          .insertInto(table)
          .values(rows.slice(i, i + size) as never)
          .execute();
      }
    },
    async withoutIndexes(table, keep, load) {
      const found = await sql<{
        name: string;
        definition: string;
      }>`select indexname as name, indexdef as definition
        from pg_indexes
        where schemaname = current_schema() and tablename = ${table}
          and indexname not in (select conname from pg_constraint where conrelid = ${table}::regclass)`.execute(
        db,
      );
      const indexes = found.rows.filter((index) => !keep.includes(index.name));
      for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
      await load();
      // PostgreSQL cannot build an index while deferred checks are pending: run them now (every
      // row the load refers to exists by its end), then defer them again.
      await sql`set constraints all immediate`.execute(db);
      for (const index of indexes) await sql.raw(index.definition).execute(db);
      await sql`set constraints all deferred`.execute(db);
    },
    async allocateIds(table, count) {
      if (count === 0) return [];
      const result = await sql<{
        id: number;
      }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::integer as id
        from generate_series(1, ${count})`.execute(db);
      return result.rows.map((row) => row.id);
    },
  };
}

/** Rows per prepared multi-row statement on SQLite. */
const SQLITE_ROWS_PER_STATEMENT = 100;

/**
 * The SQLite writer, straight on the better-sqlite3 connection (the only one,
 * so its statements belong to Kysely's open transaction). Ids follow the
 * largest in use: write transactions are exclusive (BEGIN IMMEDIATE).
 */
export function sqliteBulkWriter(database: Sqlite.Database): BulkWriter {
  const prepared = new Map<string, Sqlite.Statement>();
  const statementFor = (table: string, columns: readonly string[], count: number) => {
    const key = `${table}\u0000${columns.join(',')}\u0000${count}`;
    let statement = prepared.get(key);
    if (statement === undefined) {
      const tuple = `(${columns.map(() => '?').join(',')})`;
      const names = columns.map((column) => `"${column}"`).join(',');
      statement = database.prepare(
        `insert into "${table}" (${names}) values ${Array(count).fill(tuple).join(',')}`,
      );
      prepared.set(key, statement);
    }
    return statement;
  };
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      // Rows come from one column function, so their keys are in the same order.
      const columns = Object.keys(rows[0] as object);
      for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + SQLITE_ROWS_PER_STATEMENT);
        const values: unknown[] = [];
        for (const row of chunk) values.push(...Object.values(row));
        statementFor(table, columns, chunk.length).run(values);
      }
    },
    async withoutIndexes(table, keep, load) {
      // Indexes behind constraints have no SQL of their own and stay.
      const found = database
        .prepare(
          "select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null",
        )
        .all(table) as { name: string; sql: string }[];
      const indexes = found.filter((index) => !keep.includes(index.name));
      for (const index of indexes) database.exec(`drop index "${index.name}"`);
      await load();
      for (const index of indexes) database.exec(index.sql);
    },
    async allocateIds(table, count) {
      const row = database.prepare(`select coalesce(max(id), 0) as id from "${table}"`).get() as {
        id: number;
      };
      return Array.from({ length: count }, (_, i) => row.id + 1 + i);
    },
  };
}
