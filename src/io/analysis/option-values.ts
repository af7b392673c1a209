/**
 * The value of each option of an issue under a profile's values, as the
 * GENIUS and GeniusWeb writers (and the GeniusWeb reservation bid) need them.
 */

import type { AnalysisIssue } from '../../core/analysis/issue-space.ts';
import { type IssueValues, linearValue } from '../../core/analysis/profile.ts';

/** The value of each option of `issue` under `values` (0 where none is given). */
export function optionValues(issue: AnalysisIssue, values: IssueValues | undefined): number[] {
  return issue.options.map((option) => {
    if (values === undefined) return 0;
    if (values.kind === 'options') return values.values[option.id] ?? 0;
    return linearValue(values.points, option.value ?? Number(option.id));
  });
}
