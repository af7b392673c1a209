import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { spaceArb } from '../../testing/analysis-arbitrary.ts';
import { enumeratePackages } from './brute-force.ts';
import { compileSpace, utilityOf } from './compiled-space.ts';
import { computeFrontier } from './frontier.ts';
import { findImprovements, frontierDistance } from './improvements.ts';
import { dominates } from './pareto.ts';

const draftArb = spaceArb({ maxIssues: 5, maxOptions: 3 }).chain((space) =>
  fc
    .tuple(...space.issues.map((issue) => fc.nat({ max: issue.options.length - 1 })))
    .map((draft) => ({ ...space, draft: Int32Array.from(draft) })),
);

describe('findImprovements', () => {
  test('lists exactly the minimal Pareto improvements within three changes (brute force)', () => {
    fc.assert(
      fc.property(draftArb, ({ issues, profiles, draft }) => {
        const space = compileSpace(issues, profiles);
        const n = space.parties.length;
        const m = space.issues.length;
        const result = findImprovements(space, draft, { limit: 1_000_000 });
        assert.equal(result.searchedChanges, 3);
        const base = utilityOf(space, draft);
        const all = enumeratePackages(space);
        const valid = new Set<string>();
        for (let i = 0; i < all.count; i++) {
          const choice = all.choices.subarray(i * m, i * m + m);
          if (!dominates(all.utilities.subarray(i * n, i * n + n), base)) continue;
          const changed = [...choice].flatMap((o, issue) =>
            o === draft[issue] ? [] : [`${issue}=${o}`],
          );
          valid.add(changed.join(','));
        }
        const minimal = [...valid].filter((set) => {
          const parts = set.split(',');
          if (parts.length > 3) return false;
          for (let mask = 1; mask < (1 << parts.length) - 1; mask++)
            if (valid.has(parts.filter((_, j) => (mask >> j) & 1).join(','))) return false;
          return true;
        });
        const got = result.improvements.map((x) =>
          [...x.changes]
            .sort((a, b) => a.issue - b.issue)
            .map((c) => `${c.issue}=${c.option}`)
            .join(','),
        );
        assert.deepEqual([...got].sort(), minimal.sort());
        assert.equal(result.found, got.length);
        for (const x of result.improvements) {
          assert.ok(dominates(x.utilities, base));
          for (const g of x.gains) assert.ok(g >= -1e-9);
        }
        for (let k = 1; k < result.improvements.length; k++)
          assert.ok(
            (result.improvements[k - 1]?.changes.length as number) <=
              (result.improvements[k]?.changes.length as number),
            'fewest changes first',
          );
      }),
      { numRuns: 300 },
    );
  });

  test('stops at the depth its budget allows and says so', () => {
    fc.assert(
      fc.property(draftArb, ({ issues, profiles, draft }) => {
        const space = compileSpace(issues, profiles);
        const result = findImprovements(space, draft, { budget: 0 });
        const anyMove = space.issues.some(
          (issue, i) => issue.options.length - (space.forbidden[i]?.size ?? 0) >= 2,
        );
        if (anyMove) assert.equal(result.searchedChanges, 0);
        assert.equal(result.improvements.length, 0);
      }),
      { numRuns: 20 },
    );
  });
});

describe('frontierDistance', () => {
  test('is efficient exactly when no package dominates the draft; the gain is reachable', () => {
    fc.assert(
      fc.property(draftArb, ({ issues, profiles, draft }) => {
        const space = compileSpace(issues, profiles);
        const n = space.parties.length;
        const frontier = computeFrontier(space);
        const u = utilityOf(space, draft);
        const distance = frontierDistance(frontier, u);
        const all = enumeratePackages(space);
        let dominated = false;
        let best = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < all.count; i++) {
          const v = all.utilities.subarray(i * n, i * n + n);
          if (dominates(v, u)) dominated = true;
          best = Math.max(best, Math.min(...v.map((x, p) => x - (u[p] as number))));
        }
        if (all.count === 0) return;
        assert.equal(distance.efficient, !dominated);
        assert.ok(Math.abs(distance.gain - best) < 1e-9, `${distance.gain} vs ${best}`);
      }),
      { numRuns: 300 },
    );
  });
});
