/** Query-string pieces shared by routes: dates with precision, lists, pages. */

import { z } from 'zod';
import { InvalidError } from '../core/errors.ts';
import { type FuzzyDate, parseFuzzyDate } from '../core/fuzzy-date.ts';

/** A date with precision in a query (`2025-11-30`, `2025-W48`, `~2025-11-30`…). */
export const dateParam = z.string().max(200).meta({
  description:
    'A date with precision: 2025-11-30, 2025-11, 2025-W48, ~2025-11-30, 2025-11-23..2025-11-30',
});

/** A comma-separated list of slugs. */
export const listParam = z.string().max(2_000).meta({ description: 'Comma-separated slugs.' });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(10_000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

/** Parses a date parameter (of the query string, or of the body), naming it in the error. */
export function parseDateParam(
  name: string,
  text: string | undefined,
  where: 'querystring' | 'body' = 'querystring',
): FuzzyDate | undefined {
  if (text === undefined) return undefined;
  try {
    return parseFuzzyDate(text);
  } catch (error) {
    if (error instanceof InvalidError)
      throw new InvalidError([
        { path: `${where}.${name}`, message: error.problems[0]?.message ?? error.message },
      ]);
    throw error;
  }
}

export function splitList(text: string | undefined): string[] | undefined {
  return text
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** A comma-separated list of values from a fixed set; an unknown one is a 400 naming the parameter. */
export function enumList<T extends string>(
  name: string,
  text: string | undefined,
  allowed: readonly T[],
): T[] | undefined {
  const values = splitList(text);
  const unknown = values?.filter((value) => !(allowed as readonly string[]).includes(value)) ?? [];
  if (unknown.length > 0)
    throw new InvalidError([
      {
        path: `querystring.${name}`,
        message: `"${unknown[0]}" is not one of: ${allowed.join(', ')}`,
      },
    ]);
  return values as T[] | undefined;
}
