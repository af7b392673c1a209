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
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteStatement,
} from 'kysely';
import { InvalidError, NotFoundError } from '../core/errors.ts';
import { sqliteBulkWriter } from './bulk-writer.ts';
import type { Database } from './database.ts';
import { registerChangeStamp } from './read-cache.ts';
import { createStore, type Store } from './store.ts';

class ImmediateSqliteDriver extends SqliteDriver {
  /** Who waits for the one connection, first come first served. */
  readonly #waiting: (() => void)[] = [];
  #taken = false;

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  // Kysely's own lock wakes every waiter whenever the connection is given back (all but one go
  // back to waiting): with a hundred requests in flight, that costs more than the queries. Here
  // the connection goes to the next in line, so Kysely's lock is always free when asked.
  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#taken) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#taken = true;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.#waiting.shift();
    if (next === undefined) this.#taken = false;
    else next();
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

/** Prepared statements kept per connection; the least recently prepared go first. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely sees it, with its statements prepared once per SQL
 * text (Kysely prepares every query it runs, and preparing costs about as
 * much as running a small query), counting the statements that may change
 * something (all but plain selects) for the change stamp. Kysely streams no
 * query here, so a cached statement is never busy when it is run again.
 */
function withStatementCache(database: SQLite.Database, onWrite: () => void): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        const prepared = database.prepare(sql);
        statement = /^\s*select\b/i.test(sql) ? prepared : counted(prepared, onWrite);
        if (statements.size >= STATEMENT_CACHE_SIZE)
          statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
    close: () => database.close(),
  };
}

function counted(statement: SQLite.Statement, onWrite: () => void): SqliteStatement {
  return {
    reader: statement.reader,
    all(parameters) {
      onWrite();
      return statement.all(parameters);
    },
    run(parameters) {
      onWrite();
      return statement.run(parameters);
    },
    iterate(parameters) {
      onWrite();
      return statement.iterate(parameters);
    },
  };
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
  // What changed: commits by other connections (data_version), and this connection's own writes.
  let writes = 0;
  const dataVersion = database.prepare('pragma data_version').pluck();
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({
      database: withStatementCache(database, () => {
        writes++;
      }),
    }),
  });
  // One connection: statements run directly on it belong to Kysely's open transaction.
  const bulk = sqliteBulkWriter(database);
  const location = file === ':memory:' ? 'SQLite in memory' : `SQLite file ${file}`;
  const store = await createStore(db, 'sqlite', location, () => bulk);
  registerChangeStamp(store, () => `${dataVersion.get()}:${writes}`);
  return store;
}
