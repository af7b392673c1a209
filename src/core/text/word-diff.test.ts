import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  applyWordDiff,
  cleanupDiff,
  DIFF_MAX_EDITS,
  diffWords,
  similarity,
  tokenize,
  type WordOp,
  words,
} from './word-diff.ts';

/** The texts an edit script keeps and deletes (the old text) and keeps and inserts (the new). */
const sides = (ops: readonly WordOp[]) => ({
  a: ops
    .filter(([kind]) => kind !== '+')
    .map(([, text]) => text)
    .join(''),
  b: ops
    .filter(([kind]) => kind !== '-')
    .map(([, text]) => text)
    .join(''),
});

/** Every op is non-empty, neighbours differ in kind, and a deletion never follows an insertion. */
const assertMerged = (ops: readonly WordOp[]) => {
  ops.forEach(([kind, text], index) => {
    assert.notEqual(text, '', `op ${index} is empty`);
    const previous = ops[index - 1];
    if (previous === undefined) return;
    assert.notEqual(previous[0], kind, `ops ${index - 1} and ${index} share a kind`);
    assert.ok(!(previous[0] === '+' && kind === '-'), `op ${index}: deletion after insertion`);
  });
};

/** Old words used in a text, so that random texts share enough to make real diffs. */
const wordArb = fc.constantFrom(
  'Ukraine',
  'Russia',
  'the',
  'line',
  'of',
  'contact',
  'Donbas',
  'NATO',
  "Ukraine's",
  '600,000',
  'troops',
  'é',
  'ceasefire',
);
const separatorArb = fc.constantFrom(' ', ' ', ' ', ', ', '. ', '\n', '  ', ' — ', '“', '”');
const textArb = fc
  .array(fc.tuple(wordArb, separatorArb), { maxLength: 30 })
  .map((parts) => parts.map(([word, separator]) => word + separator).join(''));
/** Realistic texts, and any string at all. */
const anyTextArb = fc.oneof(
  textArb,
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
);
/** A text and an edited copy of it. */
const pairArb = fc.oneof(
  fc.tuple(anyTextArb, anyTextArb),
  fc
    .tuple(textArb, fc.array(fc.tuple(fc.nat(), fc.nat(3), textArb), { maxLength: 4 }))
    .map(([text, edits]): [string, string] => {
      let edited = text;
      for (const [at, cut, insert] of edits) {
        const start = at % (edited.length + 1);
        edited = edited.slice(0, start) + insert + edited.slice(start + cut);
      }
      return [text, edited];
    }),
);

describe('tokenize', () => {
  test('cuts words, whitespace runs and single punctuation marks', () => {
    assert.deepEqual(tokenize("Ukraine's army: 600,000 troops —  “limited”."), [
      "Ukraine's",
      ' ',
      'army',
      ':',
      ' ',
      '600,000',
      ' ',
      'troops',
      ' ',
      '—',
      '  ',
      '“',
      'limited',
      '”',
      '.',
    ]);
    assert.deepEqual(tokenize('Київ і Донбас'), ['Київ', ' ', 'і', ' ', 'Донбас']);
    assert.deepEqual(tokenize(''), []);
  });

  test('gives the text back', () => {
    fc.assert(
      fc.property(anyTextArb, (text) => {
        assert.equal(tokenize(text).join(''), text);
      }),
    );
  });
});

describe('diffWords', () => {
  test('shows a rewording as deletions before insertions between kept words', () => {
    const a = 'Ukraine cedes the whole of Donbas';
    const b = 'The line of contact is frozen in Donbas';
    const ops = diffWords(a, b);
    assert.deepEqual(sides(ops), { a, b });
    assertMerged(ops);
    assert.deepEqual(ops[ops.length - 1], ['=', ' Donbas']);
    assert.deepEqual(cleanupDiff(ops), [
      ['-', 'Ukraine cedes the whole of'],
      ['+', 'The line of contact is frozen in'],
      ['=', ' Donbas'],
    ]);
  });

  test('keeps everything but the changed words', () => {
    assert.deepEqual(
      diffWords(
        'The armed forces of Ukraine are limited to 600,000 personnel.',
        'The armed forces of Ukraine are limited to 800,000 personnel in peacetime.',
      ),
      [
        ['=', 'The armed forces of Ukraine are limited to '],
        ['-', '600,000'],
        ['+', '800,000'],
        ['=', ' personnel'],
        ['+', ' in peacetime'],
        ['=', '.'],
      ],
    );
    assert.deepEqual(
      diffWords('Ukraine does not join NATO.', 'Ukraine does not join NATO or the EU.'),
      [
        ['=', 'Ukraine does not join NATO'],
        ['+', ' or the EU'],
        ['=', '.'],
      ],
    );
    assert.deepEqual(diffWords('Russia withdraws.', ''), [['-', 'Russia withdraws.']]);
    assert.deepEqual(diffWords('', 'Russia withdraws.'), [['+', 'Russia withdraws.']]);
  });

  test('is one kept run for equal texts and nothing for two empty ones', () => {
    fc.assert(
      fc.property(anyTextArb, (text) => {
        assert.deepEqual(diffWords(text, text), text === '' ? [] : [['=', text]]);
      }),
    );
  });

  test('joins back to both texts, merged, and applies to give the new text', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const ops = diffWords(a, b);
        assert.deepEqual(sides(ops), { a, b });
        assertMerged(ops);
        assert.equal(applyWordDiff(a, ops), b);
      }),
      { numRuns: 500 },
    );
  });

  test('is minimal: the kept tokens are a longest common subsequence', () => {
    const lcs = (x: string[], y: string[]) => {
      let previous = new Array<number>(y.length + 1).fill(0);
      for (const token of x) {
        const current = [0];
        y.forEach((other, j) => {
          current.push(
            token === other
              ? (previous[j] as number) + 1
              : Math.max(previous[j + 1] as number, current[j] as number),
          );
        });
        previous = current;
      }
      return previous[y.length] as number;
    };
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const kept = diffWords(a, b)
          .filter(([kind]) => kind === '=')
          .reduce((count, [, text]) => count + tokenize(text).length, 0);
        // A kept run is a slice of both texts cut at token boundaries, so it
        // tokenizes back into the tokens it keeps.
        assert.equal(kept, lcs(tokenize(a), tokenize(b)));
      }),
      { numRuns: 300 },
    );
  });

  test('replaces the middle whole when the texts share too little', () => {
    const a = Array.from({ length: DIFF_MAX_EDITS }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: DIFF_MAX_EDITS }, (_, i) => `b${i}`).join(' ');
    const ops = diffWords(`Preamble. ${a}. Final clause.`, `Preamble. ${b}. Final clause.`);
    assert.deepEqual(ops, [
      ['=', 'Preamble. '],
      ['-', a],
      ['+', b],
      ['=', '. Final clause.'],
    ]);
  });

  test('stays correct past the search caps', () => {
    const text = (seed: number, length: number) =>
      Array.from({ length }, (_, i) => `w${(i * 7919 + seed * 104_729) % 997}`).join(' ');
    const a = text(1, 3000);
    const b = text(2, 3000);
    const ops = diffWords(a, b);
    assert.equal(applyWordDiff(a, ops), b);
    assertMerged(ops);
  });
});

describe('applyWordDiff', () => {
  test('refuses ops that do not fit the text', () => {
    const a = 'Ukraine does not join NATO.';
    const cases: [WordOp[], RegExp][] = [
      [[['=', 'Russia']], /op 0 .* does not fit the text at character 0/],
      [
        [
          ['=', 'Ukraine '],
          ['-', 'will'],
        ],
        /op 1 .* does not fit the text at character 8/,
      ],
      [[['=', 'Ukraine']], /ends at character 7 of a text of 27 characters/],
      [[['*', a] as unknown as WordOp], /unknown kind/],
    ];
    for (const [ops, reason] of cases) {
      assert.throws(
        () => applyWordDiff(a, ops),
        (error: unknown) => error instanceof Error && reason.test(error.message),
      );
    }
  });
});

describe('cleanupDiff', () => {
  test('keeps the joins and the merged kinds', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const ops = cleanupDiff(diffWords(a, b));
        assert.deepEqual(sides(ops), { a, b });
        assertMerged(ops);
      }),
      { numRuns: 300 },
    );
  });

  test('leaves a script with isolated changes alone', () => {
    const ops = diffWords(
      'The line of contact is frozen in Donbas and in Zaporizhzhia.',
      'The line of contact is fixed in Donbas and in Kherson.',
    );
    assert.deepEqual(cleanupDiff(ops), ops);
  });
});

describe('similarity', () => {
  test('counts shared words, ignoring case, punctuation and order', () => {
    assert.equal(similarity('Ukraine does not join NATO.', 'Ukraine does not join NATO.'), 1);
    assert.equal(similarity('NATO: Ukraine does not join', 'ukraine does not join nato'), 1);
    assert.equal(similarity('Ukraine does not join NATO.', 'Russia withdraws.'), 0);
    // 3 shared words of 5 + 5.
    assert.equal(similarity('Ukraine does not join NATO.', 'Ukraine will never join NATO.'), 0.6);
    // "of" and "Donbas" shared, of 6 + 8 words.
    assert.equal(
      similarity('Ukraine cedes the whole of Donbas', 'The line of contact is frozen in Donbas'),
      (2 * 3) / 14,
    );
    assert.equal(similarity('', ''), 1);
    assert.equal(similarity('', 'NATO'), 0);
    assert.equal(similarity('…', '—'), 0);
  });

  test('is symmetric, in [0, 1] and 1 for equal texts', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const value = similarity(a, b);
        assert.ok(value >= 0 && value <= 1);
        assert.equal(value, similarity(b, a));
        assert.equal(similarity(a, a), 1);
      }),
    );
  });

  test('words are the word tokens of the lower-cased text', () => {
    fc.assert(
      fc.property(anyTextArb, (text) => {
        const lower = text.toLowerCase();
        assert.deepEqual(
          words(text),
          tokenize(lower).filter((token) => /^[\p{L}\p{M}\p{N}_]/u.test(token)),
        );
      }),
    );
  });

  test('words keep numbers and inner apostrophes whole', () => {
    assert.deepEqual(words("Ukraine's 600,000 troops — (Київ)."), [
      "ukraine's",
      '600,000',
      'troops',
      'київ',
    ]);
  });
});
