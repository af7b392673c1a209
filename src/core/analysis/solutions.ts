/**
 * Bargaining solutions, read off the frontier of acceptable packages (every
 * party at or above its reservation value d, no red line crossed):
 *
 * - Nash: the largest product Π(uᵢ − dᵢ);
 * - Kalai–Smorodinsky: the largest t with uᵢ − dᵢ ≥ t·(idealᵢ − dᵢ) for all,
 *   idealᵢ being the best acceptable utility of party i;
 * - egalitarian: the largest smallest gain minᵢ(uᵢ − dᵢ);
 * - utilitarian: the largest sum Σuᵢ.
 *
 * Each grows when any party's utility grows, so a best package is always on
 * the frontier: reading the frontier is exact. Values within 1e-9 (relative)
 * are ties, and all tied points are reported.
 */

import type { Frontier } from './frontier.ts';
import { TIE_TOLERANCE } from './pareto.ts';

export const CRITERIA = ['nash', 'kalai-smorodinsky', 'egalitarian', 'utilitarian'] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface Solution {
  readonly criterion: Criterion;
  /** Frontier points tied for best. */
  readonly points: readonly number[];
  /** The criterion's value at the best points. */
  readonly value: number;
}

/** Frontier points acceptable to everyone (utility at or above the reservation value, within the tolerance). */
export function acceptablePoints(frontier: Frontier): number[] {
  const n = frontier.space.parties.length;
  const d = frontier.space.reservations;
  const result: number[] = [];
  for (let i = 0; i < frontier.count; i++) {
    let ok = true;
    for (let p = 0; p < n && ok; p++)
      ok = (frontier.points[i * n + p] as number) >= (d[p] as number) - TIE_TOLERANCE;
    if (ok) result.push(i);
  }
  return result;
}

/** Each party's best utility over acceptable packages (undefined when none is acceptable). */
export function idealPoint(
  frontier: Frontier,
  acceptable = acceptablePoints(frontier),
): Float64Array | undefined {
  if (acceptable.length === 0) return undefined;
  const n = frontier.space.parties.length;
  const ideal = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  for (const i of acceptable)
    for (let p = 0; p < n; p++)
      ideal[p] = Math.max(ideal[p] as number, frontier.points[i * n + p] as number);
  return ideal;
}

/** The function a criterion maximises, at a utility vector. */
export function criterionValue(
  criterion: Criterion,
  u: ArrayLike<number>,
  d: ArrayLike<number>,
  ideal?: ArrayLike<number>,
): number {
  const n = u.length;
  switch (criterion) {
    case 'nash': {
      let product = 1;
      for (let p = 0; p < n; p++) product *= Math.max(0, (u[p] as number) - (d[p] as number));
      return product;
    }
    case 'kalai-smorodinsky': {
      let worst = Number.POSITIVE_INFINITY;
      for (let p = 0; p < n; p++) {
        const span = ((ideal?.[p] ?? 1) as number) - (d[p] as number);
        const ratio = span <= TIE_TOLERANCE ? 1 : ((u[p] as number) - (d[p] as number)) / span;
        worst = Math.min(worst, ratio);
      }
      return worst;
    }
    case 'egalitarian': {
      let worst = Number.POSITIVE_INFINITY;
      for (let p = 0; p < n; p++) worst = Math.min(worst, (u[p] as number) - (d[p] as number));
      return worst;
    }
    case 'utilitarian': {
      let sum = 0;
      for (let p = 0; p < n; p++) sum += u[p] as number;
      return sum;
    }
  }
}

/** Whether two criterion values are equal within the tolerance (relative to their size). */
export function tied(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= TIE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The best acceptable points by `criterion` (all ties), or undefined when no package is acceptable. */
export function solve(frontier: Frontier, criterion: Criterion): Solution | undefined {
  return topK(frontier, criterion, 1)[0];
}

/**
 * The `k` best distinct criterion values among acceptable efficient packages,
 * each with all the points tied at it, best first.
 */
export function topK(frontier: Frontier, criterion: Criterion, k: number): Solution[] {
  const acceptable = acceptablePoints(frontier);
  const ideal = idealPoint(frontier, acceptable);
  const n = frontier.space.parties.length;
  const d = frontier.space.reservations;
  const scored = acceptable
    .map((i) => ({
      i,
      value: criterionValue(criterion, frontier.points.subarray(i * n, i * n + n), d, ideal),
    }))
    .sort((a, b) => b.value - a.value || a.i - b.i);
  const result: Solution[] = [];
  for (const entry of scored) {
    const last = result[result.length - 1];
    if (last !== undefined && tied(last.value, entry.value))
      (last.points as number[]).push(entry.i);
    else if (result.length < k) result.push({ criterion, points: [entry.i], value: entry.value });
    else break;
  }
  return result;
}
