/**
 * The embedded store: one SQLite file through better-sqlite3, in WAL mode with
 * synchronous=FULL (a committed write survives a crash or power loss), foreign
 * keys enforced, and write transactions that take the write lock up front
 * (BEGIN IMMEDIATE), so two processes writing at once wait instead of failing
 * midway.
 */

import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import { InvalidError, NotFoundError } from '../core/errors.ts';
import { sqliteBulkWriter } from './bulk-writer.ts';
import type { Database } from './database.ts';
import { createStore, type Store } from './store.ts';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

export interface SqliteStoreOptions {
  /** Path of the database file, or `:memory:`. */
  readonly file: string;
  /** Create the file if it does not exist (otherwise a missing file is an error). */
  readonly create: boolean;
}

/** Opens (or creates) the SQLite store at `options.file`. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const { file, create } = options;
  if (!create && file !== ':memory:' && !existsSync(file)) {
    throw new NotFoundError(
      'Concord database',
      file,
      'create one with "concord init", or load the demo with "concord demo"',
    );
  }
  let database: SQLite.Database;
  try {
    database = new SQLite(file);
    database.pragma('journal_mode = WAL');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw InvalidError.of(`cannot open ${file} as a Concord database: ${reason}`);
  }
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 10000');
  // A 256 MiB page cache (the default is 2 MiB): large imports update several indexes in random
  // order, and a cache that holds them avoids re-reading pages from disk.
  database.pragma('cache_size = -262144');
  database.pragma('temp_store = memory');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }) });
  // One connection: statements run directly on it belong to Kysely's open transaction.
  const bulk = sqliteBulkWriter(database);
  const location = file === ':memory:' ? 'SQLite in memory' : `SQLite file ${file}`;
  return createStore(db, 'sqlite', location, () => bulk);
}
