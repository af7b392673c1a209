/**
 * The durability harness's bookkeeping (`npm run test:crash`, see harness.ts):
 * the writer's log of what it sent and what the server acknowledged, and the
 * judgement of what is found in the database after a crash against it.
 *
 * The log has one JSON object per line. A write is "sent" before its request
 * goes out and "acked" once the server answered success; an acked line is
 * fsynced before the writer counts it. Each write carries a note unique in the
 * run, so it can be found again.
 */

import { readFileSync } from 'node:fs';
import {
  type AuditEntry,
  type Checkpoint,
  checkpointSignatureValid,
  verifyChain,
} from '../../core/audit.ts';

export type LogLine =
  | { readonly kind: 'position'; readonly state: 'sent'; readonly note: string }
  | {
      readonly kind: 'position';
      readonly state: 'acked';
      readonly note: string;
      /** The position's key, as the server answered it. */
      readonly key: string;
    }
  | { readonly kind: 'profile'; readonly state: 'sent'; readonly note: string }
  | {
      readonly kind: 'profile';
      readonly state: 'acked';
      readonly note: string;
      /** The ETag the server answered: the new profile's digest, shortened and quoted. */
      readonly tag: string;
    };

/** Everything the writer logged so far, across cycles. */
export class Ledger {
  readonly positionsSent = new Set<string>();
  /** note → key */
  readonly positionsAcked = new Map<string, string>();
  readonly profilesSent = new Set<string>();
  /** note → ETag */
  readonly profilesAcked = new Map<string, string>();
  private readOffset = 0;

  add(line: LogLine): void {
    if (line.kind === 'position') {
      if (line.state === 'sent') this.positionsSent.add(line.note);
      else this.positionsAcked.set(line.note, line.key);
    } else if (line.state === 'sent') this.profilesSent.add(line.note);
    else this.profilesAcked.set(line.note, line.tag);
  }

  /** Adds the complete lines of `text`; returns the length of what it used. */
  addText(text: string): number {
    const end = text.lastIndexOf('\n') + 1;
    for (const raw of text.slice(0, end).split('\n')) {
      if (raw.trim() === '') continue;
      this.add(JSON.parse(raw) as LogLine);
    }
    return end;
  }

  /** Reads what the log file gained since the last call. */
  readFrom(file: string): void {
    const text = readFileSync(file).subarray(this.readOffset).toString('utf8');
    this.readOffset += Buffer.byteLength(text.slice(0, this.addText(text)));
  }

  get acked(): number {
    return this.positionsAcked.size + this.profilesAcked.size;
  }
}

/** What a probe of the database (and of the restarted server) found. */
export interface Observed {
  /** The notes of the positions the run wrote, with their keys, one item per stored row. */
  readonly positions: readonly { readonly note: string; readonly key: string }[];
  /** The process's audit chain, in sequence order. */
  readonly chain: readonly AuditEntry[];
  /** The stored profile of the writing party, as the API serves it: its note and ETag. */
  readonly profile: { readonly note: string; readonly tag: string };
  /** `PRAGMA integrity_check`'s answer on SQLite; undefined on PostgreSQL. */
  readonly integrity?: string;
}

export interface Expectation {
  readonly ledger: Ledger;
  /** The party's profile note before the run wrote any. */
  readonly initialProfileNote: string;
  /** The audit object of the profile the writer replaces (`profile:PARTY`). */
  readonly profileObject: string;
  /** The chain as an earlier check saw it: it must still be its beginning. */
  readonly earlierChain?: readonly AuditEntry[];
  /** Checkpoints taken from the running server earlier: each must still verify. */
  readonly checkpoints?: readonly Checkpoint[];
}

export interface Judgement {
  readonly problems: string[];
  /** Acknowledged writes found as acknowledged (positions once with their key, profiles in the chain). */
  readonly found: number;
}

const unquote = (tag: string) => tag.replace(/^W\//, '').replace(/^"|"$/g, '');

/** Everything wrong with `observed` given what the writer was told; no problems means nothing was lost. */
export function judge(expect: Expectation, observed: Observed): Judgement {
  const { ledger } = expect;
  const problems: string[] = [];
  const cap = (list: string[], what: string) => {
    if (list.length > 0)
      problems.push(
        `${list.length} ${what}: ${list.slice(0, 5).join('; ')}${list.length > 5 ? '; …' : ''}`,
      );
  };
  let found = 0;

  // Positions: every acknowledged one exactly once, with its key; nothing never sent.
  const stored = new Map<string, string[]>();
  for (const { note, key } of observed.positions)
    stored.set(note, [...(stored.get(note) ?? []), key]);
  const lost: string[] = [];
  const wrongKey: string[] = [];
  for (const [note, key] of ledger.positionsAcked) {
    const keys = stored.get(note);
    if (keys === undefined) lost.push(`"${note}"`);
    else if (!keys.includes(key))
      wrongKey.push(`"${note}" stored as ${keys.join(', ')}, acked ${key}`);
    else if (keys.length === 1) found += 1;
  }
  cap(lost, 'acknowledged positions are missing');
  cap(wrongKey, 'acknowledged positions are stored with another key');
  cap(
    [...stored]
      .filter(([, keys]) => keys.length > 1)
      .map(([note, keys]) => `"${note}" × ${keys.length}`),
    'positions are stored more than once',
  );
  cap(
    [...stored.keys()].filter((note) => !ledger.positionsSent.has(note)).map((n) => `"${n}"`),
    'stored positions were never sent',
  );

  // The audit chain: intact, still beginning with what was seen before, and an entry per write.
  cap(
    verifyChain(observed.chain).map((p) => `entry ${p.seq} ${p.message}`),
    'problems in the audit chain',
  );
  const cut: string[] = [];
  for (const checkpoint of expect.checkpoints ?? []) {
    const entry = observed.chain[checkpoint.seq - 1];
    if (!checkpointSignatureValid(checkpoint)) cut.push(`${checkpoint.seq} (bad signature)`);
    else if (entry === undefined) cut.push(`${checkpoint.seq} (gone: the chain was cut)`);
    else if (entry.hash !== checkpoint.hash) cut.push(`${checkpoint.seq} (rewritten)`);
  }
  cap(cut, 'checkpoints taken from the running server do not verify');
  const earlier = expect.earlierChain ?? [];
  const rewritten = earlier.filter((entry, i) => observed.chain[i]?.hash !== entry.hash);
  if (rewritten.length > 0)
    problems.push(
      `the audit chain no longer begins with the ${earlier.length} entries seen before (first difference at entry ${rewritten[0]?.seq})`,
    );
  const objects = new Map<string, number>();
  for (const entry of observed.chain)
    objects.set(entry.object, (objects.get(entry.object) ?? 0) + 1);
  const unaudited: string[] = [];
  for (const [note, key] of ledger.positionsAcked)
    if (objects.get(`position:${key}`) !== 1) unaudited.push(`"${note}" (position:${key})`);
  cap(unaudited, 'acknowledged positions do not have exactly one audit entry');

  // The profile: every acknowledged replacement is in the chain; the stored one is the
  // last in the chain, and was written by the run (or is the one it started from).
  const profileEntries = observed.chain.filter((entry) => entry.object === expect.profileObject);
  const missingProfiles: string[] = [];
  for (const [note, tag] of ledger.profilesAcked) {
    const hits = profileEntries.filter((e) => e.after?.startsWith(unquote(tag))).length;
    if (hits === 1) found += 1;
    else missingProfiles.push(`"${note}" (${tag}) in ${hits} entries`);
  }
  cap(missingProfiles, 'acknowledged profile writes are not exactly once in the audit chain');
  const lastProfile = profileEntries[profileEntries.length - 1];
  if (lastProfile !== undefined && !lastProfile.after?.startsWith(unquote(observed.profile.tag)))
    problems.push(
      `the stored profile (${observed.profile.tag}, "${observed.profile.note}") is not the last one the audit chain records (entry ${lastProfile.seq})`,
    );
  if (lastProfile === undefined && ledger.profilesAcked.size > 0)
    problems.push('profile writes were acknowledged, but the audit chain records none');
  if (
    observed.profile.note !== expect.initialProfileNote &&
    !ledger.profilesSent.has(observed.profile.note)
  )
    problems.push(`the stored profile's note "${observed.profile.note}" was never sent`);

  // The chain holds at least an entry per acknowledged write.
  if (observed.chain.length < ledger.acked)
    problems.push(
      `the audit chain has ${observed.chain.length} entries for ${ledger.acked} acknowledged writes`,
    );

  if (observed.integrity !== undefined && observed.integrity !== 'ok')
    problems.push(`PRAGMA integrity_check: ${observed.integrity}`);
  return { problems, found };
}
