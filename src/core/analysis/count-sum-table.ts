/**
 * The distinct utility vectors of a half in meet in the middle, with their
 * multiplicities: a hash table that merges vectors closer than about 2^-40.
 */

/** Distinct utility vectors of some groups, with their multiplicities. */
export interface Half {
  readonly size: number;
  /** `size` × parties. */
  readonly vectors: Float64Array;
  readonly weights: Float64Array;
}

/** Sums closer than about 2^-40 are merged (one of them stands for all). */
const SCALE = 2 ** 40;

/** Open-addressing hash table (linear probing, load ≤ 0.7) of vectors keyed on a 2^-40 grid, summing their weights. */
export class SumTable {
  size = 0;
  private mask: number;
  /** Per slot: n keys, the weight (0: empty), the n values. */
  private slots: Float64Array;
  private readonly stride: number;
  private readonly keys: Float64Array;

  constructor(
    private readonly n: number,
    bound: number,
  ) {
    let capacity = 16;
    while (capacity < 2 * Math.min(bound, 1 << 15)) capacity *= 2;
    this.mask = capacity - 1;
    this.stride = 2 * n + 1;
    this.slots = new Float64Array(this.stride * capacity);
    this.keys = new Float64Array(n);
  }

  /** Adds the vector at `values[offset…offset + n)` with its weight. */
  add(values: Float64Array, offset: number, weight: number): void {
    const { n, mask, slots, stride, keys } = this;
    // murmur3-style mixing of the low and high 32 bits of the keys
    let h = 0x9747b28c;
    for (let p = 0; p < n; p++) {
      const key = Math.round((values[offset + p] as number) * SCALE);
      keys[p] = key;
      h = Math.imul(h ^ Math.imul(key >>> 0, 0xcc9e2d51), 0x1b873593);
      h = Math.imul(h ^ (h >>> 15) ^ ((key / 4294967296) | 0), 0x85ebca6b);
    }
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    for (let i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
      const at = stride * i;
      const stored = slots[at + n] as number;
      if (stored === 0) {
        for (let p = 0; p < n; p++) {
          slots[at + p] = keys[p] as number;
          slots[at + n + 1 + p] = values[offset + p] as number;
        }
        slots[at + n] = weight;
        if (++this.size * 10 > mask * 7) this.grow();
        return;
      }
      let same = slots[at] === keys[0];
      for (let p = 1; p < n && same; p++) same = slots[at + p] === keys[p];
      if (same) {
        slots[at + n] = stored + weight;
        return;
      }
    }
  }

  /** The stored vectors and their weights, packed. */
  compact(): Half {
    const { n, slots, stride } = this;
    const vectors = new Float64Array(this.size * n);
    const weights = new Float64Array(this.size);
    let k = 0;
    for (let at = 0; at < slots.length; at += stride) {
      if (slots[at + n] === 0) continue;
      weights[k] = slots[at + n] as number;
      for (let p = 0; p < n; p++) vectors[k * n + p] = slots[at + n + 1 + p] as number;
      k++;
    }
    return { size: k, vectors, weights };
  }

  private grow(): void {
    const old = this.compact();
    this.mask = 2 * this.mask + 1;
    this.slots = new Float64Array(this.stride * (this.mask + 1));
    this.size = 0;
    for (let i = 0; i < old.size; i++) this.add(old.vectors, i * this.n, old.weights[i] as number);
  }
}
