/**
 * Reading GeniusWeb domains and `LinearAdditiveUtilitySpace` profiles (JSON)
 * into Concord's analysis model. Mapping and conventions: docs/genius.md.
 *
 * GeniusWeb semantics: utility = Σ weight × utility of the value, with
 * `valueUtilities` used as given (no division by the best one), `issueWeights`
 * summing to 1, number issues valued on the straight line from
 * (`lowValue`, `lowUtility`) to (`highValue`, `highUtility`). GeniusWeb has no
 * reservation value but a reservation bid: its utility is the reservation value.
 */

import type { z } from 'zod';
import type { AnalysisIssue } from '../../core/analysis/issue-space.ts';
import type { IssueValues, Profile } from '../../core/analysis/profile.ts';
import { InvalidError } from '../../core/errors.ts';
import { type PartyId, slugify } from '../../core/ids.ts';
import type { YamlPath } from '../yaml-load.ts';
import { fileField, MAX_NUMERIC_OPTIONS } from './genius-input.ts';
import { discreteIssue, numericIssue, uniqueIds } from './genius-names.ts';
import { type Located, located, parseJson, schemaError } from './genius-web-json.ts';
import { geniusWebDomainSchema, geniusWebProfileSchema } from './genius-web-schema.ts';
import { bidUtility, issueValues } from './genius-web-values.ts';

/** How far from 1 the weights of a GeniusWeb profile may sum (GeniusWeb itself wants exactly 1). */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

/** The issues of a GeniusWeb domain file (`party.json`). Throws `InvalidError` naming fields by path. */
export function readGeniusWebDomain(json: string, file?: string): AnalysisIssue[] {
  const value = parseJson(json, file);
  const parsed = geniusWebDomainSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw schemaError(json, file, parsed.error.issues);
  const problems: Located[] = [];
  const issues = domainIssues(parsed.data, ['issuesValues'], problems);
  if (problems.length > 0) throw located(json, file, problems, 'cannot read the GeniusWeb domain:');
  return issues;
}

/**
 * A GeniusWeb `LinearAdditiveUtilitySpace` profile and the issues of the domain
 * it embeds. Values are used as given, `issueWeights` as weights (they must
 * sum to 1 within `WEIGHT_SUM_TOLERANCE`), `numberutils` become a straight
 * value curve, and the reservation value is the utility of `reservationBid`
 * (0 without one). The party is `party`, or the slug of the profile's name.
 * Throws `InvalidError` naming every bad field by path (and line).
 */
export function readGeniusWebProfile(
  json: string,
  party?: PartyId,
  file?: string,
): { issues: AnalysisIssue[]; profile: Profile } {
  const value = parseJson(json, file);
  const kind =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.keys(value)[0]
      : undefined;
  if (kind !== undefined && kind !== 'LinearAdditiveUtilitySpace')
    throw new InvalidError([
      {
        path: kind,
        message: `only LinearAdditiveUtilitySpace profiles can be read; this is a ${kind}`,
        ...fileField(file),
      },
    ]);
  const parsed = geniusWebProfileSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw schemaError(json, file, parsed.error.issues);
  const space = parsed.data.LinearAdditiveUtilitySpace;
  const at = ['LinearAdditiveUtilitySpace'];
  const problems: Located[] = [];
  const issues = domainIssues(space.domain, [...at, 'domain', 'issuesValues'], problems);
  const names = Object.keys(space.domain.issuesValues);
  const weights: Record<string, number> = {};
  const values: Record<string, IssueValues> = {};
  for (const key of ['issueUtilities', 'issueWeights'] as const) {
    for (const name of Object.keys(space[key]))
      if (!names.includes(name))
        problems.push({ path: [...at, key, name], message: `the domain has no issue "${name}"` });
  }
  issues.forEach((issue, i) => {
    const name = names[i] as string;
    const weight = space.issueWeights[name];
    if (weight === undefined)
      problems.push({ path: [...at, 'issueWeights'], message: `no weight for issue "${name}"` });
    weights[issue.id] = weight ?? 0;
    const utilities = space.issueUtilities[name];
    if (utilities === undefined)
      problems.push({
        path: [...at, 'issueUtilities'],
        message: `no utilities for issue "${name}"`,
      });
    else {
      const read = issueValues(issue, utilities, [...at, 'issueUtilities', name], problems);
      if (read !== undefined) values[issue.id] = read;
    }
  });
  const sum = Object.values(weights).reduce((total, w) => total + w, 0);
  if (problems.length === 0 && Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE)
    problems.push({
      path: [...at, 'issueWeights'],
      message: `the weights sum to ${sum}; GeniusWeb requires them to sum to 1`,
    });
  const bid = space.reservationBid?.issuevalues;
  let reservation = 0;
  if (bid !== undefined && problems.length === 0) {
    reservation = bidUtility(
      issues,
      names,
      weights,
      values,
      bid,
      [...at, 'reservationBid'],
      problems,
    );
  }
  if (problems.length > 0)
    throw located(json, file, problems, 'cannot read the GeniusWeb profile:');
  const profile: Profile = {
    party: party ?? ((slugify(space.name) || 'party') as PartyId),
    weights,
    values,
    reservation,
    redLines: [],
    audience: 'party',
    note:
      bid === undefined
        ? `GeniusWeb profile "${space.name}"`
        : `GeniusWeb profile "${space.name}"; the reservation value is the utility of its reservation bid`,
  };
  return { issues, profile };
}

function domainIssues(
  domain: z.infer<typeof geniusWebDomainSchema>,
  at: YamlPath,
  problems: Located[],
): AnalysisIssue[] {
  const names = Object.keys(domain.issuesValues);
  const ids = uniqueIds(names, 'issue');
  if (names.length === 0) problems.push({ path: at, message: 'the domain has no issues' });
  return names.map((name, i) => {
    const set = domain.issuesValues[name];
    const id = ids[i] as string;
    if (set?.range !== undefined) {
      const { low, high, step } = set.range;
      const count = Math.floor((high - low) / step + 1e-9) + 1;
      if (count > MAX_NUMERIC_OPTIONS) {
        problems.push({
          path: [...at, name, 'range'],
          message: `the range has ${count.toLocaleString('en')} values; the limit is ${MAX_NUMERIC_OPTIONS.toLocaleString('en')}`,
        });
        return discreteIssue(id, name, []);
      }
      return numericIssue(id, name, { min: low, max: high, step });
    }
    const values = set?.values ?? [];
    values.forEach((value, v) => {
      if (values.indexOf(value) !== v)
        problems.push({ path: [...at, name, 'values', v], message: `a second value "${value}"` });
    });
    return discreteIssue(id, name, values);
  });
}
