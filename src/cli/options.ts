/**
 * Parsers for option values. Each throws `InvalidError` naming the option, so
 * a bad value ends the command with one clear message and exit code 1.
 */

import { closest } from '../core/closest.ts';
import { InvalidError } from '../core/errors.ts';
import { type FuzzyDate, parseFuzzyDate } from '../core/fuzzy-date.ts';
import { isSlug } from '../core/ids.ts';

/** A date option: any form `parseFuzzyDate` reads. */
export function dateOption(option: string) {
  return (text: string): FuzzyDate => {
    try {
      return parseFuzzyDate(text);
    } catch (error) {
      if (error instanceof InvalidError)
        throw InvalidError.of(`${option}: ${error.problems[0]?.message}`);
      throw error;
    }
  };
}

/** A repeatable, comma-separable list of slugs: `--party us,ukraine --party russia`. */
export function slugList(option: string) {
  return (text: string, previous: string[] | undefined): string[] => {
    const values = text
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean);
    for (const value of values) {
      if (!isSlug(value))
        throw InvalidError.of(
          `${option}: "${value}" is not a slug (lower-case words joined by hyphens)`,
        );
    }
    return [...(previous ?? []), ...values];
  };
}

/** A repeatable, comma-separable list of values from a fixed set. */
export function choiceList<T extends string>(option: string, choices: readonly T[]) {
  return (text: string, previous: T[] | undefined): T[] => {
    const values = text
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean);
    for (const value of values) {
      if (!(choices as readonly string[]).includes(value)) {
        const suggestion = closest(value, choices);
        const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
        throw InvalidError.of(`${option}: "${value}" is not one of ${choices.join(', ')}${hint}`);
      }
    }
    return [...(previous ?? []), ...(values as T[])];
  };
}

/** A whole number from `min` to `max`. */
export function integerOption(option: string, min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw InvalidError.of(`${option}: "${text}" is not a whole number from ${min} to ${max}`);
    }
    return value;
  };
}

export interface PageOptions {
  readonly limit: number;
  readonly page: number;
}

/** The offset-based page request for --limit and --page. */
export function pageRequest(options: PageOptions): { limit: number; offset: number } {
  return { limit: options.limit, offset: (options.page - 1) * options.limit };
}
