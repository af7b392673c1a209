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
 *   (a sorted frontier shifted by each of k vectors), a k-way merge replaces
 *   the sort: O(N log k).
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
  return sweep2(points, order);
}

/**
 * The two-party filter of `lists` × `length` points where point `f·lists + c`
 * is element f of list c and every list is in decreasing order of the first
 * utility (then the second): a k-way merge on a binary heap, then the sweep.
 */
export function paretoFilterSortedLists(
  points: Float64Array,
  length: number,
  lists: number,
): Int32Array {
  const before = (a: number, b: number) =>
    (points[2 * a] as number) > (points[2 * b] as number) ||
    ((points[2 * a] as number) === (points[2 * b] as number) &&
      (points[2 * a + 1] as number) > (points[2 * b + 1] as number));
  const heap: number[] = [];
  const push = (item: number) => {
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!before(item, heap[up] as number)) break;
      heap[i] = heap[up] as number;
      i = up;
    }
    heap[i] = item;
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap.pop() as number;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child =
          right < heap.length && before(heap[right] as number, heap[left] as number) ? right : left;
        if (!before(heap[child] as number, last)) break;
        heap[i] = heap[child] as number;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  };
  if (length > 0) for (let c = 0; c < lists; c++) push(c);
  const order = new Int32Array(length * lists);
  for (let k = 0; k < order.length; k++) {
    const item = pop();
    order[k] = item;
    if (item + lists < order.length) push(item + lists);
  }
  return sweep2(points, order);
}

/** Keeps, along `order` (decreasing first utility), each point whose second utility beats all before it. */
function sweep2(points: Float64Array, order: Int32Array): Int32Array {
  const count = order.length;
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
  // The order breaks ties within the tolerance by exact values, so a kept point
  // can still be dominated by the next one when their first utilities are equal
  // within the tolerance: drop those.
  // Along `kept` the second utility never falls, so the point most likely to
  // dominate point k is the last one whose first utility is within the tolerance.
  const result: number[] = [];
  let last = 0;
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k] as number;
    if (last < k) last = k;
    while (
      last + 1 < kept.length &&
      (points[2 * (kept[last + 1] as number)] as number) >=
        (points[2 * i] as number) - TIE_TOLERANCE
    )
      last++;
    const j = kept[last] as number;
    const dominated =
      last > k && (points[2 * j + 1] as number) > (points[2 * i + 1] as number) + TIE_TOLERANCE;
    if (!dominated) result.push(i);
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
