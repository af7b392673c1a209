/**
 * The Nash points of a compiled space found by a frontier search pruned with
 * bounds (`nashPoints`), for the sensitivity analysis (sensitivity.ts), which
 * needs only the Nash points of each sample, not its whole frontier.
 */

import type { CompiledSpace, Group } from './compiled-space.ts';
import { computeFrontier } from './frontier.ts';
import { paretoFilter, TIE_TOLERANCE } from './pareto.ts';
import { criterionValue, solve, tied } from './solutions.ts';

/** Utility vectors tied for the best Nash product, `count` × parties. */
export interface NashPoints {
  readonly points: Float64Array;
  readonly count: number;
  /** False when the search gave up and an ε-frontier was read instead. */
  readonly exact: boolean;
}

/** Most points `nashPoints` keeps (more than two parties) before it falls back to the frontier. */
export const MAX_SEARCH_POINTS = 10_000;

/** Margin kept when pruning, so that rounding in the bounds never drops a tied point. */
const PRUNE_MARGIN = 2 * TIE_TOLERANCE;

/**
 * The utility vectors `solve(computeFrontier(space), 'nash')` returns, found
 * faster. The frontier is built group by group as in frontier.ts (widest
 * groups first), but a
 * partial point is dropped as soon as no completion of it can be acceptable
 * (a party stays below its reservation even with its best option in every
 * later group) or reach `floor`, a Nash product some acceptable package is
 * known to have (bound: the product of the parties' gains with their best
 * later options). Both bounds only grow with the utilities, so a point that
 * dominates a kept point is never dropped: the points kept are exactly the
 * frontier points that can still be the Nash solution, and ties within 1e-9
 * are kept (the pruning leaves a margin of 2e-9). Agreement with the frontier
 * is property-tested. When more than `MAX_SEARCH_POINTS` points are kept
 * (300,000 for two parties, whose filter is O(N log N)) it falls back to
 * `computeFrontier`, which thins, and says it is not exact.
 * Undefined when no package is acceptable.
 */
export function nashPoints(space: CompiledSpace, floor = 0): NashPoints | undefined {
  const n = space.parties.length;
  const d = space.reservations;
  if (space.groups.length === 0 && space.issues.length > 0) return undefined;
  // Widest groups first: the bounds then tighten early and prune most.
  const groups = [...space.groups].sort((a, b) => spread(b, n) - spread(a, n));
  // best[s * n + p]: party p's best total over groups s, s + 1, …
  const best = new Float64Array((groups.length + 1) * n);
  for (let s = groups.length - 1; s >= 0; s--)
    for (let p = 0; p < n; p++) {
      let top = Number.NEGATIVE_INFINITY;
      for (const cls of groups[s]?.classes ?? []) top = Math.max(top, cls.vector[p] as number);
      best[s * n + p] = (best[(s + 1) * n + p] as number) + top;
    }
  let points = new Float64Array(n);
  let count = 1;
  for (let s = 0; s < groups.length; s++) {
    const classes = groups[s]?.classes ?? [];
    const candidates = new Float64Array(count * classes.length * n);
    let kept = 0;
    for (let f = 0; f < count; f++)
      for (const cls of classes) {
        let bound = 1;
        for (let p = 0; p < n; p++) {
          const u = (points[f * n + p] as number) + (cls.vector[p] as number);
          candidates[kept * n + p] = u;
          const gain = u + (best[(s + 1) * n + p] as number) - (d[p] as number);
          bound = gain < -PRUNE_MARGIN ? -1 : bound * Math.max(0, gain);
          if (bound < 0) break;
        }
        if (bound >= floor - PRUNE_MARGIN) kept++;
      }
    const survivors = paretoFilter(candidates, kept, n);
    if (survivors.length > (n === 2 ? 300_000 : MAX_SEARCH_POINTS)) return nashOfFrontier(space);
    points = new Float64Array(survivors.length * n);
    survivors.forEach((index, j) => {
      points.set(candidates.subarray(index * n, index * n + n), j * n);
    });
    count = survivors.length;
  }
  let top = Number.NEGATIVE_INFINITY;
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const u = points.subarray(i * n, i * n + n);
    let ok = true;
    for (let p = 0; p < n && ok; p++) ok = (u[p] as number) >= (d[p] as number) - TIE_TOLERANCE;
    values[i] = ok ? criterionValue('nash', u, d) : Number.NEGATIVE_INFINITY;
    top = Math.max(top, values[i] as number);
  }
  if (top === Number.NEGATIVE_INFINITY) return undefined;
  const tiedPoints: number[] = [];
  for (let i = 0; i < count; i++)
    if (values[i] !== Number.NEGATIVE_INFINITY && tied(top, values[i] as number))
      tiedPoints.push(...points.subarray(i * n, i * n + n));
  return { points: Float64Array.from(tiedPoints), count: tiedPoints.length / n, exact: true };
}

/** Σ over parties of the range of a group's contributions. */
function spread(group: Group, n: number): number {
  let total = 0;
  for (let p = 0; p < n; p++) {
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const cls of group.classes) {
      low = Math.min(low, cls.vector[p] as number);
      high = Math.max(high, cls.vector[p] as number);
    }
    if (high > low) total += high - low;
  }
  return total;
}

/** The Nash points of the (possibly thinned) frontier. */
function nashOfFrontier(space: CompiledSpace): NashPoints | undefined {
  const n = space.parties.length;
  const frontier = computeFrontier(space);
  const solution = solve(frontier, 'nash');
  if (solution === undefined) return undefined;
  const points = new Float64Array(solution.points.length * n);
  solution.points.forEach((i, j) => {
    points.set(frontier.utilitiesAt(i), j * n);
  });
  return { points, count: solution.points.length, exact: frontier.exact };
}
