/**
 * Matching the provisions of two versions of a text that share no
 * identities (two plain-text drafts imported separately): which provision of
 * the new version B continues which provision of the old version A, by the
 * similarity of their wording and, as a tie-breaker, their place.
 *
 * The matcher never compares all pairs: exact texts are paired through a hash
 * map, the others meet their candidates through an inverted index of rare
 * words and word pairs, then through the places of already matched
 * neighbours, parents and children.
 */

import { InvalidError } from '../errors.ts';
import type { ProvisionId } from '../ids.ts';
import { type Provision, placements, walkProvisions, wordingOf } from './provision.ts';
import { words } from './word-diff.ts';

/** Provision `from` of the old version continues as provision `to` of the new one. */
export interface ProvisionMatch {
  /** The provision's id in the old version A. */
  readonly from: ProvisionId;
  /** Its id in the new version B. */
  readonly to: ProvisionId;
  /** How sure the match is, in [0, 1]: 1 for a unique identical text (see `matchProvisions`). */
  readonly confidence: number;
}

/** The outcome of `matchProvisions`. */
export interface ProvisionMatching {
  /** In the document order of A. */
  readonly matches: ProvisionMatch[];
  /** Provisions of A with no counterpart in B (removed), in A's document order. */
  readonly unmatchedFrom: ProvisionId[];
  /** Provisions of B with no counterpart in A (added), in B's document order. */
  readonly unmatchedTo: ProvisionId[];
}

/** Options of `matchProvisions`. */
export interface MatchOptions {
  /** Matches scoring below this are not made (default `DEFAULT_MIN_CONFIDENCE`). */
  readonly minConfidence?: number;
}

/** Below this score two provisions are not matched unless told otherwise. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

/** The share of a score that comes from the place (parent, neighbours, position), not the text. */
const PLACE_WEIGHT = 0.1;
/** The same for a text that occurs more than once in a version (boilerplate): its words tell less. */
const REPEATED_PLACE_WEIGHT = 0.3;
/** Index candidates kept per provision of A. */
const INDEX_CANDIDATES = 6;
/** Postings of common features read per provision of A when looking up its candidates. */
const INDEX_BUDGET = 4000;
/** Index features (words, word pairs) in at most this many provisions of B are read first. */
const RARE_FEATURE = 8;
/** Provisions with more index features than this index a hashed quarter of them. */
const SAMPLE_ABOVE = 64;
/** With this many rare features found, the common ones are not read. */
const ENOUGH_RARE = 8;
/** Relative positions further apart than this get no credit for position. */
const POSITION_WINDOW = 0.1;
/** The first round only takes clear matches: this similar, and this far ahead of any rival. */
const CLEAR_SIMILARITY = 0.8;
const CLEAR_MARGIN = 0.05;
/** Pairs of identical texts considered per provision when a text occurs several times. */
const DUPLICATE_CANDIDATES = 4;
/** Round 3: the thresholds for distinct texts before `minConfidence`, and the passes after. */
const PLACE_THRESHOLDS = [0.9, 0.75];
const MUTUAL_PASSES = 8;
const GREEDY_PASSES = 4;
/** Siblings on either side of the expected index considered under a matched parent. */
const SIBLING_WINDOW = 3;

/** One version, flattened in document order, with its words as integers. */
interface Side {
  readonly ids: ProvisionId[];
  /** Index of the parent, -1 at the top. */
  readonly parent: Int32Array;
  readonly children: number[][];
  /** Index among the siblings. */
  readonly index: Int32Array;
  /** Document order scaled to [0, 1]. */
  readonly position: Float64Array;
  /** Heading and wording with whitespace collapsed: equal keys mean identical texts. */
  readonly key: string[];
  /** Sorted word ids, with repeats (filled for the provisions left after round 1). */
  readonly words: Int32Array[];
  /** Index features: the distinct word ids and hashes of adjacent word pairs, sorted. */
  readonly features: Int32Array[];
  /** Sum of the weights of `words`. */
  readonly mass: Float64Array;
  /** Index of the matched provision on the other side, or -1. */
  readonly match: Int32Array;
  readonly confidence: Float64Array;
}

/**
 * Matches the provisions of the old tree `a` to those of the new tree `b`
 * (whole trees, every level, walked with `walkProvisions` and placed with
 * `placements`), each provision used at most once. Nothing is compared by id
 * or number: only texts (heading and `wordingOf`) and places.
 *
 * Text similarity: the Dice coefficient of the two word multisets (`words`:
 * lower-cased, whitespace and punctuation ignored) with each word weighted by
 * log(1 + n / df), df counting the n provisions still unmatched after round 1
 * on both sides, so shared boilerplate ("the Parties shall") counts for little
 * and shared rare words ("Zaporizhzhia", "600,000") for much; identical texts
 * score 1. When both provisions have children, the share of their children
 * matched to each other counts too (a section whose heading changed but whose
 * articles stayed is the same section).
 *
 * Score (the reported confidence): 0.9 × similarity + 0.1 × place, where place
 * in [0, 1] rewards parents matched to each other (or both at the top), the
 * same index among such siblings, a matched neighbour in document order, and
 * a relative document position within 0.1. Texts that occur more than once in
 * a version (boilerplate, "Deleted.") say less, so for them place weighs 0.3.
 * Identical or near-identical texts thus win, and place breaks the ties of
 * repeated clauses and short points.
 *
 * Rounds, each over what is still unmatched:
 * 1. identical texts (whitespace collapsed) occurring once in each version,
 *    through a hash map: confidence 1;
 * 2. candidates from an inverted index of B's words and word pairs (a hashed
 *    quarter of them for provisions of more than 64), the rare ones (in ≤ 8
 *    provisions) voting 1/df; a provision with fewer than 8 rare features
 *    also reads its commoner ones, rarest first, up to 4,000 postings; the 6
 *    best voted are scored. Clear matches are taken: similarity ≥ 0.8, 0.05
 *    ahead of any rival on both sides, neither text repeated;
 * 3. with those anchors, candidates also come from places: the provision
 *    after the match of the previous one in document order (and before the
 *    next one's), the children of the parent's match within 3 of the expected
 *    index, the parents of the children's matches, and the 8 nearest
 *    unmatched copies of a repeated text. Pairs of distinct texts are taken
 *    greedily by descending score at 0.9, 0.75, then `minConfidence`; then
 *    all pairs, first those that are each other's best (up to 8 passes,
 *    rescored after each, so a match informs its neighbours), then greedily
 *    (up to 4 passes) while matches are made.
 *
 * Complexity: O(T) for T characters in all, plus, for the U provisions left
 * after round 1, O(their words · log) to index them, at most 4,000 + 8·f
 * postings read per provision (f its features), and O(w) per scored pair
 * (w words; about 30 candidates per provision, cached across the 15 passes
 * at most) and O(s log s) per pass for s pairs: never all pairs. Measured on
 * two versions of 2,000 provisions of about 200 words (400,000 words) with
 * 10% reworded, moved or swapped: about 0.15–0.5 s, 99.8–100% right; two
 * entirely different such versions: about 2 s.
 *
 * Tolerances: a provision reworded in a few words, moved anywhere, or
 * renumbered is found; an extended short point keeps a lower score
 * ("Ukraine will receive reliable security guarantees." → "… robust
 * security guarantees that mirror Article 5." ≈ 0.52); one rewritten beyond
 * recognition (score below `minConfidence`) is reported as removed and
 * added; of a split or merge, at most one part is matched; identical
 * repeated texts that moved can be swapped among themselves.
 *
 * Throws `InvalidError` if `minConfidence` is not in [0, 1].
 */
export function matchProvisions(
  a: readonly Provision[],
  b: readonly Provision[],
  options: MatchOptions = {},
): ProvisionMatching {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw InvalidError.of(`minConfidence must be between 0 and 1, not ${minConfidence}`);
  }
  const sideA = flatten(a);
  const sideB = flatten(b);
  const matcher = new Matcher(sideA, sideB);
  matcher.matchIdentical();
  matcher.analyse();
  matcher.matchClear(minConfidence);
  matcher.matchByPlace(minConfidence);

  const matches: ProvisionMatch[] = [];
  const unmatchedFrom: ProvisionId[] = [];
  sideA.ids.forEach((id, i) => {
    const j = sideA.match[i] as number;
    if (j < 0) unmatchedFrom.push(id);
    else {
      const confidence = Math.min(1, Math.max(0, sideA.confidence[i] as number));
      matches.push({ from: id, to: sideB.ids[j] as ProvisionId, confidence });
    }
  });
  const unmatchedTo = sideB.ids.filter((_, j) => (sideB.match[j] as number) < 0);
  return { matches, unmatchedFrom, unmatchedTo };
}

/** The text compared for a provision: its heading and its wording. */
function textOf(provision: Provision): string {
  const wording = wordingOf(provision);
  return provision.heading === undefined ? wording : `${provision.heading}\n${wording}`;
}

function flatten(tree: readonly Provision[]): Side {
  const list = [...walkProvisions(tree)];
  const where = placements(tree);
  const n = list.length;
  const order = new Map<ProvisionId, number>();
  list.forEach((provision, i) => {
    order.set(provision.id, i);
  });
  const side: Side = {
    ids: list.map((provision) => provision.id),
    parent: new Int32Array(n),
    children: list.map(() => []),
    index: new Int32Array(n),
    position: new Float64Array(n),
    key: list.map((provision) => collapseWhitespace(textOf(provision))),
    words: list.map(() => NO_WORDS),
    features: list.map(() => NO_WORDS),
    mass: new Float64Array(n),
    match: new Int32Array(n).fill(-1),
    confidence: new Float64Array(n),
  };
  list.forEach((provision, i) => {
    const placement = where.get(provision.id);
    const parent = placement?.parent === undefined ? -1 : (order.get(placement.parent) ?? -1);
    side.parent[i] = parent;
    if (parent >= 0) side.children[parent]?.push(i);
    side.index[i] = placement?.index ?? 0;
    side.position[i] = n > 1 ? i / (n - 1) : 0.5;
  });
  return side;
}

const NO_WORDS = new Int32Array(0);

/** Whitespace runs as single spaces, trimmed (the text untouched, and not copied, if already so). */
function collapseWhitespace(text: string): string {
  return /[^\S ]| {2}|^ | $/.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** Whether a text has a word (letters or digits), as `words` cuts them. */
const HAS_WORD = /[\p{L}\p{M}\p{N}_]/u;

/** A candidate pair: a provision of A, one of B and their score. */
interface Pair {
  readonly i: number;
  readonly j: number;
  readonly similarity: number;
  readonly score: number;
}

class Matcher {
  /** Index candidates of each provision of A (indexes into B). */
  private readonly indexed: number[][] = [];
  /** For texts occurring more than once on a side: the B copies of A's key, by position. */
  private readonly copies = new Map<string, number[]>();
  /** Texts that occur more than once in a version: their matches wait for round 3. */
  private readonly repeated = new Set<string>();
  /** Text similarities already computed, by i · |B| + j. */
  private readonly texts = new Map<number, number>();
  /** Weight of each word id: log(1 + n / df) over the provisions left after round 1. */
  private weight = new Float64Array(0);

  constructor(
    private readonly a: Side,
    private readonly b: Side,
  ) {}

  /**
   * Cuts the provisions left unmatched after round 1 into words (ids,
   * sorted) and index features, and weighs the words: O(their words).
   */
  analyse(): void {
    const dictionary = new Map<string, number>();
    const df: number[] = [];
    let n = 0;
    for (const side of [this.a, this.b]) {
      side.key.forEach((key, i) => {
        if (side.match[i] !== -1) return;
        n++;
        const list = words(key);
        const ids = new Int32Array(list.length);
        for (let k = 0; k < list.length; k++) {
          const word = list[k] as string;
          let id = dictionary.get(word);
          if (id === undefined) {
            id = dictionary.size;
            dictionary.set(word, id);
            df.push(0);
          }
          ids[k] = id;
        }
        const features = new Int32Array(Math.max(0, 2 * ids.length - 1));
        for (let k = 0; k < ids.length; k++) {
          features[k] = ids[k] as number;
          if (k > 0)
            features[ids.length + k - 1] = pairFeature(ids[k - 1] as number, ids[k] as number);
        }
        side.words[i] = ids.sort();
        side.features[i] = sample(distinct(features.sort()));
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k] as number;
          if (k === 0 || id !== ids[k - 1]) df[id] = (df[id] as number) + 1;
        }
      });
    }
    this.weight = Float64Array.from(df, (count) => Math.log(1 + n / Math.max(1, count)));
    for (const side of [this.a, this.b]) {
      side.words.forEach((list, i) => {
        let mass = 0;
        for (const id of list) mass += this.weight[id] as number;
        side.mass[i] = mass;
      });
    }
  }

  /** Round 1: identical texts that occur once on each side. */
  matchIdentical(): void {
    const groups = new Map<string, { a: number[]; b: number[] }>();
    const add = (side: Side, which: 'a' | 'b') => {
      side.key.forEach((key, i) => {
        let group = groups.get(key);
        if (group === undefined) {
          group = { a: [], b: [] };
          groups.set(key, group);
        }
        group[which].push(i);
      });
    };
    add(this.a, 'a');
    add(this.b, 'b');
    for (const [key, group] of groups) {
      if (group.a.length > 1 || group.b.length > 1) this.repeated.add(key);
      const [i] = group.a;
      const [j] = group.b;
      if (i === undefined || j === undefined) continue;
      if (group.a.length === 1 && group.b.length === 1 && HAS_WORD.test(key)) this.link(i, j, 1);
      else this.copies.set(key, group.b);
    }
  }

  /**
   * Round 2: index candidates; only clear winners are taken, never a text
   * that occurs more than once in a version (its index candidates are only
   * the nearest copies, so a rival could be missing).
   */
  matchClear(minConfidence: number): void {
    this.buildIndexCandidates();
    const pairs: Pair[] = [];
    this.a.ids.forEach((_, i) => {
      if (this.a.match[i] !== -1) return;
      for (const j of this.indexed[i] ?? []) pairs.push(this.pair(i, j));
    });
    // The best and second-best similarity of each provision, on both sides.
    const best = (n: number) => [new Float64Array(n).fill(-1), new Float64Array(n).fill(-1)];
    const [firstA, secondA] = best(this.a.ids.length) as [Float64Array, Float64Array];
    const [firstB, secondB] = best(this.b.ids.length) as [Float64Array, Float64Array];
    const note = (first: Float64Array, second: Float64Array, k: number, value: number) => {
      if (value > (first[k] as number)) {
        second[k] = first[k] as number;
        first[k] = value;
      } else if (value > (second[k] as number)) second[k] = value;
    };
    for (const { i, j, similarity } of pairs) {
      note(firstA, secondA, i, similarity);
      note(firstB, secondB, j, similarity);
    }
    const clear = pairs.filter(
      ({ i, j, similarity }) =>
        similarity >= CLEAR_SIMILARITY &&
        !this.repeated.has(this.a.key[i] as string) &&
        !this.repeated.has(this.b.key[j] as string) &&
        similarity === firstA[i] &&
        similarity === firstB[j] &&
        (secondA[i] as number) < similarity - CLEAR_MARGIN &&
        (secondB[j] as number) < similarity - CLEAR_MARGIN,
    );
    this.takeGreedily(clear, minConfidence);
  }

  /** Round 3: candidates from the place of matched neighbours too, by descending thresholds. */
  matchByPlace(minConfidence: number): void {
    // Distinct texts first, so that repeated ones find their parents and neighbours matched.
    const thresholds = [...PLACE_THRESHOLDS.filter((t) => t > minConfidence), minConfidence];
    for (const threshold of thresholds) {
      const pairs = this.placeCandidates().filter(
        ({ i, j }) =>
          !this.repeated.has(this.a.key[i] as string) &&
          !this.repeated.has(this.b.key[j] as string),
      );
      this.takeGreedily(pairs, threshold);
    }
    // Then everything, the pairs that are each other's best first, rescored after each pass.
    for (let pass = 0; pass < MUTUAL_PASSES; pass++) {
      const before = this.matched;
      this.takeGreedily(mutualBest(this.placeCandidates()), minConfidence);
      if (this.matched === before) break;
    }
    for (let pass = 0; pass < GREEDY_PASSES; pass++) {
      const before = this.matched;
      this.takeGreedily(this.placeCandidates(), minConfidence);
      if (this.matched === before) break;
    }
  }

  /** How many provisions are matched. */
  private matched = 0;

  /** Takes pairs by descending score (then closer position), each provision once. */
  private takeGreedily(pairs: Pair[], threshold: number): void {
    const eligible = pairs.filter((pair) => pair.score >= threshold);
    eligible.sort(
      (x, y) =>
        y.score - x.score ||
        Math.abs((this.a.position[x.i] as number) - (this.b.position[x.j] as number)) -
          Math.abs((this.a.position[y.i] as number) - (this.b.position[y.j] as number)) ||
        x.i - y.i ||
        x.j - y.j,
    );
    for (const pair of eligible) {
      if (this.a.match[pair.i] === -1 && this.b.match[pair.j] === -1) {
        this.link(pair.i, pair.j, pair.score);
      }
    }
  }

  private link(i: number, j: number, confidence: number): void {
    this.matched++;
    this.a.match[i] = j;
    this.b.match[j] = i;
    this.a.confidence[i] = confidence;
  }

  /**
   * Every unmatched provision of A with each unmatched provision of B that
   * its index candidates, its neighbours', parent's and children's matches
   * or its repeated text point to, scored.
   */
  private placeCandidates(): Pair[] {
    const { a, b } = this;
    const pairs: Pair[] = [];
    const seen = new Set<number>();
    const nB = b.ids.length;
    for (let i = 0; i < a.ids.length; i++) {
      if (a.match[i] !== -1) continue;
      seen.clear();
      const consider = (j: number) => {
        if (j < 0 || j >= nB || b.match[j] !== -1 || seen.has(j)) return;
        seen.add(j);
        pairs.push(this.pair(i, j));
      };
      for (const j of this.indexed[i] ?? []) consider(j);
      // Document-order neighbours: the provision after the previous one's match, and before the next one's.
      if (i > 0 && (a.match[i - 1] as number) >= 0) consider((a.match[i - 1] as number) + 1);
      if (i + 1 < a.ids.length && (a.match[i + 1] as number) >= 0) {
        consider((a.match[i + 1] as number) - 1);
      }
      // Children of the parent's match, near the same index.
      const parent = a.parent[i] as number;
      const siblingsB =
        parent < 0
          ? undefined
          : (a.match[parent] as number) >= 0
            ? b.children[a.match[parent] as number]
            : undefined;
      const siblingsA = parent < 0 ? undefined : a.children[parent];
      if (siblingsB !== undefined && siblingsA !== undefined && siblingsB.length > 0) {
        const expected = Math.round(
          ((a.index[i] as number) * siblingsB.length) / Math.max(1, siblingsA.length),
        );
        const from = Math.max(0, expected - SIBLING_WINDOW);
        const to = Math.min(siblingsB.length - 1, expected + SIBLING_WINDOW);
        for (let k = from; k <= to; k++) consider(siblingsB[k] as number);
      }
      // Parents of the children's matches.
      for (const child of a.children[i] ?? []) {
        const j = a.match[child] as number;
        if (j >= 0) consider(b.parent[j] as number);
      }
      // The nearest unmatched copies of a repeated text.
      const copies = this.copies.get(a.key[i] as string);
      if (copies !== undefined) {
        const position = a.position[i] as number;
        let above = lowerBound(copies, (j) => (b.position[j] as number) < position);
        let below = above - 1;
        let taken = 0;
        while (taken < DUPLICATE_CANDIDATES * 2 && (below >= 0 || above < copies.length)) {
          const down = copies[below];
          const up = copies[above];
          const takeDown =
            up === undefined ||
            (down !== undefined &&
              position - (b.position[down] as number) <= (b.position[up] as number) - position);
          const j = (takeDown ? down : up) as number;
          if (takeDown) below--;
          else above++;
          if (b.match[j] === -1) {
            consider(j);
            taken++;
          }
        }
      }
    }
    return pairs;
  }

  /** Fills `indexed`: for each provision of A, the provisions of B sharing the most rare words and word pairs. */
  private buildIndexCandidates(): void {
    const { a, b } = this;
    const postings = new Map<number, number[]>();
    b.features.forEach((list, j) => {
      if (b.match[j] !== -1) return;
      for (const feature of list) {
        const found = postings.get(feature);
        if (found === undefined) postings.set(feature, [j]);
        else found.push(j);
      }
    });
    const votes = new Float64Array(b.ids.length);
    const touched: number[] = [];
    for (let i = 0; i < a.ids.length; i++) {
      if (a.match[i] !== -1) {
        this.indexed.push([]);
        continue;
      }
      let budget = INDEX_BUDGET;
      const vote = (list: number[]) => {
        const share = 1 / list.length;
        for (const j of list) {
          if (votes[j] === 0) touched.push(j);
          votes[j] = (votes[j] as number) + share;
        }
        budget -= list.length;
      };
      let rare = 0;
      const common: number[][] = [];
      for (const feature of a.features[i] as Int32Array) {
        const list = postings.get(feature);
        if (list === undefined) continue;
        if (list.length <= RARE_FEATURE) {
          vote(list);
          rare++;
        } else common.push(list);
      }
      // Few rare features (a short or common-worded provision): read the
      // commoner ones too, rarest first, within the budget.
      if (rare < ENOUGH_RARE && common.length > 0) {
        common.sort((x, y) => x.length - y.length);
        for (const list of common) {
          if (list.length > budget) break;
          vote(list);
        }
      }
      // Copies of a repeated text come from `copies`; leave the index room for near-copies.
      for (const j of this.copies.get(a.key[i] as string) ?? []) votes[j] = 0;
      this.indexed.push(topCandidates(touched, votes, b.position, a.position[i] as number));
      for (const j of touched) votes[j] = 0;
      touched.length = 0;
    }
  }

  /** The similarity and score of matching a's provision i with b's provision j. */
  private pair(i: number, j: number): Pair {
    const similarity = this.similarity(i, j);
    const weight =
      this.repeated.has(this.a.key[i] as string) || this.repeated.has(this.b.key[j] as string)
        ? REPEATED_PLACE_WEIGHT
        : PLACE_WEIGHT;
    return { i, j, similarity, score: (1 - weight) * similarity + weight * this.place(i, j) };
  }

  private similarity(i: number, j: number): number {
    const { a, b } = this;
    const childrenA = a.children[i] as number[];
    const childrenB = b.children[j] as number[];
    const wordsA = a.words[i] as Int32Array;
    const wordsB = b.words[j] as Int32Array;
    const key = i * b.ids.length + j;
    let text = this.texts.get(key);
    if (text === undefined) {
      text =
        a.key[i] === b.key[j]
          ? 1
          : weightedDice(wordsA, wordsB, a.mass[i] as number, b.mass[j] as number, this.weight);
      this.texts.set(key, text);
    }
    if (childrenA.length > 0 && childrenB.length > 0) {
      let shared = 0;
      for (const child of childrenA) {
        const match = a.match[child] as number;
        if (match >= 0 && b.parent[match] === j) shared++;
      }
      const children = (2 * shared) / (childrenA.length + childrenB.length);
      if (wordsA.length === 0 && wordsB.length === 0) text = children;
      else text = Math.max(text, 0.4 * text + 0.6 * children);
    }
    return text;
  }

  /** How well the places agree, in [0, 1]: parents matched together, a matched neighbour, close positions. */
  private place(i: number, j: number): number {
    const { a, b } = this;
    const parentA = a.parent[i] as number;
    const parentB = b.parent[j] as number;
    let parent = 0.5;
    if (parentA < 0 && parentB < 0) parent = 1;
    else if (parentA >= 0 && parentB >= 0 && a.match[parentA] === parentB) parent = 1;
    else if (
      (parentA >= 0 && (a.match[parentA] as number) >= 0) ||
      (parentB >= 0 && (b.match[parentB] as number) >= 0)
    ) {
      parent = 0;
    }
    const neighbour =
      (i > 0 && j > 0 && a.match[i - 1] === j - 1) ||
      (i + 1 < a.ids.length && j + 1 < b.ids.length && a.match[i + 1] === j + 1)
        ? 1
        : 0;
    const sibling =
      parent === 1 ? 1 / (1 + Math.abs((a.index[i] as number) - (b.index[j] as number))) : 0;
    const distance = Math.abs((a.position[i] as number) - (b.position[j] as number));
    const position = Math.max(0, 1 - distance / POSITION_WINDOW);
    return 0.35 * parent + 0.3 * neighbour + 0.15 * sibling + 0.2 * position;
  }
}

/**
 * The `INDEX_CANDIDATES` provisions with the most votes, ties to the nearest
 * position, by insertion into a short sorted list: O(touched · k).
 */
function topCandidates(
  touched: readonly number[],
  votes: Float64Array,
  positions: Float64Array,
  position: number,
): number[] {
  const best: number[] = [];
  const before = (x: number, y: number) => {
    const difference = (votes[x] as number) - (votes[y] as number);
    if (difference !== 0) return difference > 0;
    return (
      Math.abs((positions[x] as number) - position) < Math.abs((positions[y] as number) - position)
    );
  };
  for (const j of touched) {
    if ((votes[j] as number) <= 0) continue;
    if (best.length === INDEX_CANDIDATES && !before(j, best[best.length - 1] as number)) continue;
    let at = best.length;
    while (at > 0 && before(j, best[at - 1] as number)) at--;
    best.splice(at, 0, j);
    if (best.length > INDEX_CANDIDATES) best.pop();
  }
  return best;
}

/** The pairs that score best for both their provisions (ties kept). O(pairs). */
function mutualBest(pairs: Pair[]): Pair[] {
  const bestA = new Map<number, number>();
  const bestB = new Map<number, number>();
  for (const { i, j, score } of pairs) {
    if (score > (bestA.get(i) ?? -1)) bestA.set(i, score);
    if (score > (bestB.get(j) ?? -1)) bestB.set(j, score);
  }
  return pairs.filter(({ i, j, score }) => score === bestA.get(i) && score === bestB.get(j));
}

/** A word pair as an index feature: a hash in [2^29, 2^30), above every word id. */
function pairFeature(first: number, second: number): number {
  return (
    ((Math.imul(first + 1, 0x9e3779b1) + Math.imul(second + 1, 0x85ebca6b)) >>> 2) | 0x20000000
  );
}

/**
 * A long provision's features thinned to about a quarter, the same quarter
 * everywhere (by a hash of the feature), so two long texts still share a
 * quarter of what they share, and the index holds a quarter of the postings.
 */
function sample(features: Int32Array): Int32Array {
  if (features.length <= SAMPLE_ABOVE) return features;
  let length = 0;
  for (let k = 0; k < features.length; k++) {
    const feature = features[k] as number;
    if (Math.imul(feature, 0x2545f491) >>> 30 === 0) features[length++] = feature;
  }
  return features.slice(0, length);
}

/** A sorted list without repeats (a view of its start). */
function distinct(sorted: Int32Array): Int32Array {
  let length = 0;
  for (let k = 0; k < sorted.length; k++) {
    if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[length++] = sorted[k] as number;
  }
  return sorted.subarray(0, length);
}

/** Dice coefficient of two sorted word multisets weighted per word. */
function weightedDice(
  x: Int32Array,
  y: Int32Array,
  massX: number,
  massY: number,
  weight: Float64Array,
): number {
  if (massX + massY === 0) return 0;
  let shared = 0;
  let p = 0;
  let q = 0;
  while (p < x.length && q < y.length) {
    const u = x[p] as number;
    const v = y[q] as number;
    if (u === v) {
      shared += weight[u] as number;
      p++;
      q++;
    } else if (u < v) p++;
    else q++;
  }
  return (2 * shared) / (massX + massY);
}

/** The first index whose element fails `before` (the list is partitioned by it). */
function lowerBound(list: readonly number[], before: (value: number) => boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(list[middle] as number)) low = middle + 1;
    else high = middle;
  }
  return low;
}
