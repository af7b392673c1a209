/**
 * The rows of a comparison, in the new version's order with removed
 * provisions where they used to be: each with the provision as it was and as
 * it is, and the server's diff entry when it changed. Only arranges what the
 * server sent: nothing is diffed here.
 */

import type { Provision, ProvisionDiff, TextDiff, TextVersion } from './text-api.ts';

type Fields = Omit<Provision, 'children'>;

/** A provision on one side: its displayed number there and its fields. */
export interface Side {
  readonly number?: string | undefined;
  readonly fields: Fields;
}

export interface CompareRow {
  readonly id: string;
  readonly depth: number;
  readonly diff?: ProvisionDiff;
  readonly before?: Side;
  readonly after?: Side;
}

function walk(
  provisions: readonly Provision[],
  depth = 0,
): { provision: Provision; depth: number }[] {
  return provisions.flatMap((provision) => [
    { provision, depth },
    ...walk(provision.children, depth + 1),
  ]);
}

/**
 * The rows of comparing `from` with `to`. With matching by similarity the new
 * version's identities were adopted on the server: only the changed
 * provisions (the diff's own list) can be shown then.
 */
export function compareRows(from: TextVersion, to: TextVersion, diff: TextDiff): CompareRow[] {
  const changed = new Map(diff.provisions.map((entry) => [entry.id, entry]));
  if (diff.matching === 'similarity')
    return diff.provisions.map((entry) => ({
      id: entry.id,
      depth: 0,
      diff: entry,
      ...(entry.before ? { before: entry.before } : {}),
      ...(entry.after ? { after: entry.after } : {}),
    }));
  const old = walk(from.provisions);
  const oldById = new Map(old.map((item) => [item.provision.id, item]));
  const newIds = new Set(walk(to.provisions).map((item) => item.provision.id));
  // Removed provisions follow the nearest earlier provision that is still there.
  const removedAfter = new Map<string | null, CompareRow[]>();
  let anchor: string | null = null;
  for (const { provision, depth } of old) {
    if (newIds.has(provision.id)) {
      anchor = provision.id;
      continue;
    }
    const entry = changed.get(provision.id);
    const row: CompareRow = {
      id: provision.id,
      depth,
      ...(entry ? { diff: entry } : {}),
      before: { number: from.numbers[provision.id], fields: provision },
    };
    removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), row]);
  }
  const rows: CompareRow[] = [...(removedAfter.get(null) ?? [])];
  for (const { provision, depth } of walk(to.provisions)) {
    const entry = changed.get(provision.id);
    const was = oldById.get(provision.id);
    rows.push({
      id: provision.id,
      depth,
      ...(entry ? { diff: entry } : {}),
      ...(was ? { before: { number: from.numbers[provision.id], fields: was.provision } } : {}),
      after: { number: to.numbers[provision.id], fields: provision },
    });
    rows.push(...(removedAfter.get(provision.id) ?? []));
  }
  return rows;
}
