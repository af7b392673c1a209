/** Words and numbers of the analysis page. */

import type {
  AcceptableCount,
  AnalysisInputs,
  AnalysisPackage,
  Criterion,
  Improvement,
} from '../../api/analysis-types.ts';

export const CRITERION_NAMES: Record<Criterion, string> = {
  nash: 'Nash',
  'kalai-smorodinsky': 'Kalai–Smorodinsky',
  egalitarian: 'Egalitarian',
  utilitarian: 'Utilitarian',
};

/** A utility (0–1) with two decimals. */
export const utility = (u: number | undefined): string =>
  u === undefined || !Number.isFinite(u) ? '–' : u.toFixed(2);

/** A share as a percentage. */
export const percent = (p: number): string =>
  `${(p * 100).toFixed(p > 0.999 || p < 0.001 ? 0 : 1)}%`;

/** A count given as a decimal string (it may exceed 2^53). */
export function bigCount(decimal: string): string {
  if (decimal.length > 15)
    return `${decimal.slice(0, 1)}.${decimal.slice(1, 3)}×10^${decimal.length - 1}`;
  return BigInt(decimal).toLocaleString('en');
}

/** The acceptable-package count in words: exact, or an estimate with its interval. */
export function acceptableText(count: AcceptableCount): string {
  if (count.kind === 'exact') return `${bigCount(count.count)} of ${bigCount(count.total)}`;
  const total = Number(count.total);
  const round = (share: number) => Math.round(share * total).toLocaleString('en');
  return `about ${round(count.estimate)} of ${bigCount(count.total)} (95%: ${round(count.low)}–${round(count.high)}, estimated from ${count.samples.toLocaleString('en')} samples)`;
}

/** The label of an issue's option (its slug when unknown). */
export function optionLabel(inputs: AnalysisInputs, issue: string, option: string): string {
  return (
    inputs.issues.find((i) => i.id === issue)?.options.find((o) => o.id === option)?.label ?? option
  );
}

export function issueName(inputs: AnalysisInputs, issue: string): string {
  return inputs.issues.find((i) => i.id === issue)?.name ?? issue;
}

/** The draft with an improvement's changes applied. */
export function improvedPackage(draft: AnalysisPackage, improvement: Improvement): AnalysisPackage {
  const result: Record<string, string> = { ...draft };
  for (const change of improvement.changes) result[change.issue] = change.to;
  return result;
}

/** A version slug not among `taken`: `base`, `base-2`, `base-3`… */
export function freeSlug(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}-${i}`)) return `${base}-${i}`;
}

/** Slugs as the API takes them: lower-case letters, digits and dashes. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
