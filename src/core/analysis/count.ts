/**
 * How many packages are acceptable: within everyone's red lines and at or
 * above every party's reservation value (less `TIE_TOLERANCE`, as in
 * `bruteAcceptable`). Spaces have up to ~10^20 packages and more, so counts
 * are `bigint` and nothing lists packages one by one. Work is measured in
 * steps (one party's utility extended and compared in branch and bound; the
 * other operations are weighted by their measured cost). An exact method
 * gives up past its budget (default 10^8 steps, ~0.3–1 s) and the next
 * one is tried, in this order:
 *
 * 1. Tiny spaces (≤ 4096 combinations of option classes): enumeration.
 * 2. Branch and bound over the groups, the groups that move utilities most
 *    first. A partial package whose worst completion is acceptable to all
 *    adds all its completions at once (a product of multiplicities, suffix
 *    products precomputed); one whose best completion fails someone is
 *    pruned. Fast when few packages sit near the reservation values (almost
 *    all or almost none acceptable), exponential when many do. With two or
 *    three parties it gets a quarter of the budget: it either finishes fast
 *    or explodes, and meet in the middle comes next.
 * 3. Two or three parties: meet in the middle. Groups of one class only
 *    shift the utilities and multiply the count; the others are split in two
 *    halves whose distinct utility vectors are built group by group, with
 *    multiplicities, in a hash table (vectors closer than 2^-40 are merged;
 *    values on a grid, such as tenths × integer weights, keep them few). Then
 *    for each vector a of one half, the weight of the vectors b of the other
 *    with a + b ≥ reservations: two parties by a sweep over the first utility
 *    with a Fenwick tree over the second, O(V log V); three parties by CDQ
 *    divide and conquer, O(V log² V), for V distinct vectors per half. Needs
 *    each half to have at most 2^53 packages (multiplicities stay exact as
 *    numbers; products and the total are bigints) and `MAX_HALF_VECTORS`
 *    distinct vectors. 2 parties × 30 issues × 5 options on a tenths grid:
 *    ~7·10^4 vectors per half; 3 parties × 20 × 5: millions, so it gives up.
 * 4. Otherwise Monte Carlo: packages drawn uniformly within the red lines
 *    (each group independently, a class with probability ∝ its
 *    combinations), seeded, deterministic; a Wilson 95% interval scaled by
 *    the total. O(samples × groups × log classes).
 *
 * Exactness: the exact methods add utilities group by group (brute force adds
 * them issue by issue), so a package whose utility lies within ~10^-11 of
 * `reservation − TIE_TOLERANCE` may be counted differently; a package whose
 * utility equals a reservation value is acceptable, as in brute force.
 */

import type { CompiledSpace } from './compiled-space.ts';
import { TIE_TOLERANCE } from './pareto.ts';
import { sampleUtilities } from './sample.ts';

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

/** A Monte Carlo estimate of the acceptable packages. */
export type AcceptableEstimate = Extract<AcceptableCount, { kind: 'estimate' }>;

/** How hard to try before estimating, and how to estimate. */
export interface CountOptions {
  /** Seed of the Monte Carlo sampler (default 1). */
  readonly seed?: number;
  /** Monte Carlo samples (default 100,000). */
  readonly samples?: number;
  /** Elementary steps each exact method may spend before giving up. */
  readonly budget?: number;
}

/** Steps each exact method may take by default (branch and bound takes a quarter when meet in the middle follows). */
export const DEFAULT_BUDGET = 100_000_000;
/** Monte Carlo samples by default: the 95% interval is within ±0.3% of the total. */
export const DEFAULT_SAMPLES = 100_000;
/** Most distinct utility vectors per half in meet in the middle (its hash table then takes ~120 MB with three parties). */
export const MAX_HALF_VECTORS = 1_000_000;
const ENUMERATION_LIMIT = 4096;
const Z95 = 1.959963984540054;
const OUT_OF_BUDGET = Symbol('out of budget');

/**
 * The acceptable packages of `space`: counted exactly by the first method
 * that fits in the budget (enumeration or branch and bound, then meet in the
 * middle), else estimated by Monte Carlo. Deterministic for given options.
 */
export function countAcceptable(space: CompiledSpace, options: CountOptions = {}): AcceptableCount {
  const budget = options.budget ?? DEFAULT_BUDGET;
  const total = totalPackages(space);
  const combinations = space.groups.reduce((product, group) => product * group.classes.length, 1);
  const halves = space.parties.length <= 3;
  if (combinations <= ENUMERATION_LIMIT) {
    const count = countByEnumeration(space, budget);
    if (count !== undefined) return { kind: 'exact', count, total, method: 'enumeration' };
  } else {
    // Branch and bound either finishes fast or explodes: with meet in the middle to come, a quarter will do.
    const count = countByBranchAndBound(space, halves ? budget / 4 : budget);
    if (count !== undefined) return { kind: 'exact', count, total, method: 'branch-and-bound' };
  }
  const count = halves ? countByMeetInTheMiddle(space, budget) : undefined;
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
  const tables = [...prepared.tables].sort((a, b) => spread(b, n) - spread(a, n));
  const g = tables.length;
  // low/high[k]: the least/most groups k… can still add, per party; rest[k]: their combinations.
  const low = new Float64Array((g + 1) * n);
  const high = new Float64Array((g + 1) * n);
  const restBig: bigint[] = new Array(g + 1).fill(1n);
  for (let k = g - 1; k >= 0; k--) {
    const table = tables[k] as Table;
    for (let p = 0; p < n; p++) {
      const [min, max] = range(table, n, p);
      low[k * n + p] = (low[(k + 1) * n + p] as number) + min;
      high[k * n + p] = (high[(k + 1) * n + p] as number) + max;
    }
    restBig[k] = (restBig[k + 1] as bigint) * BigInt(table.weight);
  }
  const restNum = Float64Array.from(restBig, Number);
  const safe = restBig.map((rest) => rest <= BigInt(Number.MAX_SAFE_INTEGER));
  const sums = new Float64Array((g + 1) * n);
  const work = { steps: 0 };
  /** Sets sums[k + 1] to sums[k] + class c; 1: every completion is acceptable, −1: none is, 0: undecided. */
  const extend = (k: number, vectors: Float64Array, c: number): number => {
    let verdict = 1;
    const at = (k + 1) * n;
    for (let p = 0; p < n; p++) {
      const s = (sums[k * n + p] as number) + (vectors[c * n + p] as number);
      sums[at + p] = s;
      if (s + (high[at + p] as number) < (floor[p] as number)) return -1;
      if (s + (low[at + p] as number) < (floor[p] as number)) verdict = 0;
    }
    return verdict;
  };
  // Below 2^53 combinations (safe[k]) counts are exact as numbers; above, bigints.
  const small = (k: number): number => {
    const table = tables[k] as Table;
    work.steps += table.size * n;
    if (work.steps > budget) throw OUT_OF_BUDGET;
    const { vectors, weights } = table;
    const rest = restNum[k + 1] as number;
    let count = 0;
    for (let c = 0; c < table.size; c++) {
      const verdict = extend(k, vectors, c);
      if (verdict === 1) count += (weights[c] as number) * rest;
      else if (verdict === 0) count += (weights[c] as number) * small(k + 1);
    }
    return count;
  };
  const large = (k: number): bigint => {
    const table = tables[k] as Table;
    work.steps += table.size * n;
    if (work.steps > budget) throw OUT_OF_BUDGET;
    let count = 0n;
    for (let c = 0; c < table.size; c++) {
      const verdict = extend(k, table.vectors, c);
      const weight = BigInt(table.weights[c] as number);
      if (verdict === 1) count += weight * (restBig[k + 1] as bigint);
      else if (verdict === 0) count += weight * (safe[k + 1] ? BigInt(small(k + 1)) : large(k + 1));
    }
    return count;
  };
  let root = 1;
  for (let p = 0; p < n; p++) {
    if ((high[p] as number) < (floor[p] as number)) return 0n;
    if ((low[p] as number) < (floor[p] as number)) root = 0;
  }
  if (root === 1) return total;
  return attempt(() => (safe[0] ? BigInt(small(0)) : large(0)));
}

/** Least and most a group adds to party p. */
function range(table: Table, n: number, p: number): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < table.size; c++) {
    min = Math.min(min, table.vectors[c * n + p] as number);
    max = Math.max(max, table.vectors[c * n + p] as number);
  }
  return [min, max];
}

/** How much a group can move the utilities, summed over the parties (groups that matter most go first). */
function spread(table: Table, n: number): number {
  let sum = 0;
  for (let p = 0; p < n; p++) {
    const [min, max] = range(table, n, p);
    sum += max - min;
  }
  return sum;
}

/** Distinct utility vectors of some groups, with their multiplicities. */
interface Half {
  readonly size: number;
  /** `size` × parties. */
  readonly vectors: Float64Array;
  readonly weights: Float64Array;
}

/** Sums closer than about 2^-40 are merged (one of them stands for all). */
const SCALE = 2 ** 40;

/**
 * Exact count for two or three parties by meet in the middle; `undefined`
 * for more parties, past `budget` steps, or when a half has more than 2^53
 * packages or `maxVectors` distinct utility vectors.
 */
export function countByMeetInTheMiddle(
  space: CompiledSpace,
  budget = DEFAULT_BUDGET,
  maxVectors = MAX_HALF_VECTORS,
): bigint | undefined {
  const { n, floor, tables, total } = prepare(space);
  if (n !== 2 && n !== 3) return undefined;
  if (total === 0n) return 0n;
  // Groups of one class only shift the utilities and multiply the count.
  let factor = 1n;
  const start = new Float64Array(n);
  for (const table of tables.filter((t) => t.size === 1)) {
    factor *= BigInt(table.weight);
    for (let p = 0; p < n; p++) start[p] = (start[p] as number) + (table.vectors[p] as number);
  }
  const halves: [Table[], Table[]] = [[], []];
  const logs = [0, 0];
  const products = [1, 1];
  for (const table of tables.filter((t) => t.size > 1).sort((a, b) => b.size - a.size)) {
    const side = (logs[0] as number) <= (logs[1] as number) ? 0 : 1;
    halves[side].push(table);
    logs[side] = (logs[side] as number) + Math.log(table.size);
    products[side] = (products[side] as number) * table.weight;
  }
  if (products.some((product) => product > Number.MAX_SAFE_INTEGER)) return undefined;
  const work = { steps: 0, budget };
  const a = halfSums(halves[0], start, maxVectors, work);
  const b = a && halfSums(halves[1], new Float64Array(n), maxVectors, work);
  if (a === undefined || b === undefined) return undefined;
  const log = Math.log2(a.size + b.size + 2);
  work.steps += (a.size + b.size) * (n === 2 ? 5 * log : log * log);
  if (work.steps > budget) return undefined;
  const matches = n === 2 ? matches2(a, b, floor) : matches3(a, b, floor);
  // Σ w_a·matches_a: products of exact integers below 2^53, summed exactly by parts.
  let big = 0n;
  let acc = 0;
  for (let i = 0; i < a.size; i++) {
    const product = (a.weights[i] as number) * (matches[i] as number);
    if (product < 2 ** 52) {
      acc += product;
      if (acc >= 2 ** 52) {
        big += BigInt(acc);
        acc = 0;
      }
    } else big += BigInt(a.weights[i] as number) * BigInt(matches[i] as number);
  }
  return (big + BigInt(acc)) * factor;
}

/** The distinct sums of `start` and one class per group, group by group, merging equal sums. */
function halfSums(
  tables: readonly Table[],
  start: Float64Array,
  maxVectors: number,
  work: { steps: number; budget: number },
): Half | undefined {
  const n = start.length;
  let half: Half = { size: 1, vectors: start, weights: new Float64Array([1]) };
  const sum = new Float64Array(n);
  // A hash insertion costs about as much as 16 (two parties) or 40 (three) steps of branch and bound.
  const cost = n === 2 ? 16 : 40;
  let classesLeft = tables.reduce((left, table) => left + table.size, 0);
  for (const { size, vectors, weights } of tables) {
    // The half never shrinks, so the groups left need at least this much work: give up early.
    if (work.steps + cost * half.size * classesLeft > work.budget) return undefined;
    work.steps += cost * half.size * size;
    classesLeft -= size;
    const next = new SumTable(n, half.size * size);
    for (let i = 0; i < half.size; i++) {
      const w = half.weights[i] as number;
      for (let c = 0; c < size; c++) {
        for (let p = 0; p < n; p++)
          sum[p] = (half.vectors[i * n + p] as number) + (vectors[c * n + p] as number);
        next.add(sum, 0, w * (weights[c] as number));
      }
      if (next.size > maxVectors) return undefined;
    }
    half = next.compact();
  }
  return half;
}

/** Open-addressing hash table (linear probing, load ≤ 0.7) of vectors keyed on a 2^-40 grid, summing their weights. */
class SumTable {
  size = 0;
  private mask: number;
  /** Per slot: n keys, the weight (0: empty), the n values. */
  private slots: Float64Array;
  private readonly stride: number;
  private readonly keys: Float64Array;

  constructor(
    private readonly n: number,
    bound: number,
  ) {
    let capacity = 16;
    while (capacity < 2 * Math.min(bound, 1 << 15)) capacity *= 2;
    this.mask = capacity - 1;
    this.stride = 2 * n + 1;
    this.slots = new Float64Array(this.stride * capacity);
    this.keys = new Float64Array(n);
  }

  /** Adds the vector at `values[offset…offset + n)` with its weight. */
  add(values: Float64Array, offset: number, weight: number): void {
    const { n, mask, slots, stride, keys } = this;
    // murmur3-style mixing of the low and high 32 bits of the keys
    let h = 0x9747b28c;
    for (let p = 0; p < n; p++) {
      const key = Math.round((values[offset + p] as number) * SCALE);
      keys[p] = key;
      h = Math.imul(h ^ Math.imul(key >>> 0, 0xcc9e2d51), 0x1b873593);
      h = Math.imul(h ^ (h >>> 15) ^ ((key / 4294967296) | 0), 0x85ebca6b);
    }
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    for (let i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
      const at = stride * i;
      const stored = slots[at + n] as number;
      if (stored === 0) {
        for (let p = 0; p < n; p++) {
          slots[at + p] = keys[p] as number;
          slots[at + n + 1 + p] = values[offset + p] as number;
        }
        slots[at + n] = weight;
        if (++this.size * 10 > mask * 7) this.grow();
        return;
      }
      let same = slots[at] === keys[0];
      for (let p = 1; p < n && same; p++) same = slots[at + p] === keys[p];
      if (same) {
        slots[at + n] = stored + weight;
        return;
      }
    }
  }

  compact(): Half {
    const { n, slots, stride } = this;
    const vectors = new Float64Array(this.size * n);
    const weights = new Float64Array(this.size);
    let k = 0;
    for (let at = 0; at < slots.length; at += stride) {
      if (slots[at + n] === 0) continue;
      weights[k] = slots[at + n] as number;
      for (let p = 0; p < n; p++) vectors[k * n + p] = slots[at + n + 1 + p] as number;
      k++;
    }
    return { size: k, vectors, weights };
  }

  private grow(): void {
    const old = this.compact();
    this.mask = 2 * this.mask + 1;
    this.slots = new Float64Array(this.stride * (this.mask + 1));
    this.size = 0;
    for (let i = 0; i < old.size; i++) this.add(old.vectors, i * this.n, old.weights[i] as number);
  }
}

/** Rank of each b's coordinate p among B's distinct values, and the sorted distinct values. */
function ranks(b: Half, n: number, p: number): { values: Float64Array; rank: Int32Array } {
  const all = new Float64Array(b.size);
  for (let i = 0; i < b.size; i++) all[i] = b.vectors[i * n + p] as number;
  all.sort();
  let m = 0;
  for (let i = 0; i < all.length; i++)
    if (i === 0 || all[i] !== all[m - 1]) all[m++] = all[i] as number;
  const values = all.slice(0, m);
  const rank = new Int32Array(b.size);
  for (let i = 0; i < b.size; i++)
    rank[i] = firstAtLeast(values, 0, b.vectors[i * n + p] as number);
  return { values, rank };
}

/**
 * For each a: the weight of the b with a + b ≥ floor (two parties). a in
 * increasing first utility, b in decreasing first utility joins a Fenwick
 * tree over the ranks of its second utility once a₀ + b₀ clears floor₀.
 */
function matches2(a: Half, b: Half, floor: Float64Array): Float64Array {
  const byA = order(a.vectors, 2, a.size);
  const byB = order(b.vectors, 2, b.size).reverse();
  const { values, rank } = ranks(b, 2, 1);
  const tree = new Float64Array(values.length + 1);
  const matches = new Float64Array(a.size);
  const floor0 = floor[0] as number;
  const floor1 = floor[1] as number;
  let added = 0;
  let j = 0;
  for (const i of byA) {
    const x = a.vectors[2 * i] as number;
    for (; j < b.size && x + (b.vectors[2 * (byB[j] as number)] as number) >= floor0; j++) {
      const k = byB[j] as number;
      const w = b.weights[k] as number;
      added += w;
      for (let r = (rank[k] as number) + 1; r <= values.length; r += r & -r)
        tree[r] = (tree[r] as number) + w;
    }
    let below = 0;
    for (let r = firstAtLeast(values, a.vectors[2 * i + 1] as number, floor1); r > 0; r -= r & -r)
      below += tree[r] as number;
    matches[i] = added - below;
  }
  return matches;
}

/**
 * For each a: the weight of the b with a + b ≥ floor (three parties), by
 * CDQ divide and conquer: points (the b) and queries (the a) in decreasing
 * order of the first coordinate (as ranks among B's values, points first on
 * ties); each split adds the left half's points to the right half's queries
 * by a merge in decreasing second coordinate with a Fenwick tree over the
 * third. O(N log² N) for N = |A| + |B|.
 */
function matches3(a: Half, b: Half, floor: Float64Array): Float64Array {
  const coordinates = [0, 1, 2].map((p) => ranks(b, 3, p));
  const size = a.size + b.size;
  // Items 0…b.size−1 are points, the rest queries; key[item·3 + p] is a rank.
  const key = new Int32Array(size * 3);
  for (let p = 0; p < 3; p++) {
    const { values, rank } = coordinates[p] as { values: Float64Array; rank: Int32Array };
    for (let i = 0; i < b.size; i++) key[i * 3 + p] = rank[i] as number;
    for (let i = 0; i < a.size; i++)
      key[(b.size + i) * 3 + p] = firstAtLeast(
        values,
        a.vectors[i * 3 + p] as number,
        floor[p] as number,
      );
  }
  const items = new Int32Array(size);
  for (let i = 0; i < size; i++) items[i] = i;
  items.sort((i, j) => (key[j * 3] as number) - (key[i * 3] as number) || i - j);
  const zs = (coordinates[2] as { values: Float64Array }).values.length;
  const tree = new Float64Array(zs + 2);
  const matches = new Float64Array(a.size);
  const buffer = new Int32Array(size);
  const weightOf = (item: number) => b.weights[item] as number;
  // Fenwick over reversed z ranks, so that a prefix sums the z at or above a bound.
  const addAt = (z: number, w: number) => {
    for (let r = zs - z; r <= zs + 1; r += r & -r) tree[r] = (tree[r] as number) + w;
  };
  const atLeast = (z: number) => {
    let sum = 0;
    for (let r = zs - z; r > 0; r -= r & -r) sum += tree[r] as number;
    return sum;
  };
  const solve = (lo: number, hi: number) => {
    if (hi - lo < 2) return;
    const mid = (lo + hi) >>> 1;
    solve(lo, mid);
    solve(mid, hi);
    // Both halves are now in decreasing y; merge them, left first on ties.
    let i = lo;
    let j = mid;
    let k = lo;
    while (i < mid || j < hi) {
      const left = items[i] as number;
      const right = items[j] as number;
      if (j >= hi || (i < mid && (key[left * 3 + 1] as number) >= (key[right * 3 + 1] as number))) {
        if (left < b.size) addAt(key[left * 3 + 2] as number, weightOf(left));
        buffer[k++] = left;
        i++;
      } else {
        if (right >= b.size)
          matches[right - b.size] =
            (matches[right - b.size] as number) + atLeast(key[right * 3 + 2] as number);
        buffer[k++] = right;
        j++;
      }
    }
    for (let t = lo; t < mid; t++) {
      const item = items[t] as number;
      if (item < b.size) addAt(key[item * 3 + 2] as number, -weightOf(item));
    }
    items.set(buffer.subarray(lo, hi), lo);
  };
  solve(0, size);
  return matches;
}

/** Indices 0…size−1 in increasing order of `vectors[i · stride]`. */
function order(vectors: Float64Array, stride: number, size: number): Int32Array {
  const indices = new Int32Array(size);
  for (let i = 0; i < size; i++) indices[i] = i;
  return indices.sort((i, j) => (vectors[i * stride] as number) - (vectors[j * stride] as number));
}

/** The first index of increasing `values` where offset + value ≥ bound (`values.length` if none). */
function firstAtLeast(values: Float64Array, offset: number, bound: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offset + (values[mid] as number) >= bound) hi = mid;
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
  const { n, floor, total } = prepare(space);
  const count = total === 0n ? 0 : Math.max(1, Math.floor(samples));
  const u = sampleUtilities(space, count, seed);
  let hits = 0;
  for (let s = 0; s < count; s++) {
    let ok = true;
    for (let p = 0; p < n && ok; p++) ok = (u[s * n + p] as number) >= (floor[p] as number);
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
