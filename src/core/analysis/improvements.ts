/**
 * Improvements on a package (the draft): packages that leave every party at
 * least as well off and one strictly better (a Pareto improvement), found by
 * changing as few issues as possible — "the one change that helps everyone".
 *
 * Utilities are additive, so changing issue i from the draft's option to o
 * moves everyone's utility by a fixed vector Δ(i, o). An improvement with c
 * changes is a set of c such moves on distinct issues whose sum is ≥ 0 for
 * every party (within the tolerance) and > 0 for one. With S = Σ(options − 1)
 * moves, one change costs O(S·n), two O(S²·n), three O(S³·n); the search goes
 * as deep as `maxChanges` (at most 3) while the next depth fits in `budget`
 * vector sums, and says how deep it went. Only minimal improvements are
 * listed: a set of changes containing a smaller improvement (within the red
 * lines) is left out — it adds changes to something that already helps
 * everyone. Red lines are checked on every improvement found.
 *
 * The draft's distance to the frontier is the largest gain t every party can
 * get at once: max over frontier points v of minᵢ(vᵢ − uᵢ). It is ≤ 0 (within
 * the tolerance) exactly when the draft is efficient; on an approximate
 * frontier it is exact up to the frontier's ε.
 */

import { type CompiledSpace, utilityOf, withinRedLines } from './compiled-space.ts';
import type { Frontier } from './frontier.ts';
import { TIE_TOLERANCE } from './pareto.ts';

/** One change: issue `issue` (index) takes option `option` (index). */
export interface Change {
  readonly issue: number;
  readonly option: number;
}

export interface Improvement {
  readonly changes: readonly Change[];
  /** Everyone's utility after the changes. */
  readonly utilities: Float64Array;
  /** Everyone's gain over the draft (≥ 0 within the tolerance). */
  readonly gains: Float64Array;
  /** Whether every party is at or above its reservation value after the changes. */
  readonly acceptable: boolean;
}

export interface ImprovementSearch {
  /** Minimal improvements, fewest changes first, then the largest smallest gain, then the largest total gain. */
  readonly improvements: readonly Improvement[];
  /** How many changes at once were searched (all sets of up to this many changes). */
  readonly searchedChanges: number;
  /** How many improvements were found in all (`improvements` holds at most `limit`). */
  readonly found: number;
}

export interface ImprovementOptions {
  readonly maxChanges?: number;
  /** Most vector sums to spend on one depth. */
  readonly budget?: number;
  readonly limit?: number;
}

/** Improvements on `draft` (option indices per issue) changing at most `maxChanges` issues (default 3). */
export function findImprovements(
  space: CompiledSpace,
  draft: ArrayLike<number>,
  options: ImprovementOptions = {},
): ImprovementSearch {
  const maxChanges = options.maxChanges ?? 3;
  const budget = options.budget ?? 30_000_000;
  const limit = options.limit ?? 20;
  const n = space.parties.length;
  const moves: Change[] = [];
  const deltas: number[] = [];
  space.issues.forEach((issue, i) => {
    const table = space.contribution[i] as Float64Array;
    const current = draft[i] as number;
    for (let o = 0; o < issue.options.length; o++) {
      if (o === current || space.forbidden[i]?.has(o)) continue;
      moves.push({ issue: i, option: o });
      for (let p = 0; p < n; p++)
        deltas.push((table[o * n + p] as number) - (table[current * n + p] as number));
    }
  });
  const base = utilityOf(space, draft);
  const found: Improvement[] = [];
  const listed = new Set<string>();
  const key = (indexes: readonly number[]) => [...indexes].sort((a, b) => a - b).join(',');
  const sum = new Float64Array(n);
  let searched = 0;

  const consider = (indexes: number[]) => {
    let better = false;
    for (let p = 0; p < n; p++) {
      let total = 0;
      for (const m of indexes) total += deltas[m * n + p] as number;
      if (total < -TIE_TOLERANCE) return;
      if (total > TIE_TOLERANCE) better = true;
      sum[p] = total;
    }
    if (!better) return;
    // Minimal only: no smaller listed improvement inside (every improvement
    // contains a minimal one, listed at its smaller depth).
    for (let mask = 1; mask < (1 << indexes.length) - 1; mask++) {
      if (listed.has(key(indexes.filter((_, j) => (mask >> j) & 1)))) return;
    }
    const choice = Int32Array.from(draft);
    for (const m of indexes) choice[(moves[m] as Change).issue] = (moves[m] as Change).option;
    if (!withinRedLines(space, choice)) return;
    listed.add(key(indexes));
    const utilities = utilityOf(space, choice);
    const gains = utilities.map((u, p) => u - (base[p] as number));
    found.push({
      changes: indexes.map((m) => moves[m] as Change),
      utilities,
      gains,
      acceptable: utilities.every((u, p) => u >= (space.reservations[p] as number) - TIE_TOLERANCE),
    });
  };

  const s = moves.length;
  const cost = [0, s, (s * (s - 1)) / 2, (s * (s - 1) * (s - 2)) / 6];
  for (let depth = 1; depth <= Math.min(maxChanges, 3); depth++) {
    if ((cost[depth] as number) * n > budget) break;
    searched = depth;
    const pick: number[] = [];
    const visit = (from: number) => {
      if (pick.length === depth) {
        consider(pick);
        return;
      }
      for (let m = from; m < s; m++) {
        const issue = (moves[m] as Change).issue;
        if (pick.some((other) => (moves[other] as Change).issue === issue)) continue;
        pick.push(m);
        visit(m + 1);
        pick.pop();
      }
    };
    visit(0);
  }

  const minGain = (x: Improvement) => Math.min(...x.gains);
  const totalGain = (x: Improvement) => x.gains.reduce((a, b) => a + b, 0);
  found.sort(
    (a, b) =>
      a.changes.length - b.changes.length || minGain(b) - minGain(a) || totalGain(b) - totalGain(a),
  );
  return { improvements: found.slice(0, limit), searchedChanges: searched, found: found.length };
}

/**
 * The draft's distance to the frontier: the largest gain every party can have
 * at once (≤ 0 when the draft is efficient), and the frontier point giving it.
 */
export function frontierDistance(
  frontier: Frontier,
  utilities: ArrayLike<number>,
): { gain: number; point: number; efficient: boolean } {
  const n = frontier.space.parties.length;
  let gain = Number.NEGATIVE_INFINITY;
  let point = -1;
  for (let i = 0; i < frontier.count; i++) {
    let worst = Number.POSITIVE_INFINITY;
    for (let p = 0; p < n; p++)
      worst = Math.min(worst, (frontier.points[i * n + p] as number) - (utilities[p] as number));
    if (worst > gain) {
      gain = worst;
      point = i;
    }
  }
  const dominated = Array.from({ length: frontier.count }, (_, i) => i).some((i) => {
    let better = false;
    for (let p = 0; p < n; p++) {
      const d = (frontier.points[i * n + p] as number) - (utilities[p] as number);
      if (d < -TIE_TOLERANCE) return false;
      if (d > TIE_TOLERANCE) better = true;
    }
    return better;
  });
  return { gain, point, efficient: !dominated };
}
