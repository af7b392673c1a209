import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { textsArb } from '../../testing/text-arbitrary.ts';
import type { AlternativeId, ProvisionId, TextId, VersionId } from '../ids.ts';
import type { NegotiatingText, TextVersion } from './negotiating-text.ts';
import type { Alternative, NumberingStyle, Provision } from './provision.ts';
import { checkText, type TextProblem } from './text-check.ts';

const p = (id: string, body: string, fields: Partial<Omit<Provision, 'id'>> = {}): Provision => ({
  id: id as ProvisionId,
  style: 'decimal',
  body,
  children: [],
  ...fields,
});

const alt = (id: string, text: string): Alternative => ({ id: id as AlternativeId, text });

const version = (
  id: string,
  provisions: Provision[],
  fields: Partial<Omit<TextVersion, 'id' | 'provisions'>> = {},
): TextVersion => ({
  id: id as VersionId,
  label: id,
  status: 'draft',
  circulatedTo: [],
  audience: 'public',
  provisions,
  ...fields,
});

const text = (...versions: TextVersion[]): NegotiatingText => ({
  id: 'plan' as TextId,
  title: 'Peace plan',
  kind: 'plan',
  versions,
});

const from = (id: string) => ({ derivedFrom: id as VersionId });

/** The field paths of the problems, in order. */
const fields = (problems: readonly TextProblem[]) => problems.map((problem) => problem.field);

/** Asserts exactly these problems, each a field path and a message pattern. */
const assertProblems = (problems: readonly TextProblem[], expected: [string, RegExp][]) => {
  assert.deepEqual(
    fields(problems),
    expected.map(([field]) => field),
    JSON.stringify(problems),
  );
  problems.forEach((problem, i) => {
    assert.match(problem.message, (expected[i] as [string, RegExp])[1]);
  });
};

/** A sound version: numbered points, dotted under decimal, an open provision with a proposal. */
const sound = (): Provision[] => [
  p('pre', 'The Parties agree as follows.', { style: 'none' }),
  p('s1', '', {
    style: 'section',
    heading: 'Security',
    children: [
      p('army', 'Ukraine limits its forces.', {
        children: [
          p('army-1', 'In peacetime.', {
            style: 'dotted',
            children: [p('army-1-1', 'Deep.', { style: 'dotted' })],
          }),
        ],
      }),
      p('donbas', '', {
        alternatives: [alt('a', 'Donbas is ceded.'), alt('b', 'The line is frozen.')],
        proposed: 'b' as AlternativeId,
      }),
    ],
  }),
];

describe('checkText', () => {
  test('a sound text has no problems', () => {
    assert.deepEqual(
      checkText(text(version('v1', sound()), version('v2', sound(), from('v1')))),
      [],
    );
    assert.deepEqual(checkText(text()), []);
  });

  test('generated texts have no problems (property)', () => {
    fc.assert(
      fc.property(textsArb(['us', 'ukraine'], ['leak']), (texts) => {
        for (const generated of texts) assert.deepEqual(checkText(generated), []);
      }),
    );
  });

  describe('versions', () => {
    test('a version id given twice', () => {
      const problems = checkText(
        text(version('v1', sound()), version('v2', sound()), version('v1', sound())),
      );
      assertProblems(problems, [
        ['versions[2].id', /duplicate: version "v1" is already given at position 1/],
      ]);
    });

    test('every repeat of a version id points back to its first position', () => {
      const problems = checkText(
        text(
          version('v0', sound()),
          version('v1', sound()),
          version('v1', sound()),
          version('v1', sound()),
        ),
      );
      assertProblems(problems, [
        ['versions[2].id', /version "v1" is already given at position 2/],
        ['versions[3].id', /version "v1" is already given at position 2/],
      ]);
    });

    test('derived from itself', () => {
      assertProblems(checkText(text(version('v1', sound(), from('v1')))), [
        ['versions[0].derivedFrom', /a version cannot be derived from itself/],
      ]);
    });

    test('derived from an unknown or a later version', () => {
      assertProblems(checkText(text(version('v1', sound(), from('v0')))), [
        [
          'versions[0].derivedFrom',
          /unknown version "v0": a version is derived from one listed before it/,
        ],
      ]);
      assertProblems(checkText(text(version('v1', sound(), from('v2')), version('v2', sound()))), [
        ['versions[0].derivedFrom', /unknown version "v2"/],
      ]);
    });

    test('derived from any earlier version, not only the one just before', () => {
      assert.deepEqual(
        checkText(
          text(
            version('v1', sound()),
            version('v2', sound(), from('v1')),
            version('v3', sound(), from('v1')),
          ),
        ),
        [],
      );
    });
  });

  describe('provisions', () => {
    test('a provision id given twice in one version, at any depth', () => {
      const problems = checkText(
        text(
          version('v1', [
            p('a', 'A.', { children: [p('b', 'B.', { style: 'alpha' })] }),
            p('b', 'B again.'),
            p('c', 'C.', { children: [p('a', 'A again.', { style: 'alpha' })] }),
          ]),
        ),
      );
      assertProblems(problems, [
        ['versions[0].provisions[1].id', /duplicate: provision "b" appears twice in this version/],
        ['versions[0].provisions[2].children[0].id', /duplicate: provision "a" appears twice/],
      ]);
    });

    test('the same provision id in two versions is fine', () => {
      assert.deepEqual(
        checkText(text(version('v1', [p('a', 'A.')]), version('v2', [p('a', 'A.')]))),
        [],
      );
    });

    test('dotted numbering only under a decimal or dotted point', () => {
      const under = (style: NumberingStyle) =>
        checkText(
          text(
            version('v1', [
              p('parent', 'Parent.', {
                style,
                children: [p('child', 'Child.', { style: 'dotted' })],
              }),
            ]),
          ),
        );
      assert.deepEqual(under('decimal'), []);
      assert.deepEqual(
        under('dotted').filter((problem) => problem.field.includes('children')),
        [],
      );
      for (const style of ['section', 'article', 'alpha', 'roman', 'none'] as const) {
        assertProblems(under(style), [
          [
            'versions[0].provisions[0].children[0].style',
            /dotted numbering \(4\.2\) goes under a numbered point/,
          ],
        ]);
      }
      assertProblems(checkText(text(version('v1', [p('top', 'Top.', { style: 'dotted' })]))), [
        ['versions[0].provisions[0].style', /dotted numbering/],
      ]);
    });

    test('a closed provision needs a wording, a heading or provisions under it', () => {
      assertProblems(checkText(text(version('v1', [p('a', 'A.'), p('empty', '  ')]))), [
        [
          'versions[0].provisions[1]',
          /a provision needs a wording, a heading or provisions under it/,
        ],
      ]);
      assert.deepEqual(checkText(text(version('v1', [p('h', '', { heading: 'Heading' })]))), []);
      assert.deepEqual(
        checkText(text(version('v1', [p('h', '', { children: [p('c', 'C.')] })]))),
        [],
      );
    });

    test('only an open provision has a proposal', () => {
      assertProblems(
        checkText(text(version('v1', [p('a', 'A.', { proposed: 'a' as AlternativeId })]))),
        [
          [
            'versions[0].provisions[0].proposed',
            /only an open provision \(with alternatives\) has a proposal/,
          ],
        ],
      );
    });
  });

  describe('open provisions', () => {
    const openWith = (fields: Partial<Provision>) =>
      checkText(text(version('v1', [p('x', 'X.'), p('open', '', { children: [], ...fields })])));
    const at = 'versions[0].provisions[1]';

    test('need at least two alternatives', () => {
      assertProblems(openWith({ alternatives: [alt('a', 'Only one.')] }), [
        [`${at}.alternatives`, /an open provision needs at least two alternatives/],
      ]);
      assertProblems(openWith({ alternatives: [] }), [
        [`${at}.alternatives`, /at least two alternatives/],
      ]);
    });

    test('have no body', () => {
      assertProblems(
        openWith({ body: 'A body.', alternatives: [alt('a', 'One.'), alt('b', 'Two.')] }),
        [[`${at}.body`, /an open provision has its wordings in its alternatives, not a body/]],
      );
    });

    test('need distinct alternatives, in wording and in id', () => {
      assertProblems(
        openWith({ alternatives: [alt('a', 'Same.'), alt('b', 'Other.'), alt('c', 'Same.')] }),
        [[`${at}.alternatives[2].text`, /two alternatives have the same wording/]],
      );
      assertProblems(openWith({ alternatives: [alt('a', 'One.'), alt('a', 'Two.')] }), [
        [`${at}.alternatives[1].id`, /duplicate alternative "a"/],
      ]);
    });

    test('propose one of their alternatives', () => {
      assertProblems(
        openWith({
          alternatives: [alt('a', 'One.'), alt('b', 'Two.')],
          proposed: 'c' as AlternativeId,
        }),
        [[`${at}.proposed`, /unknown alternative "c"/]],
      );
      assert.deepEqual(
        openWith({
          alternatives: [alt('a', 'One.'), alt('b', 'Two.')],
          proposed: 'b' as AlternativeId,
        }),
        [],
      );
      assert.deepEqual(openWith({ alternatives: [alt('a', 'One.'), alt('b', 'Two.')] }), []);
    });

    test('may have an empty alternative ("without"), but only one', () => {
      // The scenario format allows it ("may be empty: without"), though the
      // module comment of text-check.ts still says "non-empty".
      assert.deepEqual(openWith({ alternatives: [alt('a', 'One.'), alt('b', '')] }), []);
      assertProblems(openWith({ alternatives: [alt('a', ''), alt('b', 'One.'), alt('c', '')] }), [
        [`${at}.alternatives[2].text`, /two alternatives have the same wording/],
      ]);
    });

    test('report every problem at once', () => {
      assertProblems(
        openWith({
          body: 'Body.',
          alternatives: [alt('a', 'Same.')],
          proposed: 'z' as AlternativeId,
          style: 'dotted',
        }),
        [
          [`${at}.style`, /dotted/],
          [`${at}.alternatives`, /at least two/],
          [`${at}.body`, /not a body/],
          [`${at}.proposed`, /unknown alternative "z"/],
        ],
      );
    });
  });

  describe('lineage', () => {
    const v1 = () => version('v1', [p('a', 'A. B.'), p('b', 'B.', { children: [p('b1', 'B1.')] })]);

    test('points into the version derived from, nested provisions included', () => {
      const v2 = version(
        'v2',
        [
          p('a1', 'A.', { from: ['a'] as ProvisionId[] }),
          p('a2', 'B.', { from: ['a'] as ProvisionId[] }),
          p('merged', 'B. B1.', { from: ['b', 'b1'] as ProvisionId[] }),
        ],
        from('v1'),
      );
      assert.deepEqual(checkText(text(v1(), v2)), []);
    });

    test('an unknown provision of the base version', () => {
      const v2 = version(
        'v2',
        [
          p('x', 'X.', {
            children: [p('y', 'Y.', { from: ['b', 'ghost', 'x'] as ProvisionId[] })],
          }),
        ],
        from('v1'),
      );
      assertProblems(checkText(text(v1(), v2)), [
        [
          'versions[1].provisions[0].children[0].from[1]',
          /unknown provision "ghost" in version "v1"/,
        ],
        // Its own version is not the base.
        ['versions[1].provisions[0].children[0].from[2]', /unknown provision "x" in version "v1"/],
      ]);
    });

    test('not into another earlier version than the one derived from', () => {
      const v2 = version('v2', [p('c', 'C.')], from('v1'));
      const v3 = version('v3', [p('d', 'C.', { from: ['c', 'a'] as ProvisionId[] })], from('v1'));
      assertProblems(checkText(text(v1(), v2, v3)), [
        ['versions[2].provisions[0].from[0]', /unknown provision "c" in version "v1"/],
      ]);
    });

    test('needs the version to say which version it is derived from', () => {
      const v2 = version('v2', [p('a1', 'A.', { from: ['a'] as ProvisionId[] })]);
      assertProblems(checkText(text(v1(), v2)), [
        [
          'versions[1].provisions[0].from[0]',
          /lineage needs the version to say which version it is derived from/,
        ],
      ]);
      // A base that is not valid gives no base either.
      const v3 = version('v3', [p('a1', 'A.', { from: ['a'] as ProvisionId[] })], from('v9'));
      assertProblems(checkText(text(v1(), v3)), [
        ['versions[1].derivedFrom', /unknown version "v9"/],
        ['versions[1].provisions[0].from[0]', /lineage needs/],
      ]);
    });
  });
});
