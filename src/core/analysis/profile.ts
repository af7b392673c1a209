/**
 * A party's preferences over the issues, as an additive utility: a weight per
 * issue (the weights sum to 1), a value in [0, 1] per option (for a numeric
 * issue, a piecewise-linear function of the option's value), a reservation
 * value (what no agreement is worth: also the disagreement point), red lines,
 * and the uncertainty of each estimate. Utilities are then in [0, 1].
 *
 * Profiles are estimates of confidential preferences: each has an audience,
 * like positions (the party only, the party and the mediator, or public).
 */

import type { IssueId, OptionId, PartyId } from '../ids.ts';
import type { PositionAudience } from '../text/position.ts';

/** A value for each option, or (numeric issues) points [value, utility] joined by straight lines. */
export type IssueValues =
  | { readonly kind: 'options'; readonly values: Readonly<Record<OptionId, number>> }
  | { readonly kind: 'linear'; readonly points: readonly (readonly [number, number])[] };

/** A condition on one issue: its option is one of `options`. */
export interface OptionCondition {
  readonly issue: IssueId;
  readonly options: readonly OptionId[];
}

/**
 * A red line: a package the party will never accept. `forbid` rules out
 * packages meeting every condition at once (one condition: an option ruled
 * out); `require` rules out packages meeting `if` but not `needs` ("if
 * territory = cede-all then guarantees must be treaty-based").
 */
export type RedLine =
  | { readonly kind: 'forbid'; readonly when: readonly OptionCondition[]; readonly note?: string }
  | {
      readonly kind: 'require';
      readonly if: OptionCondition;
      readonly needs: OptionCondition;
      readonly note?: string;
    };

/** How far off an estimate may be: the true number lies in [low, high]. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface Uncertainty {
  readonly weights?: Readonly<Record<IssueId, Interval>>;
  readonly values?: Readonly<Record<IssueId, Readonly<Record<OptionId, Interval>>>>;
  /** Applied to every weight and option value without an interval of its own: ±this share (0.2: ±20%). */
  readonly relative?: number;
}

export interface Profile {
  readonly party: PartyId;
  readonly weights: Readonly<Record<IssueId, number>>;
  readonly values: Readonly<Record<IssueId, IssueValues>>;
  readonly reservation: number;
  readonly redLines: readonly RedLine[];
  readonly uncertainty?: Uncertainty;
  readonly audience: PositionAudience;
  readonly note?: string;
}

/** The value of a numeric option on a piecewise-linear curve (flat beyond its ends). */
export function linearValue(points: readonly (readonly [number, number])[], x: number): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return 0;
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < sorted.length; i++) {
    const [x1, y1] = sorted[i] as readonly [number, number];
    const [x0, y0] = sorted[i - 1] as readonly [number, number];
    if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return last[1];
}

/** The red lines of `profile` that `pkg` crosses (none when it is acceptable to the party's red lines). */
export function crossedRedLines(
  profile: Profile,
  pkg: Readonly<Record<IssueId, OptionId>>,
): RedLine[] {
  const holds = (c: OptionCondition) => {
    const option = pkg[c.issue];
    return option !== undefined && c.options.includes(option);
  };
  return profile.redLines.filter((line) =>
    line.kind === 'forbid' ? line.when.every(holds) : holds(line.if) && !holds(line.needs),
  );
}

/** A red line in words: `territory ∈ {cede-all}`, `if territory ∈ {cede-all} then guarantees ∈ {treaty}`. */
export function describeRedLine(line: RedLine): string {
  const condition = (c: OptionCondition) =>
    c.options.length === 1
      ? `${c.issue} = ${c.options[0]}`
      : `${c.issue} ∈ {${c.options.join(', ')}}`;
  const text =
    line.kind === 'forbid'
      ? `never ${line.when.map(condition).join(' with ')}`
      : `if ${condition(line.if)} then ${condition(line.needs)}`;
  return line.note === undefined ? text : `${text} — ${line.note}`;
}
