import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AnalysisIssue, Package } from '../core/analysis/issue-space.ts';
import type { Profile } from '../core/analysis/profile.ts';
import { seededRandom } from '../core/analysis/random.ts';
import type { SensitivityInput } from '../core/analysis/sensitivity.ts';
import { InvalidError } from '../core/errors.ts';
import type { IssueId, OptionId, PartyId } from '../core/ids.ts';
import { runSensitivity, runSensitivityTasks } from './sensitivity-runner.ts';

/** Three parties, five issues of 3 options, ±25% on everything; party a rules out i0 = o2. */
function input(): SensitivityInput {
  const random = seededRandom(11);
  const issues: AnalysisIssue[] = Array.from({ length: 5 }, (_, i) => ({
    id: `i${i}` as IssueId,
    name: `Issue ${i}`,
    options: [0, 1, 2].map((o) => ({ id: `o${o}` as OptionId, label: `${o}` })),
  }));
  const profiles: Profile[] = ['a', 'b', 'c'].map((party, p) => ({
    party: party as PartyId,
    weights: Object.fromEntries(issues.map((i) => [i.id, 1 + Math.floor(random() * 4)])),
    values: Object.fromEntries(
      issues.map((i) => [
        i.id,
        {
          kind: 'options' as const,
          values: Object.fromEntries(i.options.map((o) => [o.id, Math.round(random() * 10) / 10])),
        },
      ]),
    ),
    reservation: 0.3,
    redLines:
      p === 0
        ? [
            {
              kind: 'forbid' as const,
              when: [{ issue: 'i0' as IssueId, options: ['o2' as OptionId] }],
            },
          ]
        : [],
    audience: 'public' as const,
    uncertainty: { relative: 0.25 },
  }));
  const all = (option: string) =>
    Object.fromEntries(issues.map((i) => [i.id, option as OptionId])) as Package;
  return {
    issues,
    profiles,
    candidates: [
      { label: 'zeros', package: all('o0'), nash: true },
      { label: 'ones', package: all('o1') },
    ],
  };
}

describe('runSensitivity', () => {
  test('gives the same result on 1, 2 and 3 workers', async () => {
    const one = await runSensitivity(input(), { samples: 700, seed: 4, workers: 1 });
    const two = await runSensitivity(input(), { samples: 700, seed: 4, workers: 2 });
    const three = await runSensitivity(input(), { samples: 700, seed: 4, workers: 3 });
    assert.deepEqual(two, one);
    assert.deepEqual(three, one);
    assert.equal(one.samples, 700);
    assert.equal(one.deterministic, false);
    assert.ok(one.candidates.every((c) => c.parties.every((p) => p.utility.sd > 0)));
  });

  test('reports progress up to the total', async () => {
    const seen: [number, number][] = [];
    await runSensitivity(input(), {
      samples: 1000,
      seed: 1,
      workers: 2,
      onProgress: (done, total) => seen.push([done, total]),
    });
    assert.ok(seen.length >= 10);
    assert.ok(seen.every(([done, total], i) => total === 1000 && done >= (seen[i - 1]?.[0] ?? 0)));
    assert.deepEqual(seen[seen.length - 1], [1000, 1000]);
  });

  test('rejects bad options and inputs with InvalidError before starting workers', async () => {
    await assert.rejects(runSensitivity(input(), { samples: 0, seed: 1 }), InvalidError);
    await assert.rejects(runSensitivity(input(), { samples: 10, seed: 0.5 }), InvalidError);
    await assert.rejects(
      runSensitivity(input(), { samples: 1000, seed: 1, workers: 0 }),
      InvalidError,
    );
    await assert.rejects(
      runSensitivity({ ...input(), candidates: [] }, { samples: 1000, seed: 1, workers: 2 }),
      InvalidError,
    );
  });

  test('a failure in a worker rejects with its message', async () => {
    const tasks = [
      { input: input(), range: { seed: 1, from: 0, to: 2000 } },
      { input: input(), range: { seed: 1, from: 5, to: 2 } },
    ];
    await assert.rejects(
      runSensitivityTasks(tasks),
      (error: unknown) => error instanceof InvalidError && /bad sample range/.test(error.message),
    );
  });

  test('starts its workers when tsx is registered as bin/concord.js does', async () => {
    // A fresh `node` without `--import tsx`: the CLI's way of running TypeScript.
    const runner = new URL('./sensitivity-runner.ts', import.meta.url).href;
    const script = `
      import { register } from 'tsx/esm/api';
      register();
      const { runSensitivity } = await import(${JSON.stringify(runner)});
      const input = ${JSON.stringify(input())};
      const result = await runSensitivity(input, { samples: 600, seed: 8, workers: 2 });
      process.stdout.write(JSON.stringify(result));
    `;
    const cwd = fileURLToPath(new URL('../..', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '--eval', script],
      { cwd, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
    );
    const inline = await runSensitivity(input(), { samples: 600, seed: 8, workers: 1 });
    assert.deepEqual(JSON.parse(stdout), JSON.parse(JSON.stringify(inline)));
  });
});
