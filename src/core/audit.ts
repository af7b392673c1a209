/**
 * The tamper-evident history of a process: every write appends an entry (who,
 * when, which object, which operation, and digests — never content — of the
 * object before and after). Entries are chained: each holds the hash of the
 * one before, and its own hash is SHA-256 over the canonical JSON (RFC 8785
 * style: sorted keys, ECMAScript number and string forms; `canonical-json.ts`)
 * of its fields. Changing, removing or reordering any entry breaks every hash
 * after it; cutting entries off the end is caught against a checkpoint (the
 * sequence number and hash at some moment, signed with the server's Ed25519
 * key) that anyone may have kept.
 */

import { createHash, createPublicKey, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** The `prev` of the first entry. */
export const GENESIS = '0'.repeat(64);

export interface AuditFields {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly object: string;
  readonly operation: string;
  readonly before?: string;
  readonly after?: string;
  readonly prev: string;
}

export interface AuditEntry extends AuditFields {
  readonly hash: string;
}

/**
 * An entry about an object the reader may not see, as they get it: only its
 * place in the chain — no time, actor, object, operation or digests. The
 * links still check: each entry names the hash of the one before.
 */
export interface HiddenAuditEntry {
  readonly seq: number;
  readonly prev: string;
  readonly hash: string;
  readonly hidden: true;
}

/** An entry as one reader sees it: whole, or hidden. */
export type AuditViewEntry = AuditEntry | HiddenAuditEntry;

export function hideEntry(entry: AuditEntry): HiddenAuditEntry {
  return { seq: entry.seq, prev: entry.prev, hash: entry.hash, hidden: true };
}

export function isHidden(entry: AuditViewEntry): entry is HiddenAuditEntry {
  return 'hidden' in entry;
}

export interface Checkpoint {
  readonly process: string;
  readonly seq: number;
  readonly hash: string;
  readonly at: number;
  /** The server's Ed25519 public key (SPKI, base64). */
  readonly publicKey: string;
  /** Ed25519 signature (base64) over the canonical JSON of { process, seq, hash, at }. */
  readonly signature: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The digest of a value as it is recorded in an entry. */
export function digestOf(value: unknown): string {
  return sha256(canonicalJson(value));
}

/** An HTTP entity tag for the current state of a mutable object: its digest, shortened and quoted. */
export function etagOf(value: unknown): string {
  return `"${digestOf(value).slice(0, 32)}"`;
}

export function entryHash(fields: AuditFields): string {
  return sha256(canonicalJson(fields));
}

/** What a checkpoint's signature covers. */
export function checkpointMessage(c: Pick<Checkpoint, 'process' | 'seq' | 'hash' | 'at'>): string {
  return canonicalJson({ process: c.process, seq: c.seq, hash: c.hash, at: c.at });
}

export interface ChainProblem {
  readonly seq: number;
  readonly message: string;
}

/**
 * Checks a chain (entries in stored order) and optionally a checkpoint:
 * sequence numbers 1, 2, 3…; each `prev` the hash of the entry before; each
 * hash recomputed; the checkpoint's signature, and its entry still there with
 * the same hash. Every problem is reported.
 */
export function verifyChain(
  entries: readonly AuditViewEntry[],
  checkpoint?: Checkpoint,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  // A reader's view may start after the genesis: then its first link is taken as given.
  const first = entries[0]?.seq ?? 1;
  let prev = first === 1 ? GENESIS : (entries[0]?.prev ?? GENESIS);
  entries.forEach((entry, i) => {
    if (entry.seq !== first + i)
      problems.push({
        seq: entry.seq,
        message: `is at position ${first + i}: entries are missing or out of order`,
      });
    if (entry.prev !== prev)
      problems.push({
        seq: entry.seq,
        message: 'does not follow the entry before it (its previous hash differs)',
      });
    if (isHidden(entry)) {
      prev = entry.hash;
      return;
    }
    const { hash, ...fields } = entry;
    if (entryHash(fields) !== hash)
      problems.push({
        seq: entry.seq,
        message: 'was changed (its hash does not match its content)',
      });
    prev = hash;
  });
  if (checkpoint !== undefined) {
    if (!checkpointSignatureValid(checkpoint))
      problems.push({ seq: checkpoint.seq, message: 'the checkpoint’s signature is not valid' });
    const at = entries.find((entry) => entry.seq === checkpoint.seq);
    if (at === undefined)
      problems.push({
        seq: checkpoint.seq,
        message: `the checkpoint names entry ${checkpoint.seq}, which is gone: the history was cut`,
      });
    else if (at.hash !== checkpoint.hash)
      problems.push({
        seq: checkpoint.seq,
        message: 'differs from the checkpoint: the history was rewritten',
      });
  }
  return problems;
}

export function checkpointSignatureValid(checkpoint: Checkpoint): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.from(checkpoint.publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    return verify(
      null,
      Buffer.from(checkpointMessage(checkpoint)),
      key,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    return false;
  }
}
