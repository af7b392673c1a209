/**
 * The store seam: everything above it sees a `Store`, whatever the database.
 * Reads go through `repositories`; every write goes through `transaction`, so
 * it commits whole or not at all.
 */

import { type Kysely, Migrator } from 'kysely';
import type { Database, DialectName } from './database.ts';
import { migrationProvider } from './migrations/index.ts';
import { RecordRepository } from './record-repository.ts';

export interface Repositories {
  readonly record: RecordRepository;
}

export interface Store {
  readonly dialect: DialectName;
  /** Where the data lives, for messages ("SQLite file ./concord.db"); never holds a password. */
  readonly location: string;
  /** Repositories for reading outside a transaction. */
  readonly repositories: Repositories;
  /** Runs `work` in one transaction: it commits if `work` resolves and rolls back if it throws. */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Wraps a Kysely instance as a `Store`, bringing the schema up to date first. */
export async function createStore(
  db: Kysely<Database>,
  dialect: DialectName,
  location: string,
): Promise<Store> {
  await migrateToLatest(db, dialect);
  const repositoriesOf = (executor: Kysely<Database>): Repositories => ({
    record: new RecordRepository(executor, dialect),
  });
  return {
    dialect,
    location,
    repositories: repositoriesOf(db),
    transaction: (work) => db.transaction().execute((trx) => work(repositoriesOf(trx))),
    close: () => db.destroy(),
  };
}

async function migrateToLatest(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
