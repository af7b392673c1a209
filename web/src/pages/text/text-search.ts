/**
 * The text pages' search parameters (their state, so every view has a URL):
 * which text, which version or versions, how to show a comparison, the dates
 * of a movement, the provision whose history is shown. Missing: the page
 * picks a default (the first text, the newest version the user may read).
 */

/** A string search parameter, or nothing. */
const param = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function pick<K extends string>(
  search: Record<string, unknown>,
  keys: readonly K[],
): Partial<Record<K, string>> {
  const result: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = param(search[key]);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

export interface TextSearch {
  text?: string;
  version?: string;
}

export interface CompareSearch {
  text?: string;
  from?: string;
  to?: string;
  /** Side by side (the default) or inline (one column, a redline). */
  view?: 'inline';
}

export interface PositionsSearch {
  text?: string;
  version?: string;
  /** The movement's dates (YYYY-MM-DD or any date the API reads). */
  from?: string;
  to?: string;
}

export interface ProvisionSearch {
  text?: string;
  provision?: string;
}

export const validateTextSearch = (search: Record<string, unknown>): TextSearch =>
  pick(search, ['text', 'version']);

export const validateCompareSearch = (search: Record<string, unknown>): CompareSearch => ({
  ...pick(search, ['text', 'from', 'to']),
  ...(search.view === 'inline' ? { view: 'inline' as const } : {}),
});

export const validatePositionsSearch = (search: Record<string, unknown>): PositionsSearch =>
  pick(search, ['text', 'version', 'from', 'to']);

export const validateProvisionSearch = (search: Record<string, unknown>): ProvisionSearch =>
  pick(search, ['text', 'provision']);
