/**
 * Writing Concord's issues and profiles as GENIUS domain and profile files
 * that GENIUS evaluates to the same utilities; what GENIUS cannot hold is
 * returned as warnings. The mapping: docs/genius.md.
 */

import { checkProfiles } from '../../core/analysis/compiled-space.ts';
import type { AnalysisIssue, NumericRange } from '../../core/analysis/issue-space.ts';
import type { IssueValues, Profile } from '../../core/analysis/profile.ts';
import { InvalidError } from '../../core/errors.ts';
import {
  externalIssueNames,
  externalValueNames,
  formatNumber,
  lostParts,
} from './genius-export.ts';
import { optionValues } from './option-values.ts';

/** The range of an issue GENIUS can hold as an integer issue (integer bounds, step 1). */
function integerRange(issue: AnalysisIssue): NumericRange | undefined {
  const range = issue.range;
  return range !== undefined &&
    range.step === 1 &&
    Number.isInteger(range.min) &&
    Number.isInteger(range.max)
    ? range
    : undefined;
}

function attr(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function issueOpenTag(issue: AnalysisIssue, name: string, index: number): string {
  const range = integerRange(issue);
  const type = range === undefined ? 'discrete' : 'integer';
  const bounds = range === undefined ? '' : ` lowerbound="${range.min}" upperbound="${range.max}"`;
  return `<issue index="${index}" etype="${type}" type="${type}" vtype="${type}" name="${attr(name)}"${bounds}>`;
}

function objectiveOpenTag(name: string): string {
  return `<objective index="0" etype="objective" type="objective" description="" name="${attr(name)}">`;
}

/**
 * A GENIUS domain file for `issues`, named `name`: a `negotiation_template`
 * holding `utility_space` / `objective` / `issue` / `item`, as the GENIUS
 * domains are. Numeric issues with integer bounds and step 1 become integer
 * issues; other numeric issues become discrete issues whose values are the
 * option ids (`0.5`). Names and values are those `externalIssueNames` and
 * `externalValueNames` give.
 */
export function writeGeniusDomain(issues: readonly AnalysisIssue[], name: string): string {
  const names = externalIssueNames(issues);
  const lines = [
    '<negotiation_template number_of_sessions="1">',
    `\t<utility_space number_of_issues="${issues.length}">`,
    `\t\t${objectiveOpenTag(name)}`,
  ];
  issues.forEach((issue, i) => {
    lines.push(`\t\t\t${issueOpenTag(issue, names[i] as string, i + 1)}`);
    if (integerRange(issue) === undefined) {
      externalValueNames(issue).forEach((value, o) => {
        lines.push(`\t\t\t\t<item index="${o + 1}" value="${attr(value)}"></item>`);
      });
    }
    lines.push('\t\t\t</issue>');
  });
  lines.push('\t\t</objective>', '\t</utility_space>', '</negotiation_template>', '');
  return lines.join('\n');
}

/**
 * A GENIUS profile file for `profile` over `issues` (written with
 * `writeGeniusDomain(issues, domainName)`), which GENIUS evaluates to the same
 * utilities as Concord. A discrete issue's evaluations are its values divided
 * by the issue's best value (so the best is 1 and GENIUS's division by it
 * changes nothing), and its weight is the normalised weight times that best
 * value. An integer issue gets one clamped straight line. What GENIUS cannot
 * hold is listed in `warnings`, never dropped silently: red lines,
 * uncertainty, curves that are not one clamped line, issues worth 0 whatever
 * the option. Throws `InvalidError` when the engine would refuse the profile.
 */
export function writeGeniusProfile(
  profile: Profile,
  issues: readonly AnalysisIssue[],
  domainName: string,
): { xml: string; warnings: string[] } {
  const problems = checkProfiles(issues, [profile]);
  if (problems.length > 0)
    throw new InvalidError(problems, 'the profile cannot be written as a GENIUS profile:');
  const warnings = lostParts(profile, 'GENIUS profiles');
  const names = externalIssueNames(issues);
  const total = issues.reduce((sum, issue) => sum + (profile.weights[issue.id] ?? 0), 0);
  const lines = ['<utility_space>', `\t${objectiveOpenTag(domainName)}`];
  const weights: number[] = [];
  issues.forEach((issue, i) => {
    const name = names[i] as string;
    const weight = (profile.weights[issue.id] ?? 0) / total;
    const values = optionValues(issue, profile.values[issue.id]);
    lines.push(`\t\t${issueOpenTag(issue, name, i + 1)}`);
    const range = integerRange(issue);
    if (range !== undefined) {
      const fit = fitClampedLine(issue, profile.values[issue.id], values);
      if (fit.error > 1e-9 && weight > 0)
        warnings.push(
          `issue "${name}": GENIUS integer issues take one straight line clamped to [0, 1]; the value curve is not one, and the line written is off by up to ${formatNumber(fit.error)}`,
        );
      lines.push(
        `\t\t\t<evaluator ftype="linear" slope="${formatNumber(fit.slope)}" offset="${formatNumber(fit.at0 + fit.slope * range.min)}"></evaluator>`,
      );
      weights.push(weight);
    } else {
      const best = Math.max(...values);
      if (!(best > 0) && weight > 0)
        warnings.push(
          `issue "${name}": every option is worth 0, and GENIUS divides evaluations by the largest one; written with evaluation 1 for every option and weight 0`,
        );
      externalValueNames(issue).forEach((value, o) => {
        const evaluation = best > 0 ? (values[o] as number) / best : 1;
        lines.push(
          `\t\t\t<item index="${o + 1}" value="${attr(value)}" evaluation="${formatNumber(evaluation)}"></item>`,
        );
      });
      weights.push(best > 0 ? weight * best : 0);
    }
    lines.push('\t\t</issue>');
  });
  weights.forEach((weight, i) => {
    lines.push(`\t\t<weight index="${i + 1}" value="${formatNumber(weight)}"></weight>`);
  });
  lines.push(
    '\t</objective>',
    `\t<reservation value="${formatNumber(profile.reservation)}" />`,
    '</utility_space>',
    '',
  );
  return { xml: lines.join('\n'), warnings };
}

/**
 * The clamped line x ↦ clamp(at0 + slope·x) closest (in the largest error over
 * the options) to the target values, among a few candidates: the line through
 * the end options, the line through the first and last options strictly
 * between 0 and 1, and each segment of a piecewise-linear curve. A curve read
 * from GENIUS is always matched exactly.
 */
function fitClampedLine(
  issue: AnalysisIssue,
  curve: IssueValues | undefined,
  targets: readonly number[],
): { at0: number; slope: number; error: number } {
  const xs = issue.options.map((option) => option.value ?? Number(option.id));
  const through = (x0: number, y0: number, x1: number, y1: number) =>
    x1 === x0
      ? { at0: y0, slope: 0 }
      : { at0: y0 - ((y1 - y0) / (x1 - x0)) * x0, slope: (y1 - y0) / (x1 - x0) };
  const n = xs.length - 1;
  const candidates = [
    through(xs[0] as number, targets[0] as number, xs[n] as number, targets[n] as number),
  ];
  const inside = targets.flatMap((y, k) => (y > 0 && y < 1 ? [k] : []));
  const first = inside[0];
  const last = inside[inside.length - 1];
  if (first !== undefined && last !== undefined && last > first)
    candidates.push(
      through(
        xs[first] as number,
        targets[first] as number,
        xs[last] as number,
        targets[last] as number,
      ),
    );
  if (curve?.kind === 'linear') {
    const points = [...curve.points].sort((p, q) => p[0] - q[0]);
    for (let k = 1; k < points.length; k++) {
      const [x0, y0] = points[k - 1] as readonly [number, number];
      const [x1, y1] = points[k] as readonly [number, number];
      if (x1 > x0) candidates.push(through(x0, y0, x1, y1));
    }
  }
  let best = { at0: 0, slope: 0, error: Number.POSITIVE_INFINITY };
  for (const line of candidates) {
    let error = 0;
    xs.forEach((x, k) => {
      const y = Math.min(1, Math.max(0, line.at0 + line.slope * x));
      error = Math.max(error, Math.abs(y - (targets[k] as number)));
    });
    if (error < best.error) best = { ...line, error };
  }
  return best;
}
