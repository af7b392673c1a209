/**
 * Editing a version's provision tree. Every operation returns a new tree and
 * leaves its input untouched; a bad request throws `InvalidError` or
 * `NotFoundError` and changes nothing. Numbers are never stored: they follow
 * from the order (see `numbering.ts`), so moving or removing renumbers.
 */

import { InvalidError, NotFoundError } from '../errors.ts';
import type { ProvisionId } from '../ids.ts';
import type { NegotiatingText, TextVersion } from './negotiating-text.ts';
import { type Provision, walkProvisions, wordingOf } from './provision.ts';
import { words } from './word-diff.ts';

export type Tree = readonly Provision[];

/** Where to put a provision: under `parent` (default: the top level), at `index` (default: last). */
export interface Destination {
  readonly parent?: ProvisionId;
  readonly index?: number;
}

/** A new version that starts as a copy of `base` (same provisions, same identities). */
export function deriveVersion(
  base: TextVersion,
  fields: Omit<TextVersion, 'provisions' | 'derivedFrom'>,
): TextVersion {
  return { ...fields, derivedFrom: base.id, provisions: base.provisions };
}

/** The provision with this id, with its parent and index, or undefined. */
export function findProvision(
  tree: Tree,
  id: ProvisionId,
): { provision: Provision; parent: Provision | undefined; index: number } | undefined {
  const search = (list: Tree, parent: Provision | undefined): ReturnType<typeof findProvision> => {
    for (const [index, provision] of list.entries()) {
      if (provision.id === id) return { provision, parent, index };
      const found = search(provision.children, provision);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return search(tree, undefined);
}

function requireProvision(tree: Tree, id: ProvisionId) {
  const found = findProvision(tree, id);
  if (found === undefined) throw new NotFoundError('provision', id);
  return found;
}

/** A fresh id not used by any provision of the text (`p1`, `p2`, … after the highest in use). */
export function nextProvisionId(text: Pick<NegotiatingText, 'versions'> | Tree): ProvisionId {
  const trees = Array.isArray(text)
    ? [text as Tree]
    : (text as NegotiatingText).versions.map((v) => v.provisions);
  let highest = 0;
  for (const tree of trees) {
    for (const provision of walkProvisions(tree)) {
      const match = /^p(\d+)$/.exec(provision.id);
      if (match) highest = Math.max(highest, Number(match[1]));
    }
  }
  return `p${highest + 1}` as ProvisionId;
}

/** Replaces the provision `id` by what `change` makes of it (children included). */
function replace(
  tree: Tree,
  id: ProvisionId,
  change: (provision: Provision) => Provision[],
): Provision[] {
  return tree.flatMap((provision) =>
    provision.id === id
      ? change(provision)
      : [{ ...provision, children: replace(provision.children, id, change) }],
  );
}

/** Changes a provision's own fields (not its children or identity). */
export function editProvision(
  tree: Tree,
  id: ProvisionId,
  fields: Partial<Omit<Provision, 'id' | 'children'>>,
): Provision[] {
  requireProvision(tree, id);
  return replace(tree, id, (provision) => [{ ...provision, ...fields }]);
}

/** Inserts a new provision (with its children) at `to`. */
export function addProvision(tree: Tree, provision: Provision, to: Destination = {}): Provision[] {
  for (const existing of walkProvisions([provision])) {
    if (findProvision(tree, existing.id))
      throw InvalidError.of(`provision "${existing.id}" already exists`);
  }
  return insert(tree, provision, to);
}

function insert(tree: Tree, provision: Provision, to: Destination): Provision[] {
  const place = (list: Tree) => {
    const index = to.index ?? list.length;
    if (index < 0 || index > list.length) {
      throw InvalidError.of(
        `position ${index + 1} is out of range: there are ${list.length} provisions there`,
      );
    }
    return [...list.slice(0, index), provision, ...list.slice(index)];
  };
  if (to.parent === undefined) return place(tree);
  requireProvision(tree, to.parent);
  return replace(tree, to.parent, (parent) => [{ ...parent, children: place(parent.children) }]);
}

/** Removes a provision and everything under it. */
export function removeProvision(tree: Tree, id: ProvisionId): Provision[] {
  requireProvision(tree, id);
  return replace(tree, id, () => []);
}

/** Moves a provision (with its children) to `to`; never into itself or its own descendants. */
export function moveProvision(tree: Tree, id: ProvisionId, to: Destination): Provision[] {
  const { provision } = requireProvision(tree, id);
  if (to.parent !== undefined && findProvision([provision], to.parent)) {
    throw InvalidError.of(`cannot move provision "${id}" into itself or one of its own provisions`);
  }
  return insert(removeProvision(tree, id), provision, to);
}

/**
 * Splits a provision into several, in its place. The parts' wording must be the
 * original's, cut in pieces: no word may be lost or added. Each part records the
 * original as its lineage; the original's children go to the last part.
 */
export function splitProvision(
  tree: Tree,
  id: ProvisionId,
  parts: readonly { id: ProvisionId; body: string; heading?: string }[],
): Provision[] {
  const { provision } = requireProvision(tree, id);
  if (parts.length < 2) throw InvalidError.of('a split needs at least two parts');
  if (provision.alternatives !== undefined)
    throw InvalidError.of(`provision "${id}" is open: close it before splitting`);
  const original = words(provision.body);
  const pieces = parts.flatMap((part) => words(part.body));
  if (original.join(' ') !== pieces.join(' ')) {
    throw InvalidError.of(
      `the parts do not add up to provision "${id}": ${describeLoss(original, pieces)}`,
    );
  }
  const ids = parts.map((part) => part.id);
  const repeated = ids.find((partId, i) => ids.indexOf(partId) !== i);
  if (repeated !== undefined) throw InvalidError.of(`two parts have the same id "${repeated}"`);
  for (const part of parts) {
    if (part.id !== id && findProvision(tree, part.id))
      throw InvalidError.of(`provision "${part.id}" already exists`);
  }
  return replace(tree, id, () =>
    parts.map((part, i) => ({
      id: part.id,
      style: provision.style,
      ...(part.heading === undefined ? {} : { heading: part.heading }),
      body: part.body,
      from: [id],
      children: i === parts.length - 1 ? provision.children : [],
    })),
  );
}

/**
 * Merges provisions into one, placed where the first of them was. Without a
 * body the wordings are joined; a given body must keep every word of each
 * merged provision, in order. The merged provision records them as its lineage.
 */
export function mergeProvisions(
  tree: Tree,
  ids: readonly ProvisionId[],
  merged: { id: ProvisionId; body?: string; heading?: string },
): Provision[] {
  if (ids.length < 2) throw InvalidError.of('a merge needs at least two provisions');
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw InvalidError.of(`provision "${repeated}" is listed twice`);
  const sources = ids.map((id) => requireProvision(tree, id).provision);
  for (const source of sources) {
    const inside = sources.find(
      (other) => other !== source && findProvision(source.children, other.id),
    );
    if (inside)
      throw InvalidError.of(
        `cannot merge provision "${source.id}" with "${inside.id}", which is inside it`,
      );
  }
  const open = sources.find((source) => source.alternatives !== undefined);
  if (open) throw InvalidError.of(`provision "${open.id}" is open: close it before merging`);
  const body = merged.body ?? sources.map((source) => source.body).join(' ');
  const kept = words(body);
  for (const source of sources) {
    if (!isSubsequence(words(source.body), kept)) {
      throw InvalidError.of(
        `the merged wording loses text of provision "${source.id}": ${describeLoss(words(source.body), kept)}`,
      );
    }
  }
  if (!ids.includes(merged.id) && findProvision(tree, merged.id))
    throw InvalidError.of(`provision "${merged.id}" already exists`);
  const first = sources[0] as Provision;
  const result: Provision = {
    id: merged.id,
    style: first.style,
    ...((merged.heading ?? first.heading) === undefined
      ? {}
      : { heading: merged.heading ?? first.heading }),
    body,
    from: [...ids],
    children: sources.flatMap((source) => source.children),
  };
  // The others go first: the merged provision may take one of their ids.
  let next: Provision[] = [...tree];
  for (const source of sources.slice(1)) next = replace(next, source.id, () => []);
  return replace(next, first.id, () => [result]);
}

function isSubsequence(needle: readonly string[], haystack: readonly string[]): boolean {
  let i = 0;
  for (const word of haystack) if (word === needle[i]) i++;
  return i === needle.length;
}

function describeLoss(original: readonly string[], result: readonly string[]): string {
  const remaining = new Map<string, number>();
  for (const word of result) remaining.set(word, (remaining.get(word) ?? 0) + 1);
  const lost = original.filter((word) => {
    const count = remaining.get(word) ?? 0;
    remaining.set(word, count - 1);
    return count <= 0;
  });
  if (lost.length > 0)
    return `missing "${lost.slice(0, 5).join(' ')}"${lost.length > 5 ? ' …' : ''}`;
  return 'the words differ or are in another order';
}

/** Every provision's wording keyed by id, for quick lookups. */
export function wordings(tree: Tree): Map<ProvisionId, string> {
  const result = new Map<ProvisionId, string>();
  for (const provision of walkProvisions(tree)) result.set(provision.id, wordingOf(provision));
  return result;
}
