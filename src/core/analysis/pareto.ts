/**
 * Pareto filters on utility vectors stored flat (`count` points × `n`
 * parties in one Float64Array). A point dominates another when it is at least
 * as good for everyone and better for someone, beyond the tolerance: values
 * within `TIE_TOLERANCE` are equal, so near-equal points are ties and both stay.
 * This assumes values that are meant to be equal differ by rounding noise far
 * below the tolerance (true of sums of float utilities); values spread over
 * chains of near-ties wider than the tolerance may be kept or dropped either way.
 *
 * - Two parties: sort by the first utility, sweep keeping the best second
 *   utility seen: O(N log N). When the candidates are k lists already sorted
 *   (a sorted frontier shifted by each of k vectors), pairwise merging
 *   replaces the sort: O(N log k).
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
  const run = { u0: new Float64Array(count), u1: new Float64Array(count), id: order };
  for (let k = 0; k < count; k++) {
    run.u0[k] = points[2 * (order[k] as number)] as number;
    run.u1[k] = points[2 * (order[k] as number) + 1] as number;
  }
  return sweep2(run);
}

/** Points in decreasing order of (first, second utility), values beside their ids so passes read memory in order. */
interface Run {
  readonly u0: Float64Array;
  readonly u1: Float64Array;
  readonly id: Int32Array;
}

/**
 * The two-party filter of `lists` × `length` points where point `f·lists + c`
 * is element f of list c and every list is in decreasing order of the first
 * utility (then the second): the lists are merged pairwise, round after round
 * (⌈log₂ lists⌉ sequential passes), then swept.
 */
export function paretoFilterSortedLists(
  points: Float64Array,
  length: number,
  lists: number,
): Int32Array {
  let runs: Run[] = Array.from({ length: lists }, (_, c) => {
    const run = {
      u0: new Float64Array(length),
      u1: new Float64Array(length),
      id: new Int32Array(length),
    };
    for (let f = 0; f < length; f++) {
      const id = f * lists + c;
      run.u0[f] = points[2 * id] as number;
      run.u1[f] = points[2 * id + 1] as number;
      run.id[f] = id;
    }
    return run;
  });
  while (runs.length > 1) {
    const next: Run[] = [];
    for (let r = 0; r + 1 < runs.length; r += 2)
      next.push(mergeRuns(runs[r] as Run, runs[r + 1] as Run));
    if (runs.length % 2 === 1) next.push(runs[runs.length - 1] as Run);
    runs = next;
  }
  const [run] = runs;
  return run === undefined ? new Int32Array(0) : sweep2(run);
}

/** Two runs merged into one. */
function mergeRuns(a: Run, b: Run): Run {
  const size = a.id.length + b.id.length;
  const u0 = new Float64Array(size);
  const u1 = new Float64Array(size);
  const id = new Int32Array(size);
  let i = 0;
  let j = 0;
  for (let k = 0; k < size; k++) {
    const fromA =
      j >= b.id.length ||
      (i < a.id.length &&
        ((a.u0[i] as number) > (b.u0[j] as number) ||
          ((a.u0[i] as number) === (b.u0[j] as number) &&
            (a.u1[i] as number) >= (b.u1[j] as number))));
    if (fromA) {
      u0[k] = a.u0[i] as number;
      u1[k] = a.u1[i] as number;
      id[k] = a.id[i] as number;
      i++;
    } else {
      u0[k] = b.u0[j] as number;
      u1[k] = b.u1[j] as number;
      id[k] = b.id[j] as number;
      j++;
    }
  }
  return { u0, u1, id };
}

/** Keeps, along the run, each point whose second utility beats all before it. */
function sweep2(run: Run): Int32Array {
  const { u0, u1, id } = run;
  const count = id.length;
  const kept: number[] = [];
  let best = Number.NEGATIVE_INFINITY;
  let last0 = Number.NaN;
  let last1 = Number.NaN;
  for (let k = 0; k < count; k++) {
    const a = u0[k] as number;
    const b = u1[k] as number;
    const tie = Math.abs(a - last0) <= TIE_TOLERANCE && Math.abs(b - last1) <= TIE_TOLERANCE;
    if (b > best + TIE_TOLERANCE || tie) {
      kept.push(k);
      if (!tie) {
        last0 = a;
        last1 = b;
      }
      if (b > best) best = b;
    }
  }
  // The order breaks ties within the tolerance by exact values, so a kept point
  // can still be dominated by a later one whose first utility is equal within
  // the tolerance. Along `kept` the second utility never falls, so the likeliest
  // to dominate point k is the last one whose first utility is within the tolerance.
  const result: number[] = [];
  let last = 0;
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k] as number;
    if (last < k) last = k;
    while (
      last + 1 < kept.length &&
      (u0[kept[last + 1] as number] as number) >= (u0[i] as number) - TIE_TOLERANCE
    )
      last++;
    const j = kept[last] as number;
    const dominated = last > k && (u1[j] as number) > (u1[i] as number) + TIE_TOLERANCE;
    if (!dominated) result.push(id[i] as number);
  }
  return Int32Array.from(result);
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
      if ((kept[j] as number) < 0) continue;
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
      // Points whose sums are within n·tolerance of this one may be dominated
      // by it although they came first: drop those.
      for (let j = kept.length - 1; j >= 0; j--) {
        const other = kept[j] as number;
        if (other < 0) continue;
        if ((sums[other] as number) > (sums[i] as number) + n * TIE_TOLERANCE) break;
        if (dominates(points.subarray(base, base + n), keptPoints.slice(j * n, j * n + n)))
          kept[j] = -1;
      }
      kept.push(i);
      for (let p = 0; p < n; p++) keptPoints.push(points[base + p] as number);
    }
  }
  return Int32Array.from(kept.filter((i) => i >= 0));
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
