/**
 * Concord's JSON for programs (the CLI's --json and the HTTP API): plain JSON,
 * except that dates with precision become `{ text, precision, start, end }`
 * with ISO instants (null for an open end), and maps become objects.
 */

import { type FuzzyDate, formatFuzzyDate, OPEN_END, OPEN_START } from '../core/fuzzy-date.ts';

/** JSON for scripts: dates with precision become `{ text, precision, start, end }` with ISO instants. */
export function toJson(value: unknown, indent = 2): string {
  return `${JSON.stringify(value, jsonReplacer, indent)}\n`;
}

function jsonReplacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries(value);
  if (isFuzzyDate(value)) {
    return {
      text: formatFuzzyDate(value),
      precision: value.precision,
      start: value.start === OPEN_START ? null : new Date(value.start).toISOString(),
      end: value.end === OPEN_END ? null : new Date(value.end).toISOString(),
      ...(value.label === undefined ? {} : { label: value.label }),
    };
  }
  return value;
}

function isFuzzyDate(value: unknown): value is FuzzyDate {
  return (
    typeof value === 'object' &&
    value !== null &&
    'precision' in value &&
    typeof (value as FuzzyDate).start === 'number' &&
    typeof (value as FuzzyDate).end === 'number'
  );
}
