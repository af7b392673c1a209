import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliRunner } from '../testing/cli-runner.ts';

const NOW = Date.UTC(2025, 11, 2, 9); // Tuesday 2 December 2025, 09:00 UTC

const cli = (cwd: string) => cliRunner(cwd, NOW);

describe('concord text and position commands', () => {
  let dir: string;
  let run: ReturnType<typeof cli>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-text-cli-'));
    run = cli(dir);
    assert.equal((await run('demo')).code, 0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('lists texts and versions, and shows a version with numbers, alternatives and ids', async () => {
    assert.match(
      (await run('text', 'list')).out,
      /peace-plan +US peace plan for ending the war +plan +v1, revised-framework/,
    );
    const versions = await run('text', 'versions', 'peace-plan');
    assert.match(
      versions.out,
      /revised-framework +Revised framework +23–30 Nov 2025 .* +draft +us +v1 +ukraine +private +8/,
    );
    const show = await run('text', 'show', 'peace-plan');
    assert.match(
      show.out,
      /3\. Armed forces ‹armed-forces› \[illustrative\] open — alternatives:\n {2}\[limited\] .*600,000 personnel\.\n {2}\[higher-cap\] .*800,000 personnel\. ← proposed/,
    );
  });

  test('the diff reads as a briefing; as HTML it is a standalone redline', async () => {
    const briefing = await run('text', 'diff', 'peace-plan', 'v1', 'revised-framework');
    assert.equal(briefing.code, 0, briefing.err);
    assert.match(
      briefing.out,
      /^# US peace plan for ending the war: what changed from “First version” to “Revised framework”/,
    );
    assert.match(
      briefing.out,
      /10 provisions changed \(2 added, 2 removed, 1 moved, 5 renumbered, 3 reworded, 2 split, 2 opened/,
    );
    const file = join(dir, 'redline.html');
    const html = await run(
      'text',
      'diff',
      'peace-plan',
      'v1',
      'revised-framework',
      '--format',
      'html',
      '-o',
      file,
    );
    assert.equal(html.code, 0, html.err);
    const page = readFileSync(file, 'utf8');
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /<del>plan<\/del><ins>framework<\/ins>/);
    assert.match(page, /class="provision removed" id="amnesty-removed"/);
    assert.doesNotMatch(page, /<script|https?:\/\//);
  });

  test('imports a plain draft as a version continuing another, and exports Akoma Ntoso', async () => {
    const draft = join(dir, 'draft.txt');
    writeFileSync(
      draft,
      '1. A ceasefire takes effect along the line of contact.\n2. Ukraine does not join NATO.\n3. [Elections are held within 100 days. / Elections are held once martial law ends.]\n',
    );
    const imported = await run(
      'text',
      'import',
      draft,
      '--text',
      'peace-plan',
      '--version',
      'draft-3',
      '--from',
      'revised-framework',
      '--proposed-by',
      'ukraine',
      '--date',
      '2025-12-02',
    );
    assert.equal(imported.code, 0, imported.err);
    assert.match(
      imported.out,
      /Imported .*draft\.txt as version "draft-3" of text "peace-plan": 3 provisions\./,
    );
    const show = await run('text', 'show', 'peace-plan', '--version', 'draft-3');
    assert.match(show.out, /‹ceasefire›/);
    assert.match(show.out, /‹nato›/);
    const xml = await run('text', 'export', 'peace-plan', '--version', 'v1');
    assert.match(xml.out, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    assert.match(xml.out, /wId="donbas"/);
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '1. One.\n2. Two [open.\n');
    const refused = await run('text', 'import', bad, '--text', 'peace-plan', '--version', 'bad');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /bad\.txt:2: /);
  });

  test('records positions, shows the matrix (also as CSV), history and movement, as each viewer may see them', async () => {
    const set = await run(
      'position',
      'set',
      'peace-plan',
      'elections',
      '--party',
      'ukraine',
      '--stance',
      'accepts-with-changes',
      '--wording',
      'Elections once martial law ends.',
      '--version',
      'revised-framework',
    );
    assert.equal(set.code, 0, set.err);
    assert.match(
      set.out,
      /Recorded: ukraine accepts with changes ‹elections› of peace-plan revised-framework \(Tue 2 Dec 2025, 09:00 UTC, audience: party\)\./,
    );
    const matrix = await run('position', 'matrix', 'peace-plan', '--version', 'revised-framework');
    assert.match(matrix.out, /5\. Elections ‹elections› +· +· +accepts with changes/);
    const csv = await run(
      'position',
      'matrix',
      'peace-plan',
      '--version',
      'revised-framework',
      '--csv',
    );
    assert.match(
      csv.out,
      /^number,provision,heading,US stance,US wording,Russia stance,Russia wording,Ukraine stance,Ukraine wording\r\n/,
    );
    assert.match(
      csv.out,
      /5\.,elections,Elections,,,,,accepts-with-changes,Elections once martial law ends\.\r\n/,
    );
    const history = await run('position', 'history', 'peace-plan', '--provision', 'donbas');
    assert.match(history.out, /ukraine +donbas +v1 +rejects +public/);
    const movement = await run(
      'position',
      'movement',
      'peace-plan',
      '--from',
      'v1',
      '--to',
      'revised-framework',
    );
    assert.match(movement.out, /donbas +ukraine +rejects +RED LINE \[cede\] +moved/);
    const asRussia = await run('--as', 'russia', 'position', 'history', 'peace-plan');
    assert.doesNotMatch(asRussia.out, /CANARY-ukraine|elections/);
    assert.match(asRussia.out, /CANARY-russia-private-nato/);
    const unknown = await run('--as', 'belarus', 'position', 'history', 'peace-plan');
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /no party "belarus": --as takes public, mediator or a party/);
  });

  test('every text and position command has help with an example', async () => {
    for (const command of [
      ['text', 'list'],
      ['text', 'show'],
      ['text', 'versions'],
      ['text', 'diff'],
      ['text', 'import'],
      ['text', 'export'],
      ['position', 'set'],
      ['position', 'history'],
      ['position', 'matrix'],
      ['position', 'movement'],
    ]) {
      const result = await run(...command, '--help');
      assert.equal(result.code, 0, command.join(' '));
      assert.match(result.out, /Example/, command.join(' '));
    }
  });
});
