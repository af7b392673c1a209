import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { spaceArb } from '../../testing/analysis-arbitrary.ts';
import {
  bruteAcceptable,
  bruteBest,
  bruteForceStream,
  bruteFrontier,
  dedupe,
  enumeratePackages,
} from './brute-force.ts';
import { compileSpace, packageIndices, utilityOf, withinRedLines } from './compiled-space.ts';
import { computeFrontier } from './frontier.ts';
import { CRITERIA, solve, tied } from './solutions.ts';

describe('computeFrontier', () => {
  test('agrees with brute force on random spaces (2–5 parties, red lines, ties)', () => {
    fc.assert(
      fc.property(spaceArb(), ({ issues, profiles }) => {
        const space = compileSpace(issues, profiles);
        const all = enumeratePackages(space);
        const frontier = computeFrontier(space);
        assert.equal(frontier.exact, true);
        const n = space.parties.length;
        const got = dedupe(
          Array.from({ length: frontier.count }, (_, i) => Array.from(frontier.utilitiesAt(i))),
        );
        const expected = bruteFrontier(space, all);
        assert.equal(got.length, expected.length);
        got.forEach((vector, i) => {
          for (const [p, u] of vector.entries())
            assert.ok(Math.abs(u - (expected[i]?.[p] as number)) < 1e-9);
        });
        for (let i = 0; i < frontier.count; i++) {
          const { packages, total } = frontier.packagesAt(i, 3);
          assert.ok(total >= packages.length && packages.length > 0);
          for (const pkg of packages) {
            const choice = packageIndices(space, pkg);
            assert.ok(withinRedLines(space, choice), 'no red line crossed');
            const u = utilityOf(space, choice);
            for (let p = 0; p < n; p++)
              assert.ok(Math.abs((u[p] as number) - (frontier.points[i * n + p] as number)) < 1e-9);
          }
        }
        for (const criterion of CRITERIA) {
          const best = bruteBest(space, criterion, all);
          const solution = solve(frontier, criterion);
          if (best === undefined) assert.equal(solution, undefined, criterion);
          else
            assert.ok(
              solution !== undefined && tied(solution.value, best),
              `${criterion}: ${solution?.value} vs ${best}`,
            );
        }
      }),
      { numRuns: 300 },
    );
  });

  test('thins opposed interests to an ε-frontier and says so', () => {
    // Zero-sum: what one party gains the other loses, so every package is efficient.
    fc.assert(
      fc.property(
        spaceArb({ maxParties: 2, minParties: 2, maxIssues: 6, maxOptions: 4 }),
        ({ issues, profiles }) => {
          const [a, b] = profiles;
          if (a === undefined || b === undefined) return;
          const opposed = {
            ...b,
            weights: a.weights,
            redLines: [],
            values: Object.fromEntries(
              Object.entries(a.values).map(([issue, v]) => [
                issue,
                v.kind === 'options'
                  ? {
                      kind: 'options' as const,
                      values: Object.fromEntries(
                        Object.entries(v.values).map(([o, x]) => [o, 1 - x]),
                      ),
                    }
                  : v,
              ]),
            ),
          };
          const space = compileSpace(issues, [{ ...a, redLines: [] }, opposed]);
          const exact = bruteFrontier(space);
          const frontier = computeFrontier(space, { maxPoints: 3, epsilon: 0.05 });
          if (exact.length <= 3) return;
          assert.equal(frontier.exact, false);
          assert.ok(frontier.epsilon > 0 && frontier.epsilon <= 1);
          for (const u of exact) {
            const covered = Array.from({ length: frontier.count }, (_, i) =>
              frontier.utilitiesAt(i),
            ).some((v) => u.every((x, p) => (v[p] as number) >= x - frontier.epsilon - 1e-9));
            assert.ok(covered, `every efficient point is within ε of a listed one`);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('bruteForceStream', () => {
  test('agrees with the enumerating oracle', () => {
    fc.assert(
      fc.property(spaceArb(), ({ issues, profiles }) => {
        const space = compileSpace(issues, profiles);
        const all = enumeratePackages(space);
        const stream = bruteForceStream(space);
        assert.equal(stream.acceptable, bruteAcceptable(space, all).length);
        for (const criterion of CRITERIA) {
          const best = bruteBest(space, criterion, all);
          const got = stream.best[criterion];
          if (best === undefined) assert.equal(got, undefined);
          else assert.ok(got !== undefined && tied(got, best), `${criterion}: ${got} vs ${best}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
