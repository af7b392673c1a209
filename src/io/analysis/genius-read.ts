/**
 * Reading GENIUS negotiation domains and preference profiles — the XML of the
 * GENIUS 10.x environment that the ANAC competitions use — into Concord's
 * analysis model. The mapping, what is lost and why: docs/genius.md; how
 * GENIUS values and weights are read: genius-values.ts.
 */

import type { AnalysisIssue } from '../../core/analysis/issue-space.ts';
import type { IssueValues, Profile } from '../../core/analysis/profile.ts';
import { InvalidError, type Problem } from '../../core/errors.ts';
import { type PartyId, slugify } from '../../core/ids.ts';
import {
  boundsOf,
  issueType,
  objectiveOf,
  parseDecimal,
  utilitySpaceOf,
} from './genius-elements.ts';
import { fileField, MAX_NUMERIC_OPTIONS } from './genius-input.ts';
import { discreteIssue, numericIssue, uniqueIds } from './genius-names.ts';
import { discreteValues, integerValues, withGeniusWeights } from './genius-values.ts';
import { childrenNamed, parseXml, type XmlElement } from './genius-xml.ts';

/**
 * The issues of a GENIUS domain file: discrete issues (options in file order,
 * label = the GENIUS value, id = its slug) and integer issues (a range with
 * step 1). Issue ids are slugs of the issue names, unique, in file order.
 * Throws `InvalidError` naming `file` and the element for anything else.
 */
export function readGeniusDomain(xml: string, file?: string): AnalysisIssue[] {
  const objective = objectiveOf(utilitySpaceOf(parseXml(xml, file), file), file);
  const elements = childrenNamed(objective, 'issue');
  const problems: Problem[] = [];
  const problem = (path: string, message: string) =>
    problems.push({ path, message, ...fileField(file) });
  if (elements.length === 0) problem(objective.path, 'the domain has no issues');
  const names = elements.map((element) => element.attrs.name ?? '');
  const ids = uniqueIds(names, 'issue');
  const issues: AnalysisIssue[] = [];
  elements.forEach((element, i) => {
    const name = names[i] as string;
    if (name.trim() === '') problem(element.path, 'the issue has no name');
    else if (names.indexOf(name) !== i) problem(element.path, `a second issue named "${name}"`);
    const issue = domainIssue(element, ids[i] as string, name, problem);
    const description = element.attrs.description?.trim();
    if (issue !== undefined) issues.push(description ? { ...issue, description } : issue);
  });
  if (problems.length > 0) throw new InvalidError(problems, `cannot read the GENIUS domain:`);
  return issues;
}

function domainIssue(
  element: XmlElement,
  id: string,
  name: string,
  problem: (path: string, message: string) => void,
): AnalysisIssue | undefined {
  const type = issueType(element);
  if (type === 'discrete') {
    const items = childrenNamed(element, 'item');
    const values = items.map((item) => item.attrs.value ?? '');
    items.forEach((item, o) => {
      if (item.attrs.value === undefined) problem(item.path, 'the item has no value');
      else if (values.indexOf(values[o] as string) !== o)
        problem(item.path, `a second value "${values[o]}" in issue "${name}"`);
    });
    if (items.length === 0) problem(element.path, 'the issue has no <item> values');
    return discreteIssue(id, name, values);
  }
  if (type === 'integer') {
    const { lower, upper } = boundsOf(element);
    if (lower === undefined || upper === undefined || lower > upper)
      problem(element.path, 'an integer issue needs integer lowerbound ≤ upperbound');
    else if (upper - lower + 1 > MAX_NUMERIC_OPTIONS)
      problem(
        element.path,
        `the issue has ${(upper - lower + 1).toLocaleString('en')} values; the limit is ${MAX_NUMERIC_OPTIONS.toLocaleString('en')}`,
      );
    else return numericIssue(id, name, { min: lower, max: upper, step: 1 });
    return undefined;
  }
  problem(
    element.path,
    type === 'real'
      ? 'real-valued issues are not supported: make the issue integer or discrete'
      : `unknown issue type "${type}"`,
  );
  return undefined;
}

/**
 * A GENIUS preference profile of `party` over `issues` (as read by
 * `readGeniusDomain`), with GENIUS semantics (see genius-values.ts): no red
 * lines, audience `party`, reservation from `<reservation value>` (0 when
 * absent). The discount factor, which does not move Nash or Kalai–Smorodinsky
 * points, is kept in `note` only. Profile issues are matched to `issues` by
 * name (then by id), values by label (then by id). Throws `InvalidError`
 * listing every problem: unknown issues or values, missing weights or
 * evaluations, negative numbers.
 */
export function readGeniusProfile(
  xml: string,
  issues: readonly AnalysisIssue[],
  party: PartyId,
  file?: string,
): Profile {
  const space = utilitySpaceOf(parseXml(xml, file), file);
  const objective = objectiveOf(space, file);
  const problems: Problem[] = [];
  const problem = (path: string, message: string) =>
    problems.push({ path, message, ...fileField(file) });
  const setting = (tag: string) => {
    const element = childrenNamed(space, tag)[0] ?? childrenNamed(objective, tag)[0];
    if (element === undefined) return undefined;
    const value = parseDecimal(element.attrs.value);
    if (value === undefined) problem(element.path, 'needs a numeric value attribute');
    return value;
  };
  const reservation = setting('reservation') ?? 0;
  if (!(reservation >= 0 && reservation <= 1))
    problem(
      `${space.path}/reservation`,
      `the reservation value ${reservation} is not between 0 and 1`,
    );
  const discount = setting('discount_factor');

  const weightOf = new Map<string, number>();
  for (const weight of childrenNamed(objective, 'weight')) {
    const value = parseDecimal(weight.attrs.value);
    if (value === undefined || value < 0) problem(weight.path, 'a weight must be a number ≥ 0');
    else weightOf.set((weight.attrs.index ?? '').trim(), value);
  }

  const weights: Record<string, number> = {};
  const values: Record<string, IssueValues> = {};
  for (const element of childrenNamed(objective, 'issue')) {
    const name = element.attrs.name ?? '';
    const issue =
      issues.find((candidate) => candidate.name === name) ??
      issues.find((candidate) => candidate.id === slugify(name));
    if (issue === undefined) {
      problem(element.path, `the domain has no issue "${name}"`);
      continue;
    }
    if (values[issue.id] !== undefined) {
      problem(element.path, `a second evaluation of issue "${name}"`);
      continue;
    }
    const weight = weightOf.get((element.attrs.index ?? '').trim());
    if (weight === undefined)
      problem(element.path, `no <weight> with index "${element.attrs.index ?? ''}" for this issue`);
    weights[issue.id] = weight ?? 0;
    const read =
      issueType(element) === 'integer'
        ? integerValues(element, issue, problem)
        : discreteValues(element, issue, problem);
    if (read !== undefined) values[issue.id] = read;
  }
  for (const issue of issues) {
    if (weights[issue.id] === undefined)
      problem(objective.path, `the profile does not evaluate issue "${issue.name}"`);
  }
  if (problems.length > 0) throw new InvalidError(problems, 'cannot read the GENIUS profile:');
  return withGeniusWeights(party, weights, values, reservation, discount);
}
