/**
 * GeniusWeb domains and `LinearAdditiveUtilitySpace` profiles (JSON), read
 * into Concord's analysis model and written back. Mapping and conventions:
 * docs/genius.md.
 *
 * GeniusWeb semantics: utility = Σ weight × utility of the value, with
 * `valueUtilities` used as given (no division by the best one), `issueWeights`
 * summing to 1, number issues valued on the straight line from
 * (`lowValue`, `lowUtility`) to (`highValue`, `highUtility`). GeniusWeb has no
 * reservation value but a reservation bid: its utility is the reservation value.
 */

import { z } from 'zod';
import { checkProfiles } from '../../core/analysis/compiled-space.ts';
import type { AnalysisIssue } from '../../core/analysis/issue-space.ts';
import { type IssueValues, linearValue, type Profile } from '../../core/analysis/profile.ts';
import { InvalidError, type Problem } from '../../core/errors.ts';
import { type PartyId, slugify } from '../../core/ids.ts';
import { formatPath, lineField, type YamlPath } from '../yaml-load.ts';
import {
  checkInputSize,
  discreteIssue,
  externalIssueNames,
  externalValueNames,
  fileField,
  formatNumber,
  lostParts,
  MAX_NUMERIC_OPTIONS,
  numericIssue,
  optionValues,
  uniqueIds,
} from './genius.ts';

/** How far from 1 the weights of a GeniusWeb profile may sum (GeniusWeb itself wants exactly 1). */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

const unit = z
  .number({ error: 'must be a number between 0 and 1' })
  .min(0, { error: 'must be between 0 and 1' })
  .max(1, { error: 'must be between 0 and 1' });

const valueSetSchema = z
  .object({
    values: z.array(z.string({ error: 'a value must be text' })).optional(),
    range: z
      .object({
        low: z.number(),
        high: z.number(),
        step: z.number().positive({ error: 'must be above 0' }),
      })
      .refine((range) => range.high >= range.low, { error: 'high must be at least low' })
      .optional(),
  })
  .refine((set) => (set.values === undefined) !== (set.range === undefined), {
    error: 'needs either "values" (a discrete issue) or "range" (a number issue)',
  });

/** A GeniusWeb domain: issue name → its values (discrete) or number range. */
export const geniusWebDomainSchema = z.object({
  name: z.string(),
  issuesValues: z.record(z.string(), valueSetSchema),
});

const discreteUtils = z.object({ valueUtilities: z.record(z.string(), unit) });
const numberUtils = z.object({
  lowValue: z.number(),
  lowUtility: unit,
  highValue: z.number(),
  highUtility: unit,
});
const utilityKeys = [
  'discreteutils',
  'numberutils',
  'DiscreteValueSetUtilities',
  'NumberValueSetUtilities',
] as const;

/** A GeniusWeb `LinearAdditiveUtilitySpace` profile (with the domain it embeds). */
export const geniusWebProfileSchema = z.object({
  LinearAdditiveUtilitySpace: z.object({
    name: z.string(),
    issueUtilities: z.record(
      z.string(),
      z
        .object({
          discreteutils: discreteUtils.optional(),
          numberutils: numberUtils.optional(),
          DiscreteValueSetUtilities: discreteUtils.optional(),
          NumberValueSetUtilities: numberUtils.optional(),
        })
        .refine((u) => utilityKeys.filter((key) => u[key] !== undefined).length === 1, {
          error: 'needs exactly one of "discreteutils" or "numberutils"',
        }),
    ),
    issueWeights: z.record(z.string(), z.number().min(0, { error: 'cannot be negative' })),
    domain: geniusWebDomainSchema,
    reservationBid: z
      .object({ issuevalues: z.record(z.string(), z.union([z.string(), z.number()])) })
      .nullish(),
  }),
});

type Located = { path: YamlPath; message: string };

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

function issueValues(
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
function bidUtility(
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

// ---------------------------------------------------------------- JSON and errors

function parseJson(json: string, file: string | undefined): unknown {
  checkInputSize(json, file);
  try {
    return JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason)?.[1];
    const line =
      position === undefined ? undefined : json.slice(0, Number(position)).split('\n').length;
    throw new InvalidError([
      { path: '', message: `not valid JSON: ${reason}`, ...lineField(line), ...fileField(file) },
    ]);
  }
}

function schemaError(
  json: string,
  file: string | undefined,
  issues: z.core.$ZodIssue[],
): InvalidError {
  const problems = issues.map((issue) => {
    const input = (issue as { input?: unknown }).input;
    const message =
      issue.code === 'invalid_type'
        ? input === undefined
          ? 'is required'
          : `expected ${issue.expected}, got ${input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input}`
        : issue.message;
    return { path: issue.path as YamlPath, message };
  });
  return located(json, file, problems, 'not a valid GeniusWeb file:');
}

function located(
  json: string,
  file: string | undefined,
  problems: Located[],
  summary: string,
): InvalidError {
  const lineOf = jsonLines(json);
  const result: Problem[] = problems.map(({ path, message }) => ({
    path: formatPath(path),
    message,
    ...lineField(lineOf(path)),
    ...fileField(file),
  }));
  return new InvalidError(result, summary);
}

/** Deepest JSON nesting whose lines are tracked (GeniusWeb files nest six deep). */
const MAX_TRACKED_DEPTH = 64;

/** For valid JSON text: the line where the value at a path (or its nearest ancestor) is written. */
function jsonLines(text: string): (path: YamlPath) => number | undefined {
  const lines = new Map<string, number>();
  type Frame = { path: YamlPath; array: boolean; key: string; index: number; expectKey: boolean };
  const stack: Frame[] = [];
  let line = 1;
  let inScalar = false;
  /** Records the line of the value starting here, and returns its path (none when too deep). */
  const mark = (): YamlPath | undefined => {
    if (stack.length > MAX_TRACKED_DEPTH) return undefined;
    const top = stack[stack.length - 1];
    const path = top === undefined ? [] : [...top.path, top.array ? top.index : top.key];
    const key = JSON.stringify(path);
    if (!lines.has(key)) lines.set(key, line);
    return path;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const scalar = !/[\s:,{}[\]"]/.test(c);
    if (scalar && !inScalar) mark();
    inScalar = scalar;
    if (scalar) continue;
    const top = stack[stack.length - 1];
    if (c === '\n') line++;
    else if (c === '{' || c === '[') {
      const path = mark() ?? [];
      stack.push({ path, array: c === '[', key: '', index: 0, expectKey: c === '{' });
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top !== undefined) {
      if (top.array) top.index++;
      else top.expectKey = true;
    } else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top !== undefined && !top.array && top.expectKey) {
        if (stack.length <= MAX_TRACKED_DEPTH)
          top.key = JSON.parse(text.slice(i, end + 1)) as string;
        top.expectKey = false;
      }
      mark();
      i = end;
    }
  }
  return (path) => {
    for (let k = Math.min(path.length, MAX_TRACKED_DEPTH); k >= 0; k--) {
      const found = lines.get(JSON.stringify(path.slice(0, k)));
      if (found !== undefined) return found;
    }
    return undefined;
  };
}

// ---------------------------------------------------------------- writing

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

/**
 * The package whose utility (the sum of one contribution per issue) is the
 * smallest at or above `target` — or the best one when none reaches it — by
 * branch and bound, cut after a million steps.
 */
function smallestAtLeast(
  contributions: readonly (readonly number[])[],
  target: number,
): { choice: number[]; utility: number; reached: boolean; exact: boolean } {
  const n = contributions.length;
  const order = contributions.map((c) =>
    c.map((_, o) => o).sort((a, b) => (c[a] as number) - (c[b] as number)),
  );
  const maxFrom = new Array<number>(n + 1).fill(0);
  const minFrom = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    const c = contributions[i] as readonly number[];
    maxFrom[i] = (maxFrom[i + 1] as number) + Math.max(...c);
    minFrom[i] = (minFrom[i + 1] as number) + Math.min(...c);
  }
  const goal = target - 1e-12;
  const best = contributions.map((c) => c.indexOf(Math.max(...c)));
  if ((maxFrom[0] as number) < goal)
    return { choice: best, utility: maxFrom[0] as number, reached: false, exact: true };
  let bestUtility = maxFrom[0] as number;
  let steps = 0;
  const choice = new Array<number>(n).fill(0);
  const visit = (i: number, sum: number): void => {
    if (++steps > 1_000_000) return;
    if (sum + (maxFrom[i] as number) < goal || sum + (minFrom[i] as number) >= bestUtility) return;
    if (i === n) {
      bestUtility = sum;
      best.splice(0, n, ...choice);
      return;
    }
    for (const o of order[i] as number[]) {
      choice[i] = o;
      visit(i + 1, sum + ((contributions[i] as readonly number[])[o] as number));
    }
  };
  visit(0, 0);
  return { choice: best, utility: bestUtility, reached: true, exact: steps <= 1_000_000 };
}
