import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { provisionTreeArb } from '../../testing/text-arbitrary.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { AlternativeId, ProvisionId, TextId, VersionId } from '../ids.ts';
import type { NegotiatingText, TextVersion } from './negotiating-text.ts';
import { numberProvisions } from './numbering.ts';
import { type NumberingStyle, type Provision, placements, walkProvisions } from './provision.ts';
import { type ChangeKind, diffVersions } from './text-diff.ts';
import {
  addProvision,
  deriveVersion,
  editProvision,
  findProvision,
  mergeProvisions,
  moveProvision,
  nextProvisionId,
  removeProvision,
  splitProvision,
  type Tree,
  wordings,
} from './version-edit.ts';
import { words } from './word-diff.ts';

// ---------------------------------------------------------------------------
// Helpers

const id = (value: string) => value as ProvisionId;
const ids = (...values: string[]) => values as ProvisionId[];

const p = (
  provisionId: string,
  body: string,
  fields: Partial<Omit<Provision, 'id'>> = {},
): Provision => ({
  id: id(provisionId),
  style: 'decimal',
  body,
  children: [],
  ...fields,
});

const open = (provisionId: string, texts: readonly string[], fields: Partial<Provision> = {}) =>
  p(provisionId, '', {
    alternatives: texts.map((text, i) => ({
      id: String.fromCharCode(97 + i) as AlternativeId,
      text,
    })),
    ...fields,
  });

/** The ids of a tree in document order. */
const order = (tree: Tree) => [...walkProvisions(tree)].map((provision) => provision.id);

/** The ids of a tree as nested lists: `['a', ['b', 'c']]` style, for compact shape assertions. */
const shape = (tree: Tree): unknown[] =>
  tree.map((provision) =>
    provision.children.length === 0 ? provision.id : [provision.id, shape(provision.children)],
  );

/** Numbers of the provisions, in document order, as `id=number`. */
const numbering = (tree: Tree) => {
  const numbers = numberProvisions(tree);
  return order(tree).map((provisionId) => `${provisionId}=${numbers.get(provisionId) ?? '-'}`);
};

const get = (tree: Tree, provisionId: string): Provision => {
  const found = findProvision(tree, id(provisionId));
  assert.ok(found, `provision ${provisionId} should exist`);
  return found.provision;
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

const throwsInvalid = (run: () => unknown, message: RegExp) =>
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof InvalidError, `expected InvalidError, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  });

const throwsNotFound = (run: () => unknown, key: string) =>
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof NotFoundError, `expected NotFoundError, got ${String(error)}`);
    assert.equal(error.kind, 'provision');
    assert.equal(error.key, key);
    return true;
  });

/** A small text: a preamble, three decimal points (the second with two lettered points), an annex. */
const sample = (): Provision[] => [
  p('pre', 'The Parties agree as follows.', { style: 'none' }),
  p('army', 'Ukraine limits its armed forces to 600,000 troops.'),
  p('nato', 'Ukraine does not join NATO.', {
    heading: 'Alliances',
    children: [
      p('nato-a', 'NATO does not station troops in Ukraine.', { style: 'alpha' }),
      p('nato-b', 'NATO does not expand further.', { style: 'alpha' }),
    ],
  }),
  p('elections', 'Elections are held within 100 days.'),
];

// ---------------------------------------------------------------------------

describe('editProvision', () => {
  test("changes a provision's own fields, keeping its identity, place and children", () => {
    const tree = sample();
    const edited = editProvision(tree, id('nato'), {
      body: 'Ukraine does not join NATO for twenty years.',
      heading: 'Neutrality',
      note: 'illustrative',
    });
    assert.deepEqual(shape(edited), shape(tree));
    const nato = get(edited, 'nato');
    assert.equal(nato.body, 'Ukraine does not join NATO for twenty years.');
    assert.equal(nato.heading, 'Neutrality');
    assert.equal(nato.note, 'illustrative');
    assert.equal(nato.style, 'decimal');
    assert.deepEqual(nato.children, tree[2]?.children);
    // Every other provision is untouched.
    for (const other of walkProvisions(tree)) {
      if (other.id !== 'nato') assert.deepEqual(get(edited, other.id), other);
    }
  });

  test('reaches nested provisions', () => {
    const edited = editProvision(sample(), id('nato-b'), { style: 'roman' });
    assert.equal(get(edited, 'nato-b').style, 'roman');
    assert.deepEqual(numbering(edited).slice(3, 5), ['nato-a=(a)', 'nato-b=(i)']);
  });

  test('can open a provision with alternatives and a proposal', () => {
    const alternatives = [
      { id: 'a' as AlternativeId, text: 'Limited to 600,000 troops.' },
      { id: 'b' as AlternativeId, text: 'Limited to 800,000 troops.' },
    ];
    const edited = editProvision(sample(), id('army'), {
      body: '',
      alternatives,
      proposed: 'b' as AlternativeId,
    });
    assert.deepEqual(get(edited, 'army').alternatives, alternatives);
    assert.equal(get(edited, 'army').proposed, 'b');
    assert.equal(wordings(edited).get(id('army')), 'Limited to [600,000 / 800,000] troops.');
  });

  test('an unknown provision is not found', () => {
    throwsNotFound(() => editProvision(sample(), id('ghost'), { body: 'x' }), 'ghost');
  });
});

describe('addProvision', () => {
  const added = p('guarantees', 'Security guarantees are given to Ukraine.');

  test('appends at the top level by default', () => {
    const tree = addProvision(sample(), added);
    assert.deepEqual(order(tree).slice(-2), ['elections', 'guarantees']);
    assert.deepEqual(get(tree, 'guarantees'), added);
  });

  test('inserts at an index among the siblings (first, middle, last)', () => {
    assert.deepEqual(shape(addProvision(sample(), added, { index: 0 }))[0], 'guarantees');
    assert.deepEqual(shape(addProvision(sample(), added, { index: 2 })).slice(0, 4), [
      'pre',
      'army',
      'guarantees',
      ['nato', ['nato-a', 'nato-b']],
    ]);
    assert.deepEqual(shape(addProvision(sample(), added, { index: 4 })).at(-1), 'guarantees');
  });

  test('inserts under a parent, last by default or at an index', () => {
    const child = p('nato-c', 'No forces are stationed.', { style: 'alpha' });
    assert.deepEqual(shape(addProvision(sample(), child, { parent: id('nato') }))[2], [
      'nato',
      ['nato-a', 'nato-b', 'nato-c'],
    ]);
    assert.deepEqual(shape(addProvision(sample(), child, { parent: id('nato'), index: 0 }))[2], [
      'nato',
      ['nato-c', 'nato-a', 'nato-b'],
    ]);
    // A provision with no children yet.
    assert.deepEqual(shape(addProvision(sample(), child, { parent: id('army') }))[1], [
      'army',
      ['nato-c'],
    ]);
    assert.deepEqual(shape(addProvision(sample(), child, { parent: id('nato-a') }))[2], [
      'nato',
      [['nato-a', ['nato-c']], 'nato-b'],
    ]);
  });

  test('adds the provision with its own children', () => {
    const withChildren = p('g', 'Guarantees.', { children: [p('g1', 'One.'), p('g2', 'Two.')] });
    const tree = addProvision(sample(), withChildren, { index: 1 });
    assert.deepEqual(shape(tree)[1], ['g', ['g1', 'g2']]);
  });

  test('refuses a position out of range', () => {
    throwsInvalid(
      () => addProvision(sample(), added, { index: 5 }),
      /position 6 is out of range: there are 4 provisions there/,
    );
    throwsInvalid(() => addProvision(sample(), added, { index: -1 }), /position 0 is out of range/);
    throwsInvalid(
      () => addProvision(sample(), added, { parent: id('nato'), index: 3 }),
      /position 4 is out of range: there are 2 provisions there/,
    );
  });

  test('refuses an unknown parent', () => {
    throwsNotFound(() => addProvision(sample(), added, { parent: id('ghost') }), 'ghost');
  });

  test('refuses an id already in the tree, its own or one of its children', () => {
    throwsInvalid(
      () => addProvision(sample(), p('nato-b', 'Again.')),
      /provision "nato-b" already exists/,
    );
    throwsInvalid(
      () => addProvision(sample(), p('fresh', 'New.', { children: [p('army', 'Clash.')] })),
      /provision "army" already exists/,
    );
  });
});

describe('removeProvision', () => {
  test('removes a provision and everything under it', () => {
    const tree = removeProvision(sample(), id('nato'));
    assert.deepEqual(order(tree), ['pre', 'army', 'elections']);
  });

  test('removes a nested provision only', () => {
    const tree = removeProvision(sample(), id('nato-a'));
    assert.deepEqual(shape(tree)[2], ['nato', ['nato-b']]);
  });

  test('an unknown provision is not found', () => {
    throwsNotFound(() => removeProvision(sample(), id('ghost')), 'ghost');
  });
});

describe('moveProvision', () => {
  test('moves within its list (the index counts the list without it)', () => {
    assert.deepEqual(shape(moveProvision(sample(), id('elections'), { index: 1 })), [
      'pre',
      'elections',
      'army',
      ['nato', ['nato-a', 'nato-b']],
    ]);
    assert.deepEqual(shape(moveProvision(sample(), id('army'), {})), [
      'pre',
      ['nato', ['nato-a', 'nato-b']],
      'elections',
      'army',
    ]);
    assert.deepEqual(shape(moveProvision(sample(), id('army'), { index: 3 })).at(-1), 'army');
  });

  test('moves under another parent, with its children', () => {
    const tree = moveProvision(sample(), id('nato'), { parent: id('army'), index: 0 });
    assert.deepEqual(shape(tree), ['pre', ['army', [['nato', ['nato-a', 'nato-b']]]], 'elections']);
    assert.deepEqual(get(tree, 'nato'), sample()[2]);
  });

  test('moves a nested provision to the top level', () => {
    const tree = moveProvision(sample(), id('nato-b'), { index: 0 });
    assert.deepEqual(shape(tree), ['nato-b', 'pre', 'army', ['nato', ['nato-a']], 'elections']);
  });

  test('refuses a move into itself or one of its own descendants', () => {
    throwsInvalid(
      () => moveProvision(sample(), id('nato'), { parent: id('nato') }),
      /cannot move provision "nato" into itself or one of its own provisions/,
    );
    throwsInvalid(
      () => moveProvision(sample(), id('nato'), { parent: id('nato-b') }),
      /cannot move provision "nato" into itself/,
    );
    const deep = [p('a', 'A.', { children: [p('b', 'B.', { children: [p('c', 'C.')] })] })];
    throwsInvalid(() => moveProvision(deep, id('a'), { parent: id('c') }), /cannot move/);
    // A sibling's subtree is fine.
    assert.deepEqual(shape(moveProvision(sample(), id('army'), { parent: id('nato-a') }))[1], [
      'nato',
      [['nato-a', ['army']], 'nato-b'],
    ]);
  });

  test('refuses an unknown provision, an unknown parent and a position out of range', () => {
    throwsNotFound(() => moveProvision(sample(), id('ghost'), {}), 'ghost');
    throwsNotFound(() => moveProvision(sample(), id('army'), { parent: id('ghost') }), 'ghost');
    throwsInvalid(
      () => moveProvision(sample(), id('army'), { index: 4 }),
      /position 5 is out of range: there are 3 provisions there/,
    );
    throwsInvalid(
      () => moveProvision(sample(), id('army'), { parent: id('nato'), index: -1 }),
      /out of range/,
    );
  });
});

describe('splitProvision', () => {
  const tree = (): Provision[] => [
    p('first', 'First.'),
    p('deal', 'Ukraine does not join NATO. Russia withdraws its troops.', {
      heading: 'Deal',
      style: 'article',
      note: 'illustrative',
      children: [p('deal-a', 'Details.', { style: 'alpha' })],
    }),
    p('last', 'Last.'),
  ];

  test('puts the parts in its place, each recording the original as its lineage', () => {
    const result = splitProvision(tree(), id('deal'), [
      { id: id('nato'), body: 'Ukraine does not join NATO.', heading: 'Neutrality' },
      { id: id('withdrawal'), body: 'Russia withdraws its troops.' },
    ]);
    assert.deepEqual(result, [
      p('first', 'First.'),
      p('nato', 'Ukraine does not join NATO.', {
        style: 'article',
        heading: 'Neutrality',
        from: ids('deal'),
      }),
      p('withdrawal', 'Russia withdraws its troops.', {
        style: 'article',
        from: ids('deal'),
        children: [p('deal-a', 'Details.', { style: 'alpha' })],
      }),
      p('last', 'Last.'),
    ]);
  });

  test('gives the children to the last of three or more parts', () => {
    const result = splitProvision(tree(), id('deal'), [
      { id: id('x1'), body: 'Ukraine does not' },
      { id: id('x2'), body: 'join NATO. Russia' },
      { id: id('x3'), body: 'withdraws its troops.' },
    ]);
    assert.deepEqual(shape(result), ['first', 'x1', 'x2', ['x3', ['deal-a']], 'last']);
    for (const part of ['x1', 'x2', 'x3']) assert.deepEqual(get(result, part).from, ['deal']);
  });

  test('a part may keep the original id', () => {
    const result = splitProvision(tree(), id('deal'), [
      { id: id('deal'), body: 'Ukraine does not join NATO.' },
      { id: id('withdrawal'), body: 'Russia withdraws its troops.' },
    ]);
    assert.deepEqual(order(result), ['first', 'deal', 'withdrawal', 'deal-a', 'last']);
  });

  test('splits a nested provision among its siblings', () => {
    const nested = [p('top', 'Top.', { children: [p('a', 'One two.'), p('b', 'Three.')] })];
    const result = splitProvision(nested, id('a'), [
      { id: id('a1'), body: 'One' },
      { id: id('a2'), body: 'two.' },
    ]);
    assert.deepEqual(shape(result), [['top', ['a1', 'a2', 'b']]]);
  });

  test('ignores case, punctuation and spacing when checking the words', () => {
    const result = splitProvision(tree(), id('deal'), [
      { id: id('x1'), body: 'ukraine  does not join NATO;' },
      { id: id('x2'), body: '— Russia withdraws its troops' },
    ]);
    assert.equal(get(result, 'x1').body, 'ukraine  does not join NATO;');
  });

  test('refuses parts that lose a word', () => {
    throwsInvalid(
      () =>
        splitProvision(tree(), id('deal'), [
          { id: id('x1'), body: 'Ukraine does not join NATO.' },
          { id: id('x2'), body: 'Russia its troops.' },
        ]),
      /the parts do not add up to provision "deal": missing "withdraws"/,
    );
  });

  test('refuses parts that add a word or change the order', () => {
    throwsInvalid(
      () =>
        splitProvision(tree(), id('deal'), [
          { id: id('x1'), body: 'Ukraine does not join NATO.' },
          { id: id('x2'), body: 'Russia fully withdraws its troops.' },
        ]),
      /do not add up to provision "deal": the words differ or are in another order/,
    );
    throwsInvalid(
      () =>
        splitProvision(tree(), id('deal'), [
          { id: id('x1'), body: 'Russia withdraws its troops.' },
          { id: id('x2'), body: 'Ukraine does not join NATO.' },
        ]),
      /do not add up/,
    );
  });

  test('refuses fewer than two parts', () => {
    throwsInvalid(
      () =>
        splitProvision(tree(), id('deal'), [
          { id: id('x1'), body: 'Ukraine does not join NATO. Russia withdraws its troops.' },
        ]),
      /a split needs at least two parts/,
    );
    throwsInvalid(() => splitProvision(tree(), id('deal'), []), /at least two parts/);
  });

  test('refuses an open provision', () => {
    const openTree = [open('army', ['Limited to 600,000.', 'Limited to 800,000.'])];
    throwsInvalid(
      () =>
        splitProvision(openTree, id('army'), [
          { id: id('x1'), body: '' },
          { id: id('x2'), body: '' },
        ]),
      /provision "army" is open: close it before splitting/,
    );
  });

  test('refuses a part id used elsewhere, and an unknown provision', () => {
    throwsInvalid(
      () =>
        splitProvision(tree(), id('deal'), [
          { id: id('first'), body: 'Ukraine does not join NATO.' },
          { id: id('x2'), body: 'Russia withdraws its troops.' },
        ]),
      /provision "first" already exists/,
    );
    // The original's own children are still in the tree.
    throwsInvalid(
      () =>
        splitProvision(tree(), id('deal'), [
          { id: id('deal-a'), body: 'Ukraine does not join NATO.' },
          { id: id('x2'), body: 'Russia withdraws its troops.' },
        ]),
      /provision "deal-a" already exists/,
    );
    throwsNotFound(
      () =>
        splitProvision(tree(), id('ghost'), [
          { id: id('x1'), body: 'a' },
          { id: id('x2'), body: 'b' },
        ]),
      'ghost',
    );
  });

  test('refuses two parts with the same id', {}, () => {
    throwsInvalid(
      () =>
        splitProvision(tree(), id('deal'), [
          { id: id('x'), body: 'Ukraine does not join NATO.' },
          { id: id('x'), body: 'Russia withdraws its troops.' },
        ]),
      /x/,
    );
  });
});

describe('mergeProvisions', () => {
  const tree = (): Provision[] => [
    p('a', 'Ukraine does not join NATO.', {
      heading: 'Neutrality',
      children: [p('a1', 'A1.', { style: 'alpha' })],
    }),
    p('b', 'Elections are held within 100 days.', { style: 'article' }),
    p('c', 'Russia withdraws its troops.', {
      children: [p('c1', 'C1.', { style: 'alpha' }), p('c2', 'C2.', { style: 'alpha' })],
    }),
    p('d', 'Sanctions are lifted.'),
  ];

  test('joins the wordings by default, at the first provision’s place, recording the lineage', () => {
    const result = mergeProvisions(tree(), ids('a', 'c'), { id: id('ac') });
    assert.deepEqual(result, [
      p('ac', 'Ukraine does not join NATO. Russia withdraws its troops.', {
        heading: 'Neutrality',
        from: ids('a', 'c'),
        children: [
          p('a1', 'A1.', { style: 'alpha' }),
          p('c1', 'C1.', { style: 'alpha' }),
          p('c2', 'C2.', { style: 'alpha' }),
        ],
      }),
      p('b', 'Elections are held within 100 days.', { style: 'article' }),
      p('d', 'Sanctions are lifted.'),
    ]);
  });

  test('the first of the ids sets the place, the style and the order of the wording', () => {
    const result = mergeProvisions(tree(), ids('d', 'b'), { id: id('db'), heading: 'Mixed' });
    assert.deepEqual(order(result), ['a', 'a1', 'c', 'c1', 'c2', 'db']);
    const merged = get(result, 'db');
    assert.equal(merged.body, 'Sanctions are lifted. Elections are held within 100 days.');
    assert.equal(merged.style, 'decimal');
    assert.equal(merged.heading, 'Mixed');
    assert.deepEqual(merged.from, ['d', 'b']);
    assert.equal(
      'heading' in get(mergeProvisions(tree(), ids('b', 'd'), { id: id('x') }), 'x'),
      false,
    );
  });

  test('merges more than two, and may keep the first id', () => {
    const result = mergeProvisions(tree(), ids('b', 'c', 'd'), { id: id('b') });
    assert.deepEqual(shape(result), [
      ['a', ['a1']],
      ['b', ['c1', 'c2']],
    ]);
    assert.deepEqual(get(result, 'b').from, ['b', 'c', 'd']);
    assert.equal(
      get(result, 'b').body,
      'Elections are held within 100 days. Russia withdraws its troops. Sanctions are lifted.',
    );
  });

  test('merges nested provisions in place', () => {
    const result = mergeProvisions(tree(), ids('c1', 'c2'), { id: id('c12') });
    assert.deepEqual(shape(result)[2], ['c', ['c12']]);
    assert.equal(get(result, 'c12').style, 'alpha');
  });

  test('accepts a given body that keeps every word of each source in order', () => {
    const body = 'Ukraine does not join NATO, and Russia withdraws all of its troops.';
    const result = mergeProvisions(tree(), ids('a', 'c'), { id: id('ac'), body });
    assert.equal(get(result, 'ac').body, body);
  });

  test('refuses a given body that loses or reorders words of a source', () => {
    throwsInvalid(
      () =>
        mergeProvisions(tree(), ids('a', 'c'), {
          id: id('ac'),
          body: 'Ukraine does not join NATO. Russia withdraws.',
        }),
      /the merged wording loses text of provision "c": missing "its troops"/,
    );
    throwsInvalid(
      () =>
        mergeProvisions(tree(), ids('a', 'c'), {
          id: id('ac'),
          body: 'NATO Ukraine does not join. Russia withdraws its troops.',
        }),
      /loses text of provision "a": the words differ or are in another order/,
    );
  });

  test('refuses fewer than two provisions, an open one, an unknown one and a taken id', () => {
    throwsInvalid(
      () => mergeProvisions(tree(), ids('a'), { id: id('x') }),
      /a merge needs at least two provisions/,
    );
    const withOpen = [...tree(), open('e', ['Option one.', 'Option two.'])];
    throwsInvalid(
      () => mergeProvisions(withOpen, ids('d', 'e'), { id: id('x') }),
      /provision "e" is open: close it before merging/,
    );
    throwsNotFound(() => mergeProvisions(tree(), ids('a', 'ghost'), { id: id('x') }), 'ghost');
    throwsInvalid(
      () => mergeProvisions(tree(), ids('a', 'b'), { id: id('d') }),
      /provision "d" already exists/,
    );
  });

  test('may take the id of a later source', {}, () => {
    const result = mergeProvisions(tree(), ids('a', 'b'), { id: id('b') });
    assert.deepEqual(order(result), ['b', 'a1', 'c', 'c1', 'c2', 'd']);
  });

  test('merging a provision with its own parent keeps the merged provision and the siblings', {}, () => {
    const nested = [
      p('a', 'Parent.', { children: [p('b', 'Child.'), p('d', 'Other.')] }),
      p('e', 'Next.'),
    ];
    // Refusing would do as well; losing "m" and "d" silently does not.
    let result: Provision[];
    try {
      result = mergeProvisions(nested, ids('b', 'a'), { id: id('m') });
    } catch (error) {
      assert.ok(error instanceof InvalidError, String(error));
      return;
    }
    assert.ok(findProvision(result, id('m')), 'the merged provision is kept');
    assert.ok(findProvision(result, id('d')), 'the other child is kept');
  });

  test('refuses the same provision twice', {}, () => {
    throwsInvalid(() => mergeProvisions(tree(), ids('a', 'a'), { id: id('x') }), /a/);
  });
});

describe('nextProvisionId', () => {
  test('is p1 for an empty tree or text', () => {
    assert.equal(nextProvisionId([]), 'p1');
    assert.equal(nextProvisionId({ versions: [] }), 'p1');
  });

  test('follows the highest pN of a tree, nested ones included, ignoring other ids', () => {
    const tree = [
      p('p2', 'A.', { children: [p('p11', 'B.')] }),
      p('army', 'C.'),
      p('p3x', 'D.'),
      p('q40', 'E.'),
      p('p7', 'F.'),
    ];
    assert.equal(nextProvisionId(tree), 'p12');
    assert.equal(nextProvisionId([p('army', 'A.')]), 'p1');
  });

  test('follows the highest pN of every version of a text', () => {
    const version = (versionId: string, provisions: Provision[]): TextVersion => ({
      id: versionId as VersionId,
      label: versionId,
      status: 'draft',
      circulatedTo: [],
      audience: 'public',
      provisions,
    });
    const text: NegotiatingText = {
      id: 'plan' as TextId,
      title: 'Plan',
      kind: 'plan',
      versions: [
        version('v1', [p('p1', 'A.'), p('p9', 'B.')]),
        version('v2', [p('p4', 'A.', { children: [p('p12', 'C.')] })]),
        version('v3', [p('p2', 'A.')]),
      ],
    };
    // p9 and p12 are gone from the latest version: still never reused.
    assert.equal(nextProvisionId(text), 'p13');
  });

  test('is never used in the tree', () => {
    fc.assert(
      fc.property(provisionTreeArb(), (tree) => {
        const fresh = nextProvisionId(tree);
        assert.equal(findProvision(tree, fresh), undefined);
        assert.doesNotThrow(() => addProvision(tree, p(fresh, 'New.')));
      }),
    );
  });
});

describe('deriveVersion', () => {
  test('copies the provisions and records the base', () => {
    const base: TextVersion = {
      id: 'v1' as VersionId,
      label: 'First',
      status: 'circulated',
      circulatedTo: [],
      audience: 'public',
      provisions: sample(),
    };
    const derived = deriveVersion(base, {
      id: 'v2' as VersionId,
      label: 'Second',
      status: 'draft',
      circulatedTo: [],
      audience: 'private',
    });
    assert.equal(derived.derivedFrom, 'v1');
    assert.deepEqual(derived.provisions, base.provisions);
  });
});

describe('numbering after edits', () => {
  const articles = (): Provision[] => [
    p('a1', 'One.', { style: 'article' }),
    p('a2', 'Two.', {
      style: 'article',
      children: [
        p('x', 'Point x.', { style: 'decimal' }),
        p('y', 'Point y.', {
          style: 'decimal',
          children: [
            p('y1', 'Y one.', { style: 'dotted' }),
            p('y2', 'Y two.', { style: 'dotted' }),
          ],
        }),
      ],
    }),
    p('a3', 'Three. Four.', { style: 'article' }),
  ];

  test('before any edit', () => {
    assert.deepEqual(numbering(articles()), [
      'a1=Article 1',
      'a2=Article 2',
      'x=1.',
      'y=2.',
      'y1=2.1',
      'y2=2.2',
      'a3=Article 3',
    ]);
  });

  test('removing renumbers what follows', () => {
    assert.deepEqual(numbering(removeProvision(articles(), id('a1'))), [
      'a2=Article 1',
      'x=1.',
      'y=2.',
      'y1=2.1',
      'y2=2.2',
      'a3=Article 2',
    ]);
    assert.deepEqual(numbering(removeProvision(articles(), id('x'))).slice(2, 5), [
      'y=1.',
      'y1=1.1',
      'y2=1.2',
    ]);
  });

  test('adding and moving renumber', () => {
    const added = addProvision(articles(), p('new', 'New.', { style: 'article' }), { index: 0 });
    assert.deepEqual(numbering(added)[0], 'new=Article 1');
    assert.deepEqual(numbering(added).at(-1), 'a3=Article 4');
    const moved = moveProvision(articles(), id('y'), { parent: id('a2'), index: 0 });
    assert.deepEqual(numbering(moved).slice(2, 6), ['y=1.', 'y1=1.1', 'y2=1.2', 'x=2.']);
    const toTop = moveProvision(articles(), id('a3'), { index: 0 });
    assert.deepEqual(numbering(toTop)[0], 'a3=Article 1');
  });

  test('splitting and merging renumber', () => {
    const split = splitProvision(articles(), id('a3'), [
      { id: id('a3a'), body: 'Three.' },
      { id: id('a3b'), body: 'Four.' },
    ]);
    assert.deepEqual(numbering(split).slice(-2), ['a3a=Article 3', 'a3b=Article 4']);
    const merged = mergeProvisions(articles(), ids('y1', 'y2'), { id: id('y12') });
    assert.deepEqual(numbering(merged).slice(3, 5), ['y=2.', 'y12=2.1']);
  });
});

// ---------------------------------------------------------------------------
// Properties

/** A closed provision of the tree whose body has at least two space-separated tokens, picked by `pick`. */
function splittable(tree: Tree, pick: number): Provision | undefined {
  const candidates = [...walkProvisions(tree)].filter(
    (provision) => provision.alternatives === undefined && provision.body.split(' ').length >= 2,
  );
  return candidates.length === 0 ? undefined : candidates[pick % candidates.length];
}

/** The body cut at spaces into `parts` (at least 2) non-empty pieces, cut points chosen by `cuts`. */
function cut(body: string, parts: number, cuts: readonly number[]): string[] {
  const tokens = body.split(' ');
  const n = Math.max(2, Math.min(parts, tokens.length));
  const points = new Set<number>();
  for (const c of cuts) {
    if (points.size >= n - 1) break;
    points.add(1 + (c % (tokens.length - 1)));
  }
  for (let i = 1; points.size < n - 1; i++) points.add(i);
  const sorted = [...points].sort((x, y) => x - y);
  return [0, ...sorted].map((start, i) =>
    tokens.slice(start, sorted[i] ?? tokens.length).join(' '),
  );
}

/** Whether `ancestor` is `descendant` or holds it. */
function holds(tree: Tree, ancestor: ProvisionId, descendant: ProvisionId): boolean {
  const found = findProvision(tree, ancestor);
  return found !== undefined && findProvision([found.provision], descendant) !== undefined;
}

const sortedIds = (tree: Tree) => order(tree).sort();

const kindsOf = (tree: Tree, edited: Tree) =>
  new Map(diffVersions(tree, edited).provisions.map((change) => [change.id, change.changes]));

const editArb = fc.record({
  target: fc.nat(),
  other: fc.nat(),
  parent: fc.option(fc.nat(), { nil: undefined }),
  index: fc.nat(),
  parts: fc.integer({ min: 2, max: 4 }),
  cuts: fc.array(fc.nat(), { maxLength: 4 }),
  style: fc.constantFrom<NumberingStyle>('decimal', 'alpha', 'roman', 'article', 'none'),
});

describe('properties', () => {
  test('every operation, successful or refused, leaves its input unchanged', () => {
    fc.assert(
      fc.property(provisionTreeArb(), editArb, (generated, e) => {
        const tree = deepFreeze(generated);
        const copy = structuredClone(generated);
        const all = order(tree);
        const target = all[e.target % all.length] as ProvisionId;
        const other = all[e.other % all.length] as ProvisionId;
        const parent = e.parent === undefined ? undefined : all[e.parent % all.length];
        const to = { ...(parent === undefined ? {} : { parent }), index: e.index % 4 };
        const fresh = nextProvisionId(tree);
        const attempts: (() => unknown)[] = [
          () => editProvision(tree, target, { body: 'Changed.', style: e.style }),
          () => addProvision(tree, p(fresh, 'New.', { children: [p(`${fresh}x`, 'Kid.')] }), to),
          () => removeProvision(tree, target),
          () => moveProvision(tree, target, to),
          () => {
            const source = splittable(tree, e.target);
            if (source === undefined) return;
            const pieces = cut(source.body, e.parts, e.cuts);
            return splitProvision(
              tree,
              source.id,
              pieces.map((body, i) => ({ id: `${fresh}s${i}` as ProvisionId, body })),
            );
          },
          () => mergeProvisions(tree, [target, other], { id: fresh }),
          () => nextProvisionId(tree),
          () => wordings(tree),
        ];
        for (const attempt of attempts) {
          try {
            attempt();
          } catch (error) {
            // Refusals are fine; a TypeError from writing to a frozen object is not.
            if (!(error instanceof InvalidError) && !(error instanceof NotFoundError)) throw error;
          }
          assert.deepEqual(tree, copy);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('a move keeps the same ids and the moved subtree, and is refused only into itself', () => {
    fc.assert(
      fc.property(provisionTreeArb(), editArb, (tree, e) => {
        const all = order(tree);
        const target = all[e.target % all.length] as ProvisionId;
        const parent =
          e.parent === undefined ? undefined : (all[e.parent % all.length] as ProvisionId);
        if (parent !== undefined && holds(tree, target, parent)) {
          throwsInvalid(() => moveProvision(tree, target, { parent }), /cannot move/);
          return;
        }
        const without = removeProvision(tree, target);
        const list =
          parent === undefined
            ? without
            : (findProvision(without, parent)?.provision.children ?? []);
        const index = e.index % (list.length + 1);
        const moved = moveProvision(tree, target, {
          ...(parent === undefined ? {} : { parent }),
          index,
        });
        assert.deepEqual(sortedIds(moved), sortedIds(tree));
        const found = findProvision(moved, target);
        assert.ok(found);
        assert.deepEqual(found.provision, findProvision(tree, target)?.provision);
        assert.equal(found.parent?.id, parent);
        assert.equal(found.index, index);
      }),
      { numRuns: 300 },
    );
  });

  test('splitting then merging the parts back gives the same words (and the same body)', () => {
    fc.assert(
      fc.property(provisionTreeArb(), editArb, (tree, e) => {
        const source = splittable(tree, e.target);
        fc.pre(source !== undefined);
        if (source === undefined) return;
        const pieces = cut(source.body, e.parts, e.cuts);
        const partIds = pieces.map((_, i) => `part${i}` as ProvisionId);
        const split = splitProvision(
          tree,
          source.id,
          pieces.map((body, i) => ({ id: partIds[i] as ProvisionId, body })),
        );
        for (const partId of partIds) assert.deepEqual(get(split, partId).from, [source.id]);
        const merged = mergeProvisions(split, partIds, { id: source.id });
        const back = get(merged, source.id);
        assert.deepEqual(words(back.body), words(source.body));
        assert.equal(back.body, source.body);
        assert.deepEqual(back.children, source.children);
        assert.deepEqual(order(merged), order(tree));
        assert.deepEqual(placements(merged), placements(tree));
      }),
      { numRuns: 300 },
    );
  });

  test('the diff of an edit reports the kind of the edit', () => {
    fc.assert(
      fc.property(provisionTreeArb(), editArb, (tree, e) => {
        const all = order(tree);
        const target = all[e.target % all.length] as ProvisionId;
        const provision = get(tree, target);
        const has = (
          kinds: Map<ProvisionId, readonly ChangeKind[]>,
          key: string,
          kind: ChangeKind,
        ) =>
          assert.ok(
            kinds.get(key as ProvisionId)?.includes(kind),
            `${key} should be ${kind}: ${JSON.stringify([...kinds])}`,
          );

        // Removal: the provision and everything under it, and nothing else.
        const removed = kindsOf(tree, removeProvision(tree, target));
        const gone = order([provision]);
        for (const [key, kinds] of removed) {
          if (gone.includes(key)) assert.deepEqual(kinds, ['removed']);
          else assert.equal(kinds.includes('removed'), false);
        }
        assert.equal([...removed.keys()].filter((key) => gone.includes(key)).length, gone.length);

        // Addition.
        const fresh = nextProvisionId(tree);
        has(kindsOf(tree, addProvision(tree, p(fresh, 'New.'), { index: 0 })), fresh, 'added');

        // Rewording, retitling, restyling, annotating.
        if (provision.alternatives === undefined) {
          has(
            kindsOf(tree, editProvision(tree, target, { body: `${provision.body} More.` })),
            target,
            'reworded',
          );
        }
        has(
          kindsOf(tree, editProvision(tree, target, { heading: `${provision.heading ?? ''} New` })),
          target,
          'retitled',
        );
        has(
          kindsOf(tree, editProvision(tree, target, { note: `${provision.note ?? ''} new` })),
          target,
          'annotated',
        );
        if (provision.style !== 'none') {
          has(kindsOf(tree, editProvision(tree, target, { style: 'none' })), target, 'restyled');
        }

        // Move: when the place changes, exactly one provision is called moved,
        // and it is the moved one when its parent changed.
        const parent =
          e.parent === undefined ? undefined : (all[e.parent % all.length] as ProvisionId);
        if (parent === undefined || !holds(tree, target, parent)) {
          const without = removeProvision(tree, target);
          const list =
            parent === undefined
              ? without
              : (findProvision(without, parent)?.provision.children ?? []);
          const index = e.index % (list.length + 1);
          const moved = moveProvision(tree, target, {
            ...(parent === undefined ? {} : { parent }),
            index,
          });
          const kinds = kindsOf(tree, moved);
          const calledMoved = [...kinds].filter(([, k]) => k.includes('moved')).map(([key]) => key);
          const before = placements(tree).get(target);
          const after = placements(moved).get(target);
          if (before?.parent !== after?.parent) assert.deepEqual(calledMoved, [target]);
          else if (before?.index !== after?.index) assert.equal(calledMoved.length, 1);
          else assert.deepEqual(calledMoved, []);
        }

        // Split: every part is split.
        const source = splittable(tree, e.target);
        if (source !== undefined) {
          const pieces = cut(source.body, e.parts, e.cuts);
          const partIds = pieces.map((_, i) => `part${i}`);
          const split = splitProvision(
            tree,
            source.id,
            pieces.map((body, i) => ({ id: partIds[i] as ProvisionId, body })),
          );
          const kinds = kindsOf(tree, split);
          for (const partId of partIds) {
            has(kinds, partId, 'added');
            has(kinds, partId, 'split');
          }
          assert.deepEqual(kinds.get(source.id), ['removed']);
        }

        // Merge: the merged provision is merged.
        const closed = all.filter((key) => get(tree, key).alternatives === undefined);
        const [first, second] = [
          closed[e.target % Math.max(1, closed.length)],
          closed[e.other % Math.max(1, closed.length)],
        ];
        if (
          first !== undefined &&
          second !== undefined &&
          !holds(tree, first, second) &&
          !holds(tree, second, first)
        ) {
          const merged = mergeProvisions(tree, [first, second], { id: fresh });
          has(kindsOf(tree, merged), fresh, 'merged');
        }
      }),
      { numRuns: 300 },
    );
  });
});
