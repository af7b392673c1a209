/**
 * The space a negotiation is analysed in: issues (negotiable dimensions),
 * each with discrete options — or a numeric range with a step, which is the
 * same thing once the range is laid out — and a package: one option per issue.
 *
 * An issue may be tied to an open provision of the text: its options are then
 * the provision's alternatives (`alternative`), and a version's proposals
 * give "the draft package".
 */

import type { AlternativeId, IssueId, OptionId, ProvisionId, TextId } from '../ids.ts';

export interface IssueOption {
  readonly id: OptionId;
  readonly label: string;
  /** For an issue tied to a provision: the alternative this option is. */
  readonly alternative?: AlternativeId;
  /** For a numeric issue: the option's value (600000). */
  readonly value?: number;
}

/** A numeric issue's range: options at `min`, `min + step`, … up to `max`. */
export interface NumericRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly unit?: string;
}

export interface AnalysisIssue {
  readonly id: IssueId;
  readonly name: string;
  readonly description?: string;
  /** The options (for a numeric issue, laid out from `range`). */
  readonly options: readonly IssueOption[];
  readonly range?: NumericRange;
  /** The open provision whose alternatives are this issue's options. */
  readonly link?: { readonly text: TextId; readonly provision: ProvisionId };
  /** The option on the table when no text says otherwise. */
  readonly current?: OptionId;
}

/** One option per issue. */
export type Package = Readonly<Record<IssueId, OptionId>>;

/** The options of a numeric range, one per step ("600,000"), with their values. */
export function rangeOptions(range: NumericRange): IssueOption[] {
  const count = Math.floor((range.max - range.min) / range.step + 1e-9) + 1;
  return Array.from({ length: count }, (_, i) => {
    const value = Number((range.min + i * range.step).toPrecision(12));
    return {
      id: String(value) as OptionId,
      label: `${value.toLocaleString('en')}${range.unit ? ` ${range.unit}` : ''}`,
      value,
    };
  });
}

/** The number of packages of a space (as a floating-point number: it can be astronomically large). */
export function packageCount(issues: readonly AnalysisIssue[]): number {
  return issues.reduce((product, issue) => product * issue.options.length, 1);
}
