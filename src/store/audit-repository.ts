/**
 * The audit chain of each process and the server's signing key. `append` must
 * run inside the write's own transaction, so an entry exists exactly when its
 * write does; it locks the process, so appends to one chain are serialised.
 */

import { generateKeyPairSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type AuditEntry, entryHash, GENESIS } from '../core/audit.ts';
import type { ProcessId } from '../core/ids.ts';
import type { Database, DialectName } from './database.ts';

export interface AuditInput {
  readonly at: number;
  readonly actor: string;
  readonly object: string;
  readonly operation: string;
  readonly before?: string;
  readonly after?: string;
}

export class AuditRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  async append(process: ProcessId, input: AuditInput): Promise<AuditEntry> {
    // The process (locked on PostgreSQL) and the chain's last entry, in one query.
    const found = this.db
      .selectFrom('processes as p')
      .select((eb) => {
        const last = eb
          .selectFrom('audit_entries as a')
          .whereRef('a.process_id', '=', 'p.id')
          .orderBy('a.seq', 'desc')
          .limit(1);
        return ['p.id', last.select('a.seq').as('last_seq'), last.select('a.hash').as('last_hash')];
      })
      .where('p.slug', '=', process);
    const processRow = await (this.dialect === 'postgres'
      ? found.forUpdate()
      : found
    ).executeTakeFirstOrThrow();
    const last =
      processRow.last_seq === null || processRow.last_hash === null
        ? undefined
        : { seq: Number(processRow.last_seq), hash: processRow.last_hash as string };
    const fields = {
      seq: (last?.seq ?? 0) + 1,
      at: input.at,
      actor: input.actor,
      object: input.object,
      operation: input.operation,
      ...(input.before === undefined ? {} : { before: input.before }),
      ...(input.after === undefined ? {} : { after: input.after }),
      prev: last?.hash ?? GENESIS,
    };
    const entry = { ...fields, hash: entryHash(fields) };
    await this.db
      .insertInto('audit_entries')
      .values({
        process_id: processRow.id,
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        object: entry.object,
        operation: entry.operation,
        before_digest: entry.before ?? null,
        after_digest: entry.after ?? null,
        prev_hash: entry.prev,
        hash: entry.hash,
      })
      .execute();
    return entry;
  }

  /** The chain of a process, in sequence order. */
  async entries(process: ProcessId): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_entries as a')
      .innerJoin('processes as p', 'p.id', 'a.process_id')
      .select([
        'a.seq',
        'a.at',
        'a.actor',
        'a.object',
        'a.operation',
        'a.before_digest',
        'a.after_digest',
        'a.prev_hash',
        'a.hash',
      ])
      .where('p.slug', '=', process)
      .orderBy('a.seq')
      .execute();
    return rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      object: row.object,
      operation: row.operation,
      ...(row.before_digest === null ? {} : { before: row.before_digest }),
      ...(row.after_digest === null ? {} : { after: row.after_digest }),
      prev: row.prev_hash,
      hash: row.hash,
    }));
  }

  /** The server's Ed25519 key pair, made on first use. */
  async signingKey(now: number): Promise<{ publicKey: string; privateKey: string }> {
    const row = await this.db
      .selectFrom('server_keys')
      .selectAll()
      .where('name', '=', 'audit')
      .executeTakeFirst();
    if (row !== undefined) return { publicKey: row.public_key, privateKey: row.private_key };
    const pair = generateKeyPairSync('ed25519');
    const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const privateKey = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await this.db
      .insertInto('server_keys')
      .values({ name: 'audit', public_key: publicKey, private_key: privateKey, created_at: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    return this.signingKey(now);
  }
}
