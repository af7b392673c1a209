import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { cliRunner } from '../testing/cli-runner.ts';

describe('concord audit', () => {
  let dir: string;
  let run: ReturnType<typeof cliRunner>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-audit-cli-'));
    run = cliRunner(dir, Date.UTC(2025, 11, 2, 9));
    assert.equal((await run('demo')).code, 0);
    assert.equal(
      (await run('propose', 'peace-plan', 'v3', '--from', 'v1', '--improvement', '1')).code,
      0,
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('log, checkpoint, verify; an edited or truncated history is caught', async () => {
    assert.match(
      (await run('audit', 'log')).out,
      /1 .* operator +create +process:ukraine-talks-2025[\s\S]*2 .* add-version +text:peace-plan\/v3/,
    );
    assert.equal((await run('audit', 'checkpoint', '-o', 'cp.json')).code, 0);
    assert.match(
      (await run('audit', 'verify', '--against', 'cp.json')).out,
      /intact: 2 entries, matching the checkpoint of entry 2/,
    );
    const db = new Database(join(dir, 'concord.db'));
    db.prepare("update audit_entries set actor = 'mallory' where seq = 1").run();
    db.close();
    const edited = await run('audit', 'verify');
    assert.equal(edited.code, 1);
    assert.match(edited.out, /entry 1: was changed/);
    const again = new Database(join(dir, 'concord.db'));
    again.prepare("update audit_entries set actor = 'operator' where seq = 1").run();
    again.prepare('delete from audit_entries where seq = 2').run();
    again.close();
    assert.equal((await run('audit', 'verify')).code, 0, 'a cut chain is consistent in itself');
    const cut = await run('audit', 'verify', '--against', 'cp.json');
    assert.equal(cut.code, 1);
    assert.match(cut.out, /entry 2: the checkpoint names entry 2, which is gone/);
    const missing = await run('audit', 'verify', '--against', 'nothing.json');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no file .*nothing\.json/);
  });
});
