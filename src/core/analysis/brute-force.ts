/**
 * The test oracle: every package, one by one. Exponential (the product of the
 * options); used only to check the engine on small spaces and in benchmarks.
 */

import { type CompiledSpace, utilityOf, withinRedLines } from './compiled-space.ts';
import { dominates, TIE_TOLERANCE } from './pareto.ts';
import { type Criterion, criterionValue, tied } from './solutions.ts';

export interface Enumeration {
  /** Option indices of every package within the red lines, `count` × issues. */
  readonly choices: Int32Array;
  /** Their utilities, `count` × parties. */
  readonly utilities: Float64Array;
  readonly count: number;
}

/** Every package that crosses no red line, with its utilities. */
export function enumeratePackages(space: CompiledSpace): Enumeration {
  const m = space.issues.length;
  const n = space.parties.length;
  const choices: number[] = [];
  const utilities: number[] = [];
  const choice = new Int32Array(m);
  const visit = (i: number) => {
    if (i === m) {
      if (!withinRedLines(space, choice)) return;
      choices.push(...choice);
      utilities.push(...utilityOf(space, choice));
      return;
    }
    for (let o = 0; o < (space.issues[i]?.options.length ?? 0); o++) {
      choice[i] = o;
      visit(i + 1);
    }
  };
  visit(0);
  return {
    choices: Int32Array.from(choices),
    utilities: Float64Array.from(utilities),
    count: utilities.length / n,
  };
}

/** The efficient utility vectors, each once (ties merged), sorted for comparison. */
export function bruteFrontier(space: CompiledSpace, all = enumeratePackages(space)): number[][] {
  const n = space.parties.length;
  // Quadratic on purpose: the oracle must not share the engine's filter.
  const vector = (i: number) => all.utilities.subarray(i * n, i * n + n);
  const kept: number[][] = [];
  for (let i = 0; i < all.count; i++) {
    let dominated = false;
    for (let j = 0; j < all.count && !dominated; j++) dominated = dominates(vector(j), vector(i));
    if (!dominated) kept.push(Array.from(vector(i)));
  }
  return dedupe(kept);
}

/** Indexes of acceptable packages (all utilities at or above the reservation values). */
export function bruteAcceptable(space: CompiledSpace, all = enumeratePackages(space)): number[] {
  const n = space.parties.length;
  const result: number[] = [];
  for (let i = 0; i < all.count; i++) {
    let ok = true;
    for (let p = 0; p < n && ok; p++)
      ok =
        (all.utilities[i * n + p] as number) >= (space.reservations[p] as number) - TIE_TOLERANCE;
    if (ok) result.push(i);
  }
  return result;
}

/** The best value of a criterion over all acceptable packages, by enumeration. */
export function bruteBest(
  space: CompiledSpace,
  criterion: Criterion,
  all = enumeratePackages(space),
): number | undefined {
  const n = space.parties.length;
  const acceptable = bruteAcceptable(space, all);
  if (acceptable.length === 0) return undefined;
  const ideal = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  for (const i of acceptable)
    for (let p = 0; p < n; p++)
      ideal[p] = Math.max(ideal[p] as number, all.utilities[i * n + p] as number);
  let best = Number.NEGATIVE_INFINITY;
  for (const i of acceptable) {
    const value = criterionValue(
      criterion,
      all.utilities.subarray(i * n, i * n + n),
      space.reservations,
      ideal,
    );
    if (value > best && !tied(value, best)) best = value;
  }
  return best;
}

/** Vectors sorted, with vectors equal within the tolerance merged. */
export function dedupe(vectors: number[][]): number[][] {
  const sorted = [...vectors].sort((a, b) => {
    for (let p = 0; p < a.length; p++)
      if (Math.abs((a[p] as number) - (b[p] as number)) > TIE_TOLERANCE)
        return (b[p] as number) - (a[p] as number);
    return 0;
  });
  return sorted.filter(
    (v, i) =>
      i === 0 ||
      v.some((x, p) => Math.abs(x - ((sorted[i - 1] as number[])[p] as number)) > TIE_TOLERANCE),
  );
}
