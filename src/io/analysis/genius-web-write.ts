/**
 * Writing Concord's issues and profiles as GeniusWeb domains and
 * `LinearAdditiveUtilitySpace` profiles (JSON); what GeniusWeb cannot hold is
 * returned as warnings. Mapping and conventions: docs/genius.md.
 */

import { checkProfiles } from '../../core/analysis/compiled-space.ts';
import type { AnalysisIssue } from '../../core/analysis/issue-space.ts';
import { linearValue, type Profile } from '../../core/analysis/profile.ts';
import { InvalidError } from '../../core/errors.ts';
import {
  externalIssueNames,
  externalValueNames,
  formatNumber,
  lostParts,
} from './genius-export.ts';
import { optionValues } from './option-values.ts';
import { smallestAtLeast } from './smallest-at-least.ts';

/** A GeniusWeb name: letters and digits only (GeniusWeb refuses anything else). */
function simpleName(name: string, what: string, warnings: string[]): string {
  const simple = name.replace(/[^A-Za-z0-9]/g, '') || what;
  if (simple !== name)
    warnings.push(
      `the ${what} name "${name}" is written as "${simple}" (GeniusWeb names are letters and digits)`,
    );
  return simple;
}

function domainJson(issues: readonly AnalysisIssue[], name: string) {
  const names = externalIssueNames(issues);
  return {
    name,
    issuesValues: Object.fromEntries(
      issues.map((issue, i) => {
        const range = issue.range;
        return [
          names[i] as string,
          range !== undefined && range.max > range.min
            ? { range: { low: range.min, high: range.max, step: range.step } }
            : { values: externalValueNames(issue) },
        ];
      }),
    ),
  };
}

/**
 * A GeniusWeb domain file for `issues`, named `name` (letters and digits are
 * kept). Numeric issues become number ranges; the rest discrete value sets.
 */
export function writeGeniusWebDomain(issues: readonly AnalysisIssue[], name: string): string {
  return `${JSON.stringify(domainJson(issues, simpleName(name, 'domain', [])), null, '\t')}\n`;
}

/**
 * A GeniusWeb `LinearAdditiveUtilitySpace` profile named `name` for `profile`
 * over `issues`, embedding the domain `domainName` (by default `name`).
 * Weights are written as decimals of at most 12 places that sum to exactly 1.
 * A positive reservation value is written as the reservation bid with the
 * smallest utility at or above it (the same packages stay acceptable). What
 * GeniusWeb cannot hold goes into `warnings`: red lines, uncertainty, value
 * curves that are not one straight line over a number range, a reservation
 * value no bid has. Throws `InvalidError` when the engine would refuse the profile.
 */
export function writeGeniusWebProfile(
  profile: Profile,
  issues: readonly AnalysisIssue[],
  name: string,
  domainName: string = name,
): { json: string; warnings: string[] } {
  const problems = checkProfiles(issues, [profile]);
  if (problems.length > 0)
    throw new InvalidError(problems, 'the profile cannot be written as a GeniusWeb profile:');
  const warnings = lostParts(profile, 'GeniusWeb profiles');
  const profileName = simpleName(name, 'profile', warnings);
  const domain = domainJson(issues, simpleName(domainName, 'domain', warnings));
  const names = externalIssueNames(issues);
  const weights = decimalWeights(issues.map((issue) => profile.weights[issue.id] ?? 0));
  const issueUtilities: Record<string, unknown> = {};
  const contributions: number[][] = [];
  issues.forEach((issue, i) => {
    const name = names[i] as string;
    const values = optionValues(issue, profile.values[issue.id]);
    const set = domain.issuesValues[name] as { range?: { low: number; high: number } };
    if (set.range !== undefined) {
      const line = straightLine(issue, values, set.range.high);
      if (line.error > 1e-9 && (weights[i] as number) > 0)
        warnings.push(
          `issue "${name}": GeniusWeb number utilities are one straight line; the value curve is not one, and the line written is off by up to ${formatNumber(line.error)}`,
        );
      issueUtilities[name] = {
        numberutils: {
          lowValue: set.range.low,
          lowUtility: Number(formatNumber(line.low)),
          highValue: set.range.high,
          highUtility: Number(formatNumber(line.high)),
        },
      };
      contributions.push(line.values.map((v) => (weights[i] as number) * v));
    } else {
      const valueNames = externalValueNames(issue);
      issueUtilities[name] = {
        discreteutils: {
          valueUtilities: Object.fromEntries(
            valueNames.map((value, o) => [value, Number(formatNumber(values[o] as number))]),
          ),
        },
      };
      contributions.push(values.map((v) => (weights[i] as number) * Number(formatNumber(v))));
    }
  });
  const space: Record<string, unknown> = {
    name: profileName,
    issueUtilities,
    issueWeights: Object.fromEntries(names.map((name, i) => [name, weights[i]])),
    domain,
  };
  if (profile.reservation > 0) {
    const found = smallestAtLeast(contributions, profile.reservation);
    if (!found.reached)
      warnings.push(
        `no package reaches the reservation value ${formatNumber(profile.reservation)}; the best package (worth ${formatNumber(found.utility)}) is written as the reservation bid`,
      );
    else if (found.utility - profile.reservation > 1e-9)
      warnings.push(
        `GeniusWeb has reservation bids, not values: the reservation value ${formatNumber(profile.reservation)} is written as a bid worth ${formatNumber(found.utility)}${found.exact ? ', the least any package at or above it is worth' : ' (the search was cut short: a cheaper bid may exist)'}`,
      );
    space.reservationBid = {
      issuevalues: Object.fromEntries(
        issues.map((issue, i) => {
          const option = issue.options[found.choice[i] as number];
          const value =
            issue.range !== undefined && issue.range.max > issue.range.min
              ? (option?.value as number)
              : (externalValueNames(issue)[found.choice[i] as number] as string);
          return [names[i] as string, value];
        }),
      ),
    };
  }
  const json = `${JSON.stringify({ LinearAdditiveUtilitySpace: space }, null, '\t')}\n`;
  return { json, warnings };
}

/** Weights scaled to sum 1, as decimals of 12 places whose sum is exactly 1. */
function decimalWeights(raw: readonly number[]): number[] {
  const sum = raw.reduce((a, b) => a + b, 0);
  const units = raw.map((w) => Math.round((w / sum) * 1e12));
  const largest = units.indexOf(Math.max(...units));
  units[largest] = (units[largest] as number) + 1e12 - units.reduce((a, b) => a + b, 0);
  return units.map((u) => u / 1e12);
}

/** The straight line through the first and last options, evaluated at the range's ends and at every option. */
function straightLine(
  issue: AnalysisIssue,
  targets: readonly number[],
  high: number,
): { low: number; high: number; values: number[]; error: number } {
  const xs = issue.options.map((option) => option.value as number);
  const n = xs.length - 1;
  const [x0, y0, x1, y1] = [
    xs[0] as number,
    targets[0] as number,
    xs[n] as number,
    targets[n] as number,
  ];
  const at = (x: number) =>
    Math.min(1, Math.max(0, x1 === x0 ? y0 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)));
  const lowUtility = Number(formatNumber(at(x0)));
  const highUtility = Number(formatNumber(at(high)));
  const values = xs.map((x) =>
    linearValue(
      [
        [x0, lowUtility],
        [high, highUtility],
      ],
      x,
    ),
  );
  const error = Math.max(...values.map((v, k) => Math.abs(v - (targets[k] as number))));
  return { low: lowUtility, high: highUtility, values, error };
}
