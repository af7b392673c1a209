import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  bruteAcceptable,
  bruteFrontier,
  dedupe,
  enumeratePackages,
} from '../../core/analysis/brute-force.ts';
import { compileSpace } from '../../core/analysis/compiled-space.ts';
import { computeFrontier } from '../../core/analysis/frontier.ts';
import type { AnalysisIssue } from '../../core/analysis/issue-space.ts';
import type { Profile } from '../../core/analysis/profile.ts';
import { criterionValue, solve } from '../../core/analysis/solutions.ts';
import { InvalidError } from '../../core/errors.ts';
import type { IssueId, OptionId, PartyId } from '../../core/ids.ts';
import { spaceArb } from '../../testing/analysis-arbitrary.ts';
import { GENIUS_DATA, geniusDataTest } from '../../testing/genius-data.ts';
import { numericIssue } from './genius-names.ts';
import { readGeniusWebDomain, readGeniusWebProfile } from './genius-web-read.ts';
import { writeGeniusWebDomain, writeGeniusWebProfile } from './genius-web-write.ts';

const DATA = GENIUS_DATA;
const dataTest = geniusDataTest;

const read = (file: string) => readFileSync(`${DATA}geniusweb-party/${file}`, 'utf8');

function near(actual: number, expected: number, tolerance: number, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} ≠ ${expected}`);
}

/** Every package's utility for one profile, in enumeration order (first issue slowest). */
function utilitiesOf(issues: readonly AnalysisIssue[], profile: Profile): number[] {
  return Array.from(enumeratePackages(compileSpace(issues, [profile])).utilities);
}

type RawProfile = {
  LinearAdditiveUtilitySpace: {
    issueUtilities: Record<string, { discreteutils: { valueUtilities: Record<string, number> } }>;
    issueWeights: Record<string, number>;
    domain: { issuesValues: Record<string, { values: string[] }> };
    reservationBid?: { issuevalues: Record<string, string> };
  };
};

/** GeniusWeb's utilities, read straight from the JSON: Σ weight × valueUtilities[value]. */
function geniusWebUtilities(json: string): { utilities: number[]; reservation: number } {
  const space = (JSON.parse(json) as RawProfile).LinearAdditiveUtilitySpace;
  const issues = Object.entries(space.domain.issuesValues);
  const utility = (bid: Record<string, string>) =>
    issues.reduce(
      (sum, [name]) =>
        sum +
        (space.issueWeights[name] as number) *
          (space.issueUtilities[name]?.discreteutils.valueUtilities[bid[name] as string] as number),
      0,
    );
  const utilities: number[] = [];
  const visit = (i: number, bid: Record<string, string>) => {
    const issue = issues[i];
    if (issue === undefined) utilities.push(utility(bid));
    else for (const value of issue[1].values) visit(i + 1, { ...bid, [issue[0]]: value });
  };
  visit(0, {});
  const bid = space.reservationBid?.issuevalues;
  return { utilities, reservation: bid === undefined ? 0 : utility(bid) };
}

describe('GeniusWeb party', () => {
  dataTest('party.json is the domain: 6 issues, 3,072 outcomes, the one the profiles embed', () => {
    const domain = readGeniusWebDomain(read('party.json'), 'party.json');
    assert.deepEqual(
      domain.map((issue) => issue.options.length),
      [4, 4, 4, 4, 3, 4],
    );
    assert.equal(
      domain.reduce((n, issue) => n * issue.options.length, 1),
      3072,
    );
    for (const file of ['party1.json', 'party2.json'])
      assert.deepEqual(readGeniusWebProfile(read(file), undefined, file).issues, domain);
  });

  dataTest('utilities and reservation values equal an independent reading of the JSON', () => {
    for (const file of ['party1.json', 'party2.json']) {
      const { issues, profile } = readGeniusWebProfile(read(file), undefined, file);
      assert.equal(profile.party, file.replace('.json', ''));
      const expected = geniusWebUtilities(read(file));
      const ours = utilitiesOf(issues, profile);
      assert.equal(ours.length, 3072);
      ours.forEach((u, i) => {
        near(u, expected.utilities[i] as number, 1e-12, `${file} #${i}`);
      });
      near(profile.reservation, expected.reservation, 1e-12, `${file} reservation`);
      assert.ok(profile.reservation > 0, 'the reservation bid is worth something');
    }
  });

  dataTest('frontier, Nash and Kalai–Smorodinsky equal brute force', () => {
    const one = readGeniusWebProfile(read('party1.json'));
    const two = readGeniusWebProfile(read('party2.json'));
    const space = compileSpace(one.issues, [one.profile, two.profile]);
    const all = enumeratePackages(space);
    const frontier = computeFrontier(space);
    const got = dedupe(
      Array.from({ length: frontier.count }, (_, i) => Array.from(frontier.utilitiesAt(i))),
    );
    const expected = bruteFrontier(space, all);
    assert.equal(got.length, expected.length);
    got.forEach((vector, i) => {
      vector.forEach((u, p) => {
        near(u, expected[i]?.[p] as number, 1e-9, `frontier point ${i}`);
      });
    });
    const acceptable = bruteAcceptable(space, all);
    const at = (i: number) => all.utilities.subarray(i * 2, i * 2 + 2);
    const ideal = [0, 1].map((p) => Math.max(...acceptable.map((i) => at(i)[p] as number)));
    for (const criterion of ['nash', 'kalai-smorodinsky'] as const) {
      const best = Math.max(
        ...acceptable.map((i) => criterionValue(criterion, at(i), space.reservations, ideal)),
      );
      near(solve(frontier, criterion)?.value ?? Number.NaN, best, 1e-9, criterion);
    }
  });
});

// ------------------------------------------------------------ errors

const SMALL = {
  LinearAdditiveUtilitySpace: {
    name: 'buyer1',
    issueUtilities: {
      Colour: { discreteutils: { valueUtilities: { red: 1, blue: 0.25 } } },
      Weeks: { numberutils: { lowValue: 0, lowUtility: 1, highValue: 10, highUtility: 0.2 } },
    },
    issueWeights: { Colour: 0.4, Weeks: 0.6 },
    domain: {
      name: 'shop',
      issuesValues: {
        Colour: { values: ['red', 'blue'] },
        Weeks: { range: { low: 0, high: 10, step: 2 } },
      },
    },
    reservationBid: { issuevalues: { Colour: 'blue', Weeks: 6 } },
  },
};

const edited = (edit: (space: (typeof SMALL)['LinearAdditiveUtilitySpace']) => void) => {
  const copy = structuredClone(SMALL);
  edit(copy.LinearAdditiveUtilitySpace as (typeof SMALL)['LinearAdditiveUtilitySpace']);
  return JSON.stringify(copy, null, 2);
};

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InvalidError, `an InvalidError, not ${String(error)}`);
    assert.ok(!/\n\s+at /.test(error.message), 'no stack trace in the message');
    return error.problems.map((p) => `${p.file}:${p.line ?? '-'}: ${p.path}: ${p.message}`);
  }
  assert.fail('expected an InvalidError');
};

describe('readGeniusWebProfile', () => {
  test('number issues: the straight line from lowValue to highValue', () => {
    const { issues, profile } = readGeniusWebProfile(JSON.stringify(SMALL), undefined, 'shop.json');
    assert.deepEqual(issues[1]?.range, { min: 0, max: 10, step: 2 });
    assert.deepEqual(
      issues[1]?.options.map((o) => o.value),
      [0, 2, 4, 6, 8, 10],
    );
    const utilities = utilitiesOf(issues, profile);
    [1, 0.25].forEach((colour, c) => {
      [0, 2, 4, 6, 8, 10].forEach((weeks, w) => {
        near(utilities[c * 6 + w] as number, 0.4 * colour + 0.6 * (1 - 0.08 * weeks), 1e-12);
      });
    });
    near(profile.reservation, 0.4 * 0.25 + 0.6 * (1 - 0.08 * 6), 1e-12, 'reservation');
    assert.equal(profile.party, 'buyer1');
  });

  test('bad fields are reported by path and line', () => {
    const json = edited((space) => {
      (space.issueUtilities.Colour.discreteutils.valueUtilities as Record<string, unknown>).red =
        1.5;
      (space.issueWeights as Record<string, unknown>).Weeks = 'most';
      delete (space.domain as { name?: string }).name;
    });
    const problems = problemsOf(() => readGeniusWebProfile(json, undefined, 'shop.json'));
    assert.deepEqual(problems, [
      'shop.json:8: LinearAdditiveUtilitySpace.issueUtilities.Colour.discreteutils.valueUtilities.red: must be between 0 and 1',
      'shop.json:24: LinearAdditiveUtilitySpace.issueWeights.Weeks: expected number, got string',
      'shop.json:26: LinearAdditiveUtilitySpace.domain.name: is required',
    ]);
  });

  test('values, issues and bids must fit the domain', () => {
    const json = edited((space) => {
      (space.issueUtilities.Colour.discreteutils.valueUtilities as Record<string, number>) = {
        red: 1,
        green: 0.5,
      };
      space.issueUtilities.Weeks.numberutils.highValue = 12;
    });
    const problems = problemsOf(() => readGeniusWebProfile(json, undefined, 'shop.json'));
    assert.ok(
      problems.includes(
        'shop.json:9: LinearAdditiveUtilitySpace.issueUtilities.Colour.discreteutils.valueUtilities.green: issue "Colour" has no value "green"',
      ),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => /no utility for value "blue"/.test(p)),
      problems.join('\n'),
    );
    assert.ok(problems.some((p) => /must be the range's low and high \(0 and 10\)/.test(p)));
    const bid = edited((space) => {
      (space.reservationBid.issuevalues as Record<string, unknown>).Colour = 'green';
    });
    assert.match(
      problemsOf(() => readGeniusWebProfile(bid, undefined, 'shop.json')).join('\n'),
      /reservationBid\.issuevalues\.Colour: issue "Colour" has no value "green"/,
    );
  });

  test('weights must sum to 1, as GeniusWeb requires', () => {
    const json = edited((space) => {
      space.issueWeights.Weeks = 0.5;
    });
    assert.match(
      problemsOf(() => readGeniusWebProfile(json, undefined, 'shop.json')).join('\n'),
      /issueWeights: the weights sum to 0\.9; GeniusWeb requires them to sum to 1/,
    );
  });

  test('not JSON, or another kind of profile, is a clear error', () => {
    assert.match(
      problemsOf(() => readGeniusWebProfile('{\n"a": [1,\n}', undefined, 'x.json')).join('\n'),
      /^x\.json:.*: : not valid JSON/,
    );
    assert.match(
      problemsOf(() =>
        readGeniusWebProfile('{"DefaultPartialOrdering": {}}', undefined, 'x.json'),
      )[0] ?? '',
      /only LinearAdditiveUtilitySpace profiles can be read; this is a DefaultPartialOrdering/,
    );
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    assert.ok(problemsOf(() => readGeniusWebProfile(deep, undefined, 'x.json')).length > 0, 'deep');
    assert.match(
      problemsOf(() =>
        readGeniusWebProfile(' '.repeat(10 * 1024 * 1024 + 1), undefined, 'x.json'),
      )[0] ?? '',
      /the limit is 10 MiB/,
    );
  });

  test('accepts the older type names DiscreteValueSetUtilities and NumberValueSetUtilities', () => {
    const json = JSON.stringify(SMALL)
      .replace('"discreteutils"', '"DiscreteValueSetUtilities"')
      .replace('"numberutils"', '"NumberValueSetUtilities"');
    const { profile } = readGeniusWebProfile(json);
    assert.deepEqual(readGeniusWebProfile(JSON.stringify(SMALL)).profile.values, profile.values);
  });
});

// ------------------------------------------------------------ writing

/** Discrete spaces (from `spaceArb`) plus, sometimes, a number issue with a straight value line. */
const writableSpace = fc
  .tuple(
    spaceArb({ maxParties: 3, maxIssues: 4 }),
    fc.option(
      fc.record({
        min: fc.integer({ min: -5, max: 5 }),
        steps: fc.integer({ min: 1, max: 5 }),
        step: fc.constantFrom(1, 0.5, 2.5),
      }),
    ),
    fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 5 }),
      ),
      { minLength: 5, maxLength: 5 },
    ),
  )
  .map(([{ issues, profiles }, number, lines]) => {
    if (number === null) return { issues, profiles: profiles.map((p) => ({ ...p, redLines: [] })) };
    const range = {
      min: number.min,
      max: number.min + number.steps * number.step,
      step: number.step,
    };
    const extra = numericIssue('amount', 'Amount', range);
    return {
      issues: [...issues, extra],
      profiles: profiles.map((p, k): Profile => {
        const [y0, y1, w] = lines[k] as [number, number, number];
        return {
          ...p,
          redLines: [],
          weights: { ...p.weights, [extra.id]: w },
          values: {
            ...p.values,
            [extra.id]: {
              kind: 'linear',
              points: [
                [range.min, y0 / 10],
                [range.max, y1 / 10],
              ],
            },
          },
        };
      }),
    };
  });

describe('writeGeniusWebProfile', () => {
  test('read(write(x)): same utilities, weights summing to exactly 1, same acceptable packages', () => {
    fc.assert(
      fc.property(writableSpace, ({ issues, profiles }) => {
        assert.deepEqual(
          readGeniusWebDomain(writeGeniusWebDomain(issues, 'generated')).map((issue) => [
            issue.name,
            issue.range,
            issue.options.length,
          ]),
          issues.map((issue) => [issue.name, issue.range, issue.options.length]),
        );
        for (const profile of profiles) {
          const { json, warnings } = writeGeniusWebProfile(profile, issues, 'generated');
          for (const warning of warnings)
            assert.match(
              warning,
              /reservation bids, not values|no package reaches the reservation value/,
            );
          const weights = Object.values(
            (JSON.parse(json) as RawProfile).LinearAdditiveUtilitySpace.issueWeights,
          );
          for (const w of weights) assert.match(String(w), /^(0|1|0\.\d{1,12})$/);
          assert.equal(
            weights.reduce((sum, w) => sum + BigInt(Math.round(w * 1e12)), 0n),
            1_000_000_000_000n,
          );
          const back = readGeniusWebProfile(json, profile.party);
          const before = utilitiesOf(issues, profile);
          const after = utilitiesOf(back.issues, back.profile);
          before.forEach((u, i) => {
            near(u, after[i] as number, 1e-9, `package ${i}`);
          });
          // The reservation bid is the cheapest package at or above the reservation value
          // (the best package when none reaches it).
          const r = back.profile.reservation;
          const reachable = before.filter((u) => u >= profile.reservation - 1e-12);
          if (profile.reservation === 0) assert.equal(r, 0);
          else if (reachable.length === 0) near(r, Math.max(...before), 1e-9, 'best package');
          else near(r, Math.min(...reachable), 1e-9, 'cheapest package at or above');
          if (profile.reservation === 0) assert.equal(r, 0);
        }
      }),
      { numRuns: 150 },
    );
  });

  test('writes what GeniusWeb cannot express as warnings', () => {
    const issues = [
      numericIssue('amount', 'Amount', { min: 0, max: 10, step: 5 }),
      {
        id: 'colour' as IssueId,
        name: 'Colour',
        options: [
          { id: 'red' as OptionId, label: 'red' },
          { id: 'blue' as OptionId, label: 'blue' },
        ],
      },
    ];
    const profile: Profile = {
      party: 'shop' as PartyId,
      weights: { amount: 1, colour: 1 } as Record<IssueId, number>,
      values: {
        ['amount' as IssueId]: {
          kind: 'linear',
          points: [
            [0, 0],
            [5, 1],
            [10, 0],
          ],
        },
        ['colour' as IssueId]: {
          kind: 'options',
          values: { ['red' as OptionId]: 1, ['blue' as OptionId]: 0 },
        },
      },
      reservation: 0.9,
      redLines: [
        { kind: 'forbid', when: [{ issue: 'colour' as IssueId, options: ['blue' as OptionId] }] },
      ],
      uncertainty: { relative: 0.1 },
      audience: 'party',
    };
    const { json, warnings } = writeGeniusWebProfile(profile, issues, 'my shop', 'shop-domain');
    assert.equal(warnings.length, 6, warnings.join('\n'));
    assert.match(warnings[0] ?? '', /1 red line not written/);
    assert.match(warnings[1] ?? '', /uncertainty/);
    assert.match(warnings[2] ?? '', /"my shop" is written as "myshop"/);
    assert.match(warnings[3] ?? '', /"shop-domain" is written as "shopdomain"/);
    assert.match(warnings[4] ?? '', /issue "Amount".*one straight line.*off by up to 1/);
    assert.match(warnings[5] ?? '', /no package reaches the reservation value 0\.9/);
    const back = readGeniusWebProfile(json);
    assert.equal(back.profile.party, 'myshop');
  });
});
