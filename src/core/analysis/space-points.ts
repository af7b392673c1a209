/**
 * The points of a utility-space chart, bounded for an answer over HTTP: the
 * packages' utility vectors — every distinct one when the space is small
 * enough, else a seeded uniform sample of the packages within the red lines —
 * and the frontier's points, all of them when they fit, else evenly spread
 * along it (first party's utility descending), always keeping both ends.
 *
 * Limits: at most `maxPackages` package points and `maxFrontier` frontier
 * points; "all" means every distinct utility vector (packages with the same
 * utilities for everyone are one point). Utilities are rounded to 1e-6, far
 * below what a chart shows.
 */

import type { Frontier } from './frontier.ts';
import { sampleUtilities } from './sample.ts';

export interface SpacePointsOptions {
  /** Most package points (default 2,000). */
  readonly maxPackages?: number;
  /** Most frontier points (default 4,000). */
  readonly maxFrontier?: number;
  /** Seed of the sample, when the packages are sampled (default 1). */
  readonly seed?: number;
}

export interface SpacePoints {
  readonly packages: {
    /** `all`: every distinct utility vector of the packages within the red lines; `sample`: a uniform sample of packages. */
    readonly kind: 'all' | 'sample';
    /** Utility vectors, one per party in the analysis' order. */
    readonly points: number[][];
  };
  readonly frontier: {
    /** True when every frontier point is listed (false: evenly spread, ends kept). */
    readonly complete: boolean;
    /** How many points the frontier has. */
    readonly total: number;
    readonly points: number[][];
  };
}

export const DEFAULT_SPACE_POINTS = { maxPackages: 2_000, maxFrontier: 4_000 } as const;

const round = (u: number) => Math.round(u * 1e6) / 1e6;

/** The chart's points of an analysed space (its compiled space and frontier). */
export function spacePoints(frontier: Frontier, options: SpacePointsOptions = {}): SpacePoints {
  const space = frontier.space;
  const n = space.parties.length;
  const maxPackages = options.maxPackages ?? DEFAULT_SPACE_POINTS.maxPackages;
  const maxFrontier = options.maxFrontier ?? DEFAULT_SPACE_POINTS.maxFrontier;
  const vectors = (flat: Float64Array, count: number, order?: readonly number[]) =>
    (order ?? Array.from({ length: count }, (_, i) => i)).map((i) =>
      Array.from(flat.subarray(i * n, i * n + n), round),
    );

  // Distinct class combinations are bounded by the product of the classes per group.
  let combinations = 1;
  for (const group of space.groups) {
    combinations *= group.classes.length;
    if (combinations > maxPackages) break;
  }
  const empty = space.groups.length === 0 && space.issues.length > 0;
  const packages = empty
    ? { kind: 'all' as const, points: [] }
    : combinations <= maxPackages
      ? { kind: 'all' as const, points: distinct(everySum(frontier, n)) }
      : {
          kind: 'sample' as const,
          points: vectors(sampleUtilities(space, maxPackages, options.seed ?? 1), maxPackages),
        };

  const byFirst = Array.from({ length: frontier.count }, (_, i) => i).sort(
    (a, b) => (frontier.points[b * n] as number) - (frontier.points[a * n] as number) || a - b,
  );
  const complete = frontier.count <= maxFrontier;
  const kept = complete ? byFirst : spreadEvenly(byFirst, maxFrontier);
  return {
    packages,
    frontier: { complete, total: frontier.count, points: vectors(frontier.points, 0, kept) },
  };
}

/** Every sum of one class vector per group (the caller bounds how many there are). */
function everySum(frontier: Frontier, n: number): number[][] {
  let sums: Float64Array[] = [new Float64Array(n)];
  for (const group of frontier.space.groups) {
    const next: Float64Array[] = [];
    for (const sum of sums)
      for (const cls of group.classes) {
        const v = new Float64Array(n);
        for (let p = 0; p < n; p++) v[p] = (sum[p] as number) + (cls.vector[p] as number);
        next.push(v);
      }
    sums = next;
  }
  return sums.map((v) => Array.from(v, round));
}

/** Vectors with repeats removed (after rounding), in first-seen order. */
function distinct(vectors: number[][]): number[][] {
  const seen = new Set<string>();
  return vectors.filter((v) => {
    const key = v.join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** At most `limit` items, evenly spaced from the first to the last. */
function spreadEvenly<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items];
  if (limit <= 1) return items.slice(0, limit);
  return Array.from(
    { length: limit },
    (_, i) => items[Math.round((i * (items.length - 1)) / (limit - 1))] as T,
  );
}
