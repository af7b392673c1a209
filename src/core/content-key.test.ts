import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { base36, contentKey } from './content-key.ts';

test('base36 writes whole numbers below 2^53 as toString(36) does', () => {
  for (const n of [0, 1, 35, 36, 1295, 1296, 2 ** 32, 2 ** 52, 2 ** 53 - 1]) {
    assert.equal(base36(n), n.toString(36));
  }
  fc.assert(
    fc.property(fc.maxSafeNat(), (n) => base36(n) === n.toString(36)),
    { numRuns: 10_000 },
  );
});

test('content keys stay what stored databases hold', () => {
  // Keys are stored: a change here would make every keyed item look new on the next import.
  assert.equal(contentKey('s', ['rubio', '', '2025-11-30', 'Productive talks.']), 's-2c4z4m88pej');
  assert.equal(contentKey('a', ['yermak']), 'a-asjjs81nr2');
});
