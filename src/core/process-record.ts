/**
 * The whole record of one process as plain data, and the difference between
 * two records. Importing a scenario file computes `diffRecords(stored, file)`
 * and applies exactly that difference, which makes imports idempotent.
 */

import type { AnalysisIssue } from './analysis/issue-space.ts';
import type { Profile } from './analysis/profile.ts';
import type { Appointment } from './appointment.ts';
import { canonicalJson } from './canonical-json.ts';
import { compareFuzzyDates } from './fuzzy-date.ts';
import type { NegotiationEvent } from './negotiation-event.ts';
import { compareParties, type Party } from './party.ts';
import type { Person } from './person.ts';
import type { Process } from './process.ts';
import type { Source } from './source.ts';
import type { Statement } from './statement.ts';
import type { NegotiatingText } from './text/negotiating-text.ts';
import type { Position } from './text/position.ts';

export interface ProcessRecord {
  readonly process: Process;
  readonly sources: readonly Source[];
  readonly parties: readonly Party[];
  readonly people: readonly Person[];
  readonly appointments: readonly Appointment[];
  readonly events: readonly NegotiationEvent[];
  readonly statements: readonly Statement[];
  readonly texts: readonly NegotiatingText[];
  /** Append-only: an import adds positions and never changes or removes one. */
  readonly positions: readonly Position[];
  /** The negotiable issues of the analysis. */
  readonly issues: readonly AnalysisIssue[];
  /** The parties' preference profiles (at most one per party), each with an audience. */
  readonly profiles: readonly Profile[];
}

/** The collections of a record, in dependency order (each may refer only to earlier ones). */
export const RECORD_COLLECTIONS = [
  'sources',
  'parties',
  'people',
  'appointments',
  'events',
  'statements',
  'texts',
  'positions',
  'issues',
  'profiles',
] as const;
export type RecordCollection = (typeof RECORD_COLLECTIONS)[number];

type Item<C extends RecordCollection> = ProcessRecord[C][number];

export interface CollectionChanges<T> {
  readonly added: readonly T[];
  readonly changed: readonly { readonly before: T; readonly after: T }[];
  readonly removed: readonly T[];
  readonly unchanged: number;
}

export type RecordChanges = {
  /** The process's own fields changed (or the process is new). */
  readonly process: 'added' | 'changed' | 'unchanged';
} & { readonly [C in RecordCollection]: CollectionChanges<Item<C>> };

/** The identity of an item within its collection. */
export function itemKey(item: Item<RecordCollection>): string {
  if ('reservation' in item) return item.party;
  return 'key' in item ? item.key : item.id;
}

/** What turns `before` (absent for a new process) into `after`. */
export function diffRecords(
  before: ProcessRecord | undefined,
  after: ProcessRecord,
): RecordChanges {
  const processState =
    before === undefined
      ? 'added'
      : canonicalJson(before.process) === canonicalJson(after.process)
        ? 'unchanged'
        : 'changed';
  return {
    process: processState,
    sources: diffCollection(before?.sources ?? [], after.sources),
    parties: diffCollection(before?.parties ?? [], after.parties),
    people: diffCollection(before?.people ?? [], after.people),
    appointments: diffCollection(before?.appointments ?? [], after.appointments),
    events: diffCollection(before?.events ?? [], after.events),
    statements: diffCollection(before?.statements ?? [], after.statements),
    texts: diffCollection(before?.texts ?? [], after.texts),
    positions: appendOnly(diffCollection(before?.positions ?? [], after.positions)),
    issues: diffCollection(before?.issues ?? [], after.issues),
    profiles: diffCollection(before?.profiles ?? [], after.profiles),
  };
}

function diffCollection<T extends Item<RecordCollection>>(
  before: readonly T[],
  after: readonly T[],
): CollectionChanges<T> {
  const old = new Map(before.map((item) => [itemKey(item), item]));
  const added: T[] = [];
  const changed: { before: T; after: T }[] = [];
  let unchanged = 0;
  for (const item of after) {
    const key = itemKey(item);
    const previous = old.get(key);
    old.delete(key);
    if (previous === undefined) added.push(item);
    else if (canonicalJson(previous) === canonicalJson(item)) unchanged++;
    else changed.push({ before: previous, after: item });
  }
  return { added, changed, removed: [...old.values()], unchanged };
}

/** Positions are never removed by an import: the stored history stays whole. */
function appendOnly<T>(changes: CollectionChanges<T>): CollectionChanges<T> {
  return { ...changes, removed: [], unchanged: changes.unchanged + changes.removed.length };
}

/** Number of items added, changed or removed (plus one if the process itself changed). */
export function countChanges(changes: RecordChanges): number {
  let total = changes.process === 'unchanged' ? 0 : 1;
  for (const name of RECORD_COLLECTIONS) {
    const c = changes[name];
    total += c.added.length + c.changed.length + c.removed.length;
  }
  return total;
}

/** The record with every collection in its canonical order, for stable exports and comparisons. */
export function sortRecord(record: ProcessRecord): ProcessRecord {
  const byId = <T extends { id: string }>(items: readonly T[]) =>
    [...items].sort((a, b) => compareText(a.id, b.id));
  const byDate = <T extends { id: string; date: Statement['date'] }>(items: readonly T[]) =>
    [...items].sort((a, b) => compareFuzzyDates(a.date, b.date) || compareText(a.id, b.id));
  return {
    process: record.process,
    sources: [...record.sources].sort(
      (a, b) => (a.published?.start ?? 0) - (b.published?.start ?? 0) || compareText(a.id, b.id),
    ),
    parties: [...record.parties].sort(compareParties),
    people: byId(record.people),
    appointments: [...record.appointments].sort(
      (a, b) =>
        compareText(a.person, b.person) ||
        compareFuzzyDates(a.from, b.from) ||
        compareText(a.key, b.key),
    ),
    events: byDate(record.events),
    statements: byDate(record.statements),
    texts: byId(record.texts),
    positions: [...record.positions].sort(
      (a, b) => compareFuzzyDates(a.recorded, b.recorded) || compareText(a.key, b.key),
    ),
    issues: record.issues,
    profiles: [...record.profiles].sort((a, b) => compareText(a.party, b.party)),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
