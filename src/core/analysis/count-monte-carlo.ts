/**
 * Monte Carlo estimate of the acceptable packages: packages drawn uniformly
 * within the red lines (seeded, deterministic) and a Wilson 95% interval
 * scaled by the total. O(samples × groups × log classes).
 */

import type { CompiledSpace } from './compiled-space.ts';
import { prepare } from './count-tables.ts';
import { sampleUtilities } from './sample.ts';

/** A Monte Carlo estimate of the acceptable packages. */
export interface AcceptableEstimate {
  kind: 'estimate';
  estimate: number;
  low: number;
  high: number;
  total: bigint;
  samples: number;
  hits: number;
  confidence: 0.95;
  method: 'monte-carlo';
}

/** Monte Carlo samples by default: the 95% interval is within ±0.3% of the total. */
export const DEFAULT_SAMPLES = 100_000;
const Z95 = 1.959963984540054;

/** Estimate from `samples` packages drawn uniformly within the red lines, with a Wilson 95% interval. */
export function estimateByMonteCarlo(
  space: CompiledSpace,
  samples = DEFAULT_SAMPLES,
  seed = 1,
): AcceptableEstimate {
  const { n, floor, total } = prepare(space);
  const count = total === 0n ? 0 : Math.max(1, Math.floor(samples));
  const u = sampleUtilities(space, count, seed);
  let hits = 0;
  for (let s = 0; s < count; s++) {
    let ok = true;
    for (let p = 0; p < n && ok; p++) ok = (u[s * n + p] as number) >= (floor[p] as number);
    if (ok) hits++;
  }
  const scale = Number(total);
  const [low, high] = count === 0 ? [0, 0] : wilson(hits, count);
  return {
    kind: 'estimate',
    estimate: count === 0 ? 0 : (scale * hits) / count,
    low: scale * low,
    high: scale * high,
    total,
    samples: count,
    hits,
    confidence: 0.95,
    method: 'monte-carlo',
  };
}

/** Wilson score interval of a proportion at 95%. */
function wilson(hits: number, samples: number): [number, number] {
  const p = hits / samples;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / samples;
  const centre = (p + z2 / (2 * samples)) / denominator;
  const half =
    (Z95 * Math.sqrt((p * (1 - p)) / samples + z2 / (4 * samples * samples))) / denominator;
  return [Math.max(0, Math.min(p, centre - half)), Math.min(1, Math.max(p, centre + half))];
}
