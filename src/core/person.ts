/** A person in the record. What they hold, and when, lives in their appointments. */

import type { PersonId } from './ids.ts';

export interface Person {
  readonly id: PersonId;
  readonly name: string;
  /** Other spellings and transliterations: "Andrii Yermak", "Andriy Yermak". */
  readonly aliases: readonly string[];
  readonly description?: string;
}

/** Whether `query` names the person (slug, name or alias, ignoring case and accents). */
export function personMatches(person: Person, query: string): boolean {
  const wanted = fold(query);
  return [person.id, person.name, ...person.aliases].some((name) => fold(name) === wanted);
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}
