import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { InvalidError } from '../errors.ts';
import type { IssueId, OptionId, PartyId } from '../ids.ts';
import { compileSpace, packageIndices, utilityOf, withinRedLines } from './compiled-space.ts';
import { computeFrontier } from './frontier.ts';
import type { AnalysisIssue, Package } from './issue-space.ts';
import type { Profile, Uncertainty } from './profile.ts';
import { seededRandom } from './random.ts';
import { runSensitivitySamples, type SensitivityInput } from './sensitivity.ts';
import { mergeTallies, summarise } from './sensitivity-summary.ts';
import { solve } from './solutions.ts';

const issue = (id: string, options: number): AnalysisIssue => ({
  id: id as IssueId,
  name: id,
  options: Array.from({ length: options }, (_, o) => ({ id: `o${o}` as OptionId, label: `${o}` })),
});

/** Three parties, four issues; party a will never accept option o2 of issue i0. */
function fixture(uncertainty?: (party: number) => Uncertainty | undefined): SensitivityInput {
  const random = seededRandom(3);
  const issues = [issue('i0', 3), issue('i1', 3), issue('i2', 4), issue('i3', 2)];
  const profiles: Profile[] = ['a', 'b', 'c'].map((party, p) => {
    const ranges = uncertainty?.(p);
    return {
      party: party as PartyId,
      weights: Object.fromEntries(issues.map((i) => [i.id, 1 + Math.floor(random() * 4)])),
      values: Object.fromEntries(
        issues.map((i) => [
          i.id,
          {
            kind: 'options' as const,
            values: Object.fromEntries(
              i.options.map((o) => [o.id, Math.round(random() * 10) / 10]),
            ),
          },
        ]),
      ),
      reservation: 0.35,
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
      ...(ranges === undefined ? {} : { uncertainty: ranges }),
    };
  });
  const space = compileSpace(issues, profiles);
  const frontier = computeFrontier(space);
  const nash = solve(frontier, 'nash');
  assert.ok(nash !== undefined);
  const nashPackage = frontier.packagesAt(nash.points[0] as number, 1).packages[0] as Package;
  const all = (option: string) =>
    Object.fromEntries(issues.map((i) => [i.id, option as OptionId])) as Package;
  return {
    issues,
    profiles,
    candidates: [
      { label: 'nash', package: nashPackage, nash: true },
      { label: 'draft', package: all('o0') },
      { label: 'crossing', package: { ...all('o1'), ['i0' as IssueId]: 'o2' as OptionId } },
    ],
  };
}

describe('runSensitivitySamples', () => {
  const uncertain = fixture(() => ({ relative: 0.3 }));

  test('the same seed gives the same tally, another seed another', () => {
    const a = runSensitivitySamples(uncertain, { seed: 9, from: 0, to: 200 });
    const b = runSensitivitySamples(uncertain, { seed: 9, from: 0, to: 200 });
    const c = runSensitivitySamples(uncertain, { seed: 10, from: 0, to: 200 });
    assert.deepEqual(a, b);
    assert.deepEqual(summarise(a), summarise(b));
    assert.notDeepEqual(a.utilities, c.utilities);
  });

  test('chunks merged in any order equal one run (property)', () => {
    const whole = runSensitivitySamples(uncertain, { seed: 5, from: 0, to: 60 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const part = (from: number, to: number) =>
          runSensitivitySamples(uncertain, { seed: 5, from, to });
        const merged = mergeTallies(part(hi, 60), mergeTallies(part(0, lo), part(lo, hi)));
        assert.deepEqual(merged, whole);
      }),
      { numRuns: 15 },
    );
    assert.throws(() =>
      mergeTallies(
        runSensitivitySamples(uncertain, { seed: 5, from: 0, to: 10 }),
        runSensitivitySamples(uncertain, { seed: 5, from: 11, to: 20 }),
      ),
    );
  });

  test('progress every 100 samples and at the end', () => {
    const seen: number[] = [];
    runSensitivitySamples(uncertain, { seed: 1, from: 0, to: 250 }, (done) => seen.push(done));
    assert.deepEqual(seen, [100, 200, 250]);
  });

  test('without ranges: deterministic, every probability exactly 0 or 1 as in the nominal space', () => {
    const certain = fixture();
    const result = summarise(runSensitivitySamples(certain, { seed: 1, from: 0, to: 300 }));
    assert.equal(result.deterministic, true);
    assert.deepEqual(result.certainParties, ['a', 'b', 'c']);
    const space = compileSpace(certain.issues, certain.profiles);
    certain.candidates.forEach((candidate, c) => {
      const choice = packageIndices(space, candidate.package);
      const u = utilityOf(space, choice);
      const ok =
        withinRedLines(space, choice) &&
        Array.from(u).every((x, p) => x >= (space.reservations[p] as number) - 1e-9);
      const got = result.candidates[c];
      assert.equal(got?.acceptable.estimate, ok ? 1 : 0, candidate.label);
      got?.parties.forEach((party, p) => {
        assert.equal(party.utility.sd, 0);
        assert.equal(party.utility.median, u[p]);
      });
    });
    assert.deepEqual(result.nashStability?.estimate, 1);
    assert.equal(result.candidates[0]?.nashPackage.estimate, 1);
  });

  test('a party without ranges among uncertain ones: exactly 0 or 1 for its reservation', () => {
    const mixed = fixture((p) => (p === 1 ? undefined : { relative: 0.3 }));
    const result = summarise(runSensitivitySamples(mixed, { seed: 2, from: 0, to: 300 }));
    assert.equal(result.deterministic, false);
    assert.deepEqual(result.certainParties, ['b']);
    const space = compileSpace(mixed.issues, mixed.profiles);
    mixed.candidates.forEach((candidate, c) => {
      const u = utilityOf(space, packageIndices(space, candidate.package))[1] as number;
      const b = result.candidates[c]?.parties[1];
      assert.equal(b?.aboveReservation.estimate, u >= 0.35 - 1e-9 ? 1 : 0);
      assert.equal(b?.utility.sd, 0);
    });
  });

  test('a package across a red line is never acceptable, nor a Nash package', () => {
    const result = summarise(runSensitivitySamples(uncertain, { seed: 3, from: 0, to: 300 }));
    const crossing = result.candidates.find((c) => c.label === 'crossing');
    assert.equal(crossing?.acceptable.estimate, 0);
    assert.equal(crossing?.nashPackage.estimate, 0);
    const nash = result.candidates.find((c) => c.label === 'nash');
    assert.ok((nash?.acceptable.estimate ?? 0) > 0.5);
    assert.equal(result.nashStability?.estimate, nash?.nashPackage.estimate);
    for (const candidate of result.candidates) {
      const { estimate, low, high } = candidate.acceptable;
      assert.ok(low <= estimate && estimate <= high);
      for (const party of candidate.parties) {
        const d = party.utility;
        assert.ok(d.min <= d.p5 && d.p5 <= d.p25 && d.p25 <= d.median);
        assert.ok(d.median <= d.p75 && d.p75 <= d.p95 && d.p95 <= d.max);
        assert.ok(d.min >= 0 && d.max <= 1 && d.sd > 0);
      }
    }
  });

  test('bad ranges and packages are InvalidError naming the field', () => {
    const bad = fixture((p) =>
      p === 2 ? { weights: { ['i9' as IssueId]: { low: 0, high: 1 } }, relative: 2 } : undefined,
    );
    assert.throws(
      () => runSensitivitySamples(bad, { seed: 1, from: 0, to: 10 }),
      (error: unknown) =>
        error instanceof InvalidError &&
        error.problems.some((p) => p.path === 'profiles[2].uncertainty.relative') &&
        error.problems.some((p) => p.path === 'profiles[2].uncertainty.weights.i9'),
    );
    const wrongPackage = {
      ...uncertain,
      candidates: [{ label: 'odd', package: { ['i0' as IssueId]: 'o7' as OptionId } }],
    };
    assert.throws(
      () => runSensitivitySamples(wrongPackage, { seed: 1, from: 0, to: 10 }),
      (error: unknown) => error instanceof InvalidError && /package "odd"/.test(error.message),
    );
  });
});
