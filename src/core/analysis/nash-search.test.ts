import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { spaceArb } from '../../testing/analysis-arbitrary.ts';
import { compileSpace } from './compiled-space.ts';
import { computeFrontier } from './frontier.ts';
import { nashPoints } from './nash-search.ts';
import { seededRandom } from './random.ts';
import { acceptablePoints, criterionValue, solve } from './solutions.ts';

describe('nashPoints', () => {
  test('finds the points solve(computeFrontier) finds, whatever the floor (property)', () => {
    fc.assert(
      fc.property(spaceArb(), fc.integer(), ({ issues, profiles }, seed) => {
        const space = compileSpace(issues, profiles);
        const frontier = computeFrontier(space);
        const expected = solve(frontier, 'nash');
        const n = space.parties.length;
        // A floor from some acceptable frontier point (a package known to be acceptable).
        const acceptable = acceptablePoints(frontier);
        const random = seededRandom(seed);
        const some = acceptable[Math.floor(random() * acceptable.length)];
        const floor =
          some === undefined || random() < 0.3
            ? 0
            : criterionValue('nash', frontier.utilitiesAt(some), space.reservations);
        const found = nashPoints(space, floor);
        if (expected === undefined) {
          assert.equal(found, undefined);
          return;
        }
        assert.ok(found?.exact);
        const key = (u: ArrayLike<number>) => Array.from(u, (x) => x.toFixed(8)).join(',');
        const want = new Set(expected.points.map((i) => key(frontier.utilitiesAt(i))));
        const got = new Set(
          Array.from({ length: found.count }, (_, i) =>
            key(found.points.subarray(i * n, i * n + n)),
          ),
        );
        assert.deepEqual(got, want);
      }),
      { numRuns: 300 },
    );
  });
});
