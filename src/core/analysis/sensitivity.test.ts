import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { spaceArb } from '../../testing/analysis-arbitrary.ts';
import { InvalidError } from '../errors.ts';
import type { IssueId, OptionId, PartyId } from '../ids.ts';
import { compileSpace, packageIndices, utilityOf, withinRedLines } from './compiled-space.ts';
import { computeFrontier } from './frontier.ts';
import type { AnalysisIssue, Package } from './issue-space.ts';
import type { Interval, Profile, Uncertainty } from './profile.ts';
import { seededRandom } from './random.ts';
import {
  distributionOf,
  mergeTallies,
  nashPoints,
  resampleSpace,
  runSensitivitySamples,
  type SensitivityInput,
  sampleProfiles,
  summarise,
  wilsonInterval,
} from './sensitivity.ts';
import { acceptablePoints, criterionValue, solve } from './solutions.ts';

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

const inside = (x: number | undefined, { low, high }: Interval) =>
  x !== undefined && x >= low - 1e-12 && x <= high + 1e-12;

describe('sampleProfiles', () => {
  test('draws every weight and option value within its range (property)', () => {
    fc.assert(
      fc.property(
        spaceArb(),
        fc.constantFrom(0, 0.2, 1),
        fc.integer(),
        fc.integer(),
        ({ issues, profiles }, relative, layout, seed) => {
          const pick = seededRandom(layout);
          const ranged = profiles.map((profile): Profile => {
            const weights: Record<string, Interval> = {};
            const values: Record<string, Record<string, Interval>> = {};
            for (const i of issues) {
              const w = profile.weights[i.id] ?? 0;
              if (pick() < 0.3) weights[i.id] = { low: w * 0.5, high: w * 2 };
              const options: Record<string, Interval> = {};
              for (const o of i.options) {
                const low = pick();
                if (pick() < 0.3) options[o.id] = { low, high: low + (1 - low) * pick() };
              }
              values[i.id] = options;
            }
            return { ...profile, uncertainty: { relative, weights, values } };
          });
          const sampled = sampleProfiles(ranged, issues, seededRandom(seed));
          sampled.forEach((sample, k) => {
            const nominal = ranged[k] as Profile;
            const u = nominal.uncertainty ?? {};
            assert.equal(sample.uncertainty, undefined);
            assert.deepEqual(sample.redLines, nominal.redLines);
            assert.equal(sample.reservation, nominal.reservation);
            for (const i of issues) {
              const w = nominal.weights[i.id] ?? 0;
              const wr = u.weights?.[i.id] ?? { low: w * (1 - relative), high: w * (1 + relative) };
              assert.ok(inside(sample.weights[i.id], wr), `weight of ${i.id}`);
              const nv = nominal.values[i.id];
              const sv = sample.values[i.id];
              assert.ok(nv?.kind === 'options' && sv?.kind === 'options');
              for (const o of i.options) {
                const v = nv.values[o.id] ?? 0;
                const range = u.values?.[i.id]?.[o.id] ?? {
                  low: Math.max(0, v * (1 - relative)),
                  high: Math.min(1, v * (1 + relative)),
                };
                assert.ok(inside(sv.values[o.id], range), `value of ${i.id}.${o.id}`);
              }
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  test('moves value curves with `relative`; an option range turns a curve into values', () => {
    const numeric: AnalysisIssue = {
      id: 'money' as IssueId,
      name: 'money',
      options: [0, 50, 100].map((value) => ({ id: `${value}` as OptionId, label: '', value })),
    };
    const profile: Profile = {
      party: 'a' as PartyId,
      weights: { ['money' as IssueId]: 1 },
      values: {
        ['money' as IssueId]: {
          kind: 'linear',
          points: [
            [0, 0],
            [100, 0.8],
          ],
        },
      },
      reservation: 0,
      redLines: [],
      audience: 'public',
      uncertainty: { relative: 0.25 },
    };
    for (let seed = 0; seed < 50; seed++) {
      const [curve] = sampleProfiles([profile], [numeric], seededRandom(seed));
      const values = curve?.values['money' as IssueId];
      assert.ok(values?.kind === 'linear');
      assert.deepEqual(values.points[0], [0, 0]);
      assert.ok(inside(values.points[1]?.[1], { low: 0.6, high: 1 }));
      const ranged: Profile = {
        ...profile,
        uncertainty: {
          relative: 0.25,
          values: { ['money' as IssueId]: { ['50' as OptionId]: { low: 0.1, high: 0.2 } } },
        },
      };
      const [options] = sampleProfiles([ranged], [numeric], seededRandom(seed));
      const sampled = options?.values['money' as IssueId];
      assert.ok(sampled?.kind === 'options');
      assert.equal(sampled.values['0' as OptionId], 0);
      assert.ok(inside(sampled.values['50' as OptionId], { low: 0.1, high: 0.2 }));
      assert.ok(inside(sampled.values['100' as OptionId], { low: 0.6, high: 1 }));
    }
  });

  test('returns a profile without ranges as it is', () => {
    const { issues, profiles } = fixture();
    assert.deepEqual(sampleProfiles(profiles, issues, seededRandom(1)), profiles);
  });
});

describe('resampleSpace', () => {
  test('equals compiling the sampled profiles, number for number (property)', () => {
    fc.assert(
      fc.property(spaceArb(), fc.integer(), ({ issues, profiles }, seed) => {
        const nominal = compileSpace(issues, profiles);
        const ranged = profiles.map((profile) => ({ ...profile, uncertainty: { relative: 0.3 } }));
        const sampled = sampleProfiles(ranged, issues, seededRandom(seed));
        assert.deepEqual(resampleSpace(nominal, sampled), compileSpace(issues, sampled));
        // Unsampled (values on a grid of tenths, so classes merge): the same as well.
        assert.deepEqual(resampleSpace(nominal, profiles), nominal);
      }),
      { numRuns: 200 },
    );
  });
});

describe('nashPoints', () => {
  test('finds the points solve(computeFrontier) finds, whatever the floor (property)', () => {
    fc.assert(
      fc.property(spaceArb(), fc.integer(), ({ issues, profiles }, seed) => {
        const space = compileSpace(issues, profiles);
        const frontier = computeFrontier(space);
        const expected = solve(frontier, 'nash');
        const n = space.parties.length;
        // A floor from some acceptable frontier point (a package known to be acceptable).
        const acceptable = acceptablePoints(frontier);
        const random = seededRandom(seed);
        const some = acceptable[Math.floor(random() * acceptable.length)];
        const floor =
          some === undefined || random() < 0.3
            ? 0
            : criterionValue('nash', frontier.utilitiesAt(some), space.reservations);
        const found = nashPoints(space, floor);
        if (expected === undefined) {
          assert.equal(found, undefined);
          return;
        }
        assert.ok(found?.exact);
        const key = (u: ArrayLike<number>) => Array.from(u, (x) => x.toFixed(8)).join(',');
        const want = new Set(expected.points.map((i) => key(frontier.utilitiesAt(i))));
        const got = new Set(
          Array.from({ length: found.count }, (_, i) =>
            key(found.points.subarray(i * n, i * n + n)),
          ),
        );
        assert.deepEqual(got, want);
      }),
      { numRuns: 300 },
    );
  });
});

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

describe('summaries', () => {
  test('the Wilson interval holds the estimate and stays in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const k = Math.round(share * n);
          const { estimate, low, high } = wilsonInterval(k, n);
          assert.equal(estimate, k / n);
          assert.ok(0 <= low && low <= estimate && estimate <= high && high <= 1);
          if (k === 0) assert.equal(low, 0);
          if (k === n) assert.equal(high, 1);
        },
      ),
    );
    const { low, high } = wilsonInterval(50, 100);
    assert.ok(Math.abs(low - 0.4038) < 1e-4 && Math.abs(high - 0.5962) < 1e-4);
  });

  test('quantiles interpolate between order statistics', () => {
    const d = distributionOf(Float64Array.from([5, 1, 4, 2, 3]));
    assert.deepEqual([d.min, d.p25, d.median, d.p75, d.max, d.mean], [1, 2, 3, 4, 5, 3]);
    assert.ok(Math.abs(d.p5 - 1.2) < 1e-12 && Math.abs(d.p95 - 4.8) < 1e-12);
    assert.ok(Math.abs(d.sd - Math.sqrt(2.5)) < 1e-12);
  });
});
