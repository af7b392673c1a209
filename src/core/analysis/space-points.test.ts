import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { spaceArb } from '../../testing/analysis-arbitrary.ts';
import { enumeratePackages } from './brute-force.ts';
import { compileSpace } from './compiled-space.ts';
import { computeFrontier } from './frontier.ts';
import { spacePoints } from './space-points.ts';

const key = (v: ArrayLike<number>) => Array.from(v, (u) => Math.round(u * 1e6) / 1e6).join(',');

describe('spacePoints', () => {
  test('small spaces: every distinct package vector and the whole frontier', () => {
    fc.assert(
      fc.property(spaceArb(), ({ issues, profiles }) => {
        const space = compileSpace(issues, profiles);
        const n = space.parties.length;
        const all = enumeratePackages(space);
        const frontier = computeFrontier(space);
        const points = spacePoints(frontier, { maxPackages: 100_000, maxFrontier: 100_000 });
        const expected = new Set(
          Array.from({ length: all.count }, (_, i) =>
            key(all.utilities.subarray(i * n, i * n + n)),
          ),
        );
        assert.equal(points.packages.kind, 'all');
        assert.deepEqual(new Set(points.packages.points.map(key)), expected);
        assert.equal(points.packages.points.length, expected.size, 'each vector once');
        assert.equal(points.frontier.complete, true);
        assert.equal(points.frontier.total, frontier.count);
        assert.deepEqual(
          new Set(points.frontier.points.map(key)),
          new Set(Array.from({ length: frontier.count }, (_, i) => key(frontier.utilitiesAt(i)))),
        );
        const firsts = points.frontier.points.map((v) => v[0] as number);
        assert.deepEqual(
          firsts,
          [...firsts].sort((a, b) => b - a),
          'best for the first party first',
        );
      }),
      { numRuns: 60 },
    );
  });

  test('over the bounds: a sample of real packages, the frontier spread with both ends', () => {
    fc.assert(
      fc.property(spaceArb({ maxParties: 2, minParties: 2 }), ({ issues, profiles }) => {
        const space = compileSpace(issues, profiles);
        const all = enumeratePackages(space);
        fc.pre(all.count > 3);
        const frontier = computeFrontier(space);
        const points = spacePoints(frontier, { maxPackages: 1, maxFrontier: 2, seed: 5 });
        const known = new Set(
          Array.from({ length: all.count }, (_, i) =>
            key(all.utilities.subarray(i * 2, i * 2 + 2)),
          ),
        );
        if (points.packages.kind === 'sample') {
          assert.equal(points.packages.points.length, 1);
          for (const v of points.packages.points) assert.ok(known.has(key(v)), 'a real package');
        } else assert.ok(points.packages.points.length <= 1);
        assert.equal(points.frontier.points.length, Math.min(2, frontier.count));
        assert.equal(points.frontier.complete, frontier.count <= 2);
        if (frontier.count > 2) {
          const firsts = Array.from({ length: frontier.count }, (_, i) => frontier.points[i * 2]);
          assert.equal(
            points.frontier.points[0]?.[0],
            Math.round(Math.max(...(firsts as number[])) * 1e6) / 1e6,
          );
          assert.equal(
            points.frontier.points[1]?.[0],
            Math.round(Math.min(...(firsts as number[])) * 1e6) / 1e6,
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});
