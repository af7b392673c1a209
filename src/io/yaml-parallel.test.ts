import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { InvalidError } from '../core/errors.ts';
import { processRecordArb } from '../testing/record-arbitrary.ts';
import { writeScenario } from './scenario/scenario-write.ts';
import { DEFAULT_YAML_LIMITS, loadYaml, mayHaveAnchor, type YamlLimits } from './yaml-load.ts';
import { loadYamlParallel, type Segment, splitTopLevel } from './yaml-parallel.ts';

/** Forces the parallel path on small texts: two workers, chunks of a few items. */
const FORCED = { workers: 2, minBytes: 0, chunkSize: 40, blockReader: false };

/** How the last `parallel` call read its text. */
let lastRead: unknown;

/** What `loadYaml` gives: the value, or the refusal's problems. */
function serial(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): unknown {
  try {
    return { value: loadYaml(text, 'f.yaml', limits).value };
  } catch (error) {
    assert.ok(error instanceof InvalidError, String(error));
    return { problems: error.problems };
  }
}

async function parallel(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): Promise<unknown> {
  try {
    const onRead = (how: unknown) => {
      lastRead = how;
    };
    return { value: (await loadYamlParallel(text, 'f.yaml', limits, { ...FORCED, onRead })).value };
  } catch (error) {
    assert.ok(error instanceof InvalidError, String(error));
    return { problems: error.problems };
  }
}

const shape = (segments: Segment[] | undefined) =>
  segments?.map((s) => ('whole' in s ? s.key : `${s.key}:${s.chunks.map((c) => c.items)}`));

test('a file is cut at its top-level keys and its lists at their items', () => {
  const text = [
    '# comment',
    'concord: 1',
    '',
    'process:',
    '  slug: p',
    '  tags:',
    '  - not an item of the top level',
    'events:',
    '  # a comment before the first item',
    '  - slug: a',
    '    participants:',
    '      - x',
    '  - slug: b',
    '',
    '  - slug: c',
    'statements:',
    '- one',
    '- two',
    '',
  ].join('\n');
  assert.deepEqual(shape(splitTopLevel(text, 1)), [
    'concord',
    'process',
    'events:1,1,1',
    'statements:1,1',
  ]);
  assert.deepEqual(shape(splitTopLevel(text, 1000)), [
    'concord',
    'process',
    'events:3',
    'statements:2',
  ]);
});

test('a file without the simple shape is not cut', () => {
  for (const text of [
    '---\na: 1\n',
    '%YAML 1.2\n---\na: 1\n',
    'a: 1\na: 2\n',
    '? a\n: 1\n',
    '"a": 1\n',
    '- 1\n- 2\n',
    'a: 1\n...\n',
    '  a: 1\n',
    'a:\n  - 1\n- 2\n',
    '__proto__:\n  - 1\n',
    'just a scalar\n',
    '',
  ])
    assert.equal(splitTopLevel(text, 1), undefined, JSON.stringify(text));
});

test('the reference scenario loads the same on workers as in one thread', async () => {
  const text = readFileSync(
    new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
    'utf8',
  );
  assert.ok((splitTopLevel(text, 40)?.length ?? 0) > 3);
  assert.deepEqual(await parallel(text), serial(text));
  const chunks = (splitTopLevel(text, 40) ?? []).reduce(
    (sum, segment) => sum + ('whole' in segment ? 1 : segment.chunks.length),
    0,
  );
  assert.ok(chunks > 10);
  assert.deepEqual(lastRead, { workers: 2, chunks });
});

test('values that span a cut, odd numbers and line endings load as in one thread', async () => {
  const cases = [
    // Quoted and flow values running over the next item's dash: unfinished chunks.
    'items:\n  - text: "hello\n  - world"\n  - b\n',
    "items:\n  - text: 'hello\n  - world'\n  - b\n",
    'items:\n  - tags: [a,\n  - b]\n  - c\n',
    // A block scalar with dashes deeper than the items; a plain scalar over two lines.
    'items:\n  - text: |\n      - not an item\n        - nor this\n  - b: plain\n      continued\n',
    // Numbers JSON cannot carry.
    'items:\n  - .nan\n  - -.inf\n  - -0\n  - 1e400\n  - 0x1F\n  - 1.5\n',
    // Windows line endings, a missing last newline, comments between items.
    'concord: 1\r\nitems:\r\n  - a: 1\r\n  # note\r\n  - b: 2',
    // Refusals: a bad item, a duplicate key in an item, a tab, an unknown tag.
    'items:\n  - a: 1\n  - b: [\n  - c\n',
    'items:\n  - a: 1\n    a: 2\n  - b\n',
    'items:\n  - a:\t[1,\n\t2]\n',
    'items:\n  - !custom 1\n',
    // Keys: null, booleans, numbers stay as YAML reads them.
    'items:\n  - ~\n  - true\n  - 2025-11-30\n  - "007"\n  - 007\n',
  ];
  for (const text of cases)
    assert.deepEqual(await parallel(text), serial(text), JSON.stringify(text));
});

test('the nesting limit is the same on workers', async () => {
  const nested = (depth: number) =>
    `items:\n  - ${'['.repeat(depth)}1${']'.repeat(depth)}\n  - 2\n`;
  for (const depth of [2, 3, 4, 5]) {
    const limits = { maxBytes: 1 << 20, maxDepth: 6 };
    assert.deepEqual(
      await parallel(nested(depth), limits),
      serial(nested(depth), limits),
      `depth ${depth}`,
    );
  }
});

test('written scenario files load the same on workers as in one thread', async () => {
  await fc.assert(
    fc.asyncProperty(processRecordArb, async (record) => {
      const text = writeScenario(record);
      assert.deepEqual(await parallel(text), serial(text));
      // Only a possible anchor (`&` before a word) keeps a file in one thread.
      if (!mayHaveAnchor(text)) assert.notEqual(lastRead, 'in-thread');
    }),
    { numRuns: 15 },
  );
});
