/**
 * A space compiled for computation: every party's utility contribution per
 * issue and option in flat arrays, the red lines of all parties as constraints
 * on option indices, and the issues partitioned into independent groups.
 *
 * Red lines make a package unacceptable to everyone (no party signs what
 * another will never accept). A red line on a single option removes that
 * option. Issues tied together by a combination red line form one group whose
 * "options" are the allowed combinations; every other issue is a group of its
 * own. Groups are independent, which is what lets the frontier be built group
 * by group (see frontier.ts). Combinations that give every party exactly the
 * same utilities form one class: the frontier is computed on classes and the
 * packages behind a point are expanded at the end.
 */

import { InvalidError, type Problem } from '../errors.ts';
import type { OptionId, PartyId } from '../ids.ts';
import type { AnalysisIssue, Package } from './issue-space.ts';
import { linearValue, type OptionCondition, type Profile } from './profile.ts';

/** Most combinations a group of issues tied by red lines may have. */
export const MAX_GROUP_COMBINATIONS = 250_000;

/** A condition on option indices: the issue (by index) takes one of `options`. */
interface IndexCondition {
  readonly issue: number;
  readonly options: ReadonlySet<number>;
}

type Constraint =
  | { readonly kind: 'forbid'; readonly when: readonly IndexCondition[] }
  | { readonly kind: 'require'; readonly if: IndexCondition; readonly needs: IndexCondition };

/** Combinations of a group with identical utility for everyone. */
export interface OptionClass {
  /** Utility contribution to each party. */
  readonly vector: Float64Array;
  /** Each combination: an option index per issue of the group. */
  readonly combos: readonly Int32Array[];
}

export interface Group {
  /** Indices of the issues in the group. */
  readonly issues: readonly number[];
  readonly classes: readonly OptionClass[];
}

export interface CompiledSpace {
  readonly parties: readonly PartyId[];
  readonly issues: readonly AnalysisIssue[];
  /** contribution[i][o * n + p]: what option o of issue i gives party p (weight × value). */
  readonly contribution: readonly Float64Array[];
  readonly reservations: Float64Array;
  readonly groups: readonly Group[];
  /** Options ruled out by a red line of their own, per issue. */
  readonly forbidden: readonly ReadonlySet<number>[];
  readonly constraints: readonly Constraint[];
}

/**
 * Compiles issues and profiles (one per party, in the order given) for the
 * engine. Throws `InvalidError` listing every problem with the profiles.
 */
export function compileSpace(
  issues: readonly AnalysisIssue[],
  profiles: readonly Profile[],
): CompiledSpace {
  const problems = checkProfiles(issues, profiles);
  if (problems.length > 0) throw new InvalidError(problems, 'the profiles cannot be analysed:');
  const n = profiles.length;
  const issueIndex = new Map(issues.map((issue, i) => [issue.id as string, i]));
  const optionIndex = issues.map(
    (issue) => new Map(issue.options.map((option, o) => [option.id as string, o])),
  );

  const contribution = issues.map((issue, i) => {
    const table = new Float64Array(issue.options.length * n);
    profiles.forEach((profile, p) => {
      const weight = normalisedWeights(profile, issues)[i] as number;
      issue.options.forEach((option, o) => {
        table[o * n + p] = weight * optionValue(profile, issue, option.id, option.value);
      });
    });
    return table;
  });

  const condition = (c: OptionCondition): IndexCondition => ({
    issue: issueIndex.get(c.issue) as number,
    options: new Set(
      c.options.map(
        (option) => optionIndex[issueIndex.get(c.issue) as number]?.get(option) as number,
      ),
    ),
  });
  const constraints: Constraint[] = profiles.flatMap((profile) =>
    profile.redLines.map((line) =>
      line.kind === 'forbid'
        ? { kind: 'forbid' as const, when: line.when.map(condition) }
        : { kind: 'require' as const, if: condition(line.if), needs: condition(line.needs) },
    ),
  );
  const forbidden = issues.map(() => new Set<number>());
  for (const constraint of constraints) {
    if (constraint.kind === 'forbid' && constraint.when.length === 1) {
      const only = constraint.when[0] as IndexCondition;
      for (const option of only.options) forbidden[only.issue]?.add(option);
    }
  }
  const emptyIssue = issues.findIndex((issue, i) => forbidden[i]?.size === issue.options.length);
  const groups =
    emptyIssue >= 0 ? [] : buildGroups(issues, contribution, n, constraints, forbidden);
  return {
    parties: profiles.map((profile) => profile.party),
    issues,
    contribution,
    reservations: Float64Array.from(profiles.map((profile) => profile.reservation)),
    groups,
    forbidden,
    constraints,
  };
}

/** Whether `package` crosses no red line (given as option indices per issue). */
export function withinRedLines(space: CompiledSpace, choice: ArrayLike<number>): boolean {
  for (let i = 0; i < choice.length; i++)
    if (space.forbidden[i]?.has(choice[i] as number)) return false;
  return space.constraints.every((constraint) =>
    satisfies(constraint, (issue) => choice[issue] as number),
  );
}

/** Each party's utility of a package given as option indices per issue. */
export function utilityOf(space: CompiledSpace, choice: ArrayLike<number>): Float64Array {
  const n = space.parties.length;
  const total = new Float64Array(n);
  for (let i = 0; i < choice.length; i++) {
    const table = space.contribution[i] as Float64Array;
    const base = (choice[i] as number) * n;
    for (let p = 0; p < n; p++) total[p] = (total[p] as number) + (table[base + p] as number);
  }
  return total;
}

/** Option indices of a package; throws `InvalidError` for an unknown issue or option, or a missing issue. */
export function packageIndices(space: CompiledSpace, pkg: Package): Int32Array {
  const problems: Problem[] = [];
  const choice = new Int32Array(space.issues.length);
  space.issues.forEach((issue, i) => {
    const option = pkg[issue.id];
    const index = issue.options.findIndex((candidate) => candidate.id === option);
    if (option === undefined)
      problems.push({ path: issue.id, message: 'the package gives no option for this issue' });
    else if (index < 0) problems.push({ path: issue.id, message: `unknown option "${option}"` });
    choice[i] = index;
  });
  for (const key of Object.keys(pkg)) {
    if (!space.issues.some((issue) => issue.id === key))
      problems.push({ path: key, message: 'unknown issue' });
  }
  if (problems.length > 0) throw new InvalidError(problems);
  return choice;
}

/** The package of option indices, by issue and option id. */
export function packageOf(space: CompiledSpace, choice: ArrayLike<number>): Package {
  const result: Record<string, OptionId> = {};
  space.issues.forEach((issue, i) => {
    result[issue.id] = issue.options[choice[i] as number]?.id as OptionId;
  });
  return result as Package;
}

function satisfies(constraint: Constraint, optionOf: (issue: number) => number): boolean {
  const holds = (c: IndexCondition) => c.options.has(optionOf(c.issue));
  if (constraint.kind === 'forbid') return !constraint.when.every(holds);
  return !holds(constraint.if) || holds(constraint.needs);
}

/** Weights scaled to sum to 1 (a profile's weights may be given in any units). */
function normalisedWeights(profile: Profile, issues: readonly AnalysisIssue[]): number[] {
  const raw = issues.map((issue) => profile.weights[issue.id] ?? 0);
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => (sum > 0 ? w / sum : 0));
}

function optionValue(
  profile: Profile,
  issue: AnalysisIssue,
  option: OptionId,
  numeric: number | undefined,
): number {
  const values = profile.values[issue.id];
  if (values === undefined) return 0;
  if (values.kind === 'options') return values.values[option] ?? 0;
  return linearValue(values.points, numeric ?? Number(option));
}

/** Groups of issues tied by red lines over several issues (union–find), each with its allowed combinations. */
function buildGroups(
  issues: readonly AnalysisIssue[],
  contribution: readonly Float64Array[],
  n: number,
  constraints: readonly Constraint[],
  forbidden: readonly ReadonlySet<number>[],
): Group[] {
  const parent = issues.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const scope = (constraint: Constraint) =>
    constraint.kind === 'forbid'
      ? constraint.when.map((c) => c.issue)
      : [constraint.if.issue, constraint.needs.issue];
  for (const constraint of constraints) {
    const [first, ...rest] = scope(constraint);
    for (const other of rest) parent[find(other)] = find(first as number);
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < issues.length; i++)
    members.set(find(i), [...(members.get(find(i)) ?? []), i]);
  return [...members.values()].map((group) => {
    const local = constraints.filter((constraint) =>
      scope(constraint).some((issue) => group.includes(issue)),
    );
    return { issues: group, classes: classesOf(group, issues, contribution, n, local, forbidden) };
  });
}

function classesOf(
  group: readonly number[],
  issues: readonly AnalysisIssue[],
  contribution: readonly Float64Array[],
  n: number,
  constraints: readonly Constraint[],
  forbidden: readonly ReadonlySet<number>[],
): OptionClass[] {
  const allowed = group.map(
    (i) => issues[i]?.options.map((_, o) => o).filter((o) => !forbidden[i]?.has(o)) ?? [],
  );
  const size = allowed.reduce((product, options) => product * options.length, 1);
  if (size > MAX_GROUP_COMBINATIONS) {
    const names = group.map((i) => issues[i]?.id).join(', ');
    throw InvalidError.of(
      `red lines tie together issues ${names}, which have ${size.toLocaleString('en')} combinations; the limit is ${MAX_GROUP_COMBINATIONS.toLocaleString('en')}`,
    );
  }
  const position = new Map(group.map((issue, k) => [issue, k]));
  const classes = new Map<string, { vector: Float64Array; combos: Int32Array[] }>();
  const combo = new Int32Array(group.length);
  const visit = (k: number) => {
    if (k === group.length) {
      const ok = constraints.every((constraint) =>
        satisfies(constraint, (issue) => combo[position.get(issue) as number] as number),
      );
      if (!ok) return;
      const vector = new Float64Array(n);
      group.forEach((issue, j) => {
        const table = contribution[issue] as Float64Array;
        for (let p = 0; p < n; p++)
          vector[p] = (vector[p] as number) + (table[(combo[j] as number) * n + p] as number);
      });
      const key = Array.from(vector, (x) => x.toFixed(12)).join(',');
      const existing = classes.get(key);
      if (existing === undefined) classes.set(key, { vector, combos: [combo.slice()] });
      else existing.combos.push(combo.slice());
      return;
    }
    for (const option of allowed[k] ?? []) {
      combo[k] = option;
      visit(k + 1);
    }
  };
  visit(0);
  return [...classes.values()];
}

/** Problems with profiles: missing or unknown issues and options, values or reservations outside [0, 1]. */
export function checkProfiles(
  issues: readonly AnalysisIssue[],
  profiles: readonly Profile[],
): Problem[] {
  const problems: Problem[] = [];
  const known = new Map(issues.map((issue) => [issue.id as string, issue]));
  const seen = new Set<string>();
  profiles.forEach((profile, k) => {
    const at = `profiles[${k}]`;
    if (seen.has(profile.party))
      problems.push({ path: `${at}.party`, message: `"${profile.party}" has two profiles` });
    seen.add(profile.party);
    if (!(profile.reservation >= 0 && profile.reservation <= 1)) {
      problems.push({ path: `${at}.reservation`, message: 'must be between 0 and 1' });
    }
    const weights = Object.entries(profile.weights);
    if (weights.some(([, w]) => !(w >= 0)))
      problems.push({ path: `${at}.weights`, message: 'weights cannot be negative' });
    if (!weights.some(([, w]) => w > 0))
      problems.push({ path: `${at}.weights`, message: 'at least one weight must be above 0' });
    for (const [issue] of weights) {
      if (!known.has(issue))
        problems.push({ path: `${at}.weights.${issue}`, message: `unknown issue "${issue}"` });
    }
    for (const issue of issues) {
      const values = profile.values[issue.id];
      if ((profile.weights[issue.id] ?? 0) > 0 && values === undefined) {
        problems.push({
          path: `${at}.values.${issue.id}`,
          message: 'the issue has a weight but no values',
        });
      }
      if (values?.kind === 'options') {
        for (const option of issue.options) {
          const value = values.values[option.id];
          if (value === undefined)
            problems.push({
              path: `${at}.values.${issue.id}.${option.id}`,
              message: 'no value for this option',
            });
          else if (!(value >= 0 && value <= 1))
            problems.push({
              path: `${at}.values.${issue.id}.${option.id}`,
              message: 'must be between 0 and 1',
            });
        }
        for (const option of Object.keys(values.values)) {
          if (!issue.options.some((o) => o.id === option)) {
            problems.push({
              path: `${at}.values.${issue.id}.${option}`,
              message: `issue "${issue.id}" has no option "${option}"`,
            });
          }
        }
      }
      if (values?.kind === 'linear') {
        if (issue.options.some((option) => option.value === undefined)) {
          problems.push({
            path: `${at}.values.${issue.id}`,
            message: 'a value curve needs a numeric issue (with a range)',
          });
        }
        if (values.points.length === 0 || values.points.some(([, v]) => !(v >= 0 && v <= 1))) {
          problems.push({
            path: `${at}.values.${issue.id}`,
            message: 'a value curve needs points with values between 0 and 1',
          });
        }
      }
    }
    profile.redLines.forEach((line, r) => {
      const conditions = line.kind === 'forbid' ? line.when : [line.if, line.needs];
      if (line.kind === 'forbid' && new Set(line.when.map((c) => c.issue)).size < line.when.length)
        problems.push({
          path: `${at}.redLines[${r}]`,
          message: 'names an issue twice: list its options once',
        });
      for (const c of conditions) {
        const issue = known.get(c.issue);
        if (issue === undefined)
          problems.push({ path: `${at}.redLines[${r}]`, message: `unknown issue "${c.issue}"` });
        for (const option of c.options) {
          if (issue !== undefined && !issue.options.some((o) => o.id === option)) {
            problems.push({
              path: `${at}.redLines[${r}]`,
              message: `issue "${c.issue}" has no option "${option}"`,
            });
          }
        }
      }
    });
  });
  return problems;
}
