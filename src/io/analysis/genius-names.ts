/**
 * Ids for the names read from GENIUS and GeniusWeb files (slugs, made unique),
 * and the discrete and numeric issues built from them.
 */

import {
  type AnalysisIssue,
  type NumericRange,
  rangeOptions,
} from '../../core/analysis/issue-space.ts';
import { type IssueId, type OptionId, SLUG_MAX_LENGTH, slugify } from '../../core/ids.ts';

/**
 * Stable ids for names read from a file, in order: each name's slug
 * (`"External Monitor"` → `external-monitor`), `-2`, `-3`… on a clash, and
 * `fallback-N` (N counted from 1) for a name without letters or digits.
 */
export function uniqueIds(names: readonly string[], fallback: string): string[] {
  const used = new Set<string>();
  return names.map((name, i) => {
    const base = slugify(name) || `${fallback}-${i + 1}`;
    let id = base;
    for (let n = 2; used.has(id); n++) {
      const suffix = `-${n}`;
      id = `${base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    used.add(id);
    return id;
  });
}

/** A discrete issue whose options are `values` in order: label = the value, id = its slug. */
export function discreteIssue(id: string, name: string, values: readonly string[]): AnalysisIssue {
  const ids = uniqueIds(values, 'option');
  return {
    id: id as IssueId,
    name,
    options: values.map((value, o) => ({ id: ids[o] as OptionId, label: value })),
  };
}

/** A numeric issue over `range` (options laid out by `rangeOptions`). */
export function numericIssue(id: string, name: string, range: NumericRange): AnalysisIssue {
  return { id: id as IssueId, name, range, options: rangeOptions(range) };
}
