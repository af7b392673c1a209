/** Text tables and JSON for command output. */

import { type FuzzyDate, formatFuzzyDate, OPEN_END, OPEN_START } from '../core/fuzzy-date.ts';

/** A plain-text table: a header row, a rule, then the rows, columns padded to fit. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(width(title), ...rows.map((row) => width(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell)),
      )
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

function width(text: string): number {
  return [...text].length;
}

/** JSON for scripts: dates with precision become `{ text, precision, start, end }` with ISO instants. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, jsonReplacer, 2)}\n`;
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
