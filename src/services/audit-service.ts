/**
 * The audit chain of a process: its entries (digests only: no confidential
 * content), a signed checkpoint anyone may keep, and verification — of the
 * chain alone, or against a checkpoint kept earlier (which also catches
 * entries cut off the end).
 */

import { createPrivateKey, sign } from 'node:crypto';
import { canSeeVersion, type Viewer } from '../core/audience.ts';
import {
  type AuditEntry,
  type AuditViewEntry,
  type ChainProblem,
  type Checkpoint,
  checkpointMessage,
  hideEntry,
  verifyChain,
} from '../core/audit.ts';
import { InvalidError } from '../core/errors.ts';
import type { ProcessId } from '../core/ids.ts';
import { teamObjectOf } from '../core/team.ts';
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

  /**
   * The chain as `viewer` may see it: entries about objects they may read
   * (a version, a position, a profile; the process's own imports) whole, the
   * others hidden — only their place in the chain, so the links still check
   * and a kept checkpoint still verifies, but nothing says what was written,
   * when, or by whom. Entries after `after`, at most `limit` of them.
   */
  async view(
    process: ProcessId,
    viewer: Viewer,
    page: { after?: number; limit?: number } = {},
  ): Promise<AuditViewEntry[]> {
    const { text, analysis } = this.store.forViewer(viewer).repositories;
    const after = page.after ?? 0;
    const entries = (await this.entries(process))
      .filter((entry) => entry.seq > after)
      .slice(0, page.limit ?? Number.POSITIVE_INFINITY);
    if (viewer.kind === 'operator') return entries;
    const [texts, positions, profiles] = await Promise.all([
      text.listTexts(process),
      text.positions(process, {}, viewer),
      analysis.profiles(process, viewer),
    ]);
    const team = teamObjectOf(viewer);
    const visible = new Set<string>([
      `process:${process}`,
      ...texts.flatMap((t) =>
        t.versions.filter((v) => canSeeVersion(viewer, v)).map((v) => `text:${t.id}/${v.id}`),
      ),
      ...positions.map((position) => `position:${position.key}`),
      ...profiles.map((profile) => `profile:${profile.party}`),
      // Changes to a team are for that team's members.
      ...(team === undefined ? [] : [team]),
    ]);
    return entries.map((entry) => (visible.has(entry.object) ? entry : hideEntry(entry)));
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
    return verification(process, await this.entries(process), against);
  }
}

/**
 * Verifies a chain, or one reader's view of it (`AuditService.view`, as
 * downloaded from the server: hidden entries are taken as they are, every
 * other entry must hash right and every link must hold), against a checkpoint
 * if one is given.
 */
export function verification(
  process: ProcessId,
  entries: readonly AuditViewEntry[],
  against?: Checkpoint,
): Verification {
  if (against !== undefined && against.process !== process)
    throw InvalidError.of(`the checkpoint is for process "${against.process}", not "${process}"`);
  const problems = verifyChain(entries, against);
  return {
    process,
    entries: entries.length,
    ok: problems.length === 0,
    problems,
    ...(against === undefined ? {} : { against: { seq: against.seq, at: against.at } }),
  };
}
