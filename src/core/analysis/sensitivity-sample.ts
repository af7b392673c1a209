/**
 * Profiles drawn within their uncertainty (`sampleProfiles`) and checks of the
 * ranges they state (`hasUncertainty`, `checkUncertainty`), for the
 * sensitivity analysis (sensitivity.ts).
 *
 * Sampling: each uncertain weight and option value is drawn independently and
 * uniformly in its interval. A quantity without an interval of its own but
 * with `relative` r is drawn in [x(1−r), x(1+r)], that interval clamped to
 * [0, 1] for values and to ≥ 0 for weights (clamping the interval, not the
 * draw, so no value piles up at a bound). Weights are drawn in the units they
 * are given in and normalised afterwards. Points of a value curve (`linear`)
 * are moved with `relative`; an option of a numeric issue with an interval of
 * its own turns that issue into per-option values for the sample. Reservation
 * values and red lines are certain (`Uncertainty` has no field for them).
 */

import type { Problem } from '../errors.ts';
import type { IssueId, OptionId } from '../ids.ts';
import type { AnalysisIssue } from './issue-space.ts';
import { type Interval, type IssueValues, linearValue, type Profile } from './profile.ts';

/** The profiles with each uncertain weight and option value drawn in its range by `random`. */
export function sampleProfiles(
  profiles: readonly Profile[],
  issues: readonly AnalysisIssue[],
  random: () => number,
): Profile[] {
  return profiles.map((profile) => sampleProfile(profile, issues, random));
}

function sampleProfile(
  profile: Profile,
  issues: readonly AnalysisIssue[],
  random: () => number,
): Profile {
  const { uncertainty = {}, ...certain } = profile;
  if (!hasUncertainty(profile)) return profile.uncertainty === undefined ? profile : certain;
  const r = uncertainty.relative ?? 0;
  const draw = ({ low, high }: Interval) => (high > low ? low + (high - low) * random() : low);
  const around = (x: number, max: number): Interval => ({
    low: Math.min(max, Math.max(0, x * (1 - r))),
    high: Math.min(max, Math.max(0, x * (1 + r))),
  });
  const weights: Record<string, number> = { ...profile.weights };
  for (const issue of issues) {
    const nominal = profile.weights[issue.id];
    const interval =
      uncertainty.weights?.[issue.id] ??
      (nominal === undefined ? undefined : around(nominal, Number.POSITIVE_INFINITY));
    if (interval !== undefined) weights[issue.id] = draw(interval);
  }
  const values: Record<string, IssueValues> = { ...profile.values };
  for (const issue of issues) {
    const nominal = profile.values[issue.id];
    if (nominal === undefined) continue;
    const own = uncertainty.values?.[issue.id] ?? {};
    const curve =
      nominal.kind === 'linear'
        ? nominal.points.map(([x, y]) => [x, draw(around(y, 1))] as const)
        : undefined;
    if (curve !== undefined && Object.keys(own).length === 0) {
      values[issue.id] = { kind: 'linear', points: curve };
      continue;
    }
    const sampled: Record<string, number> = {};
    for (const option of issue.options) {
      const interval = own[option.id];
      if (nominal.kind === 'options') {
        const value = nominal.values[option.id] ?? 0;
        sampled[option.id] = draw(interval ?? around(value, 1));
      } else {
        const x = option.value ?? Number(option.id);
        sampled[option.id] = interval ? draw(interval) : linearValue(curve ?? [], x);
      }
    }
    values[issue.id] = { kind: 'options', values: sampled as Record<OptionId, number> };
  }
  return {
    ...certain,
    weights: weights as Record<IssueId, number>,
    values: values as Record<IssueId, IssueValues>,
  };
}

/** Whether a profile states any range (a positive `relative` or an interval). */
export function hasUncertainty(profile: Profile): boolean {
  const u = profile.uncertainty;
  if (u === undefined) return false;
  return (
    (u.relative ?? 0) > 0 ||
    Object.keys(u.weights ?? {}).length > 0 ||
    Object.values(u.values ?? {}).some((options) => Object.keys(options).length > 0)
  );
}

/** Problems with the profiles' ranges: unknown issues or options, empty or out-of-range intervals. */
export function checkUncertainty(
  issues: readonly AnalysisIssue[],
  profiles: readonly Profile[],
): Problem[] {
  const problems: Problem[] = [];
  const known = new Map(issues.map((issue) => [issue.id as string, issue]));
  profiles.forEach((profile, k) => {
    const u = profile.uncertainty;
    if (u === undefined) return;
    const at = `profiles[${k}].uncertainty`;
    const r = u.relative;
    if (r !== undefined && !(r >= 0 && r <= 1))
      problems.push({ path: `${at}.relative`, message: 'must be between 0 and 1' });
    const check = (path: string, interval: Interval, max: number) => {
      if (!(interval.low >= 0 && interval.low <= interval.high && interval.high <= max))
        problems.push({
          path,
          message: `must have 0 ≤ low ≤ high${max === 1 ? ' ≤ 1' : ''} (got ${interval.low}–${interval.high})`,
        });
    };
    const r0 = r !== undefined && r >= 0 && r <= 1 ? r : 0;
    const canBePositive = issues.some(
      (issue) => (u.weights?.[issue.id]?.high ?? (profile.weights[issue.id] ?? 0) * (1 + r0)) > 0,
    );
    if (!canBePositive)
      problems.push({ path: `${at}.weights`, message: 'the ranges let every weight be 0' });
    for (const [issue, interval] of Object.entries(u.weights ?? {})) {
      if (!known.has(issue))
        problems.push({ path: `${at}.weights.${issue}`, message: `unknown issue "${issue}"` });
      else check(`${at}.weights.${issue}`, interval, Number.POSITIVE_INFINITY);
      if (known.has(issue) && interval.high > 0 && profile.values[issue as IssueId] === undefined)
        problems.push({
          path: `${at}.weights.${issue}`,
          message: 'the weight may be above 0 but the profile gives no values for the issue',
        });
    }
    for (const [issue, options] of Object.entries(u.values ?? {})) {
      const found = known.get(issue);
      if (found === undefined) {
        problems.push({ path: `${at}.values.${issue}`, message: `unknown issue "${issue}"` });
        continue;
      }
      for (const [option, interval] of Object.entries(options)) {
        const path = `${at}.values.${issue}.${option}`;
        if (!found.options.some((o) => o.id === option))
          problems.push({ path, message: `issue "${issue}" has no option "${option}"` });
        else check(path, interval, 1);
      }
    }
  });
  return problems;
}
