/**
 * Exact count for two or three parties by meet in the middle: the groups
 * are split in two halves whose distinct utility vectors are built with
 * their multiplicities (`SumTable`), then each vector of one half is matched
 * with the vectors of the other that complete it to an acceptable package
 * (`matches2`, `matches3`).
 */

import type { CompiledSpace } from './compiled-space.ts';
import { matches2, matches3 } from './count-matches.ts';
import { type Half, SumTable } from './count-sum-table.ts';
import { DEFAULT_BUDGET, prepare, type Table } from './count-tables.ts';

/** Most distinct utility vectors per half in meet in the middle (its hash table then takes ~120 MB with three parties). */
export const MAX_HALF_VECTORS = 1_000_000;

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
