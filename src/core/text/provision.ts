/**
 * Provisions: the tree a negotiating text is made of (sections, articles,
 * points, sub-points). Each has a stable identity (`id`) that survives
 * renumbering, moves and rewording across versions; its displayed number is
 * derived from its place (see `numbering.ts`).
 *
 * A provision is **open** when it holds two or more bracketed alternative
 * wordings ("[600,000 / 800,000]"), each a complete wording with its own id;
 * one may be marked as the version's current proposal. Otherwise its wording
 * is `body`.
 */

import type { AlternativeId, ProvisionId } from '../ids.ts';

/**
 * How a provision is numbered: `article` ("Article 3", counted through the
 * whole text), `section` ("Section 2"), `decimal` ("4."), `dotted` ("4.2",
 * under a decimal or dotted parent), `alpha` ("(b)"), `roman` ("(iv)"), or
 * `none` (a preamble or an unnumbered paragraph).
 */
export const NUMBERING_STYLES = [
  'section',
  'article',
  'decimal',
  'dotted',
  'alpha',
  'roman',
  'none',
] as const;
export type NumberingStyle = (typeof NUMBERING_STYLES)[number];

export interface Alternative {
  readonly id: AlternativeId;
  /** The complete wording of the provision if this alternative is chosen. */
  readonly text: string;
}

export interface Provision {
  readonly id: ProvisionId;
  readonly style: NumberingStyle;
  readonly heading?: string;
  /** The wording of a closed provision; empty for an open one. */
  readonly body: string;
  /** Two or more alternative wordings: the provision is open. */
  readonly alternatives?: readonly Alternative[];
  /** The alternative this version proposes, if any. */
  readonly proposed?: AlternativeId;
  /** Provisions this one was split from or merged from (its lineage). */
  readonly from?: readonly ProvisionId[];
  /** A remark about the provision itself, such as "illustrative". */
  readonly note?: string;
  readonly children: readonly Provision[];
}

/** Whether the provision holds bracketed alternatives. */
export function isOpen(provision: Provision): boolean {
  return provision.alternatives !== undefined && provision.alternatives.length >= 2;
}

/** Every provision of a tree, parents before children, in document order. */
export function* walkProvisions(provisions: readonly Provision[]): Generator<Provision> {
  const stack = [...provisions].reverse();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    yield next;
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i] as Provision);
  }
}

/** Where a provision sits: its parent (undefined at the top) and its index among its siblings. */
export interface Placement {
  readonly parent: ProvisionId | undefined;
  readonly index: number;
  readonly depth: number;
}

/** The placement of every provision of a tree. */
export function placements(provisions: readonly Provision[]): Map<ProvisionId, Placement> {
  const result = new Map<ProvisionId, Placement>();
  const visit = (list: readonly Provision[], parent: ProvisionId | undefined, depth: number) => {
    list.forEach((provision, index) => {
      result.set(provision.id, { parent, index, depth });
      visit(provision.children, provision.id, depth + 1);
    });
  };
  visit(provisions, undefined, 0);
  return result;
}

/** The wording shown for a provision: its body, or (open) its alternatives in brackets. */
export function wordingOf(provision: Provision): string {
  if (!isOpen(provision)) return provision.body;
  return bracketed((provision.alternatives ?? []).map((alternative) => alternative.text));
}

/**
 * Alternatives written compactly: the words they share stay outside the
 * brackets. `["limited to 600,000 troops", "limited to 800,000 troops"]` →
 * `"limited to [600,000 / 800,000] troops"`. An alternative that is empty in
 * the bracket reads `…` ("[the Parties / …]": with or without the words).
 */
export function bracketed(texts: readonly string[]): string {
  const words = texts.map((text) => text.split(/(\s+)/));
  const shortest = Math.min(...words.map((w) => w.length));
  let prefix = 0;
  while (prefix < shortest && words.every((w) => w[prefix] === words[0]?.[prefix])) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    words.every(
      (w) => w[w.length - 1 - suffix] === words[0]?.[(words[0]?.length ?? 0) - 1 - suffix],
    )
  ) {
    suffix++;
  }
  // Keep whole tokens: never split between a word and the space that follows it.
  const head = (words[0] ?? []).slice(0, prefix).join('');
  const tail = (words[0] ?? []).slice((words[0]?.length ?? 0) - suffix).join('');
  const middles = words.map(
    (w) =>
      w
        .slice(prefix, w.length - suffix)
        .join('')
        .trim() || '…',
  );
  return `${head}[${middles.join(' / ')}]${tail}`;
}
