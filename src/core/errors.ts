/**
 * The one error vocabulary. Every error a user can cause is a `ConcordError`
 * with a stable `code`, the HTTP status it maps to and a message the user can
 * act on. Anything else that escapes is a bug (an internal failure).
 */

export type ErrorCode =
  | 'not_found'
  | 'invalid'
  | 'conflict'
  | 'forbidden'
  | 'precondition_failed'
  | 'precondition_required'
  | 'unavailable';

/** Base class of errors caused by a user's request, never by a bug. */
export abstract class ConcordError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly status: number;
}

/** Something asked for does not exist (or the asker may not know it exists). */
export class NotFoundError extends ConcordError {
  readonly code = 'not_found';
  readonly status = 404;
  constructor(
    readonly kind: string,
    readonly key: string,
    hint?: string,
  ) {
    super(`no ${kind} "${key}"${hint ? `: ${hint}` : ''}`);
    this.name = 'NotFoundError';
  }
}

/** One thing wrong with an input, located by a field path and, for files, a line. */
export interface Problem {
  /** Field path in the input, such as `events[3].participants[1]`; empty for the whole input. */
  readonly path: string;
  readonly message: string;
  readonly file?: string;
  /** 1-based line in `file`. */
  readonly line?: number;
}

/** Renders a problem as `file:line: path: message`, leaving out the parts it lacks. */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.line].filter((part) => part !== undefined).join(':');
  const prefix = [where, problem.path].filter((part) => part !== undefined && part !== '');
  return [...prefix, problem.message].join(': ');
}

/** The input is wrong; `problems` lists every problem found, not just the first. */
export class InvalidError extends ConcordError {
  readonly code = 'invalid';
  readonly status = 400;
  constructor(
    readonly problems: readonly Problem[],
    summary?: string,
  ) {
    super(InvalidError.describe(problems, summary));
    this.name = 'InvalidError';
  }

  /** A single problem with no field path. */
  static of(message: string): InvalidError {
    return new InvalidError([{ path: '', message }]);
  }

  private static describe(problems: readonly Problem[], summary?: string): string {
    const lines = problems.map(formatProblem);
    if (summary === undefined) return lines.join('\n');
    return [summary, ...lines.map((line) => `  ${line}`)].join('\n');
  }
}

/** The request clashes with the current state (a concurrent edit, a duplicate). */
export class ConflictError extends ConcordError {
  readonly code = 'conflict';
  readonly status = 409;
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The requester may not do this. */
export class ForbiddenError extends ConcordError {
  readonly code = 'forbidden';
  readonly status = 403;
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A write named a version of the object that is no longer the current one (HTTP 412). */
export class PreconditionError extends ConcordError {
  readonly code = 'precondition_failed';
  readonly status = 412;
  constructor(
    message: string,
    /** What is current now, when the writer may see it (sent in the error body as `current`). */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'PreconditionError';
  }
}

/** A write to a mutable object did not say which version of it it replaces (HTTP 428). */
export class PreconditionRequiredError extends ConcordError {
  readonly code = 'precondition_required';
  readonly status = 428;
  constructor(message: string) {
    super(message);
    this.name = 'PreconditionRequiredError';
  }
}

/** Something the request needs is missing on this machine, such as Chromium for PDFs (HTTP 503). */
export class UnavailableError extends ConcordError {
  readonly code = 'unavailable';
  readonly status = 503;
  constructor(message: string) {
    super(message);
    this.name = 'UnavailableError';
  }
}
