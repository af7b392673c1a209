/**
 * Pareto filters on utility vectors stored flat (`count` points × `n`
 * parties in one Float64Array). A point dominates another when it is at least
 * as good for everyone and better for someone, beyond the tolerance: values
 * within `TIE_TOLERANCE` are equal, so near-equal points are ties and both stay.
 *
 * - Two parties: sort by the first utility, sweep keeping the best second
 *   utility seen: O(N log N).
 * - More parties: sort by the sum of utilities (nothing can dominate a point
 *   with a larger sum), then test each point against those kept: O(N log N +
 *   N·F) for F points kept. Frontiers of additive utilities stay small unless
 *   the parties' interests are almost exactly opposed; see frontier.ts for
 *   what happens then.
 */

/** Utilities closer than this are equal. */
export const TIE_TOLERANCE = 1e-9;

/** Indexes (into `points`) of the points no other point dominates, in decreasing order of the first utility (two parties) or of the sum. */
export function paretoFilter(points: Float64Array, count: number, n: number): Int32Array {
  if (count === 0) return new Int32Array(0);
  return n === 2 ? filter2(points, count) : filterN(points, count, n);
}

function filter2(points: Float64Array, count: number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort(
    (a, b) =>
      (points[2 * b] as number) - (points[2 * a] as number) ||
      (points[2 * b + 1] as number) - (points[2 * a + 1] as number),
  );
  const kept: number[] = [];
  let best = Number.NEGATIVE_INFINITY;
  let last0 = Number.NaN;
  let last1 = Number.NaN;
  for (let k = 0; k < count; k++) {
    const i = order[k] as number;
    const u0 = points[2 * i] as number;
    const u1 = points[2 * i + 1] as number;
    const tie = Math.abs(u0 - last0) <= TIE_TOLERANCE && Math.abs(u1 - last1) <= TIE_TOLERANCE;
    if (u1 > best + TIE_TOLERANCE || tie) {
      kept.push(i);
      if (!tie) {
        last0 = u0;
        last1 = u1;
      }
      if (u1 > best) best = u1;
    }
  }
  return Int32Array.from(kept);
}

function filterN(points: Float64Array, count: number, n: number): Int32Array {
  const sums = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let s = 0;
    for (let p = 0; p < n; p++) s += points[i * n + p] as number;
    sums[i] = s;
  }
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => (sums[b] as number) - (sums[a] as number));
  const kept: number[] = [];
  const keptPoints: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = order[k] as number;
    const base = i * n;
    let dominated = false;
    for (let j = 0; j < kept.length && !dominated; j++) {
      const other = j * n;
      let atLeast = true;
      let better = false;
      for (let p = 0; p < n; p++) {
        const a = keptPoints[other + p] as number;
        const b = points[base + p] as number;
        if (a < b - TIE_TOLERANCE) {
          atLeast = false;
          break;
        }
        if (a > b + TIE_TOLERANCE) better = true;
      }
      dominated = atLeast && better;
    }
    if (!dominated) {
      kept.push(i);
      for (let p = 0; p < n; p++) keptPoints.push(points[base + p] as number);
    }
  }
  return Int32Array.from(kept);
}

/** Whether `a` dominates `b` (at least as good for all, better for one, beyond the tolerance). */
export function dominates(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let better = false;
  for (let p = 0; p < a.length; p++) {
    if ((a[p] as number) < (b[p] as number) - TIE_TOLERANCE) return false;
    if ((a[p] as number) > (b[p] as number) + TIE_TOLERANCE) better = true;
  }
  return better;
}
