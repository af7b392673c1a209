/**
 * The test oracle: every package, one by one. Exponential (the product of the
 * options); used only to check the engine on small spaces and in benchmarks.
 */

import { type CompiledSpace, utilityOf, withinRedLines } from './compiled-space.ts';
import { dominates, TIE_TOLERANCE } from './pareto.ts';
import { type Criterion, criterionValue } from './solutions.ts';

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
    if (value > best) best = value;
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

/**
 * The best value of every criterion and the number of acceptable packages,
 * visiting every package without storing any (an odometer over the options,
 * with prefix sums of the utilities): memory O(issues), time O(packages ×
 * parties) per pass, two passes (the second for Kalai–Smorodinsky, which needs
 * the ideal point). For benchmarks on spaces too big to enumerate into memory.
 */
export function bruteForceStream(space: CompiledSpace): {
  best: Partial<Record<Criterion, number>>;
  acceptable: number;
} {
  const m = space.issues.length;
  const n = space.parties.length;
  const d = space.reservations;
  const sizes = space.issues.map((issue) => issue.options.length);
  const redLines = space.constraints.length > 0 || space.forbidden.some((f) => f.size > 0);
  // prefix[i + 1]: utilities of the options chosen for issues 0..i (prefix[0]
  // is zero), recomputed from prefix[i] whenever issue i changes — no drift
  // over billions of packages.
  const pass = (visit: (u: Float64Array) => void) => {
    const choice = new Int32Array(m);
    const prefix = Array.from({ length: m + 1 }, () => new Float64Array(n));
    const refresh = (from: number) => {
      for (let i = from; i < m; i++) {
        const table = space.contribution[i] as Float64Array;
        const base = (choice[i] as number) * n;
        const before = prefix[i] as Float64Array;
        const here = prefix[i + 1] as Float64Array;
        for (let p = 0; p < n; p++) here[p] = (before[p] as number) + (table[base + p] as number);
      }
    };
    refresh(0);
    const u = prefix[m] as Float64Array;
    for (;;) {
      let ok = !redLines || withinRedLines(space, choice);
      for (let p = 0; p < n && ok; p++) ok = (u[p] as number) >= (d[p] as number) - TIE_TOLERANCE;
      if (ok) visit(u);
      // Next package: advance the odometer.
      let i = m - 1;
      while (i >= 0 && (choice[i] as number) + 1 >= (sizes[i] as number)) choice[i--] = 0;
      if (i < 0) return;
      choice[i] = (choice[i] as number) + 1;
      refresh(i);
    }
  };
  const best: Partial<Record<Criterion, number>> = {};
  const ideal = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  let acceptable = 0;
  const simple = ['nash', 'egalitarian', 'utilitarian'] as const;
  pass((u) => {
    acceptable++;
    for (let p = 0; p < n; p++)
      if ((u[p] as number) > (ideal[p] as number)) ideal[p] = u[p] as number;
    for (const criterion of simple) {
      const value = criterionValue(criterion, u, d);
      if (!(value <= (best[criterion] ?? Number.NEGATIVE_INFINITY))) best[criterion] = value;
    }
  });
  if (acceptable > 0)
    pass((u) => {
      const value = criterionValue('kalai-smorodinsky', u, d, ideal);
      if (!(value <= (best['kalai-smorodinsky'] ?? Number.NEGATIVE_INFINITY)))
        best['kalai-smorodinsky'] = value;
    });
  return { best, acceptable };
}
