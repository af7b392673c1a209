/**
 * The audit chain of a process: its entries (digests only: no confidential
 * content), a signed checkpoint anyone may keep, and verification — of the
 * chain alone, or against a checkpoint kept earlier (which also catches
 * entries cut off the end).
 */

import { createPrivateKey, sign } from 'node:crypto';
import {
  type AuditEntry,
  type ChainProblem,
  type Checkpoint,
  checkpointMessage,
  verifyChain,
} from '../core/audit.ts';
import { InvalidError } from '../core/errors.ts';
import type { ProcessId } from '../core/ids.ts';
import type { Store } from '../store/store.ts';

export interface Verification {
  readonly process: ProcessId;
  readonly entries: number;
  readonly ok: boolean;
  readonly problems: readonly ChainProblem[];
  /** The checkpoint verified against, if any. */
  readonly against?: { readonly seq: number; readonly at: number };
}

export class AuditService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  entries(process: ProcessId): Promise<AuditEntry[]> {
    return this.store.repositories.audit.entries(process);
  }

  /** The chain's last entry, signed with the server's key. */
  async checkpoint(process: ProcessId): Promise<Checkpoint> {
    const entries = await this.entries(process);
    const last = entries[entries.length - 1];
    if (last === undefined) throw InvalidError.of(`process "${process}" has no history yet`);
    const { publicKey, privateKey } = await this.store.transaction(({ audit }) =>
      audit.signingKey(this.now()),
    );
    const body = { process, seq: last.seq, hash: last.hash, at: this.now() };
    const signature = sign(
      null,
      Buffer.from(checkpointMessage(body)),
      createPrivateKey(privateKey),
    ).toString('base64');
    return { ...body, publicKey, signature };
  }

  async verify(process: ProcessId, against?: Checkpoint): Promise<Verification> {
    if (against !== undefined && against.process !== process)
      throw InvalidError.of(`the checkpoint is for process "${against.process}", not "${process}"`);
    const entries = await this.entries(process);
    const problems = verifyChain(entries, against);
    return {
      process,
      entries: entries.length,
      ok: problems.length === 0,
      problems,
      ...(against === undefined ? {} : { against: { seq: against.seq, at: against.at } }),
    };
  }
}
