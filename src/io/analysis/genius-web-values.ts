/**
 * GeniusWeb issue utilities read into Concord's value model, and the utility
 * of a GeniusWeb bid (for the reservation value).
 */

import type { z } from 'zod';
import type { AnalysisIssue } from '../../core/analysis/issue-space.ts';
import type { IssueValues } from '../../core/analysis/profile.ts';
import type { YamlPath } from '../yaml-load.ts';
import type { Located } from './genius-web-json.ts';
import { type geniusWebProfileSchema, utilityKeys } from './genius-web-schema.ts';
import { optionValues } from './option-values.ts';

/** An issue's values from its GeniusWeb utilities: `valueUtilities` as given, `numberutils` as a straight line. */
export function issueValues(
  issue: AnalysisIssue,
  utilities: z.infer<
    typeof geniusWebProfileSchema
  >['LinearAdditiveUtilitySpace']['issueUtilities'][string],
  at: YamlPath,
  problems: Located[],
): IssueValues | undefined {
  const discrete = utilities.discreteutils ?? utilities.DiscreteValueSetUtilities;
  const number = utilities.numberutils ?? utilities.NumberValueSetUtilities;
  const key = utilityKeys.find((k) => utilities[k] !== undefined) as string;
  const range = issue.range;
  if (number !== undefined) {
    if (range === undefined) {
      problems.push({ path: [...at, key], message: 'number utilities for a discrete issue' });
      return undefined;
    }
    if (
      number.lowValue !== range.min ||
      number.highValue !== range.max ||
      number.highValue <= number.lowValue
    ) {
      problems.push({
        path: [...at, key],
        message: `lowValue and highValue must be the range's low and high (${range.min} and ${range.max})`,
      });
      return undefined;
    }
    return {
      kind: 'linear',
      points: [
        [number.lowValue, number.lowUtility],
        [number.highValue, number.highUtility],
      ],
    };
  }
  if (discrete === undefined || range !== undefined) {
    problems.push({ path: [...at, key], message: 'discrete utilities for a number issue' });
    return undefined;
  }
  const result: Record<string, number> = {};
  for (const [value, utility] of Object.entries(discrete.valueUtilities)) {
    const option = issue.options.find((candidate) => candidate.label === value);
    if (option === undefined)
      problems.push({
        path: [...at, key, 'valueUtilities', value],
        message: `issue "${issue.name}" has no value "${value}"`,
      });
    else result[option.id] = utility;
  }
  for (const option of issue.options) {
    if (result[option.id] === undefined)
      problems.push({
        path: [...at, key, 'valueUtilities'],
        message: `no utility for value "${option.label}"`,
      });
  }
  return { kind: 'options', values: result };
}

/** The utility of a bid under the profile (weights scaled to sum 1, as the engine does). */
export function bidUtility(
  issues: readonly AnalysisIssue[],
  names: readonly string[],
  weights: Readonly<Record<string, number>>,
  values: Readonly<Record<string, IssueValues>>,
  bid: Readonly<Record<string, string | number>>,
  at: YamlPath,
  problems: Located[],
): number {
  const sum = issues.reduce((total, issue) => total + (weights[issue.id] ?? 0), 0);
  let utility = 0;
  for (const name of Object.keys(bid))
    if (!names.includes(name))
      problems.push({
        path: [...at, 'issuevalues', name],
        message: `the domain has no issue "${name}"`,
      });
  issues.forEach((issue, i) => {
    const name = names[i] as string;
    const value = bid[name];
    if (value === undefined) return; // GeniusWeb: a missing value is worth 0
    const o = issue.options.findIndex((option) =>
      typeof value === 'number'
        ? option.value !== undefined &&
          Math.abs(option.value - value) <= 1e-9 * Math.max(1, Math.abs(value))
        : option.label === value || option.id === value,
    );
    if (o < 0) {
      problems.push({
        path: [...at, 'issuevalues', name],
        message: `issue "${name}" has no value ${JSON.stringify(value)}`,
      });
      return;
    }
    const v = optionValues(issue, values[issue.id])[o] as number;
    utility += ((weights[issue.id] ?? 0) / sum) * v;
  });
  return Math.min(1, Math.max(0, utility));
}
