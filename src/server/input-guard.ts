/**
 * Text the stores cannot both keep: a string with U+0000 (NUL). SQLite would
 * store it and PostgreSQL refuses it ("invalid byte sequence"), even in a
 * lookup, so the API refuses it in path parameters, query strings and bodies
 * (values and keys), before any route runs: a 400 naming each field. Found by
 * the fuzzing test (`fuzz.test.ts`).
 */

import type { FastifyInstance } from 'fastify';
import { InvalidError, type Problem } from '../core/errors.ts';

const NUL = '\u0000';
/** Enough to name every field of any plausible request; past it, the first ones found. */
const MAX_PROBLEMS = 20;

export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const problems: Problem[] = [];
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const)
      problems.push(...nulFields(part, value));
    if (problems.length > 0) throw new InvalidError(problems.slice(0, MAX_PROBLEMS));
  });
}

/** The fields of `value` (strings, or keys of objects) that hold a NUL. Iterative: bodies may nest deeply. */
function nulFields(root: string, value: unknown): Problem[] {
  const problems: Problem[] = [];
  const pending: [string, unknown][] = [[root, value]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [path, item] = next;
    if (typeof item === 'string') {
      if (item.includes(NUL))
        problems.push({ path, message: 'must not contain the character U+0000' });
    } else if (Array.isArray(item)) {
      item.forEach((inner, index) => {
        pending.push([`${path}[${index}]`, inner]);
      });
    } else if (item !== null && typeof item === 'object') {
      for (const [key, inner] of Object.entries(item)) {
        const field = `${path}.${key.replaceAll(NUL, '\\u0000')}`;
        if (key.includes(NUL))
          problems.push({ path: field, message: 'must not contain the character U+0000' });
        pending.push([field, inner]);
      }
    }
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return problems;
}
