import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  test('a history downloaded from the server verifies without the database; tampering shows', async () => {
    // The test before cut the chain to one entry: one more write.
    assert.equal(
      (await run('propose', 'peace-plan', 'v4', '--from', 'v1', '--improvement', '1')).code,
      0,
    );
    const entries = JSON.parse((await run('audit', 'log', '--json')).out);
    assert.equal(entries.length, 2);
    const hidden = {
      seq: entries[0].seq,
      prev: entries[0].prev,
      hash: entries[0].hash,
      hidden: true,
    };
    const view = { process: 'ukraine-talks-2025', entries: [hidden, ...entries.slice(1)] };
    writeFileSync(join(dir, 'view.json'), JSON.stringify(view));
    const ok = await run('audit', 'verify', '--view', 'view.json', '--json');
    assert.equal(ok.code, 0, ok.err);
    assert.equal(JSON.parse(ok.out).ok, true);
    view.entries[1] = { ...view.entries[1], operation: 'delete' };
    writeFileSync(join(dir, 'view.json'), JSON.stringify(view));
    const tampered = await run('audit', 'verify', '--view', 'view.json');
    assert.equal(tampered.code, 1);
    assert.match(tampered.out, /TAMPERED WITH[\s\S]*was changed/);
    writeFileSync(join(dir, 'view.json'), '{"process": "x", "entries": [{"seq": 1}]}');
    const bad = await run('audit', 'verify', '--view', 'view.json');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /view\.json: not a Concord history/);
  });
});
