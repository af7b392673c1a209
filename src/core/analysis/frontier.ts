/**
 * The Pareto frontier of a space, without enumerating its packages.
 *
 * With additive utilities, a package's utility vector is the sum of one
 * vector per independent group of issues, and the frontier of a sum is found
 * inside the sums of the frontiers: F(A ⊕ B) = Pareto(F(A) ⊕ F(B)). So the
 * frontier is built group by group: start from {0}, add every option class of
 * the next group to every point kept so far, and filter. Each kept point
 * remembers the point and the class it came from, so the packages behind any
 * final point can be read back. Cost: Σ over groups of |F|·|classes| additions
 * plus the filters, where |F| is the frontier so far — tiny next to the product
 * of the options (30 issues × 5 options: 150·|F| work instead of 9·10^20).
 *
 * When the parties' interests are almost exactly opposed, nearly every package
 * is efficient and |F| explodes. Past `maxPoints` the frontier is thinned to
 * an ε-frontier: a point is dropped when a kept one is at most δ worse for
 * anyone (two parties: along the frontier, and from then on in linear time by
 * δ-buckets, see `bucketFilter2`; more parties: one point per δ-cell). Each
 * thinning adds at most δ = epsilon / groups to the error (δ doubles when the
 * points would still not fit), so for every efficient utility vector u there
 * is a listed v with v ≥ u − ε in every coordinate, ε being the sum of the δs
 * used (never above 1: utilities lie in [0, 1]). The result says when it is
 * approximate and gives ε; it never hangs.
 */

import type { CompiledSpace } from './compiled-space.ts';
import { packageOf } from './compiled-space.ts';
import type { Package } from './issue-space.ts';
import { paretoFilter, paretoFilterSortedLists, TIE_TOLERANCE } from './pareto.ts';

export interface FrontierOptions {
  /** Largest frontier kept exactly while building; past it the frontier is thinned. */
  readonly maxPoints?: number;
  /** Error allowed in all (sum of the thinning steps), as a share of the utility range [0, 1]. */
  readonly epsilon?: number;
}

/** Two-party frontiers are filtered in O(N log k), so they can stay exact much longer than larger ones (O(N·F)). */
export const DEFAULT_MAX_POINTS = { twoParties: 100_000, more: 10_000 } as const;
export const DEFAULT_EPSILON = 1e-4;

interface Step {
  /** For each point: the index of the point of the previous step it extends. */
  readonly parent: Int32Array;
  /** For each point: the class of this step's group that was added. */
  readonly cls: Int32Array;
}

export interface Frontier {
  readonly space: CompiledSpace;
  /** Utility vectors of the efficient points, `count` × parties. */
  readonly points: Float64Array;
  readonly count: number;
  /** True when no thinning was needed: the points are exactly the efficient ones. */
  readonly exact: boolean;
  /** Upper bound of the error (0 when exact). */
  readonly epsilon: number;
  /** The packages behind point `index` (at most `limit`), and how many there are in all. */
  packagesAt(index: number, limit?: number): { packages: Package[]; total: number };
  /** Utilities of point `index`. */
  utilitiesAt(index: number): Float64Array;
}

/** The frontier of the packages within everyone's red lines (reservation values are applied by the callers). */
export function computeFrontier(space: CompiledSpace, options: FrontierOptions = {}): Frontier {
  const n = space.parties.length;
  const maxPoints =
    options.maxPoints ?? (n === 2 ? DEFAULT_MAX_POINTS.twoParties : DEFAULT_MAX_POINTS.more);
  const target = options.epsilon ?? DEFAULT_EPSILON;
  const groups = space.groups;
  const delta = groups.length === 0 ? 0 : target / groups.length;
  let points: Float64Array = new Float64Array(n);
  let count = groups.length === 0 && space.issues.length > 0 ? 0 : 1;
  let epsilon = 0;
  const steps: Step[] = [];

  for (const group of groups) {
    const classes = group.classes;
    const k = classes.length;
    const vectors = new Float64Array(k * n);
    classes.forEach((c, j) => {
      vectors.set(c.vector, j * n);
    });
    let kept: Int32Array;
    if (n === 2 && epsilon > 0) {
      // Already approximate: thin while filtering, in linear time.
      const bucketed = bucketFilter2(points, count, vectors, k, delta, maxPoints);
      kept = bucketed.kept;
      epsilon = Math.min(1, epsilon + bucketed.delta);
    } else {
      const candidates = minkowskiSum(points, count, vectors, k, n);
      // With two parties the kept points are in decreasing order of the first
      // utility, so each class's shifted copy is a sorted list: merge them.
      kept =
        n === 2
          ? paretoFilterSortedLists(candidates, count, k)
          : paretoFilter(candidates, count * k, n);
      if (kept.length > maxPoints) {
        const thinned = thin(candidates, kept, n, delta, maxPoints);
        kept = thinned.kept;
        epsilon = Math.min(1, epsilon + thinned.delta);
      }
    }
    const step = keptStep(points, kept, vectors, k, n);
    steps.push({ parent: step.parent, cls: step.cls });
    points = step.points;
    count = kept.length;
  }

  const classesOf = (index: number) => {
    const chosen: number[] = new Array(steps.length);
    let j = index;
    for (let s = steps.length - 1; s >= 0; s--) {
      const step = steps[s] as Step;
      chosen[s] = step.cls[j] as number;
      j = step.parent[j] as number;
    }
    return chosen;
  };
  return {
    space,
    points,
    count,
    exact: epsilon === 0,
    epsilon,
    utilitiesAt: (index) => points.slice(index * n, index * n + n),
    packagesAt(index, limit = 10) {
      const chosen = classesOf(index);
      const combos = chosen.map((c, s) => groups[s]?.classes[c]?.combos ?? []);
      const total = combos.reduce((product, list) => product * list.length, 1);
      const packages: Package[] = [];
      const choice = new Int32Array(space.issues.length);
      const expand = (s: number) => {
        if (packages.length >= limit) return;
        if (s === groups.length) {
          packages.push(packageOf(space, choice));
          return;
        }
        for (const combo of combos[s] ?? []) {
          (groups[s]?.issues ?? []).forEach((issue, j) => {
            choice[issue] = combo[j] as number;
          });
          expand(s + 1);
          if (packages.length >= limit) return;
        }
      };
      expand(0);
      return { packages, total };
    },
  };
}

/**
 * Thins an over-large frontier: with two parties, along the frontier a point
 * is dropped when it gains at most δ over the last kept one (so the kept one
 * is within δ of it everywhere); with more, one point per cell of a δ-grid.
 * δ doubles until the frontier fits; the δ used is returned.
 */
function thin(
  candidates: Float64Array,
  kept: Int32Array,
  n: number,
  delta: number,
  maxPoints: number,
): { kept: Int32Array; delta: number } {
  let step = delta;
  for (;;) {
    const result =
      n === 2 ? thinAlong(candidates, kept, step) : thinGrid(candidates, kept, n, step);
    if (result.length <= maxPoints || step >= 1) return { kept: result, delta: step };
    step *= 2;
  }
}

/** `kept` is in decreasing order of the first utility, so the second increases along it. */
function thinAlong(candidates: Float64Array, kept: Int32Array, delta: number): Int32Array {
  const result: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const index of kept) {
    const u1 = candidates[2 * index + 1] as number;
    if (result.length === 0 || u1 - last > delta) {
      result.push(index);
      last = u1;
    }
  }
  return Int32Array.from(result);
}

function thinGrid(
  candidates: Float64Array,
  kept: Int32Array,
  n: number,
  delta: number,
): Int32Array {
  const best = new Map<string, { index: number; sum: number }>();
  for (const index of kept) {
    let key = '';
    let sum = 0;
    for (let p = 0; p < n; p++) {
      const u = candidates[index * n + p] as number;
      key += `${Math.floor(u / delta)},`;
      sum += u;
    }
    const current = best.get(key);
    if (current === undefined || sum > current.sum) best.set(key, { index, sum });
  }
  return Int32Array.from([...best.values()].map((entry) => entry.index));
}

/**
 * Two parties, frontier already approximate: the candidates (point f plus
 * class c, id f·k + c) fall into buckets δ wide along the second utility; each
 * bucket keeps its best first utility, and a sweep from the top bucket down
 * keeps the representatives no higher bucket beats. A dropped candidate has a
 * kept one at most δ worse in the second utility and no worse in the first.
 * O(candidates + buckets); the result is in decreasing order of the first
 * utility, like the exact filter's.
 */
function bucketFilter2(
  points: Float64Array,
  count: number,
  vectors: Float64Array,
  k: number,
  delta: number,
  maxPoints: number,
): { kept: Int32Array; delta: number } {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let f = 0; f < count; f++)
    for (let c = 0; c < k; c++) {
      const u1 = (points[2 * f + 1] as number) + (vectors[2 * c + 1] as number);
      if (u1 < low) low = u1;
      if (u1 > high) high = u1;
    }
  let width = delta;
  while ((high - low) / width + 1 > maxPoints) width *= 2;
  const buckets = Math.floor((high - low) / width) + 1;
  const best = new Float64Array(buckets).fill(Number.NEGATIVE_INFINITY);
  const who = new Int32Array(buckets).fill(-1);
  for (let f = 0; f < count; f++)
    for (let c = 0; c < k; c++) {
      const u0 = (points[2 * f] as number) + (vectors[2 * c] as number);
      const u1 = (points[2 * f + 1] as number) + (vectors[2 * c + 1] as number);
      const b = Math.min(buckets - 1, Math.floor((u1 - low) / width));
      if (u0 > (best[b] as number)) {
        best[b] = u0;
        who[b] = f * k + c;
      }
    }
  const kept: number[] = [];
  let beat = Number.NEGATIVE_INFINITY;
  for (let b = buckets - 1; b >= 0; b--) {
    if ((who[b] as number) >= 0 && (best[b] as number) > beat + TIE_TOLERANCE) {
      kept.push(who[b] as number);
      beat = best[b] as number;
    }
  }
  return { kept: Int32Array.from(kept.reverse()), delta: width };
}

/** Every point plus every class vector: candidate f·k + c is point f plus class c. */
function minkowskiSum(
  points: Float64Array,
  count: number,
  vectors: Float64Array,
  k: number,
  n: number,
): Float64Array {
  const candidates = new Float64Array(count * k * n);
  let at = 0;
  for (let f = 0; f < count; f++) {
    const base = f * n;
    for (let c = 0; c < k; c++) {
      const shift = c * n;
      for (let p = 0; p < n; p++)
        candidates[at++] = (points[base + p] as number) + (vectors[shift + p] as number);
    }
  }
  return candidates;
}

/** The kept candidates' points, with where each came from. */
function keptStep(
  points: Float64Array,
  kept: Int32Array,
  vectors: Float64Array,
  k: number,
  n: number,
): Step & { points: Float64Array } {
  const next = new Float64Array(kept.length * n);
  const parent = new Int32Array(kept.length);
  const cls = new Int32Array(kept.length);
  for (let j = 0; j < kept.length; j++) {
    const id = kept[j] as number;
    const f = (id / k) | 0;
    const c = id - f * k;
    for (let p = 0; p < n; p++)
      next[j * n + p] = (points[f * n + p] as number) + (vectors[c * n + p] as number);
    parent[j] = f;
    cls[j] = c;
  }
  return { points: next, parent, cls };
}
