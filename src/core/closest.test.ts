import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closest, editDistance } from './closest.ts';

test('suggests the nearest name within reach', () => {
  assert.equal(closest('umerov2', ['umerov', 'yermak', 'rubio']), 'umerov');
  assert.equal(closest('venue', ['place', 'title']), undefined);
  assert.equal(closest('led_bye', ['led_by', 'place']), 'led_by');
});

test('edit distance', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('same', 'same'), 0);
});
