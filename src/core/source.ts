/** A report or document that facts in the record come from. */

import type { FuzzyDate } from './fuzzy-date.ts';
import type { SourceId } from './ids.ts';

export const SOURCE_KINDS = [
  'news-report',
  'official-statement',
  'document',
  'social-media',
  'transcript',
  'interview',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface Source {
  readonly id: SourceId;
  readonly title: string;
  readonly kind: SourceKind;
  readonly outlet?: string;
  readonly author?: string;
  readonly url?: string;
  readonly published?: FuzzyDate;
  readonly note?: string;
}
