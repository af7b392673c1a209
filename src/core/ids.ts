/**
 * Identifiers. Every record entity is named by a slug (`rubio`, `geneva-talks`)
 * that is unique within its process; the process's own slug is unique in the
 * store. Slugs are branded per entity kind so a party's id can never be passed
 * where a person's belongs. Database row numbers never leave `src/store`.
 */

declare const brand: unique symbol;

/** `T` tagged with a compile-time-only brand `B`. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ProcessId = Brand<string, 'ProcessId'>;
export type PartyId = Brand<string, 'PartyId'>;
export type PersonId = Brand<string, 'PersonId'>;
export type EventId = Brand<string, 'EventId'>;
export type SourceId = Brand<string, 'SourceId'>;
export type StatementId = Brand<string, 'StatementId'>;
/** A negotiating text (`peace-plan`), unique within its process. */
export type TextId = Brand<string, 'TextId'>;
/** A version of a text (`v1`, `revised-framework`), unique within its text. */
export type VersionId = Brand<string, 'VersionId'>;
/** A provision's stable identity, unique within its text and kept across versions. */
export type ProvisionId = Brand<string, 'ProvisionId'>;
/** One bracketed alternative wording of an open provision, unique within the provision. */
export type AlternativeId = Brand<string, 'AlternativeId'>;
/** A negotiable issue of an analysis (`territory`), unique within its process. */
export type IssueId = Brand<string, 'IssueId'>;
/** One option of an issue (`freeze-line`), unique within its issue. */
export type OptionId = Brand<string, 'OptionId'>;
/** Positions are immutable; their key is derived from their whole content. */
export type PositionKey = Brand<string, 'PositionKey'>;
/** Appointments have no user-facing slug; their key is derived from their content. */
export type AppointmentKey = Brand<string, 'AppointmentKey'>;

/** Lower-case words of letters and digits joined by single hyphens, at most 64 characters. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 64;

/** Whether `text` is a well-formed slug. */
export function isSlug(text: string): boolean {
  return text.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(text);
}

/** A slug built from free text: `"Geneva talks (Nov)"` → `geneva-talks-nov`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
}
