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
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    return await createStore(db, 'postgres', `PostgreSQL ${describeUrl(options.url)}`, undefined, {
      executorFor: (viewer, user) =>
        new Kysely<Database>({
          dialect: new ViewerDialect({ pool }, beginAs(viewerSettings(viewer, user))),
        }),
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

  constructor(
    private readonly inner: Driver,
    private readonly begin: string,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
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
    // The transaction began when the connection was taken, and has run a query since.
    if (settings.isolationLevel !== undefined || settings.accessMode !== undefined)
      throw new Error("a viewer's transactions take the default isolation level and access mode");
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.open.delete(connection);
    await this.inner.commitTransaction(connection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
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
    try {
      // An error in the statement already rolled the transaction back (COMMIT then says ROLLBACK).
      if (this.open.delete(connection)) await connection.executeQuery(CompiledQuery.raw('commit'));
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
