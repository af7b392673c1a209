import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeDuration, formatDuration, parseDuration } from './duration.ts';
import { InvalidError } from './errors.ts';

test('durations parse, format canonically and read as words', () => {
  const cases: [string, number, boolean, string, string][] = [
    ['~4h', 240, true, '~4h', 'about 4 hours'],
    ['1h30m', 90, false, '1h30m', '1 hour 30 minutes'],
    ['90m', 90, false, '1h30m', '1 hour 30 minutes'],
    ['2d', 2880, false, '2d', '2 days'],
    ['~ 45 min', 45, true, '~45m', 'about 45 minutes'],
  ];
  for (const [text, minutes, approximate, canonical, words] of cases) {
    const duration = parseDuration(text);
    assert.deepEqual(duration, { minutes, approximate }, text);
    assert.equal(formatDuration(duration), canonical);
    assert.equal(describeDuration(duration), words);
  }
});

test('bad durations are refused with the accepted forms', () => {
  for (const text of ['', '4 hours', '0h', '~']) {
    assert.throws(() => parseDuration(text), InvalidError, text);
  }
});
