/**
 * Word-level differences between two wordings, for showing what a new version
 * of a provision changed ("Ukraine cedes ~~the whole of~~ Donbas" …), and a
 * word-overlap similarity for telling how much of a wording survived.
 *
 * Texts are cut into tokens (words, runs of whitespace, single punctuation
 * marks) that concatenate back to the text, so a diff never loses a character.
 */

/** One step of an edit script: keep (`=`), delete (`-`) or insert (`+`) a run of text. */
export type WordOp = readonly ['=' | '-' | '+', string];

/**
 * Above this many token insertions plus deletions (after the common prefix and
 * suffix are set aside), `diffWords` stops searching for a minimal script and
 * replaces the whole differing middle: one `-` and one `+`.
 */
export const DIFF_MAX_EDITS = 1000;

/**
 * Above this many steps of the search (diagonals visited plus tokens compared),
 * `diffWords` gives up in the same way. With `DIFF_MAX_EDITS` this bounds a
 * diff to a few tens of milliseconds and `DIFF_MAX_EDITS²` words of memory,
 * whatever the texts.
 */
export const DIFF_MAX_WORK = 10_000_000;

/**
 * A token: a number with inner separators (`600,000`, `3.5`), a word of
 * letters, marks, digits and underscores with inner apostrophes (`Ukraine's`),
 * a run of whitespace, or any other single character (punctuation, symbols).
 */
const TOKEN =
  /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}\p{N}_]+)*|\s+|[^\p{L}\p{M}\p{N}_\s]/gu;

/** The word alternatives of `TOKEN` alone: the words `tokenize` would cut, skipping the rest. */
const WORD = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}\p{N}_]+)*/gu;

/**
 * The tokens of `text`: words (numbers such as `600,000` and inner apostrophes
 * included), runs of whitespace and single punctuation marks or symbols.
 * `tokenize(text).join('') === text` for every string. O(length).
 */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * The words of `text`, lower-cased with `toLowerCase` (no locale), in order:
 * the word tokens `tokenize` would cut from the lower-cased text, skipping
 * whitespace and punctuation. The units `similarity` counts. O(length).
 */
export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * A minimal token-level edit script turning `a` into `b`.
 *
 * Algorithm: both texts are tokenized (`tokenize`) and the tokens interned as
 * integers; the common prefix and suffix are set aside; the middle is diffed
 * with Myers' O(ND) greedy algorithm (N tokens, D insertions plus deletions),
 * keeping one frontier per D for the backtrack (O(D²) memory). Consecutive
 * operations of one kind are merged and, within each changed run, the
 * deletions come before the insertions, so `-` and `+` alternate with `=`
 * and no two neighbours share a kind.
 *
 * Guarantees: joining the `=` and `-` texts gives `a`; joining the `=` and
 * `+` texts gives `b`; `diffWords(a, a)` is `[['=', a]]` (`[]` for `''`).
 * The script is minimal in tokens unless the edit distance exceeds
 * `DIFF_MAX_EDITS` (checked first against a lower bound, the tokens the two
 * middles do not share, so hopeless cases cost O(N)) or the search exceeds
 * `DIFF_MAX_WORK` steps: then the differing middle is replaced whole
 * (correct, but coarse). Cost O(N + D²) typically, O(N·D) at worst, capped
 * as above. Measured: two 300-word paragraphs differing in a few words take
 * about 0.2 ms; two unrelated 300-word paragraphs (D ≈ 900, spaces and small
 * words still shared) about 5 ms; past the caps, tens of milliseconds at
 * most. Pass the result through `cleanupDiff` for display.
 */
export function diffWords(a: string, b: string): WordOp[] {
  if (a === b) return a === '' ? [] : [['=', a]];
  // Long texts that differ in a few words share most of their characters: set the common start
  // and end aside by characters (at word boundaries), so only the middle is tokenized.
  const [head, tail] = commonEnds(a, b);
  if (head + tail > 0) {
    const middle = diffTokens(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
    const ops: WordOp[] = [];
    const push = (op: WordOp) => {
      const last = ops[ops.length - 1];
      if (last !== undefined && last[0] === op[0]) ops[ops.length - 1] = [op[0], last[1] + op[1]];
      else if (op[1] !== '') ops.push(op);
    };
    push(['=', a.slice(0, head)]);
    for (const op of middle) push(op);
    push(['=', a.slice(a.length - tail)]);
    return ops;
  }
  return diffTokens(a, b);
}

/**
 * Lengths of the longest common start and end of two texts that end (start)
 * at a boundary between whitespace and a word in both, so no token is cut.
 */
function commonEnds(a: string, b: string): [number, number] {
  const limit = Math.min(a.length, b.length);
  const space = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r';
  let head = 0;
  while (head < limit && a[head] === b[head]) head++;
  while (head > 0 && !(space(a[head - 1]) && !space(a[head]) && !space(b[head]))) head--;
  let tail = 0;
  while (tail < limit - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  while (
    tail > 0 &&
    !(space(a[a.length - tail - 1]) && space(b[b.length - tail - 1]) && !space(a[a.length - tail]))
  )
    tail--;
  return [head, tail];
}

function diffTokens(a: string, b: string): WordOp[] {
  if (a === b) return a === '' ? [] : [['=', a]];
  const tokensA = tokenize(a);
  const tokensB = tokenize(b);
  const n = tokensA.length;
  const m = tokensB.length;
  let prefix = 0;
  const shorter = Math.min(n, m);
  while (prefix < shorter && tokensA[prefix] === tokensB[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && tokensA[n - 1 - suffix] === tokensB[m - 1 - suffix]) {
    suffix++;
  }

  const builder = new ScriptBuilder(a, b, tokensA, tokensB);
  builder.keep(prefix);
  const ids = new Map<string, number>();
  const intern = (tokens: string[], from: number, to: number) => {
    const result = new Int32Array(to - from);
    for (let i = from; i < to; i++) {
      const token = tokens[i] as string;
      let id = ids.get(token);
      if (id === undefined) {
        id = ids.size;
        ids.set(token, id);
      }
      result[i - from] = id;
    }
    return result;
  };
  const middleA = intern(tokensA, prefix, n - suffix);
  const middleB = intern(tokensB, prefix, m - suffix);
  const steps =
    editLowerBound(middleA, middleB, ids.size) > DIFF_MAX_EDITS
      ? undefined
      : myers(middleA, middleB);
  if (steps === undefined) {
    builder.remove(middleA.length);
    builder.insert(middleB.length);
  } else {
    for (let i = 0; i < steps.length; ) {
      const step = steps[i] as number;
      let run = 1;
      while (steps[i + run] === step) run++;
      if (step === KEEP) builder.keep(run);
      else if (step === REMOVE) builder.remove(run);
      else builder.insert(run);
      i += run;
    }
  }
  builder.keep(suffix);
  return builder.finish();
}

/**
 * A lower bound of the edit distance: every token beyond the shared multiset
 * must be deleted or inserted. O(n + m).
 */
function editLowerBound(a: Int32Array, b: Int32Array, distinct: number): number {
  const counts = new Int32Array(distinct);
  for (const id of a) counts[id] = (counts[id] as number) + 1;
  let shared = 0;
  for (const id of b) {
    if ((counts[id] as number) > 0) {
      counts[id] = (counts[id] as number) - 1;
      shared++;
    }
  }
  return a.length + b.length - 2 * shared;
}

const KEEP = 0;
const REMOVE = 1;
const INSERT = 2;

/**
 * Myers' greedy forward search. Returns the elementary steps (one per token)
 * of a shortest edit script, or undefined once the caps are exceeded.
 */
function myers(a: Int32Array, b: Int32Array): Uint8Array | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) {
    return new Uint8Array(n + m).fill(n === 0 ? INSERT : REMOVE);
  }
  const max = Math.min(n + m, DIFF_MAX_EDITS);
  const offset = max + 1;
  // v[offset + k]: the furthest x reached on diagonal k = x - y.
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let work = 0;
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))) {
        x = v[offset + k + 1] as number;
      } else {
        x = (v[offset + k - 1] as number) + 1;
      }
      let y = x - k;
      const start = x;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      work += 1 + x - start;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
    if (work > DIFF_MAX_WORK) return undefined;
  }
  if (found < 0) return undefined;

  const steps = new Uint8Array((n + m + found) / 2);
  let at = steps.length;
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    // The frontier after step d - 1, indexed k + (d - 1).
    const previous = trace[d - 1] as Int32Array;
    const k = x - y;
    const down =
      k === -d ||
      (k !== d && (previous[k - 1 + d - 1] as number) < (previous[k + 1 + d - 1] as number));
    const previousK = down ? k + 1 : k - 1;
    const previousX = previous[previousK + d - 1] as number;
    const previousY = previousX - previousK;
    const startX = down ? previousX : previousX + 1;
    while (x > startX) {
      steps[--at] = KEEP;
      x--;
      y--;
    }
    steps[--at] = down ? INSERT : REMOVE;
    x = previousX;
    y = previousY;
  }
  while (x > 0) {
    steps[--at] = KEEP;
    x--;
  }
  return steps;
}

/**
 * Collects runs of tokens into merged ops, deletions before insertions within
 * a changed run. Kept and removed runs are contiguous in `a`, inserted runs
 * in `b`, so every op is a slice of one of the texts.
 */
class ScriptBuilder {
  private readonly ops: WordOp[] = [];
  /** Next token of a and of b, and their character offsets. */
  private i = 0;
  private j = 0;
  private offsetA = 0;
  private offsetB = 0;
  /** The open changed run: where it started in a and in b. */
  private changeA = 0;
  private changeB = 0;
  private changing = false;

  constructor(
    private readonly a: string,
    private readonly b: string,
    private readonly tokensA: readonly string[],
    private readonly tokensB: readonly string[],
  ) {}

  keep(count: number): void {
    if (count === 0) return;
    this.flushChange();
    const start = this.offsetA;
    for (let end = this.i + count; this.i < end; this.i++, this.j++) {
      const length = (this.tokensA[this.i] as string).length;
      this.offsetA += length;
      this.offsetB += length;
    }
    this.push('=', this.a.slice(start, this.offsetA));
  }

  remove(count: number): void {
    this.openChange();
    for (let end = this.i + count; this.i < end; this.i++) {
      this.offsetA += (this.tokensA[this.i] as string).length;
    }
  }

  insert(count: number): void {
    this.openChange();
    for (let end = this.j + count; this.j < end; this.j++) {
      this.offsetB += (this.tokensB[this.j] as string).length;
    }
  }

  finish(): WordOp[] {
    this.flushChange();
    return this.ops;
  }

  private openChange(): void {
    if (this.changing) return;
    this.changing = true;
    this.changeA = this.offsetA;
    this.changeB = this.offsetB;
  }

  private flushChange(): void {
    if (!this.changing) return;
    this.changing = false;
    this.push('-', this.a.slice(this.changeA, this.offsetA));
    this.push('+', this.b.slice(this.changeB, this.offsetB));
  }

  /** Appends an op, merging it into the previous one of the same kind. */
  private push(kind: WordOp[0], text: string): void {
    if (text === '') return;
    const last = this.ops[this.ops.length - 1];
    if (last !== undefined && last[0] === kind)
      this.ops[this.ops.length - 1] = [kind, last[1] + text];
    else this.ops.push([kind, text]);
  }
}

/**
 * A more readable version of an edit script, in the manner of
 * diff-match-patch's semantic cleanup: an unchanged run between two changes
 * is folded into them (deleted and inserted again) when it holds no word
 * (only spaces or punctuation) or no more words than the larger side of
 * each of the two changes around it. "Ukraine cedes the whole of Donbas" →
 * "The line of contact is frozen in Donbas" then reads as one replacement
 * before " Donbas" instead of word-by-word swaps around kept spaces. The
 * result is no longer minimal but keeps every guarantee of `diffWords`
 * (joins, merged kinds, deletions first). One pass with a stack: O(total
 * text length).
 */
export function cleanupDiff(ops: readonly WordOp[]): WordOp[] {
  interface Keep {
    keep: string;
    words: number;
  }
  interface Change {
    removed: string;
    inserted: string;
    removedWords: number;
    insertedWords: number;
  }
  const stack: (Keep | Change)[] = [];
  const weight = (change: Change) => Math.max(change.removedWords, change.insertedWords);
  for (const [kind, text] of ops) {
    const count = words(text).length;
    const top = stack[stack.length - 1];
    if (kind === '=') {
      if (top !== undefined && 'keep' in top) {
        top.keep += text;
        top.words += count;
      } else stack.push({ keep: text, words: count });
      continue;
    }
    let change: Change;
    if (top !== undefined && !('keep' in top)) change = top;
    else {
      change = { removed: '', inserted: '', removedWords: 0, insertedWords: 0 };
      stack.push(change);
    }
    if (kind === '-') {
      change.removed += text;
      change.removedWords += count;
    } else {
      change.inserted += text;
      change.insertedWords += count;
    }
    // Fold the unchanged runs that the grown change now outweighs.
    for (;;) {
      const right = stack[stack.length - 1] as Change;
      const keep = stack[stack.length - 2];
      const left = stack[stack.length - 3];
      if (keep === undefined || !('keep' in keep) || left === undefined || 'keep' in left) break;
      if (keep.words > 0 && (keep.words > weight(left) || keep.words > weight(right))) break;
      stack.length -= 2;
      left.removed += keep.keep + right.removed;
      left.inserted += keep.keep + right.inserted;
      left.removedWords += keep.words + right.removedWords;
      left.insertedWords += keep.words + right.insertedWords;
    }
  }
  const result: WordOp[] = [];
  for (const segment of stack) {
    if ('keep' in segment) {
      if (segment.keep !== '') result.push(['=', segment.keep]);
      continue;
    }
    if (segment.removed !== '') result.push(['-', segment.removed]);
    if (segment.inserted !== '') result.push(['+', segment.inserted]);
  }
  return result;
}

/**
 * Applies an edit script to `a` and returns the new text: `=` and `-` texts
 * must follow each other through `a` from its start to its end, `+` texts are
 * inserted. Throws an `Error` naming the first op that does not fit (wrong
 * text at that point, an unknown kind, or `a` not fully consumed).
 * O(length of a + length of the result).
 */
export function applyWordDiff(a: string, ops: readonly WordOp[]): string {
  const parts: string[] = [];
  let at = 0;
  ops.forEach(([kind, text], index) => {
    if (kind === '+') {
      parts.push(text);
      return;
    }
    if (kind !== '=' && kind !== '-') {
      throw new Error(`word diff op ${index} has an unknown kind ${JSON.stringify(kind)}`);
    }
    if (!a.startsWith(text, at)) {
      throw new Error(
        `word diff op ${index} (${kind} ${JSON.stringify(text)}) does not fit the text at character ${at}`,
      );
    }
    if (kind === '=') parts.push(text);
    at += text.length;
  });
  if (at !== a.length) {
    throw new Error(`word diff ends at character ${at} of a text of ${a.length} characters`);
  }
  return parts.join('');
}

/**
 * How much wording two texts share, in [0, 1]: the Dice coefficient of their
 * word multisets, 2·|A ∩ B| / (|A| + |B|), where A and B are the lower-cased
 * words (`words`) counted with multiplicity. Whitespace, punctuation, case and
 * word order are ignored, so 1 means "the same words" (equal texts always give
 * 1). Texts without words are compared by their punctuation and symbols
 * instead; two texts with neither (empty or blank) give 1.
 * O(length) expected (hash counting).
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  let unitsA = words(a);
  let unitsB = words(b);
  if (unitsA.length === 0 && unitsB.length === 0) {
    unitsA = tokenize(a).filter((token) => token.trim() !== '');
    unitsB = tokenize(b).filter((token) => token.trim() !== '');
    if (unitsA.length === 0 && unitsB.length === 0) return 1;
  }
  if (unitsA.length === 0 || unitsB.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const unit of unitsA) counts.set(unit, (counts.get(unit) ?? 0) + 1);
  let shared = 0;
  for (const unit of unitsB) {
    const count = counts.get(unit) ?? 0;
    if (count > 0) {
      shared++;
      counts.set(unit, count - 1);
    }
  }
  return (2 * shared) / (unitsA.length + unitsB.length);
}
