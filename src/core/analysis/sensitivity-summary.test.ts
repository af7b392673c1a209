import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { distributionOf, wilsonInterval } from './sensitivity-summary.ts';

describe('summaries', () => {
  test('the Wilson interval holds the estimate and stays in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const k = Math.round(share * n);
          const { estimate, low, high } = wilsonInterval(k, n);
          assert.equal(estimate, k / n);
          assert.ok(0 <= low && low <= estimate && estimate <= high && high <= 1);
          if (k === 0) assert.equal(low, 0);
          if (k === n) assert.equal(high, 1);
        },
      ),
    );
    const { low, high } = wilsonInterval(50, 100);
    assert.ok(Math.abs(low - 0.4038) < 1e-4 && Math.abs(high - 0.5962) < 1e-4);
  });

  test('quantiles interpolate between order statistics', () => {
    const d = distributionOf(Float64Array.from([5, 1, 4, 2, 3]));
    assert.deepEqual([d.min, d.p25, d.median, d.p75, d.max, d.mean], [1, 2, 3, 4, 5, 3]);
    assert.ok(Math.abs(d.p5 - 1.2) < 1e-12 && Math.abs(d.p95 - 4.8) < 1e-12);
    assert.ok(Math.abs(d.sd - Math.sqrt(2.5)) < 1e-12);
  });
});
