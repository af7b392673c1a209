import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { dominates, paretoFilter, paretoFilterSortedLists } from './pareto.ts';

/**
 * Points on a coarse grid nudged by rounding-like noise (well under the
 * tolerance, even summed in pairs), so near-ties abound — the situation of
 * sums of float utilities.
 */
const pointsArb = (n: number) =>
  fc.array(
    fc.array(
      fc
        .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: -2, max: 2 }))
        .map(([x, e]) => x / 6 + e * 1e-10),
      { minLength: n, maxLength: n },
    ),
    { minLength: 1, maxLength: 60 },
  );

function checkFilter(vectors: number[][], kept: Int32Array): void {
  const keptSet = new Set(kept);
  vectors.forEach((v, i) => {
    const dominated = vectors.some((w) => dominates(w, v));
    assert.equal(keptSet.has(i), !dominated, `point ${i} (${v}) kept exactly when undominated`);
  });
}

describe('paretoFilter', () => {
  for (const n of [2, 3, 4]) {
    test(`keeps exactly the undominated points, with near-ties (${n} parties)`, () => {
      fc.assert(
        fc.property(pointsArb(n), (vectors) => {
          checkFilter(vectors, paretoFilter(Float64Array.from(vectors.flat()), vectors.length, n));
        }),
        { numRuns: 500 },
      );
    });
  }

  test('merging sorted lists agrees with sorting', () => {
    fc.assert(
      fc.property(pointsArb(2), pointsArb(2), (base, shifts) => {
        // A frontier in decreasing order of the first utility, shifted by each vector.
        const sorted = [...base].sort(
          (a, b) => (b[0] as number) - (a[0] as number) || (b[1] as number) - (a[1] as number),
        );
        const candidates: number[][] = [];
        for (const point of sorted)
          for (const shift of shifts)
            candidates.push([
              (point[0] as number) + (shift[0] as number),
              (point[1] as number) + (shift[1] as number),
            ]);
        const kept = paretoFilterSortedLists(
          Float64Array.from(candidates.flat()),
          sorted.length,
          shifts.length,
        );
        checkFilter(candidates, kept);
        for (let k = 1; k < kept.length; k++) {
          const before = candidates[kept[k - 1] as number] as number[];
          const after = candidates[kept[k] as number] as number[];
          assert.ok((before[0] as number) >= (after[0] as number), 'decreasing first utility');
        }
      }),
      { numRuns: 300 },
    );
  });
});
