import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { cliRunner } from '../testing/cli-runner.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const NOW = Date.UTC(2025, 11, 1, 12); // Monday 1 December 2025, noon

const cli = (cwd: string) => cliRunner(cwd, NOW);

function digest(...files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(existsSync(file) ? readFileSync(file) : 'absent');
  return hash.digest('hex');
}

describe('concord command line', () => {
  let dir: string;
  let run: ReturnType<typeof cli>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-cli-'));
    run = cli(dir);
    const demo = await run('demo');
    assert.equal(demo.code, 0, demo.err);
    assert.match(demo.out, /Imported the reference scenario into process "ukraine-talks-2025"/);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test('names Yermak as head of delegation before the change and Umerov after', async () => {
    const before = await run('who', '--party', 'ukraine', '--as-of', '2025-11-25');
    assert.equal(before.code, 0, before.err);
    assert.match(before.out, /Andriy Yermak +yermak +head of delegation/);
    assert.doesNotMatch(before.out, /Umerov +umerov +head of delegation/);
    const after = await run('who', '--party', 'ukraine', '--as-of', '2025-12-01');
    assert.match(after.out, /Rustem Umerov +umerov +head of delegation/);
    assert.doesNotMatch(after.out, /Andriy Yermak/);
    const today = await run('who', '--role', 'head-of-delegation', '--json');
    const data = JSON.parse(today.out);
    assert.equal(data.asOf.text, '2025-12-01', 'as of defaults to today from the clock');
    assert.deepEqual(
      data.groups.map((g: { party: { id: string }; entries: { person: { id: string } }[] }) => [
        g.party.id,
        g.entries.map((e) => e.person.id),
      ]),
      [
        ['us', ['rubio']],
        ['ukraine', ['umerov']],
      ],
    );
  });

  test('shows how and why Yermak’s tenure ended', async () => {
    const result = await run('person', 'show', 'yermak');
    assert.equal(result.code, 0, result.err);
    assert.match(
      result.out,
      /head of delegation, Ukraine: in office by 23 Nov 2025 to Fri 28 Nov 2025/,
    );
    assert.match(result.out, /ended: resigned; replaced by Rustem Umerov/);
    assert.match(result.out, /why: .*searched his home/);
  });

  test('lists the upcoming Moscow meetings with their precision', async () => {
    const result = await run('timeline', '--upcoming', '--as-of', '2025-12-01');
    assert.equal(result.code, 0, result.err);
    const lines = result.out.trim().split('\n').slice(2);
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', /^Mon 1 Dec 2025 +visit +scheduled +Witkoff arrives in Moscow/);
    assert.match(
      lines[1] ?? '',
      /^week of 1–7 Dec 2025 \(later in the week, before Putin leaves for a visit to India\) +meeting +scheduled/,
    );
  });

  test('shows events, statements and processes, as text and as JSON', async () => {
    const event = await run('event', 'show', 'sunday-meeting');
    assert.match(event.out, /Duration: about 4 hours/);
    assert.match(
      event.out,
      /Ukraine:\n {4}Rustem Umerov — Secretary of the National Security and Defense Council; head of delegation/,
    );
    const statements = await run('statements', '--by', 'zelenskyy', '--json');
    assert.equal(JSON.parse(statements.out).items.length, 2);
    const list = await run('process', 'list');
    assert.match(
      list.out,
      /ukraine-talks-2025 +Talks on ending the Russia–Ukraine war \(2025\) +active +3 +11 +7 +10/,
    );
    const show = await run('process', 'show', '--as-of', '2025-11-25');
    assert.match(show.out, /Ukraine \(ukraine, party\): Andriy Yermak/);
  });

  test('export and import round-trip; importing the same file again changes nothing', async () => {
    const file = join(dir, 'exported.yaml');
    const exported = await run('export', '-o', file);
    assert.equal(exported.code, 0, exported.err);
    const again = await run('import', file);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /no changes; process "ukraine-talks-2025" is already up to date/);
  });

  test('a file with an error is refused with file, line and field; the database is unchanged byte for byte', async () => {
    const db = join(dir, 'concord.db');
    const broken = readFileSync(join(root, 'examples/ukraine-talks-2025.yaml'), 'utf8')
      .replace('title: Witkoff arrives in Moscow', 'title: Edited')
      .replace(
        'participants: [rubio, witkoff, kushner, umerov, hnatov, bevz]',
        'participants: [rubio, witkoff, kushner, umerov2, hnatov, bevz]',
      );
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, broken);
    const before = digest(db, `${db}-wal`);
    const result = await run('import', file);
    assert.equal(result.code, 1);
    assert.equal(result.out, '');
    assert.match(
      result.err,
      /broken\.yaml:\d+: events\[4\]\.participants\[3\]: unknown person "umerov2"; did you mean "umerov"\?/,
    );
    assert.doesNotMatch(result.err, /\bat \w+ \(/, 'no stack trace');
    assert.equal(digest(db, `${db}-wal`), before);
  });

  test('user mistakes exit with 1 and one clear message', async () => {
    const cases: [string[], RegExp][] = [
      [['who', '--as-of', '2025-13-01'], /--as-of: "2025-13-01": month 13 does not exist/],
      [['who', '--party', 'ukrain'], /no party "ukrain": did you mean "ukraine"\?/],
      [
        ['timeline', '--kind', 'meetin'],
        /--kind: "meetin" is not one of .* \(did you mean "meeting"\?\)/,
      ],
      [['event', 'show', 'nope'], /no event "nope"/],
      [['whoo'], /unknown command 'whoo'/],
      [['--db', join(dir, 'missing.db'), 'who'], /no Concord database .*missing\.db.*concord init/],
      [['import', join(dir, 'nothing-here.yaml')], /no file/],
    ];
    for (const [argv, message] of cases) {
      const result = await run(...argv);
      assert.equal(result.code, 1, argv.join(' '));
      assert.match(result.err, message, argv.join(' '));
    }
  });

  test('an internal failure exits with 2 and no stack trace unless asked', async () => {
    const db = join(dir, 'damaged.db');
    assert.equal((await run('--db', db, 'init')).code, 0);
    const raw = new SQLite(db);
    raw.exec('drop table statements');
    raw.close();
    const result = await run('--db', db, 'statements');
    assert.equal(result.code, 2);
    assert.match(result.err, /internal error: no such table/);
    assert.match(result.err, /CONCORD_DEBUG=1/);
  });

  test('every command has help with an example', async () => {
    const commands = [
      ['init'],
      ['demo'],
      ['import'],
      ['export'],
      ['process', 'list'],
      ['process', 'show'],
      ['who'],
      ['person', 'show'],
      ['timeline'],
      ['event', 'show'],
      ['statements'],
    ];
    for (const command of commands) {
      const result = await run(...command, '--help');
      assert.equal(result.code, 0, command.join(' '));
      assert.match(result.out, /Example/, command.join(' '));
    }
  });

  test('the installed command runs, with real exit codes', () => {
    const bin = join(root, 'bin/concord.js');
    const env = { ...process.env, CONCORD_DB: join(dir, 'concord.db') };
    const ok = spawnSync(
      process.execPath,
      [bin, 'who', '--party', 'ukraine', '--as-of', '2025-11-25'],
      { env, encoding: 'utf8' },
    );
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /Andriy Yermak/);
    const bad = spawnSync(process.execPath, [bin, 'who', '--as-of', 'someday'], {
      env,
      encoding: 'utf8',
    });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^concord: --as-of: "someday": not a date/);
  });
});
