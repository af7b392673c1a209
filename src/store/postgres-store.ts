/**
 * The shared store: PostgreSQL through a pg connection pool. 64-bit integers
 * (dates in milliseconds, counts) are read as JavaScript numbers; every value
 * Concord stores in them is well inside the safe-integer range.
 *
 * The second wall: the tables holding confidential rows have row-level
 * security policies (migration 0006) that read the viewer from settings local
 * to the transaction. A store for a viewer (`forViewer`) runs every query in a
 * transaction that starts by naming the viewer: `begin; select set_config(…,
 * true)` in one round trip when a pooled connection is taken, and a commit
 * when it is given back. Nothing is left on the connection for the next user;
 * a transaction that names no viewer reads as the public.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  type PostgresDialectConfig,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import type { Viewer } from '../core/audience.ts';
import type { Database } from './database.ts';
import { PLAN_EACH_RUN } from './plan-hint.ts';
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
  // No JIT compilation: Concord's queries are short, and the planner, guessing the rows of a
  // process from the average over processes, would spend tens of milliseconds compiling one.
  pool.on('connect', (client) => {
    client.query('set jit = off').catch(() => {});
    preparingStatements(client);
  });
  // The read cache's stamp comes through a connection of its own: a read holding a pooled
  // connection may wait for a stamp, which must not then wait for that pool.
  const stampPool = new pg.Pool({ connectionString: options.url, max: 1 });
  const endPool = pool.end.bind(pool);
  pool.end = async () => {
    await stampPool.end();
    return endPool();
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    return await createStore(db, 'postgres', `PostgreSQL ${describeUrl(options.url)}`, undefined, {
      executorFor: (viewer, user) =>
        new Kysely<Database>({
          dialect: new ViewerDialect({ pool }, beginAs(viewerSettings(viewer, user))),
        }),
      readScope: inReadScope,
      changeStamp: snapshotStamp(stampPool),
      problem: async () => roleProblem(await roleOf(db)),
    });
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

/** What the row-level security policies read (`current_setting('concord.viewer', true)`, …). */
export function viewerSettings(viewer: Viewer, user: string | undefined): Record<string, string> {
  return {
    'concord.viewer': viewer.kind,
    'concord.party': viewer.kind === 'party' ? viewer.party : '',
    'concord.user': user ?? '',
  };
}

/**
 * The statement that opens a viewer's transaction and sets `settings` for it
 * alone (`is_local`). Two statements in one simple-protocol message: one round
 * trip; the values are quoted as literals, so any text is safe.
 */
export function beginAs(settings: Record<string, string>): string {
  const calls = Object.entries(settings).map(
    ([name, value]) => `set_config(${pg.escapeLiteral(name)}, ${pg.escapeLiteral(value)}, true)`,
  );
  return `begin; select ${calls.join(', ')}`;
}

/** The attributes of the connected role that decide whether row-level security applies to it. */
export interface RoleAttributes {
  readonly name: string;
  readonly superuser: boolean;
  readonly bypassRls: boolean;
  /** `concord.viewer` as a transaction that sets none sees it (a default set for the role or database). */
  readonly defaultViewer?: string | null;
}

/**
 * Why a server must not run as `role`, or undefined: superusers and BYPASSRLS
 * roles skip every policy, and a default viewer (`ALTER ROLE … SET
 * concord.viewer`) would make every store that names none read as it.
 */
export function roleProblem(role: RoleAttributes): string | undefined {
  const powers = [role.superuser ? 'SUPERUSER' : '', role.bypassRls ? 'BYPASSRLS' : ''].filter(
    (power) => power !== '',
  );
  if (powers.length > 0)
    return `the database role "${role.name}" has ${powers.join(' and ')}, so row-level security would not keep the parties' confidential rows apart: connect as a role without either (scripts/setup-postgres.sh creates one, "concord")`;
  if (role.defaultViewer !== undefined && role.defaultViewer !== null && role.defaultViewer !== '')
    return `concord.viewer has a default ("${role.defaultViewer}") for the role "${role.name}" or its database, so queries that name no viewer would read as it: remove it (ALTER ROLE … RESET concord.viewer, ALTER DATABASE … RESET concord.viewer)`;
  return undefined;
}

async function roleOf(db: Kysely<Database>): Promise<RoleAttributes> {
  const { rows } = await db.executeQuery<{
    name: string;
    superuser: boolean;
    bypass: boolean;
    viewer: string | null;
  }>(
    CompiledQuery.raw(
      "select rolname as name, rolsuper as superuser, rolbypassrls as bypass, current_setting('concord.viewer', true) as viewer from pg_roles where rolname = current_user",
    ),
  );
  const row = rows[0];
  if (row === undefined) throw new Error('the connected role is not in pg_roles');
  return {
    name: row.name,
    superuser: row.superuser,
    bypassRls: row.bypass,
    defaultViewer: row.viewer,
  };
}

/** PostgreSQL's dialect over the shared pool, with every connection inside a viewer's transaction. */
class ViewerDialect extends PostgresDialect {
  constructor(
    config: PostgresDialectConfig,
    private readonly begin: string,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new ViewerDriver(super.createDriver(), this.begin);
  }
}

/**
 * Wraps the pg driver: a connection is handed out inside a transaction that
 * names the viewer; Kysely's own BEGIN is then a no-op, its COMMIT and
 * ROLLBACK end that transaction, and a connection given back with the
 * transaction still open (a query outside `transaction`) commits it first.
 */
class ViewerDriver implements Driver {
  /** Connections whose transaction is still open. */
  private readonly open = new WeakSet<DatabaseConnection>();
  /** Connections a read scope holds: its queries share them until it ends. */
  private readonly shared = new WeakSet<DatabaseConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly begin: string,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const scope = readScopes.getStore();
    if (scope === undefined || scope.ended) return this.acquireOwn();
    // In a read scope: the first query of this viewer takes a connection, the others share it.
    let taken = scope.connections.get(this);
    if (taken === undefined) {
      taken = this.acquireOwn().then((connection) => {
        this.shared.add(connection);
        return connection;
      });
      scope.connections.set(this, taken);
    }
    return taken;
  }

  private async acquireOwn(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    try {
      await connection.executeQuery(CompiledQuery.raw(this.begin));
    } catch (error) {
      await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => {});
      await this.inner.releaseConnection(connection);
      throw error;
    }
    this.open.add(connection);
    return connection;
  }

  async beginTransaction(_connection: DatabaseConnection, settings: TransactionSettings) {
    // The transaction began when the connection was taken (a transaction in a read scope joins
    // the scope's).
    if (settings.isolationLevel !== undefined || settings.accessMode !== undefined)
      throw new Error("a viewer's transactions take the default isolation level and access mode");
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A read scope's transaction commits when the scope ends.
    if (this.shared.has(connection)) return;
    this.open.delete(connection);
    await this.inner.commitTransaction(connection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.shared.has(connection)) {
      // Undo what the scope did so far, and go on in a new transaction of the same viewer.
      await connection.executeQuery(CompiledQuery.raw('rollback'));
      await connection.executeQuery(CompiledQuery.raw(this.begin));
      return;
    }
    this.open.delete(connection);
    await this.inner.rollbackTransaction(connection);
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.innerSavepoints('savepoint')(connection, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.innerSavepoints('rollbackToSavepoint')(connection, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.innerSavepoints('releaseSavepoint')(connection, name, compile);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (this.shared.has(connection)) return;
    try {
      // An error in the statement already rolled the transaction back (COMMIT then says ROLLBACK).
      if (this.open.delete(connection)) await connection.executeQuery(CompiledQuery.raw('commit'));
    } finally {
      await this.inner.releaseConnection(connection);
    }
  }

  /** Ends a read scope's transaction on `connection` (commit, or rollback after a failure) and gives it back. */
  async endShared(connection: DatabaseConnection, commit: boolean): Promise<void> {
    this.shared.delete(connection);
    this.open.delete(connection);
    try {
      await connection.executeQuery(CompiledQuery.raw(commit ? 'commit' : 'rollback'));
    } finally {
      await this.inner.releaseConnection(connection);
    }
  }

  async destroy(): Promise<void> {
    // The pool belongs to the store's own Kysely instance, which ends it on close.
  }

  private innerSavepoints(method: 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint') {
    const call = this.inner[method];
    if (call === undefined) throw new Error(`the pg driver has no ${method}`);
    return call.bind(this.inner);
  }
}

/** The connections a read scope has taken, one per viewer's driver. */
interface ReadScope {
  readonly connections: Map<ViewerDriver, Promise<DatabaseConnection>>;
  ended: boolean;
}

const readScopes = new AsyncLocalStorage<ReadScope>();

/**
 * Runs `work` (reads) as one checkout per viewer: its queries for a viewer
 * share one pooled connection and one transaction that names the viewer once,
 * instead of `begin; set_config(…)` and a commit around each query. The
 * transaction commits when `work` has settled (rolls back if it failed); a
 * Kysely transaction inside joins it. Nested scopes are the outer one.
 */
export async function inReadScope<T>(work: () => Promise<T>): Promise<T> {
  if (readScopes.getStore() !== undefined) return work();
  const scope: ReadScope = { connections: new Map(), ended: false };
  let result: T;
  try {
    result = await readScopes.run(scope, work);
  } catch (error) {
    await endScope(scope, false);
    throw error;
  }
  await endScope(scope, true);
  return result;
}

async function endScope(scope: ReadScope, commit: boolean): Promise<void> {
  // Queries started after this take connections of their own.
  scope.ended = true;
  const ends = [...scope.connections].map(async ([driver, taken]) => {
    const connection = await taken.catch(() => undefined);
    if (connection !== undefined) await driver.endShared(connection, commit);
  });
  const failure = (await Promise.allSettled(ends)).find((end) => end.status === 'rejected');
  if (commit && failure !== undefined) throw failure.reason;
}

/** Named statements prepared per connection at most; further SQL texts are planned each time. */
const MAX_PREPARED_PER_CONNECTION = 1_000;
/** Statement names by SQL text (a digest of it), kept for at most this many texts. */
const MAX_STATEMENT_NAMES = 10_000;
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `concord_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    if (statementNames.size >= MAX_STATEMENT_NAMES) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Makes `client` run Kysely's parameterised queries as named prepared
 * statements: parsed and planned once per connection and SQL text, not on
 * each run. Planning cost 1–2 ms per query here (joins, plus the
 * row-level security policies), several times their execution; PostgreSQL
 * settles on a generic plan after five runs when it is no worse. The policies
 * read the viewer when the statement runs, so a plan holds for every viewer.
 * Queries marked `PLAN_EACH_RUN` (plan-hint.ts) are left unnamed: planned
 * with their values on each run.
 */
function preparingStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const prepared = new Set<string>();
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
    const [text, values] = args;
    if (
      args.length === 2 &&
      typeof text === 'string' &&
      Array.isArray(values) &&
      values.length > 0 &&
      !text.includes(PLAN_EACH_RUN)
    ) {
      const name = statementName(text);
      if (prepared.has(name) || prepared.size < MAX_PREPARED_PER_CONNECTION) {
        prepared.add(name);
        return query({ name, text, values });
      }
    }
    return query(...args);
  };
}

/**
 * The change stamp of the read cache (`read-cache.ts`): the current snapshot
 * of the cluster, `xmin:xmax:running xids`. Every commit (of a transaction
 * that wrote) changes it, and it never comes back to a value it had: xmax
 * only grows, and a finished transaction never runs again. A caller gets the
 * answer of a query sent after it asked — answers of queries already on their
 * way may predate a commit the caller has seen — shared with everyone who
 * asked meanwhile: at most one query on its way and one waiting to go.
 */
export function snapshotStamp(pool: pg.Pool): () => Promise<string> {
  const ask = async () => {
    const { rows } = await pool.query<{ stamp: string }>(
      'select pg_current_snapshot()::text as stamp',
    );
    const stamp = rows[0]?.stamp;
    if (stamp === undefined) throw new Error('pg_current_snapshot() gave no row');
    return stamp;
  };
  let sent: Promise<string> | undefined;
  let waiting: Promise<string> | undefined;
  const send = (): Promise<string> => {
    const query = ask().finally(() => {
      if (sent === query) sent = undefined;
    });
    sent = query;
    return query;
  };
  return () => {
    if (sent === undefined) return send();
    waiting ??= sent
      .catch(() => undefined)
      .then(() => {
        waiting = undefined;
        return send();
      });
    return waiting;
  };
}
