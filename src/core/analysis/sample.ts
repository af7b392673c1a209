/**
 * Packages drawn uniformly at random among those within the red lines:
 * groups are independent, so each group's combination is drawn on its own,
 * a class with probability proportional to its number of combinations.
 * Seeded, so the same seed draws the same packages.
 */

import type { CompiledSpace } from './compiled-space.ts';
import { seededRandom } from './random.ts';

/** The utility vectors (`count` × parties, flat) of `count` random packages. */
export function sampleUtilities(space: CompiledSpace, count: number, seed = 1): Float64Array {
  const n = space.parties.length;
  const result = new Float64Array(count * n);
  if (space.groups.length === 0 && space.issues.length > 0) return new Float64Array(0);
  const cumulative = space.groups.map((group) => {
    let sum = 0;
    return Float64Array.from(group.classes, (c) => {
      sum += c.combos.length;
      return sum;
    });
  });
  const random = seededRandom(seed);
  for (let s = 0; s < count; s++) {
    space.groups.forEach((group, g) => {
      const sums = cumulative[g] as Float64Array;
      const r = random() * (sums[sums.length - 1] as number);
      let lo = 0;
      let hi = sums.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sums[mid] as number) > r) hi = mid;
        else lo = mid + 1;
      }
      const vector = (group.classes[lo] as { vector: Float64Array }).vector;
      for (let p = 0; p < n; p++)
        result[s * n + p] = (result[s * n + p] as number) + (vector[p] as number);
    });
  }
  return result;
}
