/**
 * Limits on the untrusted GENIUS and GeniusWeb files Concord reads, and the
 * `file` field of the problems reported about them.
 */

import { InvalidError } from '../../core/errors.ts';

/** Largest file accepted, in bytes of UTF-8 (GENIUS and GeniusWeb files are a few KiB). */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** Most options a numeric issue read from a file may have (each is laid out as an option). */
export const MAX_NUMERIC_OPTIONS = 10_000;

/** Throws `InvalidError` (naming `file`) when `text` is over `MAX_INPUT_BYTES`. */
export function checkInputSize(text: string, file?: string): void {
  const bytes = text.length > MAX_INPUT_BYTES ? text.length : Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_INPUT_BYTES) {
    const mib = (bytes / (1024 * 1024)).toFixed(1);
    throw new InvalidError([
      { path: '', message: `the file is ${mib} MiB; the limit is 10 MiB`, ...fileField(file) },
    ]);
  }
}

/** `{ file }` when a file name is known, else nothing: for spreading into a `Problem`. */
export function fileField(file: string | undefined): { file?: string } {
  return file === undefined ? {} : { file };
}
