/**
 * The exact counts that walk the groups one class at a time: enumeration of
 * every combination of classes (tiny spaces), and branch and bound, which
 * adds or prunes a partial package's completions at once when its worst
 * completion is acceptable to all or its best fails someone.
 */

import type { CompiledSpace } from './compiled-space.ts';
import { attempt, DEFAULT_BUDGET, OUT_OF_BUDGET, prepare, type Table } from './count-tables.ts';

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
