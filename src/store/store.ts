/**
 * The store seam: everything above it sees a `Store`, whatever the database.
 * Reads go through `repositories`; every write goes through `transaction`, so
 * it commits whole or not at all. `forViewer` gives the store as one viewer
 * sees it: on PostgreSQL, row-level security then keeps out every row the
 * viewer may not see, whatever a query forgets (migration 0006).
 */

import { type Kysely, Migrator, sql } from 'kysely';
import { OPERATOR, type Viewer } from '../core/audience.ts';
import { AccountRepository } from './account-repository.ts';
import { AnalysisRepository } from './analysis-repository.ts';
import { AuditRepository } from './audit-repository.ts';
import { type BulkWriter, kyselyBulkWriter } from './bulk-writer.ts';
import type { Database, DialectName } from './database.ts';
import { migrationProvider } from './migrations/index.ts';
import { registerChangeStamp, registerReadScope } from './read-cache.ts';
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
  /**
   * The store as `viewer` (signed in as `user`, when known) sees it: on
   * PostgreSQL each of its transactions names the viewer to the row-level
   * security policies; on SQLite, the store itself. A store that names no
   * viewer reads as the public on PostgreSQL. Services call this with their viewer.
   */
  forViewer(viewer: Viewer, user?: string): Store;
  /**
   * Why this store cannot stand as the second wall for a server, or
   * undefined: on PostgreSQL a superuser or BYPASSRLS role ignores row-level
   * security. SQLite has no such wall (one file, one operator): undefined.
   */
  rowSecurityProblem(): Promise<string | undefined>;
  /** Refreshes the query planner's statistics; worth it after a large import. */
  analyze(): Promise<void>;
  /** Closes the database; on a store from `forViewer`, does nothing (close the one it came from). */
  close(): Promise<void>;
}

/** What `createStore` needs of PostgreSQL's row-level security (SQLite has none). */
export interface RowSecurity {
  /** A Kysely instance whose transactions name `viewer` (and `user`) to the policies. */
  readonly executorFor: (viewer: Viewer, user: string | undefined) => Kysely<Database>;
  readonly problem: () => Promise<string | undefined>;
  /** Runs reads with one checkout (one transaction naming the viewer) per viewer, not one per query. */
  readonly readScope?: <T>(work: () => Promise<T>) => Promise<T>;
  /** A value that changes with every commit (for the read cache), from a query sent when called. */
  readonly changeStamp?: () => Promise<string>;
}

/** The Kysely instance behind each store, for store-level tests and tools (never above the store). */
const executors = new WeakMap<Store, Kysely<Database>>();

/** The Kysely instance a store runs its queries on: for tests of the store itself. */
export function executorOf(store: Store): Kysely<Database> {
  const db = executors.get(store);
  if (db === undefined) throw new Error('not a store made by createStore');
  return db;
}

/** Stores per viewer kept at most; beyond, the cache starts afresh (they are cheap to make). */
const MAX_VIEWER_STORES = 1_000;

/**
 * Wraps a Kysely instance as a `Store`, bringing the schema up to date first.
 * `bulkWriterFor` gives the fastest bulk writer for an executor (default: Kysely's).
 */
export async function createStore(
  db: Kysely<Database>,
  dialect: DialectName,
  location: string,
  bulkWriterFor: (executor: Kysely<Database>) => BulkWriter = kyselyBulkWriter,
  rowSecurity?: RowSecurity,
): Promise<Store> {
  // Migrations run as the operator: a migration that moves data sees all of it.
  await migrateToLatest(rowSecurity?.executorFor(OPERATOR, undefined) ?? db, dialect);
  const repositoriesOf = (executor: Kysely<Database>): Repositories => ({
    record: new RecordRepository(executor, dialect, bulkWriterFor(executor)),
    text: new TextRepository(executor, bulkWriterFor(executor)),
    analysis: new AnalysisRepository(executor),
    accounts: new AccountRepository(executor),
    audit: new AuditRepository(executor, dialect),
  });
  const viewerStores = new Map<string, Store>();
  const storeOn = (
    executor: Kysely<Database>,
    base: Store | undefined,
    scope?: { viewer: Viewer; user: string | undefined },
  ): Store => {
    const store: Store = {
      dialect,
      location,
      repositories: repositoriesOf(executor),
      transaction: (work) => executor.transaction().execute((trx) => work(repositoriesOf(trx))),
      forViewer(viewer, user) {
        if (rowSecurity === undefined) return base ?? store;
        // Already this viewer's: keep the user it names.
        if (scope !== undefined && user === undefined && sameViewer(scope.viewer, viewer))
          return store;
        const key = JSON.stringify([
          viewer.kind,
          viewer.kind === 'party' ? viewer.party : '',
          user,
        ]);
        let scoped = viewerStores.get(key);
        if (scoped === undefined) {
          if (viewerStores.size >= MAX_VIEWER_STORES) viewerStores.clear();
          scoped = storeOn(rowSecurity.executorFor(viewer, user), base ?? store, { viewer, user });
          viewerStores.set(key, scoped);
        }
        return scoped;
      },
      rowSecurityProblem: async () => rowSecurity?.problem(),
      async analyze() {
        // SQLite samples at most about 1,000 rows per index: a fraction of a second on large files.
        if (dialect === 'sqlite') await sql`pragma analysis_limit = 1000`.execute(executor);
        await sql`analyze`.execute(executor);
      },
      async close() {
        if (base !== undefined) return;
        if (dialect === 'sqlite') await sql`pragma optimize`.execute(db);
        await db.destroy();
      },
    };
    executors.set(store, executor);
    if (rowSecurity?.readScope !== undefined) registerReadScope(store, rowSecurity.readScope);
    if (rowSecurity?.changeStamp !== undefined) registerChangeStamp(store, rowSecurity.changeStamp);
    return store;
  };
  return storeOn(db, undefined);
}

function sameViewer(a: Viewer, b: Viewer): boolean {
  return a.kind === b.kind && (a.kind !== 'party' || (b.kind === 'party' && a.party === b.party));
}

async function migrateToLatest(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  // Kysely looks for its migration tables in every schema unless told which: on PostgreSQL,
  // name the one this store works in, or another schema's tables (a concurrent test's, a
  // kept one) would be taken for this one's.
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: migrationProvider(dialect),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
