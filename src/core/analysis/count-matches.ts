/**
 * The matching step of meet in the middle: for each utility vector a of one
 * half, the total weight of the vectors b of the other with a + b ≥ the
 * floors. Two parties: a sweep with a Fenwick tree, O(V log V); three: CDQ
 * divide and conquer, O(V log² V), for V distinct vectors per half.
 */

import type { Half } from './count-sum-table.ts';

/** Rank of each b's coordinate p among B's distinct values, and the sorted distinct values. */
function ranks(b: Half, n: number, p: number): { values: Float64Array; rank: Int32Array } {
  const all = new Float64Array(b.size);
  for (let i = 0; i < b.size; i++) all[i] = b.vectors[i * n + p] as number;
  all.sort();
  let m = 0;
  for (let i = 0; i < all.length; i++)
    if (i === 0 || all[i] !== all[m - 1]) all[m++] = all[i] as number;
  const values = all.slice(0, m);
  const rank = new Int32Array(b.size);
  for (let i = 0; i < b.size; i++)
    rank[i] = firstAtLeast(values, 0, b.vectors[i * n + p] as number);
  return { values, rank };
}

/**
 * For each a: the weight of the b with a + b ≥ floor (two parties). a in
 * increasing first utility, b in decreasing first utility joins a Fenwick
 * tree over the ranks of its second utility once a₀ + b₀ clears floor₀.
 */
export function matches2(a: Half, b: Half, floor: Float64Array): Float64Array {
  const byA = order(a.vectors, 2, a.size);
  const byB = order(b.vectors, 2, b.size).reverse();
  const { values, rank } = ranks(b, 2, 1);
  const tree = new Float64Array(values.length + 1);
  const matches = new Float64Array(a.size);
  const floor0 = floor[0] as number;
  const floor1 = floor[1] as number;
  let added = 0;
  let j = 0;
  for (const i of byA) {
    const x = a.vectors[2 * i] as number;
    for (; j < b.size && x + (b.vectors[2 * (byB[j] as number)] as number) >= floor0; j++) {
      const k = byB[j] as number;
      const w = b.weights[k] as number;
      added += w;
      for (let r = (rank[k] as number) + 1; r <= values.length; r += r & -r)
        tree[r] = (tree[r] as number) + w;
    }
    let below = 0;
    for (let r = firstAtLeast(values, a.vectors[2 * i + 1] as number, floor1); r > 0; r -= r & -r)
      below += tree[r] as number;
    matches[i] = added - below;
  }
  return matches;
}

/**
 * For each a: the weight of the b with a + b ≥ floor (three parties), by
 * CDQ divide and conquer: points (the b) and queries (the a) in decreasing
 * order of the first coordinate (as ranks among B's values, points first on
 * ties); each split adds the left half's points to the right half's queries
 * by a merge in decreasing second coordinate with a Fenwick tree over the
 * third. O(N log² N) for N = |A| + |B|.
 */
export function matches3(a: Half, b: Half, floor: Float64Array): Float64Array {
  const coordinates = [0, 1, 2].map((p) => ranks(b, 3, p));
  const size = a.size + b.size;
  // Items 0…b.size−1 are points, the rest queries; key[item·3 + p] is a rank.
  const key = new Int32Array(size * 3);
  for (let p = 0; p < 3; p++) {
    const { values, rank } = coordinates[p] as { values: Float64Array; rank: Int32Array };
    for (let i = 0; i < b.size; i++) key[i * 3 + p] = rank[i] as number;
    for (let i = 0; i < a.size; i++)
      key[(b.size + i) * 3 + p] = firstAtLeast(
        values,
        a.vectors[i * 3 + p] as number,
        floor[p] as number,
      );
  }
  const items = new Int32Array(size);
  for (let i = 0; i < size; i++) items[i] = i;
  items.sort((i, j) => (key[j * 3] as number) - (key[i * 3] as number) || i - j);
  const zs = (coordinates[2] as { values: Float64Array }).values.length;
  const tree = new Float64Array(zs + 2);
  const matches = new Float64Array(a.size);
  const buffer = new Int32Array(size);
  const weightOf = (item: number) => b.weights[item] as number;
  // Fenwick over reversed z ranks, so that a prefix sums the z at or above a bound.
  const addAt = (z: number, w: number) => {
    for (let r = zs - z; r <= zs + 1; r += r & -r) tree[r] = (tree[r] as number) + w;
  };
  const atLeast = (z: number) => {
    let sum = 0;
    for (let r = zs - z; r > 0; r -= r & -r) sum += tree[r] as number;
    return sum;
  };
  const solve = (lo: number, hi: number) => {
    if (hi - lo < 2) return;
    const mid = (lo + hi) >>> 1;
    solve(lo, mid);
    solve(mid, hi);
    // Both halves are now in decreasing y; merge them, left first on ties.
    let i = lo;
    let j = mid;
    let k = lo;
    while (i < mid || j < hi) {
      const left = items[i] as number;
      const right = items[j] as number;
      if (j >= hi || (i < mid && (key[left * 3 + 1] as number) >= (key[right * 3 + 1] as number))) {
        if (left < b.size) addAt(key[left * 3 + 2] as number, weightOf(left));
        buffer[k++] = left;
        i++;
      } else {
        if (right >= b.size)
          matches[right - b.size] =
            (matches[right - b.size] as number) + atLeast(key[right * 3 + 2] as number);
        buffer[k++] = right;
        j++;
      }
    }
    for (let t = lo; t < mid; t++) {
      const item = items[t] as number;
      if (item < b.size) addAt(key[item * 3 + 2] as number, -weightOf(item));
    }
    items.set(buffer.subarray(lo, hi), lo);
  };
  solve(0, size);
  return matches;
}

/** Indices 0…size−1 in increasing order of `vectors[i · stride]`. */
function order(vectors: Float64Array, stride: number, size: number): Int32Array {
  const indices = new Int32Array(size);
  for (let i = 0; i < size; i++) indices[i] = i;
  return indices.sort((i, j) => (vectors[i * stride] as number) - (vectors[j * stride] as number));
}

/** The first index of increasing `values` where offset + value ≥ bound (`values.length` if none). */
function firstAtLeast(values: Float64Array, offset: number, bound: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offset + (values[mid] as number) >= bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
