/** Who said what, when, at which event, from which source. */

import type { Audience } from './audience.ts';
import { contentKey } from './content-key.ts';
import { type FuzzyDate, formatFuzzyDate } from './fuzzy-date.ts';
import type { EventId, PartyId, PersonId, SourceId, StatementId } from './ids.ts';

/** A quotation gives the speaker's words; a paraphrase gives their sense in the recorder's words. */
export const STATEMENT_FORMS = ['quotation', 'paraphrase'] as const;
export type StatementForm = (typeof STATEMENT_FORMS)[number];

export interface Statement {
  readonly id: StatementId;
  /** Whether `id` was given by the author (otherwise it is derived from the content). */
  readonly explicitId: boolean;
  /** The person speaking; absent for an unnamed official ("a US official"). */
  readonly speaker?: PersonId;
  /** The party speaking or spoken for. */
  readonly party?: PartyId;
  readonly date: FuzzyDate;
  readonly event?: EventId;
  readonly form: StatementForm;
  readonly text: string;
  readonly audience: Audience;
  /** Topic tags, such as `territory` or `security-guarantees`. */
  readonly topics: readonly string[];
  /** Where it was said: "on X", "nightly video address". */
  readonly channel?: string;
  readonly source?: SourceId;
}

/** The id a statement gets when it has no slug: derived from speaker, party, date and text. */
export function statementKey(
  statement: Pick<Statement, 'speaker' | 'party' | 'date' | 'text'>,
): StatementId {
  const { speaker, party, date, text } = statement;
  return contentKey('s', [speaker ?? '', party ?? '', formatFuzzyDate(date), text]) as StatementId;
}
