import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliRunner } from '../testing/cli-runner.ts';

const NOW = Date.UTC(2025, 11, 2, 9);
const genius = new URL('../../../shared/data/genius/', import.meta.url).pathname;

describe('concord analyze and propose', () => {
  let dir: string;
  let run: ReturnType<typeof cliRunner>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-analyze-cli-'));
    run = cliRunner(dir, NOW);
    assert.equal((await run('demo')).code, 0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('answers the mediator’s questions on the first version, in words and as JSON', async () => {
    const text = await run('analyze', '--version', 'v1');
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /3 parties \(russia, ukraine, us\), 8 issues, 8,748 packages/);
    assert.match(text.out, /Note: Illustrative assumption/);
    assert.match(text.out, /ukraine +0\.\d+ +0\.400 +no — red line: never territory = cede/);
    assert.match(text.out, /Improvements \(helping everyone, fewest changes first/);
    assert.match(text.out, /1\. territory: cede → freeze/);
    assert.match(text.out, /Nash: russia 0\.\d+, ukraine 0\.\d+, us 0\.\d+/);
    assert.match(text.out, /Acceptable packages: [\d,]+ of 2,430 \(exact/);
    const json = JSON.parse((await run('--json', 'analyze', '--version', 'v1')).out);
    assert.equal(json.draft.acceptable, false);
    assert.equal(json.frontier.exact, true);
    assert.deepEqual(json.leftOut, []);
  });

  test('--improve evaluates any package; --frontier lists the acceptable frontier', async () => {
    const result = await run(
      '--json',
      'analyze',
      '--improve',
      'territory=freeze,guarantees=allied',
      '--frontier',
      '4',
    );
    assert.equal(result.code, 0, result.err);
    const json = JSON.parse(result.out);
    assert.equal(json.draft.package.territory, 'freeze');
    assert.equal(json.draft.package.guarantees, 'allied');
    assert.equal(json.draft.acceptable, true);
    assert.equal(json.frontierPoints.length, 4);
    const first = json.frontierPoints.map((p: { utilities: number[] }) => p.utilities[0]);
    assert.deepEqual(
      [...first].sort((a, b) => b - a),
      first,
      'best for the first party first',
    );
    assert.match(
      (await run('analyze', '--improve', 'territory')).err,
      /--improve: expected issue=option, got "territory"/,
    );
  });

  test('sensitivity with a progress bar, and an SVG chart', async () => {
    const result = await run(
      'analyze',
      '--version',
      'v1',
      '--samples',
      '300',
      '--seed',
      '7',
      '--plot',
      'space.svg',
    );
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /Sensitivity: 300 samples over the profiles' uncertainty \(seed 7\)/);
    assert.match(result.out, /The Nash package stays the Nash package in [\d.]+% of samples/);
    assert.ok(existsSync(join(dir, 'space.svg')));
    assert.match(
      readFileSync(join(dir, 'space.svg'), 'utf8'),
      /^<\?xml[\s\S]*<svg[\s\S]*class="panel"/,
    );
  });

  test('a party sees only its own profile, so cannot analyse; bad input is named', async () => {
    const ukraine = await run('--as', 'ukraine', 'analyze');
    assert.equal(ukraine.code, 1);
    assert.match(ukraine.err, /at least two parties; only ukraine's is visible to you/);
    const bad = await run('analyze', '--set', 'nato=join');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /nato: unknown option "join" \(options: renounce, defer, open-door\)/);
    assert.match(
      (await run('analyze', '--rank-by', 'best')).err,
      /--rank-by: "best" is not one of/,
    );
  });

  test('propose writes an improvement as a new version', async () => {
    const made = await run('propose', 'peace-plan', 'v3', '--from', 'v1', '--improvement', '1');
    assert.equal(made.code, 0, made.err);
    assert.match(made.out, /Created version "v3" of "peace-plan": 1 provision now propose/);
    const diff = await run('text', 'diff', 'peace-plan', 'v1', 'v3');
    assert.match(diff.out, /donbas|Territory/);
    const again = await run('--json', 'analyze', '--version', 'v3');
    assert.equal(JSON.parse(again.out).draft.package.territory, 'freeze');
  });

  test('profiles list and export to GENIUS, which analyze reads back', async () => {
    assert.match(
      (await run('--as', 'mediator', 'profiles', 'list')).out,
      /territory +cede, freeze +peace-plan ‹donbas›/,
    );
    assert.match(
      (await run('--as', 'public', 'profiles', 'export', '--format', 'genius', '--out', 'g')).err,
      /nothing to write; none is visible to you/,
    );
    const exported = await run('profiles', 'export', '--format', 'genius', '--out', 'g');
    assert.equal(exported.code, 0, exported.err);
    assert.match(exported.err, /warning: ukraine: 2 red lines not written/);
    const back = await run(
      '--json',
      'analyze',
      '--genius',
      'g/ukraine-talks-2025_domain.xml',
      'g/russia.xml',
      'g/ukraine.xml',
      'g/us.xml',
    );
    assert.equal(back.code, 0, back.err);
    assert.equal(JSON.parse(back.out).packages.all, '8748');
    const web = await run('profiles', 'export', '--format', 'geniusweb', '--out', 'w');
    assert.equal(web.code, 0, web.err);
    const again = await run('--json', 'analyze', '--geniusweb', 'w/russia.json', 'w/ukraine.json');
    assert.equal(again.code, 0, again.err);
    assert.deepEqual(JSON.parse(again.out).parties, ['russia', 'ukraine']);
  });

  test('reads GENIUS files', {
    skip: !existsSync(genius) && 'the shared GENIUS domains are absent',
  }, async () => {
    const laptop = join(genius, 'laptop');
    const result = await run(
      '--json',
      'analyze',
      '--genius',
      join(laptop, 'Laptop-C-domain.xml'),
      join(laptop, 'Laptop-C-prof1.xml'),
      join(laptop, 'Laptop-C-prof2.xml'),
    );
    assert.equal(result.code, 0, result.err);
    const json = JSON.parse(result.out);
    assert.equal(json.packages.all, '27');
    assert.equal(json.solutions[0].criterion, 'nash');
  });
});
