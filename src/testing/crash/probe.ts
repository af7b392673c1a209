/**
 * Reading what a crash left in the database, as its operator would: directly
 * with SQL (not through Concord's repositories, which are what is under test),
 * the positions the run wrote, the audit chain, and on SQLite
 * `PRAGMA integrity_check`. Read-only; safe while the server runs.
 */

import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { AuditEntry } from '../../core/audit.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Target {
  readonly kind: DatabaseKind;
  /** What `--db` takes: the SQLite file, or the PostgreSQL URL (which names the schema). */
  readonly db: string;
}

export interface DatabaseState {
  readonly positions: { note: string; key: string }[];
  readonly chain: AuditEntry[];
  /** SQLite only. */
  readonly integrity?: string;
}

interface AuditRow {
  seq: number | string;
  at: number | string;
  actor: string;
  object: string;
  operation: string;
  before_digest: string | null;
  after_digest: string | null;
  prev_hash: string;
  hash: string;
}

const POSITIONS_SQL = (p: (n: number) => string) =>
  `select pos.note, pos.key from positions pos join processes pr on pr.id = pos.process_id
   where pr.slug = ${p(1)} and substr(pos.note, 1, ${p(2)}) = ${p(3)} order by pos.id`;

const CHAIN_SQL = (p: (n: number) => string) =>
  `select a.seq, a.at, a.actor, a.object, a.operation, a.before_digest, a.after_digest,
          a.prev_hash, a.hash
   from audit_entries a join processes pr on pr.id = a.process_id
   where pr.slug = ${p(1)} order by a.seq`;

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: Number(row.at),
    actor: row.actor,
    object: row.object,
    operation: row.operation,
    ...(row.before_digest === null ? {} : { before: row.before_digest }),
    ...(row.after_digest === null ? {} : { after: row.after_digest }),
    prev: row.prev_hash,
    hash: row.hash,
  };
}

/** The positions of the process whose note starts with `prefix`, its audit chain, and SQLite's integrity. */
export async function probeDatabase(
  target: Target,
  processSlug: string,
  prefix: string,
): Promise<DatabaseState> {
  if (target.kind === 'sqlite') {
    const db = new SQLite(target.db, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 10000');
      // One read transaction: positions and chain from the same moment.
      return db.transaction(() => {
        const positions = db
          .prepare(POSITIONS_SQL(() => '?'))
          .all(processSlug, prefix.length, prefix) as { note: string; key: string }[];
        const chain = (db.prepare(CHAIN_SQL(() => '?')).all(processSlug) as AuditRow[]).map(
          toEntry,
        );
        const checks = db.pragma('integrity_check') as { integrity_check: string }[];
        return {
          positions,
          chain,
          integrity: checks.map((c) => c.integrity_check).join('; '),
        };
      })();
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.db });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    // As the operator, who sees every row (row-level security reads this setting).
    await client.query("select set_config('concord.viewer', 'operator', true)");
    const positions = await client.query<{ note: string; key: string }>(
      POSITIONS_SQL((n) => `$${n}`),
      [processSlug, prefix.length, prefix],
    );
    const chain = await client.query<AuditRow>(
      CHAIN_SQL((n) => `$${n}`),
      [processSlug],
    );
    await client.query('commit');
    return { positions: positions.rows, chain: chain.rows.map(toEntry) };
  } finally {
    await client.end();
  }
}
