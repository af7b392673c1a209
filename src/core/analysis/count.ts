/**
 * How many packages are acceptable: within everyone's red lines and at or
 * above every party's reservation value (less `TIE_TOLERANCE`, as in
 * `bruteAcceptable`). Spaces have up to ~10^20 packages, so counts are
 * `bigint` and nothing enumerates packages one by one. Work is measured in
 * elementary steps (one utility added and compared); each exact method gives
 * up past `budget` steps (default 3·10^7, roughly 0.1–0.3 s each) and the
 * next is tried:
 *
 * 1. Enumeration of option classes (tiny spaces, ≤ 4096 class combinations).
 * 2. Branch and bound over the groups, most spread-out groups first: a partial
 *    package whose worst completion is acceptable to all adds all its
 *    completions at once (a product of multiplicities); one whose best
 *    completion fails someone is pruned. Fast when reservation values are far
 *    from the typical package (almost all or almost none acceptable);
 *    exponential when many packages sit near the reservation values.
 * 3. Two parties only, meet in the middle: the groups are split in two halves,
 *    the distinct utility vectors of each half are built group by group with
 *    their multiplicities (vectors closer than 2^-40 are merged; values on a
 *    grid such as tenths × weights keep this small), then pairs are counted
 *    by a sweep over the first utility with a Fenwick tree over the second:
 *    O(V log V) for V distinct vectors per half. Applies when each half has
 *    at most 2^53 packages and `MAX_HALF_VECTORS` distinct vectors: 30 issues
 *    × 5 options on a tenths grid is ~10^5 vectors per half and ~0.1 s.
 * 4. Otherwise Monte Carlo: packages sampled uniformly within the red lines
 *    (each group independently, a class with probability ∝ its combinations),
 *    seeded; a Wilson 95% interval. O(samples × groups).
 *
 * Exactness: the exact methods add utilities group by group (brute force adds
 * them issue by issue), so a package whose utility lies within ~10^-12 of
 * `reservation − TIE_TOLERANCE` may be counted differently; packages that tie
 * with a reservation value exactly are counted as acceptable, as brute force does.
 */

import type { CompiledSpace } from './compiled-space.ts';
import { TIE_TOLERANCE } from './pareto.ts';
import { seededRandom } from './random.ts';

/** The number of acceptable packages, exact or estimated; `total` counts the packages within the red lines. */
export type AcceptableCount =
  | {
      kind: 'exact';
      count: bigint;
      total: bigint;
      method: 'enumeration' | 'branch-and-bound' | 'meet-in-the-middle';
    }
  | {
      kind: 'estimate';
      estimate: number;
      low: number;
      high: number;
      total: bigint;
      samples: number;
      hits: number;
      confidence: 0.95;
      method: 'monte-carlo';
    };

export type AcceptableEstimate = Extract<AcceptableCount, { kind: 'estimate' }>;

export interface CountOptions {
  /** Seed of the Monte Carlo sampler (default 1). */
  readonly seed?: number;
  /** Monte Carlo samples (default 100,000). */
  readonly samples?: number;
  /** Elementary steps each exact method may spend before giving up. */
  readonly budget?: number;
}

export const DEFAULT_BUDGET = 30_000_000;
export const DEFAULT_SAMPLES = 100_000;
/** Most distinct utility vectors per half in meet in the middle. */
export const MAX_HALF_VECTORS = 2_000_000;
const ENUMERATION_LIMIT = 4096;
const Z95 = 1.959963984540054;
const OUT_OF_BUDGET = Symbol('out of budget');

/** Counts the acceptable packages exactly when the budget allows, else estimates them. */
export function countAcceptable(space: CompiledSpace, options: CountOptions = {}): AcceptableCount {
  const budget = options.budget ?? DEFAULT_BUDGET;
  const total = totalPackages(space);
  const combinations = space.groups.reduce((product, group) => product * group.classes.length, 1);
  if (combinations <= ENUMERATION_LIMIT) {
    const count = countByEnumeration(space, budget);
    if (count !== undefined) return { kind: 'exact', count, total, method: 'enumeration' };
  } else {
    const count = countByBranchAndBound(space, budget);
    if (count !== undefined) return { kind: 'exact', count, total, method: 'branch-and-bound' };
  }
  const count = countByMeetInTheMiddle(space, budget);
  if (count !== undefined) return { kind: 'exact', count, total, method: 'meet-in-the-middle' };
  return estimateByMonteCarlo(space, options.samples ?? DEFAULT_SAMPLES, options.seed ?? 1);
}

/** Packages within the red lines: the product over groups of their allowed combinations. */
export function totalPackages(space: CompiledSpace): bigint {
  if (space.groups.length === 0 && space.issues.length > 0) return 0n;
  return space.groups.reduce(
    (product, group) =>
      product * BigInt(group.classes.reduce((sum, cls) => sum + cls.combos.length, 0)),
    1n,
  );
}

/** A group as flat arrays: `size` classes, their vectors (`size` × parties) and multiplicities. */
interface Table {
  readonly size: number;
  readonly vectors: Float64Array;
  readonly weights: Float64Array;
  /** Σ weights: the group's allowed combinations. */
  readonly weight: number;
}

interface Prepared {
  readonly n: number;
  /** reservation − TIE_TOLERANCE per party. */
  readonly floor: Float64Array;
  readonly tables: readonly Table[];
  readonly total: bigint;
}

function prepare(space: CompiledSpace): Prepared {
  const n = space.parties.length;
  const tables = space.groups.map((group): Table => {
    const size = group.classes.length;
    const vectors = new Float64Array(size * n);
    const weights = new Float64Array(size);
    group.classes.forEach((cls, c) => {
      vectors.set(cls.vector, c * n);
      weights[c] = cls.combos.length;
    });
    return { size, vectors, weights, weight: weights.reduce((a, b) => a + b, 0) };
  });
  const floor = space.reservations.map((r) => r - TIE_TOLERANCE);
  return { n, floor, tables, total: totalPackages(space) };
}

function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (error === OUT_OF_BUDGET) return undefined;
    throw error;
  }
}

/** Exact count by visiting every combination of classes; `undefined` past `budget` steps. */
export function countByEnumeration(
  space: CompiledSpace,
  budget = DEFAULT_BUDGET,
): bigint | undefined {
  const { n, floor, tables, total } = prepare(space);
  if (total === 0n) return 0n;
  const sums = new Float64Array((tables.length + 1) * n);
  let steps = 0;
  let count = 0n;
  const visit = (k: number, weight: bigint): void => {
    const table = tables[k];
    if (table === undefined) {
      for (let p = 0; p < n; p++) if ((sums[k * n + p] as number) < (floor[p] as number)) return;
      count += weight;
      return;
    }
    for (let c = 0; c < table.size; c++) {
      steps += n;
      if (steps > budget) throw OUT_OF_BUDGET;
      for (let p = 0; p < n; p++)
        sums[(k + 1) * n + p] = (sums[k * n + p] as number) + (table.vectors[c * n + p] as number);
      visit(k + 1, weight * BigInt(table.weights[c] as number));
    }
  };
  return attempt(() => {
    visit(0, 1n);
    return count;
  });
}

/** Exact count by branch and bound over the groups; `undefined` past `budget` steps. */
export function countByBranchAndBound(
  space: CompiledSpace,
  budget = DEFAULT_BUDGET,
): bigint | undefined {
  const prepared = prepare(space);
  const { n, floor, total } = prepared;
  if (total === 0n) return 0n;
  const spread = (table: Table) => {
    let sum = 0;
    for (let p = 0; p < n; p++) {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < table.size; c++) {
        min = Math.min(min, table.vectors[c * n + p] as number);
        max = Math.max(max, table.vectors[c * n + p] as number);
      }
      sum += max - min;
    }
    return sum;
  };
  const tables = [...prepared.tables].sort((a, b) => spread(b) - spread(a));
  const g = tables.length;
  // low/high[k]: the least/most groups k… can still add, per party; rest[k]: their combinations.
  const low = new Float64Array((g + 1) * n);
  const high = new Float64Array((g + 1) * n);
  const restBig: bigint[] = new Array(g + 1).fill(1n);
  const restNum = new Float64Array(g + 1).fill(1);
  for (let k = g - 1; k >= 0; k--) {
    const table = tables[k] as Table;
    for (let p = 0; p < n; p++) {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < table.size; c++) {
        min = Math.min(min, table.vectors[c * n + p] as number);
        max = Math.max(max, table.vectors[c * n + p] as number);
      }
      low[k * n + p] = (low[(k + 1) * n + p] as number) + min;
      high[k * n + p] = (high[(k + 1) * n + p] as number) + max;
    }
    restBig[k] = (restBig[k + 1] as bigint) * BigInt(table.weight);
    restNum[k] = Number(restBig[k]);
  }
  const safe = restBig.map((rest) => rest <= BigInt(Number.MAX_SAFE_INTEGER));
  const sums = new Float64Array((g + 1) * n);
  let steps = 0;
  /** 1: every completion of sums[k] is acceptable; −1: none is; 0: undecided. */
  const verdict = (k: number): number => {
    let all = 1;
    for (let p = 0; p < n; p++) {
      const s = sums[k * n + p] as number;
      if (s + (high[k * n + p] as number) < (floor[p] as number)) return -1;
      if (s + (low[k * n + p] as number) < (floor[p] as number)) all = 0;
    }
    return all;
  };
  const extend = (k: number, table: Table, c: number) => {
    for (let p = 0; p < n; p++)
      sums[(k + 1) * n + p] = (sums[k * n + p] as number) + (table.vectors[c * n + p] as number);
  };
  // Counts below 2^53 (safe[k]) are added as numbers, exactly; larger ones as bigints.
  const small = (k: number): number => {
    const table = tables[k] as Table;
    steps += table.size * n;
    if (steps > budget) throw OUT_OF_BUDGET;
    let count = 0;
    for (let c = 0; c < table.size; c++) {
      extend(k, table, c);
      const v = verdict(k + 1);
      if (v === 1) count += (table.weights[c] as number) * (restNum[k + 1] as number);
      else if (v === 0) count += (table.weights[c] as number) * small(k + 1);
    }
    return count;
  };
  const large = (k: number): bigint => {
    const table = tables[k] as Table;
    steps += table.size * n;
    if (steps > budget) throw OUT_OF_BUDGET;
    let count = 0n;
    for (let c = 0; c < table.size; c++) {
      extend(k, table, c);
      const v = verdict(k + 1);
      const weight = BigInt(table.weights[c] as number);
      if (v === 1) count += weight * (restBig[k + 1] as bigint);
      else if (v === 0) count += weight * (safe[k + 1] ? BigInt(small(k + 1)) : large(k + 1));
    }
    return count;
  };
  return attempt(() => {
    const v = verdict(0);
    if (v !== 0) return v === 1 ? total : 0n;
    return safe[0] ? BigInt(small(0)) : large(0);
  });
}

/** Distinct utility vectors of half the groups (two parties), with their multiplicities. */
interface Half {
  readonly size: number;
  readonly u0: Float64Array;
  readonly u1: Float64Array;
  readonly weights: Float64Array;
}

const SCALE = 2 ** 40;

/**
 * Exact count for two parties by meet in the middle; `undefined` for other
 * numbers of parties, past `budget` steps, or when a half has more than 2^53
 * packages or `maxVectors` distinct utility vectors.
 */
export function countByMeetInTheMiddle(
  space: CompiledSpace,
  budget = DEFAULT_BUDGET,
  maxVectors = MAX_HALF_VECTORS,
): bigint | undefined {
  const { n, floor, tables, total } = prepare(space);
  if (n !== 2) return undefined;
  if (total === 0n) return 0n;
  const halves: [Table[], Table[]] = [[], []];
  const logs = [0, 0];
  const products = [1, 1];
  for (const table of [...tables].sort((a, b) => b.size - a.size)) {
    const side = (logs[0] as number) <= (logs[1] as number) ? 0 : 1;
    halves[side].push(table);
    logs[side] = (logs[side] as number) + Math.log(table.size);
    products[side] = (products[side] as number) * table.weight;
  }
  if (products.some((product) => product > Number.MAX_SAFE_INTEGER)) return undefined;
  const work = { steps: 0, budget };
  const a = halfSums(halves[0], maxVectors, work);
  const b = a && halfSums(halves[1], maxVectors, work);
  if (a === undefined || b === undefined) return undefined;
  work.steps += 4 * (a.size + b.size) * Math.log2(a.size + b.size + 1);
  if (work.steps > budget) return undefined;
  return countPairs(a, b, floor[0] as number, floor[1] as number);
}

function halfSums(
  tables: readonly Table[],
  maxVectors: number,
  work: { steps: number; budget: number },
): Half | undefined {
  let half: Half = {
    size: 1,
    u0: new Float64Array(1),
    u1: new Float64Array(1),
    weights: new Float64Array([1]),
  };
  for (const table of tables) {
    work.steps += half.size * table.size;
    if (work.steps > work.budget) return undefined;
    const next = new SumTable(Math.min(half.size * table.size, maxVectors));
    for (let i = 0; i < half.size; i++) {
      const x = half.u0[i] as number;
      const y = half.u1[i] as number;
      const w = half.weights[i] as number;
      for (let c = 0; c < table.size; c++)
        next.add(
          x + (table.vectors[2 * c] as number),
          y + (table.vectors[2 * c + 1] as number),
          w * (table.weights[c] as number),
        );
      if (next.size > maxVectors) return undefined;
    }
    half = next.compact();
  }
  return half;
}

/** Open-addressing table of 2-D vectors keyed on a 2^-40 grid, summing their weights. */
class SumTable {
  size = 0;
  private mask: number;
  private u0: Float64Array;
  private u1: Float64Array;
  private weights: Float64Array;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < 2 * Math.min(expected, 1 << 16)) capacity *= 2;
    this.mask = capacity - 1;
    this.u0 = new Float64Array(capacity);
    this.u1 = new Float64Array(capacity);
    this.weights = new Float64Array(capacity);
  }

  add(x: number, y: number, weight: number): void {
    const qx = Math.round(x * SCALE);
    const qy = Math.round(y * SCALE);
    let h = Math.imul((qx >>> 0) ^ Math.imul((qx / 4294967296) | 0, 0x27d4eb2d), 0x9e3779b1);
    h ^= Math.imul((qy >>> 0) ^ Math.imul((qy / 4294967296) | 0, 0x165667b1), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    for (let i = (h ^ (h >>> 13)) & this.mask; ; i = (i + 1) & this.mask) {
      if (this.weights[i] === 0) {
        this.u0[i] = x;
        this.u1[i] = y;
        this.weights[i] = weight;
        if (++this.size * 2 > this.mask) this.grow();
        return;
      }
      if (
        Math.round((this.u0[i] as number) * SCALE) === qx &&
        Math.round((this.u1[i] as number) * SCALE) === qy
      ) {
        this.weights[i] = (this.weights[i] as number) + weight;
        return;
      }
    }
  }

  compact(): Half {
    const u0 = new Float64Array(this.size);
    const u1 = new Float64Array(this.size);
    const weights = new Float64Array(this.size);
    let k = 0;
    for (let i = 0; i <= this.mask; i++) {
      if (this.weights[i] === 0) continue;
      u0[k] = this.u0[i] as number;
      u1[k] = this.u1[i] as number;
      weights[k++] = this.weights[i] as number;
    }
    return { size: k, u0, u1, weights };
  }

  private grow(): void {
    const old = this.compact();
    const capacity = 2 * (this.mask + 1);
    this.mask = capacity - 1;
    this.u0 = new Float64Array(capacity);
    this.u1 = new Float64Array(capacity);
    this.weights = new Float64Array(capacity);
    this.size = 0;
    for (let i = 0; i < old.size; i++)
      this.add(old.u0[i] as number, old.u1[i] as number, old.weights[i] as number);
  }
}

/** Σ w_a·w_b over pairs with a0 + b0 ≥ floor0 and a1 + b1 ≥ floor1: sweep on a0 up, b0 down; Fenwick tree on b1. */
function countPairs(a: Half, b: Half, floor0: number, floor1: number): bigint {
  const byA = order(a.u0, a.size, 1);
  const byB = order(b.u0, b.size, -1);
  const ys = b.u1.slice(0, b.size).sort();
  const tree = new Float64Array(b.size + 1);
  let added = 0;
  let j = 0;
  let big = 0n;
  let acc = 0;
  for (const i of byA) {
    const x = a.u0[i] as number;
    for (; j < b.size && x + (b.u0[byB[j] as number] as number) >= floor0; j++) {
      const k = byB[j] as number;
      const w = b.weights[k] as number;
      added += w;
      const rank = firstIndex(ys, (y) => y >= (b.u1[k] as number));
      for (let r = rank + 1; r <= b.size; r += r & -r) tree[r] = (tree[r] as number) + w;
    }
    const y = a.u1[i] as number;
    const rank = firstIndex(ys, (v) => y + v >= floor1);
    let below = 0;
    for (let r = rank; r > 0; r -= r & -r) below += tree[r] as number;
    const product = (a.weights[i] as number) * (added - below);
    if (product < 2 ** 52) {
      acc += product;
      if (acc >= 2 ** 52) {
        big += BigInt(acc);
        acc = 0;
      }
    } else big += BigInt(a.weights[i] as number) * BigInt(added - below);
  }
  return big + BigInt(acc);
}

/** Indices 0…size−1 in increasing (`direction` 1) or decreasing (−1) order of `values`. */
function order(values: Float64Array, size: number, direction: 1 | -1): Int32Array {
  const indices = new Int32Array(size);
  for (let i = 0; i < size; i++) indices[i] = i;
  return indices.sort((i, j) => direction * ((values[i] as number) - (values[j] as number)));
}

/** The first index of sorted `values` where the monotone `test` holds (`values.length` if none). */
function firstIndex(values: Float64Array, test: (value: number) => boolean): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(values[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Estimate from `samples` packages drawn uniformly within the red lines, with a Wilson 95% interval. */
export function estimateByMonteCarlo(
  space: CompiledSpace,
  samples = DEFAULT_SAMPLES,
  seed = 1,
): AcceptableEstimate {
  const { n, floor, tables, total } = prepare(space);
  const count = total === 0n ? 0 : Math.max(1, Math.floor(samples));
  const cumulative = tables.map((table) => {
    let sum = 0;
    return table.weights.map((w) => {
      sum += w;
      return sum;
    });
  });
  const random = seededRandom(seed);
  const u = new Float64Array(n);
  let hits = 0;
  for (let s = 0; s < count; s++) {
    u.fill(0);
    tables.forEach((table, g) => {
      const r = random() * table.weight;
      const c = firstIndex(cumulative[g] as Float64Array, (sum) => sum > r);
      for (let p = 0; p < n; p++) u[p] = (u[p] as number) + (table.vectors[c * n + p] as number);
    });
    let ok = true;
    for (let p = 0; p < n && ok; p++) ok = (u[p] as number) >= (floor[p] as number);
    if (ok) hits++;
  }
  const scale = Number(total);
  const [low, high] = count === 0 ? [0, 0] : wilson(hits, count);
  return {
    kind: 'estimate',
    estimate: count === 0 ? 0 : (scale * hits) / count,
    low: scale * low,
    high: scale * high,
    total,
    samples: count,
    hits,
    confidence: 0.95,
    method: 'monte-carlo',
  };
}

/** Wilson score interval of a proportion at 95%. */
function wilson(hits: number, samples: number): [number, number] {
  const p = hits / samples;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / samples;
  const centre = (p + z2 / (2 * samples)) / denominator;
  const half =
    (Z95 * Math.sqrt((p * (1 - p)) / samples + z2 / (4 * samples * samples))) / denominator;
  return [Math.max(0, Math.min(p, centre - half)), Math.min(1, Math.max(p, centre + half))];
}
