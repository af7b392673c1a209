/**
 * What the GENIUS and GeniusWeb writers share: the names a file gets for
 * issues and values, how numbers are written, and the warnings for what the
 * formats cannot hold.
 */

import type { AnalysisIssue } from '../../core/analysis/issue-space.ts';
import type { Profile } from '../../core/analysis/profile.ts';

/** The issue names a file gets: each issue's name, or its id when the name is empty or taken. */
export function externalIssueNames(issues: readonly AnalysisIssue[]): string[] {
  const count = new Map<string, number>();
  for (const issue of issues) count.set(issue.name, (count.get(issue.name) ?? 0) + 1);
  return issues.map((issue) =>
    issue.name.trim() !== '' && count.get(issue.name) === 1 ? issue.name : issue.id,
  );
}

/**
 * The value names a file gets for an issue's options: the labels when they are
 * unique and not empty, the option ids otherwise and for numeric issues.
 */
export function externalValueNames(issue: AnalysisIssue): string[] {
  const labels = issue.options.map((option) => option.label);
  const unique = new Set(labels).size === labels.length && labels.every((l) => l.trim() !== '');
  return issue.range === undefined && unique ? labels : issue.options.map((option) => option.id);
}

/** Up to 15 significant digits: `0.30000000000000004` is written `0.3`. */
export function formatNumber(x: number): string {
  return String(Number(x.toPrecision(15)));
}

/** Warnings for what a file format without red lines or uncertainty loses. */
export function lostParts(profile: Profile, format: string): string[] {
  const warnings: string[] = [];
  const lines = profile.redLines.length;
  if (lines > 0)
    warnings.push(
      `${lines} red line${lines === 1 ? '' : 's'} not written: ${format} cannot express red lines`,
    );
  if (profile.uncertainty !== undefined)
    warnings.push(`the uncertainty of the estimates is not written: ${format} hold point values`);
  return warnings;
}
