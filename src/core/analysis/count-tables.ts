/**
 * What every counting method starts from: each group of the compiled space
 * as flat arrays (class vectors and multiplicities), the reservation floors,
 * the number of packages within the red lines, and the step budget an exact
 * method may spend before giving up.
 */

import type { CompiledSpace } from './compiled-space.ts';
import { TIE_TOLERANCE } from './pareto.ts';

/** Steps each exact method may take by default (branch and bound takes a quarter when meet in the middle follows). */
export const DEFAULT_BUDGET = 100_000_000;

/** Thrown by an exact method past its budget; `attempt` turns it into `undefined`. */
export const OUT_OF_BUDGET = Symbol('out of budget');

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
export interface Table {
  readonly size: number;
  readonly vectors: Float64Array;
  readonly weights: Float64Array;
  /** Σ weights: the group's allowed combinations. */
  readonly weight: number;
}

/** A space ready to count: its groups as tables, the floors and the total. */
export interface Prepared {
  readonly n: number;
  /** reservation − TIE_TOLERANCE per party. */
  readonly floor: Float64Array;
  readonly tables: readonly Table[];
  readonly total: bigint;
}

/** The space's groups as tables, its floors (reservation − TIE_TOLERANCE) and total. */
export function prepare(space: CompiledSpace): Prepared {
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

/** `run()`, or `undefined` if it ran out of budget (threw `OUT_OF_BUDGET`). */
export function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (error === OUT_OF_BUDGET) return undefined;
    throw error;
  }
}
