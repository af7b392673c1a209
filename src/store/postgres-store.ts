/**
 * The shared store: PostgreSQL through a pg connection pool. 64-bit integers
 * (dates in milliseconds, counts) are read as JavaScript numbers; every value
 * Concord stores in them is well inside the safe-integer range.
 */

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { createStore, type Store } from './store.ts';

const INT8_OID = 20;

export interface PostgresStoreOptions {
  /** A `postgres://user:password@host:port/database` URL. */
  readonly url: string;
  /** Schema to work in (tests use one per test); defaults to the server's search path. */
  readonly schema?: string;
  /** Largest number of pooled connections. */
  readonly maxConnections?: number;
}

/** Opens the PostgreSQL store at `options.url`. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    return await createStore(db, 'postgres', `PostgreSQL ${describeUrl(options.url)}`);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}
