import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { spaceArb } from '../../testing/analysis-arbitrary.ts';
import type { IssueId, OptionId, PartyId } from '../ids.ts';
import { bruteAcceptable, enumeratePackages } from './brute-force.ts';
import { compileSpace } from './compiled-space.ts';
import { countAcceptable } from './count.ts';
import { countByBranchAndBound, countByEnumeration } from './count-branch-and-bound.ts';
import { countByMeetInTheMiddle } from './count-meet-in-the-middle.ts';
import { estimateByMonteCarlo } from './count-monte-carlo.ts';
import { totalPackages } from './count-tables.ts';
import type { AnalysisIssue } from './issue-space.ts';
import type { Profile } from './profile.ts';
import { deriveSeed, seededRandom } from './random.ts';

/**
 * A space of `issues` × `options` with seeded values in tenths, weights 1–5
 * and no red lines, plus `idle` issues of 4 options that nobody cares about
 * (weight 0: they multiply the packages without changing any utility).
 */
function randomSpace(
  parties: number,
  issues: number,
  options: number,
  reservations: number | readonly number[],
  idle = 0,
) {
  const random = seededRandom(deriveSeed(parties * 1000 + issues, options));
  const list: AnalysisIssue[] = Array.from({ length: issues + idle }, (_, i) => ({
    id: `issue-${i}` as IssueId,
    name: `Issue ${i}`,
    options: Array.from({ length: i < issues ? options : 4 }, (_, o) => ({
      id: `o${o}` as OptionId,
      label: `Option ${o}`,
    })),
  }));
  const profiles = Array.from(
    { length: parties },
    (_, p): Profile => ({
      party: `party-${p}` as PartyId,
      weights: Object.fromEntries(
        list.map((issue, i) => [issue.id, i < issues ? 1 + Math.floor(random() * 5) : 0]),
      ),
      values: Object.fromEntries(
        list.map((issue, i) => [
          issue.id,
          {
            kind: 'options' as const,
            values: Object.fromEntries(
              issue.options.map((option) => [
                option.id,
                i < issues ? Math.floor(random() * 11) / 10 : 0.5,
              ]),
            ),
          },
        ]),
      ),
      reservation: typeof reservations === 'number' ? reservations : (reservations[p] as number),
      redLines: [],
      audience: 'party',
    }),
  );
  return compileSpace(list, profiles);
}

describe('countAcceptable', () => {
  test('every exact method agrees with brute force (2–5 parties, red lines, ties)', () => {
    fc.assert(
      fc.property(spaceArb(), ({ issues, profiles }) => {
        const space = compileSpace(issues, profiles);
        const all = enumeratePackages(space);
        const expected = BigInt(bruteAcceptable(space, all).length);
        const result = countAcceptable(space);
        assert.equal(result.kind, 'exact');
        assert.equal(result.total, BigInt(all.count));
        if (result.kind === 'exact') assert.equal(result.count, expected);
        assert.equal(countByEnumeration(space), expected);
        assert.equal(countByBranchAndBound(space), expected);
        const mitm = countByMeetInTheMiddle(space);
        if (space.parties.length <= 3) assert.equal(mitm, expected);
        else assert.equal(mitm, undefined);
      }),
      { numRuns: 400 },
    );
  });

  test('reservation values met exactly count as acceptable', () => {
    fc.assert(
      fc.property(spaceArb(), ({ issues, profiles }) => {
        // Every reservation value set to the utility of the first package.
        const all = enumeratePackages(compileSpace(issues, profiles));
        if (all.count === 0) return;
        const n = profiles.length;
        const tight = profiles.map((profile, p) => ({
          ...profile,
          reservation: all.utilities[p] as number,
        }));
        const space = compileSpace(issues, tight);
        const expected = BigInt(bruteAcceptable(space).length);
        assert.ok(expected > 0n);
        assert.equal(countByBranchAndBound(space), expected);
        if (n <= 3) assert.equal(countByMeetInTheMiddle(space), expected);
      }),
      { numRuns: 200 },
    );
  });

  test('with no budget, Monte Carlo estimates and its 95% interval usually holds the truth', () => {
    const spaces = fc.sample(spaceArb({ maxIssues: 6 }), { seed: 42, numRuns: 80 });
    let estimates = 0;
    let covered = 0;
    spaces.forEach(({ issues, profiles }, k) => {
      const space = compileSpace(issues, profiles);
      const truth = bruteAcceptable(space).length;
      const result = countAcceptable(space, { budget: 0, samples: 2000, seed: k + 1 });
      assert.equal(result.total, BigInt(enumeratePackages(space).count));
      // Spaces decided at the root (nothing or everything acceptable) stay exact.
      if (result.kind === 'exact') {
        assert.equal(result.count, BigInt(truth));
        return;
      }
      estimates++;
      assert.equal(result.method, 'monte-carlo');
      assert.equal(result.samples, 2000);
      assert.ok(result.low <= result.estimate && result.estimate <= result.high);
      if (result.low - 1e-6 <= truth && truth <= result.high + 1e-6) covered++;
    });
    assert.ok(estimates >= 40, `${estimates} estimates`);
    assert.ok(covered >= 0.9 * estimates, `${covered} of ${estimates} intervals hold the truth`);
  });

  test('meet in the middle agrees with enumeration on mid-sized spaces (2 and 3 parties)', () => {
    for (const reservations of [
      [0.45, 0.45, 0.45],
      [0.5, 0.4, 0.45],
      [0.3, 0.6, 0.5],
    ]) {
      for (const parties of [2, 3]) {
        const space = randomSpace(parties, 8, 5, reservations);
        const expected = countByEnumeration(space, 1e9);
        assert.ok(expected !== undefined && expected > 0n);
        assert.equal(countByMeetInTheMiddle(space), expected);
        assert.equal(countByBranchAndBound(space, 1e9), expected);
        // Out of budget or of room, they give up rather than guess.
        assert.equal(countByBranchAndBound(space, 100), undefined);
        assert.equal(countByMeetInTheMiddle(space, 100), undefined);
        assert.equal(countByMeetInTheMiddle(space, 1e9, 10), undefined);
      }
    }
  });

  test('counts past 2^53 exactly: issues nobody cares about multiply the count', () => {
    for (const parties of [2, 3]) {
      const small = randomSpace(parties, 8, 5, 0.45);
      const large = randomSpace(parties, 8, 5, 0.45, 30);
      const expected = (countByEnumeration(small, 1e9) as bigint) * 4n ** 30n;
      assert.equal(totalPackages(large), 5n ** 8n * 4n ** 30n);
      assert.equal(countByBranchAndBound(large, 1e9), expected);
      assert.equal(countByMeetInTheMiddle(large), expected);
      const result = countAcceptable(large);
      assert.ok(result.kind === 'exact' && result.count === expected);
    }
  });

  test('Monte Carlo is deterministic for a seed', () => {
    const space = randomSpace(3, 8, 4, 0.45);
    assert.deepEqual(estimateByMonteCarlo(space, 5000, 7), estimateByMonteCarlo(space, 5000, 7));
    assert.notDeepEqual(estimateByMonteCarlo(space, 5000, 7), estimateByMonteCarlo(space, 5000, 8));
  });

  test('counts 5^30 packages of two parties exactly by meet in the middle', () => {
    const space = randomSpace(2, 30, 5, 0.5);
    const result = countAcceptable(space);
    assert.equal(result.kind, 'exact');
    assert.equal(result.total, 5n ** 30n);
    if (result.kind !== 'exact') return;
    assert.equal(result.method, 'meet-in-the-middle');
    const estimate = estimateByMonteCarlo(space, 20_000, 3);
    const share = Number(result.count) / Number(result.total);
    assert.ok(share > 0.01 && share < 0.99, `share ${share}`);
    assert.ok(Math.abs(estimate.estimate / Number(result.total) - share) < 0.03);
  });
});
