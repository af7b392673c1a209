import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { provisionTreeArb, versionPairArb } from '../../testing/text-arbitrary.ts';
import type { AlternativeId, ProvisionId } from '../ids.ts';
import type { Provision } from './provision.ts';
import { applyTextDiff, diffVersions } from './text-diff.ts';

const p = (id: string, body: string, fields: Partial<Provision> = {}): Provision => ({
  id: id as ProvisionId,
  style: 'decimal',
  body,
  children: [],
  ...fields,
});

describe('diffVersions', () => {
  test('applying the diff of A→B to A gives B', () => {
    fc.assert(
      fc.property(versionPairArb(), ([a, b]) => {
        assert.deepEqual(applyTextDiff(a, diffVersions(a, b)), b);
      }),
      { numRuns: 300 },
    );
  });

  test('the diff of a version with itself is empty', () => {
    fc.assert(
      fc.property(provisionTreeArb(), (a) => {
        const diff = diffVersions(a, a);
        assert.deepEqual(diff.provisions, []);
        assert.deepEqual(diff.order, []);
        assert.equal(diff.summary.changed, 0);
      }),
    );
  });

  test('names each kind of change, provision by provision', () => {
    const a = [
      p('army', 'Ukraine limits its armed forces to 600,000 troops.'),
      p('nato', 'Ukraine does not join NATO.'),
      p('elections', 'Elections are held within 100 days.'),
      p('donbas', 'Ukraine cedes the whole of Donbas to Russia.'),
      p('amnesty', 'A full amnesty is granted.'),
    ];
    const b = [
      p('nato', 'Ukraine does not join NATO.'),
      p('army', 'Ukraine limits its armed forces to 800,000 troops.'),
      p('elections', 'Elections are held within 100 days.'),
      p('donbas', '', {
        alternatives: [
          { id: 'cede' as AlternativeId, text: 'Ukraine cedes the whole of Donbas to Russia.' },
          { id: 'freeze' as AlternativeId, text: 'The line of contact is frozen in Donbas.' },
        ],
        proposed: 'freeze' as AlternativeId,
      }),
      p('guarantees', 'Lasting security guarantees are given to Ukraine.'),
    ];
    const diff = diffVersions(a, b);
    const kinds = Object.fromEntries(diff.provisions.map((change) => [change.id, change.changes]));
    assert.deepEqual(kinds, {
      // Of two provisions that swapped places, the later one in the old order is called moved.
      nato: ['moved', 'renumbered'],
      army: ['renumbered', 'reworded'],
      donbas: ['opened'],
      amnesty: ['removed'],
      guarantees: ['added'],
    });
    const army = diff.provisions.find((change) => change.id === 'army');
    assert.deepEqual(
      army?.body?.filter(([op]) => op !== '='),
      [
        ['-', '600,000'],
        ['+', '800,000'],
      ],
    );
    assert.equal(army?.before?.number, '1.');
    assert.equal(army?.after?.number, '2.');
    assert.equal(diff.summary.changed, 5);
    assert.equal(diff.summary.unchanged, 1);
  });

  test('reports splits and merges from lineage', () => {
    const a = [p('x', 'First part. Second part.'), p('y', 'Y.'), p('z', 'Z.')];
    const b = [
      p('x1', 'First part.', { from: ['x' as ProvisionId] }),
      p('x2', 'Second part.', { from: ['x' as ProvisionId] }),
      p('yz', 'Y. Z.', { from: ['y', 'z'] as ProvisionId[] }),
    ];
    const diff = diffVersions(a, b);
    const kinds = Object.fromEntries(diff.provisions.map((change) => [change.id, change.changes]));
    assert.deepEqual(kinds.x1, ['added', 'split']);
    assert.deepEqual(kinds.x2, ['added', 'split']);
    assert.deepEqual(kinds.yz, ['added', 'merged']);
    assert.deepEqual(kinds.x, ['removed']);
  });

  test('keeps removed provisions where they were, in document order', () => {
    const a = [p('a', 'A.'), p('b', 'B.'), p('c', 'C.'), p('d', 'D.')];
    const b = [p('a', 'A.'), p('d', 'D.')];
    assert.deepEqual(
      diffVersions(a, b).provisions.map((change) => `${change.id}:${change.changes.join('+')}`),
      ['b:removed', 'c:removed', 'd:renumbered'],
    );
  });
});
