import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { processRecordArb } from '../testing/record-arbitrary.ts';
import { writeScenario } from './scenario/scenario-write.ts';
import { readBlockYaml } from './yaml-block.ts';

const MAX_DEPTH = 64;

/** What js-yaml makes of `text` with the loader's settings: the value, or that it refuses it. */
function jsYaml(text: string, maxDepth = MAX_DEPTH): { value: unknown } | 'refused' {
  try {
    return {
      value: yaml.load(text, { schema: yaml.CORE_SCHEMA, maxDepth } as yaml.LoadOptions),
    };
  } catch (error) {
    if (error instanceof yaml.YAMLException) return 'refused';
    throw error;
  }
}

/** The block reader's contract: when it reads a text at all, js-yaml reads the same value from it. */
function agrees(text: string, maxDepth = MAX_DEPTH): boolean {
  const fast = readBlockYaml(text, maxDepth);
  if (fast === undefined) return true;
  const slow = jsYaml(text, maxDepth);
  return slow !== 'refused' && isDeepStrictEqual(fast.value, slow.value);
}

/** The value the block reader gives (it must not give up), after checking it against js-yaml's. */
function read(lines: readonly string[]): unknown {
  const text = lines.join('\n');
  const fast = readBlockYaml(text, MAX_DEPTH);
  assert.ok(fast !== undefined, `the block reader gave up on:\n${text}`);
  const slow = jsYaml(text);
  assert.ok(slow !== 'refused', 'js-yaml refuses it');
  assert.deepStrictEqual(fast.value, slow.value);
  return fast.value;
}

test('the subset reads as js-yaml reads it', () => {
  const value = read([
    '# a comment',
    'concord: 1',
    'process:',
    '  slug: talks   # trailing comment',
    '  title: "Talks: round \\"one\\" \\u00e9\\x41\\t"',
    "  note: 'it''s # not a comment'",
    '  url: https://example.org/a#b',
    '',
    'events:',
    '  - slug: geneva',
    '    date: 2025-11-23',
    '    participants: [rubio, "yermak", \'umerov\', 12]',
    '    weights: { territory: 20, nato: 0.5, label: No commitment either way }',
    '    empty: []',
    '    none: {}',
    '    nothing:',
    '    text: >-',
    '      First line',
    '      folded on.',
    '',
    '      New paragraph.',
    '    literal: |',
    '      one',
    '      # not a comment',
    '',
    '      two',
    '',
    '  -',
    '    slug: nested',
    '  -',
    '  - plain item',
    'list:',
    '- same indentation as the key',
    '- "n": quoted key',
    '  y: ~',
    'numbers: [0x1F, 0o17, +5, -0, .5, 1e3, .inf, -.Inf, .NaN, 1_000]',
    'words: [null, Null, ~, true, False, yes, no, on, 2025-11-30±3d]',
  ]) as Record<string, unknown>;
  const [geneva] = value.events as Record<string, unknown>[];
  assert.deepEqual(geneva?.participants, ['rubio', 'yermak', 'umerov', 12]);
  assert.equal(geneva?.text, 'First line folded on.\nNew paragraph.');
  assert.equal(geneva?.literal, 'one\n# not a comment\n\ntwo\n');
  assert.equal(geneva?.nothing, null);
  assert.equal((value.process as Record<string, unknown>).title, 'Talks: round "one" éA\t');
  assert.deepEqual((value.words as unknown[]).slice(0, 7), [
    null,
    null,
    null,
    true,
    false,
    'yes',
    'no',
  ]);
});

test('anything outside the subset is left to js-yaml', () => {
  const outside = [
    'a: &x [1]\nb: *x', // anchors and aliases
    'a: !!str 1', // tags
    'a: plain that goes\n  on the next line', // multi-line plain scalar
    'a: "quoted that goes\n  on"', // multi-line quoted scalar
    'a:\n\tb: 1', // a tab
    'a: 1\r\nb: 2', // carriage returns
    '\uFEFFa: 1', // a byte-order mark
    'a: 1\na: 2', // a duplicate key (js-yaml refuses it)
    '---\na: 1', // a document marker
    'a: 1\n---\nb: 2', // several documents
    'a: [1, [2]]', // nested flow collections
    'a: {b: {c: 1}}',
    'a: [1,\n  2]', // a flow collection over several lines
    'a: |2\n   x', // an indentation indicator
    'a: |+\n  x\n', // keep chomping
    'a: >\n  x\n    more indented\n  y', // a more-indented folded line
    'a: b: c', // a mapping value where none may be
    '  a: 1', // an indented document
    'just a scalar',
    '? complex key\n: value',
    'a:\n  - x\n - y', // odd indentation
    'True: 1', // a key js-yaml writes back differently
    '__proto__: 1',
    'a:\n  -\n    -\n  - x', // js-yaml reads this x into the inner list
    '-\n  -\n- b: 1',
    'a: [-]', // js-yaml wants a comma after the dash
    'a: "\\q"', // an unknown escape
    'a: \u0007', // a non-printable character
    '',
  ];
  for (const text of outside) {
    assert.equal(readBlockYaml(text, MAX_DEPTH), undefined, JSON.stringify(text));
  }
});

test('deep nesting is left to js-yaml, which enforces the limit', () => {
  const nested = (depth: number) =>
    `${Array.from({ length: depth }, (_, i) => `${' '.repeat(2 * i)}k${i}:`).join('\n')} 1`;
  assert.notEqual(readBlockYaml(nested(5), 10), undefined);
  assert.equal(readBlockYaml(nested(9), 10), undefined);
  assert.equal(jsYaml(nested(12), 10), 'refused');
});

/** Scalars that test quoting, implicit types, escapes and folding. */
const scalarArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    'null',
    'Null',
    '~',
    'true',
    'False',
    'yes',
    '12',
    '012',
    '0x1F',
    '1_000',
    '.5',
    '1e3',
    '.inf',
    '.NaN',
    '2025-11-30',
    '2025-11-30±3d',
    'a: b',
    'a #b',
    '#x',
    '- x',
    '-x',
    "it's",
    '"q"',
    '\\',
    '',
    ' lead',
    'trail ',
    'a\nb',
    'a\n\nb\n',
    'a\n  b',
    '[x]',
    '{x}',
    '&a',
    '*a',
    '!t',
    '%p',
    '@x',
    '?x',
    ':x',
    'x:',
    '😀 x',
  ),
  fc
    .array(fc.constantFrom('word', 'delegation', 'plan.', 'x', 'a:b', 'Ü', ' ', '#'), {
      minLength: 10,
      maxLength: 60,
    })
    .map((words) => words.join(' ')),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

const keyArb = fc.constantFrom(
  'slug',
  'title',
  'led_by',
  'follow-up',
  'n',
  'y',
  'null',
  'true',
  '1',
  'a b',
  'x:y',
  'Ü',
  '',
);

/** Keys and scalars as scenario files have them: words, sentences, numbers, dates. */
const plainScalarArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('rubio', 'Geneva talks', '2025-11-30', '2025-11-30±3d', 'a: b', '12', 'x #1'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
  fc
    .array(fc.constantFrom('the', 'delegation', 'plan.', 'point', '10', "Ukraine's"), {
      minLength: 1,
      maxLength: 40,
    })
    .map((words) => words.join(' ')),
  fc.integer(),
  fc.boolean(),
);
const plainKeyArb = fc.constantFrom('slug', 'title', 'led_by', 'follow-up', 'date', 'n');

function valuesOf(scalar: fc.Arbitrary<unknown>, key: fc.Arbitrary<string>) {
  return fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  })).value;
}

/** How the generated values are written: Concord's style and others people meet. */
const dumpOptionsArb = fc.constantFrom<yaml.DumpOptions>(
  { schema: yaml.CORE_SCHEMA, noRefs: true, lineWidth: 100, quotingType: '"' },
  {},
  { lineWidth: 20 },
  { indent: 4 },
  { noArrayIndent: true },
  { quotingType: "'" },
  { flowLevel: 2 },
  { flowLevel: 1, condenseFlow: true },
  { forceQuotes: true },
);

/** YAML documents (a mapping at the top), from tricky values or from values as scenario files have them. */
function documentArb(tricky: boolean): fc.Arbitrary<string> {
  const [scalar, key] = tricky ? [scalarArb, keyArb] : [plainScalarArb, plainKeyArb];
  return fc
    .tuple(fc.dictionary(key, valuesOf(scalar, key), { minKeys: 1, maxKeys: 5 }), dumpOptionsArb)
    .map(([value, options]) => yaml.dump(value, options));
}

test('property: whatever the block reader reads, js-yaml reads the same', () => {
  fc.assert(
    fc.property(documentArb(true), (text) => agrees(text)),
    { numRuns: 3_000 },
  );
  let accepted = 0;
  fc.assert(
    fc.property(documentArb(false), (text) => {
      if (readBlockYaml(text, MAX_DEPTH) !== undefined) accepted++;
      return agrees(text);
    }),
    { numRuns: 3_000 },
  );
  // The test says little if the reader gives up on most plain documents.
  assert.ok(accepted > 1_500, `only ${accepted} of 3,000 plain documents read`);
});

test('property: on damaged texts the block reader gives up or agrees with js-yaml', () => {
  const damageArb = fc.array(
    fc.tuple(
      fc.nat(),
      fc.constantFrom('delete', 'insert', 'indent', 'dedent', 'repeat-line'),
      fc.constantFrom(
        ...[' ', ':', '-', '#', "'", '"', '\n', '[', ']', '{', '}', '|', '>', '&', ',', '\\', 'x'],
        // Characters that js-yaml refuses, reads as line breaks, or that take two code units.
        ...['\t', '\r', '\u0007', '\u0085', '\u00a0', '\ud800', '\udc00', '\ufeff', '\uffff', '😀'],
      ),
    ),
    { minLength: 1, maxLength: 3 },
  );
  fc.assert(
    fc.property(fc.oneof(documentArb(true), documentArb(false)), damageArb, (original, damages) => {
      let text = original;
      for (const [at, kind, char] of damages) {
        const i = text.length === 0 ? 0 : at % text.length;
        const lineStart = text.lastIndexOf('\n', i - 1) + 1;
        if (kind === 'delete') text = text.slice(0, i) + text.slice(i + 1);
        else if (kind === 'insert') text = text.slice(0, i) + char + text.slice(i);
        else if (kind === 'indent') text = `${text.slice(0, lineStart)} ${text.slice(lineStart)}`;
        else if (kind === 'dedent' && text[lineStart] === ' ')
          text = text.slice(0, lineStart) + text.slice(lineStart + 1);
        else if (kind === 'repeat-line') {
          const end = text.indexOf('\n', i);
          const line = text.slice(lineStart, end === -1 ? text.length : end + 1);
          text = text.slice(0, lineStart) + line + text.slice(lineStart);
        }
      }
      return agrees(text);
    }),
    { numRuns: 5_000 },
  );
});

test('property: scenario files as Concord writes them are read by the block reader', () => {
  fc.assert(
    fc.property(processRecordArb, (record) => {
      const text = writeScenario(record);
      const fast = readBlockYaml(text, MAX_DEPTH);
      const slow = jsYaml(text);
      return fast !== undefined && slow !== 'refused' && isDeepStrictEqual(fast.value, slow.value);
    }),
    { numRuns: 300 },
  );
});
