/**
 * A small seeded pseudo-random generator, so that sampling in the core is
 * reproducible (no `Math.random`, no clock). mulberry32: 32-bit state, period
 * 2^32, fast and statistically good enough for Monte Carlo estimates and
 * random test data; not for cryptography.
 */

/** A generator of floats in [0, 1), fully determined by `seed` (any number; only its low 32 bits count). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An independent-looking seed for sub-stream `index` of `seed` (splitmix32
 * finaliser over both), so parallel or per-item generators do not overlap.
 */
export function deriveSeed(seed: number, index: number): number {
  let z = ((seed >>> 0) + Math.imul((index >>> 0) + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
