import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { InvalidError, type Problem } from '../../core/errors.ts';
import type { AlternativeId, ProvisionId } from '../../core/ids.ts';
import { alpha, roman } from '../../core/text/numbering.ts';
import type { NumberingStyle, Provision } from '../../core/text/provision.ts';
import { parsePlainDraft, writePlainDraft } from './plain-draft.ts';

interface Expected {
  heading?: string;
  alternatives?: string[];
  children?: Provision[];
}

/** An expected provision; `alternatives` make it open. */
function pv(id: string, style: NumberingStyle, body: string, more: Expected = {}): Provision {
  const { heading, alternatives, children = [] } = more;
  return {
    id: id as ProvisionId,
    style,
    ...(heading === undefined ? {} : { heading }),
    body: alternatives === undefined ? body : '',
    ...(alternatives === undefined
      ? {}
      : {
          alternatives: alternatives.map((text, i) => ({
            id: alpha(i + 1) as AlternativeId,
            text,
          })),
        }),
    children,
  };
}

const lines = (...text: string[]) => text.join('\n');

function problemsOf(text: string): Problem[] {
  try {
    parsePlainDraft(text, 'draft.txt');
  } catch (error) {
    if (error instanceof InvalidError) return [...error.problems];
    throw error;
  }
  assert.fail('the draft was accepted');
}

/** Problems as "line: message". */
const located = (text: string) => problemsOf(text).map((p) => `${p.line}: ${p.message}`);

/** Styles and numbers only: "decimal(alpha roman)" style outlines. */
function outline(provisions: readonly Provision[]): string {
  return provisions
    .map((p) => (p.children.length === 0 ? p.style : `${p.style}(${outline(p.children)})`))
    .join(' ');
}

describe('parsePlainDraft', () => {
  test('reads a realistic draft: preamble, articles, points, sub-points, an open provision', () => {
    const text = lines(
      'DRAFT FRAMEWORK FOR ENDING THE WAR',
      '(as circulated on 23 November 2025)',
      '',
      'The Parties, reaffirming their commitment to a just and lasting peace,',
      'agree as follows.',
      '',
      'Article 1: Sovereignty and security',
      'The sovereignty of Ukraine will be confirmed.',
      '  1. Ukraine will receive reliable security guarantees.',
      '  2. The armed forces of Ukraine will be limited to [600,000 / 800,000]',
      '     personnel in peacetime.',
      '  3. The Parties shall establish a monitoring mechanism.',
      '',
      '     It consists of:',
      '     (a) a joint commission, which will',
      '         (i) meet monthly; and/or',
      '         (ii) report to the guarantors;',
      '     (b) [the Parties] may invite observers.',
      'Article 2 — Territories',
      '2.1 Crimea, Luhansk and Donetsk will be recognised as de facto Russian.',
      '2.2 The line of contact will be frozen',
      'in Kherson and Zaporizhzhia.',
      '',
    );
    const read = parsePlainDraft(text, 'draft.txt');
    assert.deepEqual(parsePlainDraft(writePlainDraft(read), 'written.txt'), read);
    assert.deepEqual(read, [
      pv(
        'p1',
        'none',
        'DRAFT FRAMEWORK FOR ENDING THE WAR (as circulated on 23 November 2025)\n' +
          'The Parties, reaffirming their commitment to a just and lasting peace, agree as follows.',
      ),
      pv('p2', 'article', 'The sovereignty of Ukraine will be confirmed.', {
        heading: 'Sovereignty and security',
        children: [
          pv('p3', 'decimal', 'Ukraine will receive reliable security guarantees.'),
          pv('p4', 'decimal', '', {
            alternatives: [
              'The armed forces of Ukraine will be limited to 600,000 personnel in peacetime.',
              'The armed forces of Ukraine will be limited to 800,000 personnel in peacetime.',
            ],
          }),
          pv(
            'p5',
            'decimal',
            'The Parties shall establish a monitoring mechanism.\nIt consists of:',
            {
              children: [
                pv('p6', 'alpha', 'a joint commission, which will', {
                  children: [
                    pv('p7', 'roman', 'meet monthly; and/or'),
                    pv('p8', 'roman', 'report to the guarantors;'),
                  ],
                }),
                pv('p9', 'alpha', '', {
                  alternatives: ['the Parties may invite observers.', 'may invite observers.'],
                }),
              ],
            },
          ),
        ],
      }),
      pv('p10', 'article', '', {
        heading: 'Territories',
        children: [
          pv(
            'p11',
            'dotted',
            'Crimea, Luhansk and Donetsk will be recognised as de facto Russian.',
          ),
          pv('p12', 'dotted', 'The line of contact will be frozen in Kherson and Zaporizhzhia.'),
        ],
      }),
    ]);
  });

  test('reads Markdown: headings nest by level, numbered items by indentation', () => {
    const text = lines(
      '# Draft framework',
      '',
      'Intro paragraph.',
      '',
      '## Article 1. Security guarantees',
      'The guarantees:',
      '1. apply at once;',
      '   1. including air defence;',
      '   2. and training.',
      '2. last ten years.',
      '',
      '## Article 2 — Elections ##',
      '1. Elections within 100 days.',
      '# Annex',
      '## Timetable',
    );
    assert.deepEqual(parsePlainDraft(text, 'draft.md'), [
      pv('p1', 'section', 'Intro paragraph.', {
        heading: 'Draft framework',
        children: [
          pv('p2', 'article', 'The guarantees:', {
            heading: 'Security guarantees',
            children: [
              pv('p3', 'decimal', 'apply at once;', {
                children: [
                  pv('p4', 'decimal', 'including air defence;'),
                  pv('p5', 'decimal', 'and training.'),
                ],
              }),
              pv('p6', 'decimal', 'last ten years.'),
            ],
          }),
          pv('p7', 'article', '', {
            heading: 'Elections',
            children: [pv('p8', 'decimal', 'Elections within 100 days.')],
          }),
        ],
      }),
      pv('p9', 'section', '', {
        heading: 'Annex',
        children: [pv('p10', 'section', '', { heading: 'Timetable' })],
      }),
    ]);
  });

  test('reads every numbering form', () => {
    const text = lines(
      'PART I',
      'Section 1: General',
      'Article 1',
      'Point 1. First point.',
      'Point 2',
      'Second point.',
      '3) Third point.',
      'a) first',
      'B) second, upper case',
      '(c) third',
      'ARTICLE II - Final provisions',
      'Section 2',
      'Part 2: Annex',
    );
    const read = parsePlainDraft(text, 'draft.txt');
    assert.equal(
      outline(read),
      'section(section(article(decimal decimal decimal(alpha alpha alpha)) article) section) section',
    );
    const article2 = read[0]?.children[0]?.children[1];
    assert.equal(article2?.heading, 'Final provisions');
    assert.equal(read[0]?.children[0]?.heading, 'General');
    assert.equal(read[0]?.children[0]?.children[0]?.children[1]?.body, 'Second point.');
  });

  test('keeps text that only looks like a label', () => {
    const read = parsePlainDraft(
      lines(
        '1. The Parties recall that',
        'Article 51 of the Charter applies, and that',
        '(see annex) and 2025 ceasefire and 600,000',
        '#hashtag stays text.',
      ),
      'draft.txt',
    );
    assert.deepEqual(read, [
      pv(
        'p1',
        'decimal',
        'The Parties recall that Article 51 of the Charter applies, and that (see annex) and 2025 ceasefire and 600,000 #hashtag stays text.',
      ),
    ]);
  });

  test('nests by kind when indentation says nothing, and ignores the indentation of titles', () => {
    const text = lines(
      '                 Article 1',
      '1. one',
      '(a) one a',
      '(b) one b',
      '2. two',
      '                Article 2',
      '1. one',
    );
    assert.equal(
      outline(parsePlainDraft(text, 'draft.txt')),
      'article(decimal(alpha alpha) decimal) article(decimal)',
    );
  });

  test('accepts CRLF, tabs and a byte-order mark', () => {
    const text = '\uFEFF1.\tFirst\r\n\t(a)  sub\r\n\r\n\tmore   text\r\n2. Second\r\n';
    assert.deepEqual(parsePlainDraft(text, 'draft.txt'), [
      pv('p1', 'decimal', 'First', { children: [pv('p2', 'alpha', 'sub\nmore text')] }),
      pv('p3', 'decimal', 'Second'),
    ]);
  });

  test('an empty text has no provisions', () => {
    assert.deepEqual(parsePlainDraft('', 'draft.txt'), []);
    assert.deepEqual(parsePlainDraft('\n  \n', 'draft.txt'), []);
  });
});

describe('"(i)": a letter or a roman numeral', () => {
  const letters = (n: number) => Array.from({ length: n }, (_, i) => `(${alpha(i + 1)}) item`);

  test('a letter when it follows "(h)"', () => {
    const read = parsePlainDraft(lines('1. list', ...letters(10)), 'draft.txt');
    assert.equal(outline(read), `decimal(${Array(10).fill('alpha').join(' ')})`);
  });

  test('a numeral when it starts a list, indented or not, or follows a numeral', () => {
    assert.equal(
      outline(parsePlainDraft(lines('(a) x', '(i) y', '(ii) z', '(b) w'), 'draft.txt')),
      'alpha(roman roman) alpha',
    );
    assert.equal(
      outline(parsePlainDraft(lines(...letters(8), '  (i) y', '  (ii) z', '(i) w'), 'draft.txt')),
      'alpha alpha alpha alpha alpha alpha alpha alpha(roman roman) alpha',
    );
    assert.equal(
      outline(parsePlainDraft(lines('(i) x', '(ii) y', '(iii) z'), 'draft.txt')),
      'roman roman roman',
    );
    assert.deepEqual(located(lines('(a) x', '(i) y', '(ii) z', '(iii) w', '(i) v')), [
      '5: point (i) follows point (iii); expected (iv)',
    ]);
  });

  test('"(v)" continues whichever list is more recent', () => {
    const under = (n: number) => [
      ...letters(21),
      ...Array.from({ length: n }, (_, i) => `(${roman(i + 1)}) sub`),
    ];
    // (u) then (i)…(iv): "(v)" continues the numerals.
    const withFour = parsePlainDraft(lines(...under(4), '(v) next'), 'draft.txt');
    assert.equal(withFour[20]?.children.length, 5);
    assert.equal(withFour.length, 21);
    // (u) then (i)…(iii): "(v)" cannot follow (iii), so it is the letter after (u).
    const withThree = parsePlainDraft(lines(...under(3), '(v) next'), 'draft.txt');
    assert.equal(withThree[20]?.children.length, 3);
    assert.equal(withThree.length, 22);
    assert.equal(withThree[21]?.style, 'alpha');
  });
});

describe('bracketed choices', () => {
  const alternativesOf = (text: string) =>
    parsePlainDraft(text, 'draft.txt')[0]?.alternatives?.map((a) => `${a.id}: ${a.text}`);

  test('one complete wording per option', () => {
    assert.deepEqual(alternativesOf('1. limited to [600,000 / 800,000 / 900,000] troops'), [
      'a: limited to 600,000 troops',
      'b: limited to 800,000 troops',
      'c: limited to 900,000 troops',
    ]);
  });

  test('a single option means with or without the words', () => {
    assert.deepEqual(alternativesOf('1. The government shall act [promptly].'), [
      'a: The government shall act promptly.',
      'b: The government shall act.',
    ]);
    assert.deepEqual(alternativesOf('1. The government shall[, if asked,] act.'), [
      'a: The government shall, if asked, act.',
      'b: The government shall act.',
    ]);
    assert.deepEqual(alternativesOf('1. [The Parties / …] shall meet.'), [
      'a: The Parties shall meet.',
      'b: shall meet.',
    ]);
  });

  test('"and/or" is not split, and a bracket may span lines and paragraphs', () => {
    assert.deepEqual(alternativesOf('1. [sanctions and/or tariffs]'), [
      'a: sanctions and/or tariffs',
      'b: ',
    ]);
    assert.deepEqual(
      alternativesOf(
        lines('1. The Parties [shall meet', '', 'monthly / may meet]', 'when needed.'),
      ),
      ['a: The Parties shall meet\nmonthly when needed.', 'b: The Parties may meet when needed.'],
    );
  });

  test('the heading stays and the body empties', () => {
    const [article] = parsePlainDraft(
      lines('Article 1: Forces', 'limited to [600,000 / 800,000]'),
      'd',
    );
    assert.equal(article?.heading, 'Forces');
    assert.equal(article?.body, '');
    assert.equal(article?.alternatives?.length, 2);
  });
});

describe('problems', () => {
  test('a jump, a repeat or a wrong start in a list', () => {
    assert.deepEqual(located(lines('1. a', '2. b', '5. c')), [
      '3: point 5 follows point 2; expected 3',
    ]);
    assert.deepEqual(located(lines('1. a', '(a) x', '(a) y')), [
      '3: point (a) follows point (a); expected (b)',
    ]);
    assert.deepEqual(located(lines('2. a')), ['1: point 2 is the first of its list; expected 1']);
    assert.deepEqual(located(lines('(i) a', '(iii) b')), [
      '2: point (iii) follows point (i); expected (ii)',
    ]);
    assert.deepEqual(located(lines('Section 1', 'Section 3')), [
      '2: Section 3 follows Section 1; expected Section 2',
    ]);
  });

  test('articles are counted through the whole text', () => {
    assert.deepEqual(located(lines('Part I', 'Article 1', 'Part II', 'Article 1')), [
      '4: Article 1 follows Article 1; expected Article 2',
    ]);
    assert.deepEqual(located(lines('Article 2')), [
      '1: Article 2 is the first article; expected Article 1',
    ]);
  });

  test('dotted numbers need their parent and their order', () => {
    assert.deepEqual(located(lines('1. a', '1.1 x', '1.3 y')), [
      '3: point 1.3 follows point 1.1; expected 1.2',
    ]);
    assert.deepEqual(located(lines('1. a', '2.1 x')), [
      '2: point 2.1 is not under a point, article or section numbered 2',
    ]);
  });

  test('brackets: more than one group, unbalanced, nested, empty, in a heading', () => {
    assert.deepEqual(located(lines('1. a', '2. [x / y] and', '[z] more')), [
      '3: only one bracketed choice per provision; split the provision',
    ]);
    assert.deepEqual(located(lines('1. limited to [600,000', '2. next')), [
      '1: "[" is never closed',
    ]);
    assert.deepEqual(located(lines('1. limited to 600,000]')), ['1: "]" closes no bracket']);
    assert.deepEqual(located(lines('1. a [b [c] d]')), [
      '1: a bracket opens inside another bracket; brackets cannot be nested',
    ]);
    assert.deepEqual(located(lines('1. a', '2. b [ ] c')), [
      '2: empty brackets: write the options inside, separated by " / "',
    ]);
    assert.deepEqual(located(lines('Article 1: [Security / Safety]')), [
      '1: brackets are not allowed in a heading; put the choice in the wording',
    ]);
  });

  test('every problem at once, in line order, named by file and line', () => {
    const text = lines('1. a', '3. b [x', '', 'Article 2', '(b) y ]]');
    let error: unknown;
    try {
      parsePlainDraft(text, 'draft.txt');
    } catch (caught) {
      error = caught;
    }
    assert.ok(error instanceof InvalidError);
    assert.equal(
      error.message,
      lines(
        'draft.txt:2: point 3 follows point 1; expected 2',
        'draft.txt:2: "[" is never closed',
        'draft.txt:4: Article 2 is the first article; expected Article 1',
        'draft.txt:5: point (b) is the first of its list; expected (a)',
        'draft.txt:5: "]" closes no bracket',
        'draft.txt:5: "]" closes no bracket',
      ),
    );
    assert.ok(error.problems.every((p) => p.file === 'draft.txt' && p.path === ''));
  });

  test('nesting and the number of problems are bounded', () => {
    const deep = Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}1. level ${i + 1}`);
    assert.equal(located(lines(...deep))[0], '33: provisions nest more than 32 levels deep');
    const problems = problemsOf(Array.from({ length: 150 }, () => '1. again').join('\n'));
    assert.equal(problems.length, 101);
    assert.deepEqual(problems[100], {
      file: 'draft.txt',
      path: '',
      message: 'and 49 more problems',
    });
  });

  test('any mix of markers and brackets is read or refused with located problems', () => {
    const piece = fc.constantFrom(
      '1.',
      '2.',
      '3)',
      '1.1',
      '1.2.1',
      '(a)',
      '(b)',
      '(h)',
      '(i)',
      '(ii)',
      '(v)',
      'i)',
      '(I)',
      'Article 1',
      'ARTICLE II:',
      'Part I',
      'Section 2 —',
      'Point 3',
      '# Heading',
      '## Article 2. X',
      '[',
      ']',
      ' / ',
      '[x / y]',
      '[z]',
      '…',
      'text',
      'and/or',
      '',
    );
    const line = fc
      .tuple(fc.constantFrom('', ' ', '    ', '\t'), fc.array(piece, { maxLength: 4 }))
      .map(([indent, pieces]) => indent + pieces.join(' '));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (text) => {
        try {
          parsePlainDraft(text.join('\n'), 'draft.txt');
        } catch (error) {
          assert.ok(error instanceof InvalidError, String(error));
          for (const problem of error.problems.slice(0, 100)) {
            assert.equal(problem.file, 'draft.txt');
            assert.ok(Number.isInteger(problem.line) && (problem.line ?? 0) >= 1);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('writePlainDraft', () => {
  test('writes numbers, headings, indentation and choices', () => {
    const tree = [
      pv('x', 'none', 'The Parties agree:\nas follows.'),
      pv('y', 'article', 'Body of the article.', {
        heading: 'Security',
        children: [
          pv('y1', 'decimal', 'limited', {
            alternatives: ['limited to 600,000 troops', 'limited to 800,000 troops'],
          }),
          pv('y2', 'decimal', 'First paragraph.\nSecond paragraph.', {
            children: [
              pv('y21', 'alpha', '', { alternatives: ['The Parties shall meet.', 'shall meet.'] }),
            ],
          }),
        ],
      }),
      pv('z', 'article', '', {
        children: [
          pv('z1', 'dotted', '', {
            alternatives: ['The Parties shall meet.', 'The Parties shall not meet.'],
            children: [pv('z11', 'roman', 'sub-point')],
          }),
        ],
      }),
    ];
    const text = writePlainDraft(tree);
    assert.equal(
      text,
      lines(
        'The Parties agree:',
        '',
        'as follows.',
        '',
        'Article 1: Security',
        '  Body of the article.',
        '  1. limited to [600,000 / 800,000] troops',
        '  2. First paragraph.',
        '',
        '    Second paragraph.',
        '    (a) [The Parties] shall meet.',
        '',
        'Article 2',
        '  2.1 The Parties shall [… / not] meet.',
        '    (i) sub-point',
        '',
      ),
    );
    assert.deepEqual(parsePlainDraft(text, 'written.txt'), normalise(tree));
  });

  test('refuses trees plain text cannot express', () => {
    const problems = (tree: Provision[]) => {
      try {
        writePlainDraft(tree);
      } catch (error) {
        if (error instanceof InvalidError)
          return error.problems.map((p) => `${p.path}: ${p.message}`);
        throw error;
      }
      assert.fail('the tree was written');
    };
    assert.deepEqual(problems([pv('a', 'article', 'x'), pv('b', 'decimal', 'y')]), [
      'b: siblings of different styles (article, decimal) cannot be told apart in plain text',
    ]);
    assert.deepEqual(problems([pv('a', 'decimal', 'x'), pv('b', 'none', 'y')]), [
      'b: an unnumbered provision can only be the preamble: the first of the text, without sub-provisions',
    ]);
    assert.deepEqual(problems([pv('a', 'dotted', 'x')]), [
      'a: a dotted point must sit under a point, an article or a section',
    ]);
    assert.deepEqual(problems([pv('a', 'article', 'x', { children: [pv('b', 'article', 'y')] })]), [
      'b: an article inside an article cannot be written in plain text',
    ]);
    assert.deepEqual(problems([pv('a', 'decimal', 'x', { heading: 'H' })]), [
      'a: only articles and sections have headings in plain text',
    ]);
    assert.deepEqual(problems([pv('a', 'decimal', 'limited to [600,000] troops')]), [
      'a: brackets in the wording of a closed provision would read as a choice',
    ]);
    assert.deepEqual(problems([pv('a', 'decimal', 'x\n2. y')]), [
      'a: the paragraph "2. y" would read as a numbered line',
    ]);
    assert.deepEqual(problems([pv('a', 'decimal', '', { alternatives: ['x / y', 'z'] })]), [
      'a: the alternatives cannot be written as one bracketed choice (one holds " / " or brackets)',
    ]);
  });
});

// ---------------------------------------------------------------------------
// Round trip

/** Ids as the reader gives them: p1, p2… in document order; alternatives a, b… */
function normalise(provisions: readonly Provision[]): Provision[] {
  let count = 0;
  const visit = (provision: Provision): Provision => {
    count++;
    const id = `p${count}` as ProvisionId;
    const alternatives = provision.alternatives?.map((a, i) => ({
      ...a,
      id: alpha(i + 1) as AlternativeId,
    }));
    return {
      ...provision,
      id,
      ...(alternatives === undefined ? {} : { alternatives }),
      children: provision.children.map(visit),
    };
  };
  return provisions.map(visit);
}

const WORDS = [
  'the',
  'Parties',
  'shall',
  'a',
  'ceasefire',
  'troops',
  '600,000',
  'and/or',
  'withdraw',
  'Ukraine',
  'Russia',
  'guarantees',
  'within',
  'days;',
  'monitoring.',
  'Zaporizhzhia',
  'sanctions',
  'lifted',
  'by',
  'NATO',
  'not',
  '—',
  'e.g.',
  'Article',
  'point',
  '(see',
  'annex)',
  '2025',
];

const wordsArb = (min: number, max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '));

/** Text that cannot start like a numbered line ("point 2025 — …" would). */
const paragraphArb = fc
  .tuple(
    fc.constantFrom(...WORDS.filter((w) => !['Article', 'point', '2025'].includes(w))),
    wordsArb(0, 8),
  )
  .map(([first, rest]) => (rest === '' ? first : `${first} ${rest}`));
const bodyArb = fc.array(paragraphArb, { minLength: 1, maxLength: 3 }).map((p) => p.join('\n'));

const alternativesArb: fc.Arbitrary<string[]> = fc.oneof(
  fc
    .record({
      before: fc.option(paragraphArb, { nil: '' }),
      options: fc.uniqueArray(wordsArb(0, 3), { minLength: 2, maxLength: 3 }),
      after: wordsArb(0, 4),
    })
    .map(({ before, options, after }) =>
      options.map((o) => [before, o, after].filter((t) => t !== '').join(' ')),
    ),
  fc.uniqueArray(bodyArb, { minLength: 2, maxLength: 3 }),
);

const CHILD_STYLES: Record<NumberingStyle, readonly NumberingStyle[]> = {
  section: ['article', 'decimal', 'dotted', 'alpha', 'roman'],
  article: ['section', 'decimal', 'dotted', 'alpha', 'roman'],
  decimal: ['decimal', 'dotted', 'alpha', 'roman'],
  dotted: ['dotted', 'decimal', 'alpha', 'roman'],
  alpha: ['alpha', 'roman', 'decimal'],
  roman: ['roman', 'alpha', 'decimal'],
  none: [],
};

function provisionArb(
  style: NumberingStyle,
  above: readonly NumberingStyle[],
  depth: number,
): fc.Arbitrary<Provision> {
  const titled = style === 'article' || style === 'section';
  return fc
    .record({
      heading: titled ? fc.option(wordsArb(1, 4), { nil: undefined }) : fc.constant(undefined),
      wording: fc.oneof(
        { weight: 3, arbitrary: bodyArb.map((body) => ({ body, alternatives: undefined })) },
        {
          weight: 1,
          arbitrary: alternativesArb.map((alternatives) => ({ body: '', alternatives })),
        },
      ),
      children: childrenArb(style, [...above, style], depth + 1),
    })
    .map(({ heading, wording, children }) =>
      pv('x', style, wording.body, {
        ...(heading === undefined ? {} : { heading }),
        ...(wording.alternatives === undefined ? {} : { alternatives: wording.alternatives }),
        children,
      }),
    );
}

function childrenArb(
  parent: NumberingStyle,
  above: readonly NumberingStyle[],
  depth: number,
): fc.Arbitrary<Provision[]> {
  const styles = CHILD_STYLES[parent].filter(
    (style) => !((style === 'article' || style === 'section') && above.includes(style)),
  );
  if (depth > 3 || styles.length === 0) return fc.constant<Provision[]>([]);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant<Provision[]>([]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...styles).chain((style) => listArb(style, above, depth)),
    },
  );
}

function listArb(
  style: NumberingStyle,
  above: readonly NumberingStyle[],
  depth: number,
): fc.Arbitrary<Provision[]> {
  const maxLength = style === 'alpha' || style === 'roman' ? 11 : 4;
  return fc.array(provisionArb(style, above, depth), { minLength: 1, maxLength });
}

const treeArb: fc.Arbitrary<Provision[]> = fc
  .tuple(
    fc.option(
      fc.oneof(
        bodyArb.map((body) => pv('x', 'none', body)),
        alternativesArb.map((a) => pv('x', 'none', '', { alternatives: a })),
      ),
      { nil: undefined },
    ),
    fc
      .constantFrom<NumberingStyle>('article', 'section', 'decimal', 'alpha', 'roman')
      .chain((style) => listArb(style, [], 0)),
  )
  .map(([preamble, list]) => normalise(preamble === undefined ? list : [preamble, ...list]));

describe('round trip', () => {
  test('reading a written tree gives the tree back, and writing it again gives the same text', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        const text = writePlainDraft(tree);
        const read = parsePlainDraft(text, 'generated.txt');
        assert.deepEqual(read, tree);
        assert.equal(writePlainDraft(read), text);
      }),
      { numRuns: 200 },
    );
  });
});
