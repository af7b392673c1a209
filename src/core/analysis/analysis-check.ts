/**
 * The rules the analysis part of a record must satisfy: issues with at least
 * two distinct options, numeric ranges that make sense, links to open
 * provisions whose alternatives exist, and profiles that fit the issues.
 * Problems are reported per item and field, like the rest of the record's.
 */

import type { NegotiatingText } from '../text/negotiating-text.ts';
import { isOpen, walkProvisions } from '../text/provision.ts';
import { checkProfiles } from './compiled-space.ts';
import type { AnalysisIssue } from './issue-space.ts';
import type { Profile } from './profile.ts';

/** Most options an issue may have (a numeric range laid out included). */
export const MAX_OPTIONS = 10_000;

export interface ItemProblem {
  readonly index: number;
  readonly field: string;
  readonly message: string;
}

/** Problems with the issues, given the texts they may link to. */
export function checkIssues(
  issues: readonly AnalysisIssue[],
  texts: readonly NegotiatingText[],
): ItemProblem[] {
  const problems: ItemProblem[] = [];
  issues.forEach((issue, index) => {
    const problem = (field: string, message: string) => problems.push({ index, field, message });
    if (issue.range !== undefined) {
      const { min, max, step } = issue.range;
      if (!(max > min)) problem('range', 'max must be above min');
      else if ((max - min) / step + 1 > MAX_OPTIONS)
        problem('range', `the range has more than ${MAX_OPTIONS.toLocaleString('en')} steps`);
    }
    if (issue.options.length < 2 && issue.range === undefined)
      problem('options', 'an issue needs at least two options');
    if (issue.options.length > MAX_OPTIONS)
      problem('options', `at most ${MAX_OPTIONS.toLocaleString('en')} options`);
    const seen = new Set<string>();
    issue.options.forEach((option, o) => {
      if (seen.has(option.id)) problem(`options[${o}]`, `duplicate option "${option.id}"`);
      seen.add(option.id);
    });
    if (issue.current !== undefined && !seen.has(issue.current))
      problem('current', `"${issue.current}" is not an option of this issue`);
    if (issue.link !== undefined) {
      const { text: textId, provision } = issue.link;
      const text = texts.find((t) => t.id === textId);
      if (text === undefined) {
        problem('provision.text', `unknown text "${textId}"`);
        return;
      }
      const found = text.versions.flatMap((v) =>
        [...walkProvisions(v.provisions)].filter((p) => p.id === provision),
      );
      if (found.length === 0) {
        problem('provision.provision', `text "${textId}" has no provision "${provision}"`);
        return;
      }
      const open = found.filter(isOpen);
      if (open.length === 0) {
        problem(
          'provision.provision',
          `provision "${provision}" is never open (bracketed alternatives) in any version of "${textId}"`,
        );
        return;
      }
      const alternatives = new Set(open.flatMap((p) => (p.alternatives ?? []).map((a) => a.id)));
      issue.options.forEach((option, o) => {
        if (option.alternative !== undefined && !alternatives.has(option.alternative))
          problem(
            `options[${o}].alternative`,
            `provision "${provision}" has no alternative "${option.alternative}" (known: ${[...alternatives].join(', ')})`,
          );
      });
    }
  });
  return problems;
}

/** Problems with each profile against the issues (field paths relative to the profile). */
export function checkProfilesAgainst(
  issues: readonly AnalysisIssue[],
  profiles: readonly Profile[],
): ItemProblem[] {
  return profiles.flatMap((profile, index) =>
    checkProfiles(issues, [{ ...profile }]).map((problem) => ({
      index,
      field: problem.path.replace(/^profiles\[0\]\.?/, ''),
      message: problem.message,
    })),
  );
}
