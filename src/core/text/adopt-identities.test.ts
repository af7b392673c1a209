import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { provisionTreeArb, versionPairArb } from '../../testing/text-arbitrary.ts';
import type { AlternativeId, ProvisionId } from '../ids.ts';
import { adoptIdentities } from './adopt-identities.ts';
import { type Alternative, type Provision, walkProvisions } from './provision.ts';
import { matchProvisions } from './provision-match.ts';

const p = (id: string, body: string, fields: Partial<Omit<Provision, 'id'>> = {}): Provision => ({
  id: id as ProvisionId,
  style: 'decimal',
  body,
  children: [],
  ...fields,
});

const alt = (id: string, text: string): Alternative => ({ id: id as AlternativeId, text });

const open = (id: string, alternatives: readonly Alternative[], fields: Partial<Provision> = {}) =>
  p(id, '', { alternatives, ...fields });

const ids = (tree: readonly Provision[]) =>
  [...walkProvisions(tree)].map((provision) => provision.id);

/** The tree with every id (and nothing else) replaced by `rename`. */
const withIds = (tree: readonly Provision[], rename: (id: ProvisionId) => string): Provision[] =>
  tree.map((provision) => ({
    ...provision,
    id: rename(provision.id) as ProvisionId,
    children: withIds(provision.children, rename),
  }));

const highestP = (values: Iterable<string>) =>
  Math.max(0, ...[...values].map((id) => Number(/^p(\d+)$/.exec(id)?.[1] ?? 0)));

const altIds = (provision: Provision | undefined) =>
  (provision?.alternatives ?? []).map((alternative) => alternative.id);

const find = (tree: readonly Provision[], id: string) =>
  [...walkProvisions(tree)].find((provision) => provision.id === id);

// ---------------------------------------------------------------------------

const base = (): Provision[] => [
  p('army', 'Ukraine limits its armed forces to 600,000 troops in peacetime.'),
  p('nato', 'Ukraine enshrines in its constitution that it will not join NATO.', {
    children: [p('nato-a', 'NATO agrees not to station troops in Ukraine.', { style: 'alpha' })],
  }),
  p('elections', 'Elections are held in Ukraine within 100 days of signature.'),
  open(
    'donbas',
    [
      alt('a', 'Ukraine cedes the whole of Donbas to Russia.'),
      alt('b', 'The line of contact in Donbas is frozen where it stands.'),
      alt('c', 'Donbas is placed under UN administration.'),
    ],
    { proposed: 'b' as AlternativeId },
  ),
  p('amnesty', 'A full amnesty is granted to all parties for acts committed during the war.'),
];

/** A parsed draft continuing `base`: reordered, one reworded, one added, one removed, the open one changed. */
const draft = (): Provision[] => [
  p('p1', 'Ukraine enshrines in its constitution that it will not join NATO.', {
    children: [p('p2', 'NATO agrees not to station troops in Ukraine.', { style: 'alpha' })],
  }),
  p('p3', 'Ukraine limits its armed forces to 800,000 troops in peacetime.'),
  open('p4', [
    alt('a', 'The line of contact in Donbas is frozen where it stands today.'),
    alt('b', 'Ukraine cedes the whole of Donbas to Russia.'),
    alt('c', 'Donbas becomes a demilitarised zone under international monitoring.'),
  ]),
  p('p5', 'Sanctions on Russia are lifted in stages.'),
  p('p6', 'Elections are held in Ukraine within 100 days of signature.'),
];

/** Every provision id of the text: the base's and those of other versions (`p7`, `p12`), and some that are not `pN`. */
const used = () => [...ids(base()), 'p7', 'p12', 'p3x', 'p', 'q99'] as ProvisionId[];

describe('adoptIdentities without a base', () => {
  test('gives every provision a fresh id after the highest pN in use, in document order', () => {
    const tree = [
      p('p1', 'One.', { children: [p('p2', 'Two.', { style: 'alpha' })] }),
      p('p3', 'Three.'),
    ];
    const adopted = adoptIdentities(undefined, tree, [
      'p4',
      'p9',
      'army',
      'p10a',
      'x12',
    ] as ProvisionId[]);
    assert.deepEqual(adopted.provisions, [
      p('p10', 'One.', { children: [p('p11', 'Two.', { style: 'alpha' })] }),
      p('p12', 'Three.'),
    ]);
    assert.deepEqual(adopted.added, ['p10', 'p11', 'p12']);
    assert.deepEqual([...adopted.confidence], []);
    assert.deepEqual(adopted.removed, []);
  });

  test('starts at p1 when nothing is used, and takes any iterable', () => {
    const tree = [p('army', 'One.'), p('nato', 'Two.')];
    assert.deepEqual(ids(adoptIdentities(undefined, tree, []).provisions), ['p1', 'p2']);
    function* usedIds() {
      yield 'p5' as ProvisionId;
      yield 'p2' as ProvisionId;
    }
    assert.deepEqual(ids(adoptIdentities(undefined, tree, usedIds()).provisions), ['p6', 'p7']);
    assert.deepEqual(
      ids(adoptIdentities(undefined, tree, new Set(['p3'] as ProvisionId[])).provisions),
      ['p4', 'p5'],
    );
  });

  test('an open provision gets alternatives a, b, c… whatever the draft called them', () => {
    const tree = [open('p1', [alt('x', 'Limited to 600,000.'), alt('y', 'Limited to 800,000.')])];
    const [adopted] = adoptIdentities(undefined, tree, []).provisions;
    assert.deepEqual(adopted?.alternatives, [
      alt('a', 'Limited to 600,000.'),
      alt('b', 'Limited to 800,000.'),
    ]);
  });

  test('after z come a1, b1… never repeating', () => {
    const texts = Array.from({ length: 28 }, (_, i) => `Option ${i}.`);
    const tree = [
      open(
        'p1',
        texts.map((text, i) => alt(`o${i}`, text)),
      ),
    ];
    const letters = altIds(adoptIdentities(undefined, tree, []).provisions[0]);
    assert.deepEqual(letters.slice(0, 3), ['a', 'b', 'c']);
    assert.deepEqual(letters.slice(24), ['y', 'z', 'a1', 'b1']);
    assert.equal(new Set(letters).size, 28);
  });

  test('keeps everything but the ids (property)', () => {
    fc.assert(
      fc.property(
        provisionTreeArb(),
        fc.array(fc.nat({ max: 50 }), { maxLength: 5 }),
        (tree, numbers) => {
          const usedIds = numbers.map((n) => `p${n}` as ProvisionId);
          const adopted = adoptIdentities(undefined, tree, usedIds);
          const fresh = ids(adopted.provisions);
          const start = highestP(usedIds);
          assert.deepEqual(
            fresh,
            fresh.map((_, i) => `p${start + i + 1}`),
          );
          assert.deepEqual(adopted.added, fresh);
          // Same tree once ids (of provisions and alternatives) are set aside.
          const strip = (list: readonly Provision[]): unknown[] =>
            list.map(({ id: _id, alternatives, proposed, children, ...rest }) => ({
              ...rest,
              alternatives: alternatives?.map((alternative) => alternative.text),
              // The proposal is compared by which alternative it is, not by its id.
              proposed: alternatives?.findIndex((alternative) => alternative.id === proposed),
              children: strip(children),
            }));
          assert.deepEqual(strip(adopted.provisions), strip(tree));
        },
      ),
    );
  });
});

describe('adoptIdentities with a base', () => {
  test('matched provisions take the base ids; the others fresh ids after the highest used', () => {
    const adopted = adoptIdentities(base(), draft(), used());
    assert.deepEqual(ids(adopted.provisions), [
      'nato',
      'nato-a',
      'army',
      'donbas',
      'p13',
      'elections',
    ]);
    assert.deepEqual(adopted.added, ['p13']);
    assert.deepEqual(adopted.removed, ['amnesty']);
    // Wording and structure are the draft's.
    assert.equal(
      find(adopted.provisions, 'army')?.body,
      'Ukraine limits its armed forces to 800,000 troops in peacetime.',
    );
    assert.equal(
      find(adopted.provisions, 'p13')?.body,
      'Sanctions on Russia are lifted in stages.',
    );
    assert.deepEqual(ids(adopted.provisions[0]?.children ?? []), ['nato-a']);
  });

  test('reports the confidence of each match, as the matcher gives it', () => {
    const adopted = adoptIdentities(base(), draft(), used());
    const matching = matchProvisions(base(), draft());
    assert.deepEqual(
      new Map([...adopted.confidence].sort()),
      new Map(matching.matches.map((match) => [match.from, match.confidence] as const).sort()),
    );
    assert.equal(adopted.confidence.get('nato' as ProvisionId), 1);
    assert.equal(adopted.confidence.get('elections' as ProvisionId), 1);
    const army = adopted.confidence.get('army' as ProvisionId) ?? 0;
    assert.ok(army >= 0.5 && army < 1, `army: ${army}`);
    assert.equal(adopted.confidence.has('p13' as ProvisionId), false);
  });

  test('alternatives keep the ids of the most similar old ones; new ones get fresh letters', () => {
    const adopted = adoptIdentities(base(), draft(), used());
    const donbas = find(adopted.provisions, 'donbas');
    // The frozen line (reworded) is old "b", the cession (identical) old "a"; the new
    // option takes "d": "c" belonged to a removed alternative and is not reused.
    assert.deepEqual(donbas?.alternatives, [
      alt('b', 'The line of contact in Donbas is frozen where it stands today.'),
      alt('a', 'Ukraine cedes the whole of Donbas to Russia.'),
      alt('d', 'Donbas becomes a demilitarised zone under international monitoring.'),
    ]);
  });

  test('each old alternative id goes to one new alternative at most', () => {
    const old = [
      p('forces', '', {
        alternatives: [
          alt('a', 'Troops are limited to 600,000.'),
          alt('b', 'Troops are limited to 800,000.'),
        ],
      }),
    ];
    const fresh = [
      open('p1', [
        alt('a', 'Troops are limited to 600,000 men.'),
        alt('b', 'Troops are limited to 600,000.'),
        alt('c', 'Troops are limited to 600,000 soldiers.'),
      ]),
    ];
    const [adopted] = adoptIdentities(old, fresh, ['forces'] as ProvisionId[]).provisions;
    assert.equal(adopted?.id, 'forces');
    // The identical one takes "a"; the next best remaining pair takes "b"; the third is new.
    assert.deepEqual(altIds(adopted), ['b', 'a', 'c']);
  });

  test('a provision opened since the base gets fresh letters', () => {
    const old = [p('forces', 'Troops are limited to a number agreed later by the Parties.')];
    const fresh = [
      open('p1', [
        alt('x', 'Troops are limited to 600,000, a number agreed by the Parties.'),
        alt('y', 'Troops are limited to 800,000, a number agreed by the Parties.'),
      ]),
    ];
    const [adopted] = adoptIdentities(old, fresh, ['forces'] as ProvisionId[]).provisions;
    assert.equal(adopted?.id, 'forces');
    assert.deepEqual(altIds(adopted), ['a', 'b']);
  });

  test('a draft identical to its base takes back every id', () => {
    const renamed = withIds(base(), (id) => `d-${id}`);
    const adopted = adoptIdentities(base(), renamed, used());
    assert.deepEqual(adopted.provisions, base());
    assert.deepEqual(adopted.added, []);
    assert.deepEqual(adopted.removed, []);
    assert.ok([...adopted.confidence.values()].every((confidence) => confidence === 1));
  });

  test('an empty draft removes everything', () => {
    const adopted = adoptIdentities(base(), [], used());
    assert.deepEqual(adopted.provisions, []);
    assert.deepEqual(adopted.removed, ids(base()));
  });

  test("the draft's proposal follows its alternative's new id", {}, () => {
    const adopted = adoptIdentities(
      base(),
      withIds(base(), (id) => `d-${id}`).map((provision) =>
        provision.id === 'd-donbas'
          ? {
              ...provision,
              alternatives: [
                alt('x', 'Ukraine cedes the whole of Donbas to Russia.'),
                alt('y', 'The line of contact in Donbas is frozen where it stands.'),
              ],
              proposed: 'y' as AlternativeId,
            }
          : provision,
      ),
      used(),
    );
    const donbas = find(adopted.provisions, 'donbas');
    assert.deepEqual(altIds(donbas), ['a', 'b']);
    assert.equal(donbas?.proposed, 'b');
  });

  test('ids stay unique, fresh ids never collide, and every provision is accounted for (property)', () => {
    fc.assert(
      fc.property(versionPairArb(), ([a, b]) => {
        // The draft carries no identities of its own: rename its ids out of the way.
        const parsed = withIds(b, (id) => `draft-${id}`);
        const usedIds = [...ids(a), 'p40' as ProvisionId];
        const adopted = adoptIdentities(a, parsed, usedIds);
        const result = ids(adopted.provisions);
        assert.equal(new Set(result).size, result.length, 'unique ids');
        assert.equal(result.length, ids(parsed).length);
        const baseIds = new Set(ids(a));
        const start = highestP(usedIds);
        assert.deepEqual(
          adopted.added,
          result.filter((id) => !baseIds.has(id)),
        );
        adopted.added.forEach((id, i) => {
          assert.equal(id, `p${start + i + 1}`);
        });
        for (const id of result) {
          assert.equal(baseIds.has(id), adopted.confidence.has(id), id);
        }
        for (const confidence of adopted.confidence.values()) {
          assert.ok(confidence >= 0.5 && confidence <= 1, String(confidence));
        }
        assert.deepEqual(
          adopted.removed,
          ids(a).filter((id) => !result.includes(id)),
        );
        for (const provision of walkProvisions(adopted.provisions)) {
          const letters = altIds(provision);
          assert.equal(new Set(letters).size, letters.length, `alternatives of ${provision.id}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
