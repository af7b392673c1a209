/**
 * The store seam: everything above it sees a `Store`, whatever the database.
 * Reads go through `repositories`; every write goes through `transaction`, so
 * it commits whole or not at all.
 */

import { type Kysely, Migrator, sql } from 'kysely';
import { AccountRepository } from './account-repository.ts';
import { AnalysisRepository } from './analysis-repository.ts';
import { AuditRepository } from './audit-repository.ts';
import { type BulkWriter, kyselyBulkWriter } from './bulk-writer.ts';
import type { Database, DialectName } from './database.ts';
import { migrationProvider } from './migrations/index.ts';
import { RecordRepository } from './record-repository.ts';
import { TextRepository } from './text-repository.ts';

export interface Repositories {
  readonly record: RecordRepository;
  readonly text: TextRepository;
  readonly analysis: AnalysisRepository;
  readonly accounts: AccountRepository;
  readonly audit: AuditRepository;
}

export interface Store {
  readonly dialect: DialectName;
  /** Where the data lives, for messages ("SQLite file ./concord.db"); never holds a password. */
  readonly location: string;
  /** Repositories for reading outside a transaction. */
  readonly repositories: Repositories;
  /** Runs `work` in one transaction: it commits if `work` resolves and rolls back if it throws. */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
  /** Refreshes the query planner's statistics; worth it after a large import. */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Wraps a Kysely instance as a `Store`, bringing the schema up to date first.
 * `bulkWriterFor` gives the fastest bulk writer for an executor (default: Kysely's).
 */
export async function createStore(
  db: Kysely<Database>,
  dialect: DialectName,
  location: string,
  bulkWriterFor: (executor: Kysely<Database>) => BulkWriter = kyselyBulkWriter,
): Promise<Store> {
  await migrateToLatest(db, dialect);
  const repositoriesOf = (executor: Kysely<Database>): Repositories => ({
    record: new RecordRepository(executor, dialect, bulkWriterFor(executor)),
    text: new TextRepository(executor, bulkWriterFor(executor)),
    analysis: new AnalysisRepository(executor),
    accounts: new AccountRepository(executor),
    audit: new AuditRepository(executor, dialect),
  });
  return {
    dialect,
    location,
    repositories: repositoriesOf(db),
    transaction: (work) => db.transaction().execute((trx) => work(repositoriesOf(trx))),
    async analyze() {
      // SQLite samples at most about 1,000 rows per index: a fraction of a second on large files.
      if (dialect === 'sqlite') await sql`pragma analysis_limit = 1000`.execute(db);
      await sql`analyze`.execute(db);
    },
    async close() {
      if (dialect === 'sqlite') await sql`pragma optimize`.execute(db);
      await db.destroy();
    },
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
