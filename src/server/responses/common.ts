/**
 * Shapes shared by the answers' schemas (`response` of each route): what
 * `io/json-output.toJson` makes of the core types. They describe answers in
 * the OpenAPI document, from which the web app takes its types; with
 * `checkResponses` (tests) every answer is checked against them.
 *
 * Objects are strict: a field an answer carries but its schema lacks fails
 * the check, so the document cannot fall behind the code.
 */

import { z } from 'zod';

/** A date with precision: `[start, end)` as ISO instants (null: open), and how it was written. */
export const fuzzyDateJson = z
  .strictObject({
    text: z.string(),
    precision: z.enum(['instant', 'day', 'approximate', 'week', 'month', 'year', 'window']),
    start: z.string().nullable(),
    end: z.string().nullable(),
    label: z.string().optional(),
  })
  .meta({ id: 'FuzzyDate' });

/** A page of a list: more may follow (ask with a larger offset). */
export function pageJson<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), hasMore: z.boolean() });
}

/** Some items of a list, and how many there are in all. */
export function countedJson<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), total: z.number().int() });
}
