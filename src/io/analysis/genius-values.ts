/**
 * How GENIUS values an outcome, read into Concord's profile model. GENIUS
 * semantics, reproduced exactly where Concord's model can hold them:
 * - a discrete option is worth its `evaluation` divided by the largest
 *   evaluation of its issue (0 for the whole issue when that largest is below
 *   1e-5, as GENIUS does);
 * - an integer issue is worth `offset + slope × (x − lowerbound)`, clamped to
 *   [0, 1]; read as a piecewise-linear curve whose corners are the clamping
 *   points, which is exact;
 * - utility = Σ weight × value with the weights as written (GENIUS does not
 *   normalise them, and caps the sum at 1). Concord's engine scales weights to
 *   sum to 1, so when the file's weights sum to S < 1 the option values are
 *   multiplied by S (utilities stay GENIUS's); when S > 1 utilities become
 *   GENIUS's divided by S. Either way the profile's `note` says so.
 */

import type { AnalysisIssue } from '../../core/analysis/issue-space.ts';
import type { IssueValues, Profile } from '../../core/analysis/profile.ts';
import type { PartyId } from '../../core/ids.ts';
import { boundsOf, parseDecimal } from './genius-elements.ts';
import { childrenNamed, type XmlElement } from './genius-xml.ts';

/** Below this, GENIUS takes a discrete issue's largest evaluation as 0 and every option as worth 0. */
const GENIUS_ZERO_MAX = 0.00001;

/** Weight sums closer to 1 than this are taken as 1. */
const SUM_TOLERANCE = 1e-12;

/** A discrete issue's values: each `<item>`'s evaluation divided by the issue's largest. */
export function discreteValues(
  element: XmlElement,
  issue: AnalysisIssue,
  problem: (path: string, message: string) => void,
): IssueValues | undefined {
  if (issue.range !== undefined) {
    problem(element.path, `issue "${issue.name}" is numeric in the domain but discrete here`);
    return undefined;
  }
  const evaluation = new Map<string, number>();
  for (const item of childrenNamed(element, 'item')) {
    const value = item.attrs.value ?? '';
    const option =
      issue.options.find((candidate) => candidate.label === value) ??
      issue.options.find((candidate) => candidate.id === value);
    const number = parseDecimal(item.attrs.evaluation);
    if (option === undefined) problem(item.path, `issue "${issue.name}" has no value "${value}"`);
    else if (evaluation.has(option.id)) problem(item.path, `a second evaluation of "${value}"`);
    else if (number === undefined || number < 0)
      problem(item.path, 'needs an evaluation: a number ≥ 0');
    else evaluation.set(option.id, number);
  }
  for (const option of issue.options) {
    if (!evaluation.has(option.id))
      problem(element.path, `no evaluation for value "${option.label}"`);
  }
  const max = Math.max(0, ...evaluation.values());
  const result: Record<string, number> = {};
  for (const [option, e] of evaluation) result[option] = max < GENIUS_ZERO_MAX ? 0 : e / max;
  return { kind: 'options', values: result };
}

/** An integer issue's values: its `<evaluator>` line, clamped to [0, 1], as a curve. */
export function integerValues(
  element: XmlElement,
  issue: AnalysisIssue,
  problem: (path: string, message: string) => void,
): IssueValues | undefined {
  const range = issue.range;
  if (range === undefined) {
    problem(element.path, `issue "${issue.name}" is discrete in the domain but integer here`);
    return undefined;
  }
  const bounds = boundsOf(element);
  const lower = bounds.lower ?? range.min;
  const upper = bounds.upper ?? range.max;
  const evaluator = childrenNamed(element, 'evaluator')[0];
  const a = evaluator?.attrs ?? {};
  const num = (name: string) => parseDecimal(a[name]);
  let line: { at0: number; slope: number } | undefined;
  const slope = num('slope');
  const offset = num('offset');
  const lowest = num('utilitylowestvalue');
  const highest = num('utilityhighestvalue');
  const p0 = num('parameter0');
  const p1 = num('parameter1');
  if (slope !== undefined && offset !== undefined) line = { at0: offset - slope * lower, slope };
  else if (lowest !== undefined && highest !== undefined) {
    const perUnit = upper === lower ? 0 : (highest - lowest) / (upper - lower);
    line = { at0: lowest - perUnit * lower, slope: perUnit };
  } else if (p0 !== undefined) line = { at0: p0, slope: p1 ?? 0 };
  if (line === undefined) {
    problem(
      evaluator?.path ?? element.path,
      'an integer issue needs <evaluator> with slope and offset (or utilitylowestvalue and utilityhighestvalue)',
    );
    return undefined;
  }
  return { kind: 'linear', points: clampedLine(line.at0, line.slope, range.min, range.max) };
}

/** The points of x ↦ clamp(at0 + slope·x, 0, 1) over [min, max]: its ends and where it meets 0 or 1. */
function clampedLine(at0: number, slope: number, min: number, max: number): [number, number][] {
  const xs = [min, max];
  if (slope !== 0) {
    for (const level of [0, 1]) {
      const x = (level - at0) / slope;
      if (x > min && x < max) xs.push(x);
    }
  }
  return [...new Set(xs)]
    .sort((p, q) => p - q)
    .map((x) => [x, Math.min(1, Math.max(0, at0 + slope * x))]);
}

/** The profile, with the file's weights folded in as the module comment describes. */
export function withGeniusWeights(
  party: PartyId,
  weights: Record<string, number>,
  values: Record<string, IssueValues>,
  reservation: number,
  discount: number | undefined,
): Profile {
  const sum = Object.values(weights).reduce((total, w) => total + w, 0);
  const notes: string[] = [];
  if (discount !== undefined)
    notes.push(`GENIUS discount factor ${discount} (not applied: the analysis has no clock)`);
  let scale = 1;
  let finalWeights = weights;
  if (sum <= 0) {
    scale = 0;
    finalWeights = Object.fromEntries(Object.keys(weights).map((id) => [id, 1]));
    notes.push('every GENIUS weight is 0, so every package is worth 0');
  } else if (sum < 1 - SUM_TOLERANCE) {
    scale = sum;
    notes.push(
      `GENIUS weights sum to ${sum}; option values are multiplied by that sum so utilities are GENIUS's`,
    );
  } else if (sum > 1 + SUM_TOLERANCE) {
    notes.push(
      `GENIUS weights sum to ${sum}; Concord divides utilities by that sum (GENIUS would cap them at 1)`,
    );
  }
  const scaled =
    scale === 1
      ? values
      : Object.fromEntries(Object.entries(values).map(([id, v]) => [id, scaleValues(v, scale)]));
  return {
    party,
    weights: finalWeights,
    values: scaled,
    reservation,
    redLines: [],
    audience: 'party',
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}

function scaleValues(values: IssueValues, scale: number): IssueValues {
  if (values.kind === 'linear')
    return { kind: 'linear', points: values.points.map(([x, y]) => [x, y * scale] as const) };
  return {
    kind: 'options',
    values: Object.fromEntries(Object.entries(values.values).map(([o, v]) => [o, v * scale])),
  };
}
