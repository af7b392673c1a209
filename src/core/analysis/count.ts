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
 *
 * Modules: `count-tables.ts` (groups as flat tables, floors, total, budget),
 * `count-branch-and-bound.ts` (1 and 2), `count-meet-in-the-middle.ts` (3,
 * with `count-sum-table.ts` and `count-matches.ts`), `count-monte-carlo.ts` (4).
 */

import type { CompiledSpace } from './compiled-space.ts';
import { countByBranchAndBound, countByEnumeration } from './count-branch-and-bound.ts';
import { countByMeetInTheMiddle } from './count-meet-in-the-middle.ts';
import {
  type AcceptableEstimate,
  DEFAULT_SAMPLES,
  estimateByMonteCarlo,
} from './count-monte-carlo.ts';
import { DEFAULT_BUDGET, totalPackages } from './count-tables.ts';

/** The number of acceptable packages, exact or estimated; `total` counts the packages within the red lines. */
export type AcceptableCount =
  | {
      kind: 'exact';
      count: bigint;
      total: bigint;
      method: 'enumeration' | 'branch-and-bound' | 'meet-in-the-middle';
    }
  | AcceptableEstimate;

/** How hard to try before estimating, and how to estimate. */
export interface CountOptions {
  /** Seed of the Monte Carlo sampler (default 1). */
  readonly seed?: number;
  /** Monte Carlo samples (default 100,000). */
  readonly samples?: number;
  /** Elementary steps each exact method may spend before giving up. */
  readonly budget?: number;
}

/** Most combinations of option classes that are simply enumerated. */
const ENUMERATION_LIMIT = 4096;

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
