/**
 * Giving a freshly parsed draft the identities of the version it continues:
 * provisions matched by similarity take over their counterparts' ids (and the
 * alternatives of a matched open provision those of the most similar old
 * alternatives); everything else gets a fresh id not used anywhere in the text.
 */

import type { AlternativeId, ProvisionId } from '../ids.ts';
import type { Alternative, Provision } from './provision.ts';
import { walkProvisions } from './provision.ts';
import { DEFAULT_MIN_CONFIDENCE, matchProvisions } from './provision-match.ts';
import { similarity } from './word-diff.ts';

export interface AdoptedDraft {
  readonly provisions: Provision[];
  /** Match confidence by (new) id, for provisions that continue an old one. */
  readonly confidence: Map<ProvisionId, number>;
  /** Ids of provisions with no counterpart in the base version. */
  readonly added: ProvisionId[];
  /** Ids of base provisions with no counterpart in the draft. */
  readonly removed: ProvisionId[];
}

/**
 * The draft with identities from `base` where it continues it. `used` holds
 * every provision id of the text, so fresh ids never collide with old ones.
 */
export function adoptIdentities(
  base: readonly Provision[] | undefined,
  draft: readonly Provision[],
  used: Iterable<ProvisionId>,
): AdoptedDraft {
  const matching =
    base === undefined
      ? undefined
      : matchProvisions(base, draft, { minConfidence: DEFAULT_MIN_CONFIDENCE });
  const baseById = new Map(
    base === undefined ? [] : [...walkProvisions(base)].map((p) => [p.id, p]),
  );
  const rename = new Map<ProvisionId, { id: ProvisionId; confidence: number }>();
  for (const match of matching?.matches ?? [])
    rename.set(match.to, { id: match.from, confidence: match.confidence });
  let highest = 0;
  for (const id of used) {
    const n = /^p(\d+)$/.exec(id);
    if (n) highest = Math.max(highest, Number(n[1]));
  }
  const confidence = new Map<ProvisionId, number>();
  const added: ProvisionId[] = [];
  const visit = (list: readonly Provision[]): Provision[] =>
    list.map((provision) => {
      const match = rename.get(provision.id);
      const id = match?.id ?? (`p${++highest}` as ProvisionId);
      if (match === undefined) added.push(id);
      else confidence.set(id, match.confidence);
      const old = match === undefined ? undefined : baseById.get(match.id);
      const alternatives =
        provision.alternatives &&
        adoptAlternatives(old?.alternatives ?? [], provision.alternatives);
      // The proposal follows its alternative to the alternative's new id.
      const proposedAt =
        provision.alternatives?.findIndex((alternative) => alternative.id === provision.proposed) ??
        -1;
      const proposed = proposedAt >= 0 ? alternatives?.[proposedAt]?.id : undefined;
      return {
        ...provision,
        id,
        ...(alternatives === undefined ? {} : { alternatives }),
        ...(proposed === undefined ? {} : { proposed }),
        children: visit(provision.children),
      };
    });
  return { provisions: visit(draft), confidence, added, removed: matching?.unmatchedFrom ?? [] };
}

/** New alternatives take the ids of the most similar old ones (each at most once), others fresh letters. */
function adoptAlternatives(
  old: readonly Alternative[],
  fresh: readonly Alternative[],
): Alternative[] {
  const taken = new Set<string>();
  const pairs = fresh
    .flatMap((alternative, i) =>
      old.map((candidate) => ({
        i,
        candidate,
        score: similarity(candidate.text, alternative.text),
      })),
    )
    .filter((pair) => pair.score >= DEFAULT_MIN_CONFIDENCE)
    .sort((x, y) => y.score - x.score);
  const ids = new Map<number, AlternativeId>();
  for (const { i, candidate } of pairs) {
    if (ids.has(i) || taken.has(candidate.id)) continue;
    ids.set(i, candidate.id);
    taken.add(candidate.id);
  }
  let letter = 0;
  const nextLetter = () => {
    let id: string;
    do
      id =
        String.fromCharCode(97 + (letter++ % 26)) +
        (letter > 26 ? String(Math.floor((letter - 1) / 26)) : '');
    while (taken.has(id) || old.some((alternative) => alternative.id === id));
    taken.add(id);
    return id as AlternativeId;
  };
  return fresh.map((alternative, i) => ({
    id: ids.get(i) ?? nextLetter(),
    text: alternative.text,
  }));
}
