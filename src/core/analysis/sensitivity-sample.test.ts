import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { spaceArb } from '../../testing/analysis-arbitrary.ts';
import type { IssueId, OptionId, PartyId } from '../ids.ts';
import type { AnalysisIssue } from './issue-space.ts';
import type { Interval, Profile } from './profile.ts';
import { seededRandom } from './random.ts';
import { sampleProfiles } from './sensitivity-sample.ts';

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

  test('returns a profile without ranges as it is (property)', () => {
    fc.assert(
      fc.property(spaceArb(), fc.integer(), ({ issues, profiles }, seed) => {
        assert.deepEqual(sampleProfiles(profiles, issues, seededRandom(seed)), profiles);
      }),
    );
  });
});
