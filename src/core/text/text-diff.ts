/**
 * The difference between two versions of a text, provision by provision:
 * added, removed, moved (to another parent, or out of order among its
 * siblings), renumbered, reworded (word by word), retitled, restyled, split,
 * merged, alternatives opened, closed or changed, the proposal changed.
 *
 * Provisions are matched by their stable identity. (Drafts that carry no
 * identities are first matched by similarity, see `provision-match.ts`; the
 * confidence of each match is then passed in and reported.)
 *
 * The diff is complete: `applyTextDiff(a, diffVersions(a, b))` rebuilds `b`.
 * Moves within a list are the provisions outside a longest increasing
 * subsequence of the old order, so the fewest provisions are called moved.
 * Cost: O(n log n) for the structure plus a word diff per changed wording.
 */

import type { AlternativeId, ProvisionId } from '../ids.ts';
import { numberProvisions } from './numbering.ts';
import {
  type Alternative,
  isOpen,
  type Provision,
  placements,
  walkProvisions,
} from './provision.ts';
import { applyWordDiff, diffWords, type WordOp } from './word-diff.ts';

export const CHANGE_KINDS = [
  'added',
  'removed',
  'moved',
  'renumbered',
  'reworded',
  'retitled',
  'restyled',
  'split',
  'merged',
  'opened',
  'closed',
  'alternatives-changed',
  'proposal-changed',
  'annotated',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** A provision's own fields (its children left out). */
export type ProvisionFields = Omit<Provision, 'children'>;

/** Where a provision stood in one of the two versions, and what it said there. */
export interface ProvisionSnapshot {
  readonly number?: string;
  readonly parent?: ProvisionId;
  readonly index: number;
  readonly fields: ProvisionFields;
}

export interface AlternativeDiff {
  readonly id: AlternativeId;
  readonly change: 'added' | 'removed' | 'reworded' | 'unchanged';
  /** Word changes from the old wording to the new (for `reworded`, `unchanged`). */
  readonly text?: readonly WordOp[];
  readonly before?: string;
  readonly after?: string;
}

export interface ProvisionDiff {
  readonly id: ProvisionId;
  readonly changes: readonly ChangeKind[];
  /** Absent for an added provision. */
  readonly before?: ProvisionSnapshot;
  /** Absent for a removed provision. */
  readonly after?: ProvisionSnapshot;
  /** Word changes of the body (closed in both versions). */
  readonly body?: readonly WordOp[];
  /** Word changes of the heading. */
  readonly heading?: readonly WordOp[];
  /** Changes to the alternatives (open in both versions). */
  readonly alternatives?: readonly AlternativeDiff[];
  /** For provisions matched by similarity: how sure the match is, in [0, 1]. */
  readonly confidence?: number;
}

export type DiffSummary = { readonly [K in ChangeKind]: number } & {
  /** Provisions present in both versions with no change at all. */
  readonly unchanged: number;
  /** Provisions with at least one change. */
  readonly changed: number;
};

export interface TextDiff {
  /** How provisions were paired: by identity, or by similarity of wording. */
  readonly matching: 'identity' | 'similarity';
  /** Changed provisions, in the new version's order; removed ones where they used to be. */
  readonly provisions: readonly ProvisionDiff[];
  /** The new lists of children (`parent` null: the top level), where they differ from the old. */
  readonly order: readonly {
    readonly parent: ProvisionId | null;
    readonly children: readonly ProvisionId[];
  }[];
  readonly summary: DiffSummary;
}

export interface DiffOptions {
  readonly matching?: 'identity' | 'similarity';
  /** Confidence of each provision's match, by id (similarity matching). */
  readonly confidence?: ReadonlyMap<ProvisionId, number>;
}

/** What changed from version `a` to version `b`. */
export function diffVersions(
  a: readonly Provision[],
  b: readonly Provision[],
  options: DiffOptions = {},
): TextDiff {
  const nodesA = byId(a);
  const nodesB = byId(b);
  const placeA = placements(a);
  const placeB = placements(b);
  const numbersA = numberProvisions(a);
  const numbersB = numberProvisions(b);
  const outOfOrder = movedWithinLists(a, b, nodesA);

  const snapshot = (
    provision: Provision,
    place: Map<ProvisionId, { parent?: ProvisionId; index: number }>,
    numbers: Map<ProvisionId, string>,
  ) => {
    const { parent, index } = place.get(provision.id) as { parent?: ProvisionId; index: number };
    const number = numbers.get(provision.id);
    return {
      ...(number === undefined ? {} : { number }),
      ...(parent === undefined ? {} : { parent }),
      index,
      fields: fieldsOf(provision),
    };
  };

  const entries: { key: number; diff: ProvisionDiff }[] = [];
  const orderB = [...walkProvisions(b)];
  const positionInB = new Map(orderB.map((provision, i) => [provision.id, i]));
  const unchangedCount = { value: 0 };
  const confidenceOf = (id: ProvisionId) => options.confidence?.get(id);

  orderB.forEach((after, i) => {
    const before = nodesA.get(after.id);
    const confidence = confidenceOf(after.id);
    const base = { id: after.id, ...(confidence === undefined ? {} : { confidence }) };
    if (before === undefined) {
      const kinds: ChangeKind[] = ['added', ...lineageKinds(after, undefined, nodesB, nodesA)];
      entries.push({
        key: i,
        diff: { ...base, changes: kinds, after: snapshot(after, placeB, numbersB) },
      });
      return;
    }
    const diff = compareProvision(before, after, {
      moved:
        placeA.get(after.id)?.parent !== placeB.get(after.id)?.parent || outOfOrder.has(after.id),
      renumbered: numbersA.get(after.id) !== numbersB.get(after.id),
      lineage: lineageKinds(after, before, nodesB, nodesA),
    });
    if (diff.changes.length === 0) {
      unchangedCount.value++;
      return;
    }
    entries.push({
      key: i,
      diff: {
        ...base,
        ...diff,
        before: snapshot(before, placeA, numbersA),
        after: snapshot(after, placeB, numbersB),
      },
    });
  });

  // Removed provisions go right after the nearest earlier provision that survived.
  let anchor = -1;
  let offset = 0;
  for (const before of walkProvisions(a)) {
    const survivor = positionInB.get(before.id);
    if (survivor !== undefined) {
      anchor = survivor;
      offset = 0;
      continue;
    }
    offset++;
    entries.push({
      key: anchor + offset / (nodesA.size + 1),
      diff: { id: before.id, changes: ['removed'], before: snapshot(before, placeA, numbersA) },
    });
  }
  entries.sort((x, y) => x.key - y.key);

  const provisions = entries.map((entry) => entry.diff);
  return {
    matching: options.matching ?? 'identity',
    provisions,
    order: changedLists(a, b),
    summary: summarise(provisions, unchangedCount.value),
  };
}

/** Rebuilds the new version from the old one and a diff of the two. */
export function applyTextDiff(a: readonly Provision[], diff: TextDiff): Provision[] {
  const fields = new Map<ProvisionId, ProvisionFields>();
  const children = new Map<ProvisionId | null, readonly ProvisionId[]>();
  for (const provision of walkProvisions(a)) fields.set(provision.id, fieldsOf(provision));
  children.set(
    null,
    a.map((p) => p.id),
  );
  for (const provision of walkProvisions(a))
    children.set(
      provision.id,
      provision.children.map((child) => child.id),
    );

  for (const change of diff.provisions) {
    if (change.after === undefined) {
      fields.delete(change.id);
      continue;
    }
    // Wording comes from the word changes where the diff has them; everything else from the snapshot.
    const old = fields.get(change.id);
    const { heading: newHeading, body: newBody, ...rest } = change.after.fields;
    const body =
      old !== undefined && change.body !== undefined
        ? applyWordDiff(old.body, change.body)
        : newBody;
    const heading =
      change.heading !== undefined ? applyWordDiff(old?.heading ?? '', change.heading) : newHeading;
    fields.set(change.id, { ...rest, ...(heading ? { heading } : {}), body });
  }
  for (const list of diff.order) children.set(list.parent, list.children);

  const build = (ids: readonly ProvisionId[]): Provision[] =>
    ids.map((id) => ({
      ...(fields.get(id) as ProvisionFields),
      children: build(children.get(id) ?? []),
    }));
  return build(children.get(null) ?? []);
}

function compareProvision(
  before: Provision,
  after: Provision,
  facts: { moved: boolean; renumbered: boolean; lineage: ChangeKind[] },
): Pick<ProvisionDiff, 'changes' | 'body' | 'heading' | 'alternatives'> {
  const changes: ChangeKind[] = [];
  const result: { body?: WordOp[]; heading?: WordOp[]; alternatives?: AlternativeDiff[] } = {};
  if (facts.moved) changes.push('moved');
  if (facts.renumbered) changes.push('renumbered');
  if ((before.heading ?? '') !== (after.heading ?? '')) {
    changes.push('retitled');
    result.heading = diffWords(before.heading ?? '', after.heading ?? '');
  }
  if (before.style !== after.style) changes.push('restyled');
  const wasOpen = isOpen(before);
  const nowOpen = isOpen(after);
  if (!wasOpen && !nowOpen && before.body !== after.body) {
    changes.push('reworded');
    result.body = diffWords(before.body, after.body);
  }
  if (!wasOpen && nowOpen) changes.push('opened');
  if (wasOpen && !nowOpen) changes.push('closed');
  if (wasOpen && nowOpen) {
    const alternatives = compareAlternatives(before.alternatives ?? [], after.alternatives ?? []);
    if (alternatives.some((alternative) => alternative.change !== 'unchanged')) {
      changes.push('alternatives-changed');
      result.alternatives = alternatives;
    }
  }
  if (wasOpen && nowOpen && before.proposed !== after.proposed) changes.push('proposal-changed');
  if (before.note !== after.note) changes.push('annotated');
  changes.push(...facts.lineage);
  return { changes, ...result };
}

function compareAlternatives(
  before: readonly Alternative[],
  after: readonly Alternative[],
): AlternativeDiff[] {
  const old = new Map(before.map((alternative) => [alternative.id, alternative.text]));
  const result: AlternativeDiff[] = after.map((alternative) => {
    const previous = old.get(alternative.id);
    if (previous === undefined)
      return { id: alternative.id, change: 'added', after: alternative.text };
    return {
      id: alternative.id,
      change: previous === alternative.text ? 'unchanged' : 'reworded',
      text: diffWords(previous, alternative.text),
      before: previous,
      after: alternative.text,
    };
  });
  const kept = new Set(after.map((alternative) => alternative.id));
  for (const alternative of before) {
    if (!kept.has(alternative.id))
      result.push({ id: alternative.id, change: 'removed', before: alternative.text });
  }
  return result;
}

/**
 * Split and merge, from the new version's lineage: a provision made from
 * several is merged; one of several made from the same provision is split.
 * Lineage already present in the old version is not news.
 */
function lineageKinds(
  after: Provision,
  before: Provision | undefined,
  nodesB: Map<ProvisionId, Provision>,
  nodesA: Map<ProvisionId, Provision>,
): ChangeKind[] {
  const from = after.from ?? [];
  if (from.length === 0 || sameList(from, before?.from ?? [])) return [];
  if (from.length > 1) return ['merged'];
  const source = from[0] as ProvisionId;
  if (!nodesA.has(source)) return [];
  const siblings = [...nodesB.values()].filter((p) => p.from?.length === 1 && p.from[0] === source);
  return siblings.length > 1 || (nodesB.has(source) && source !== after.id) ? ['split'] : [];
}

/** Provisions present in both versions under the same parent whose order among their siblings changed. */
function movedWithinLists(
  a: readonly Provision[],
  b: readonly Provision[],
  nodesA: Map<ProvisionId, Provision>,
): Set<ProvisionId> {
  const moved = new Set<ProvisionId>();
  const oldLists = new Map<ProvisionId | null, readonly ProvisionId[]>();
  oldLists.set(
    null,
    a.map((p) => p.id),
  );
  for (const provision of nodesA.values())
    oldLists.set(
      provision.id,
      provision.children.map((c) => c.id),
    );
  const visit = (parent: ProvisionId | null, list: readonly Provision[]) => {
    if (list.length === 0) return;
    const old = oldLists.get(parent) ?? [];
    const oldIndex = new Map(old.map((id, i) => [id, i]));
    const common = list.filter((p) => oldIndex.has(p.id)).map((p) => p.id);
    const keep = longestIncreasing(common.map((id) => oldIndex.get(id) as number));
    common.forEach((id, i) => {
      if (!keep.has(i)) moved.add(id);
    });
    for (const provision of list) visit(provision.id, provision.children);
  };
  visit(null, b);
  return moved;
}

/** Indexes of one longest strictly increasing subsequence of `values` (patience sorting, O(n log n)). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((values[tails[mid] as number] as number) < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1] as number;
    tails[low] = i;
  });
  const keep = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i] as number) keep.add(i);
  return keep;
}

/** Child lists of the new version that differ from the old one's (or belong to new parents). */
function changedLists(a: readonly Provision[], b: readonly Provision[]): TextDiff['order'] {
  const old = new Map<ProvisionId | null, string>();
  old.set(null, a.map((p) => p.id).join('\u0000'));
  for (const provision of walkProvisions(a))
    old.set(provision.id, provision.children.map((c) => c.id).join('\u0000'));
  const result: { parent: ProvisionId | null; children: ProvisionId[] }[] = [];
  const consider = (parent: ProvisionId | null, list: readonly Provision[]) => {
    const ids = list.map((p) => p.id);
    if ((old.get(parent) ?? '') !== ids.join('\u0000')) result.push({ parent, children: ids });
  };
  consider(null, b);
  for (const provision of walkProvisions(b)) consider(provision.id, provision.children);
  return result;
}

function summarise(provisions: readonly ProvisionDiff[], unchanged: number): DiffSummary {
  const counts = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as Record<
    ChangeKind,
    number
  >;
  for (const provision of provisions) for (const kind of provision.changes) counts[kind]++;
  return { ...counts, unchanged, changed: provisions.length };
}

function byId(tree: readonly Provision[]): Map<ProvisionId, Provision> {
  return new Map([...walkProvisions(tree)].map((provision) => [provision.id, provision]));
}

function fieldsOf(provision: Provision): ProvisionFields {
  const { children: _children, ...fields } = provision;
  return fields;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
