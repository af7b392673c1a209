import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliRunner } from '../testing/cli-runner.ts';

const NOW = Date.UTC(2025, 11, 1, 12);

describe('concord calendar', () => {
  let dir: string;
  let run: ReturnType<typeof cliRunner>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-calendar-'));
    run = cliRunner(dir, NOW);
    const demo = await run('demo');
    assert.equal(demo.code, 0, demo.err);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test('writes the events as iCalendar, from a date, to a file', async () => {
    const file = join(dir, 'talks.ics');
    const result = await run('calendar', '--as', 'public', '--from', '2025-12-01', '-o', file);
    assert.equal(result.code, 0, result.err);
    assert.match(result.err, /Wrote .*talks\.ics/);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^BEGIN:VCALENDAR\r\n/);
    assert.match(text, /UID:putin-witkoff-meeting@ukraine-talks-2025\.concord\r\n/);
    assert.doesNotMatch(text, /UID:geneva-talks@/);
    assert.match(text, /DTSTAMP:20251201T120000Z\r\n/);
  });

  test('refuses a date it cannot read', async () => {
    const result = await run('calendar', '--from', 'next tuesday');
    assert.equal(result.code, 1);
    assert.match(result.err, /--from/);
  });
});
