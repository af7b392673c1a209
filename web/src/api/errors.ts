/**
 * The API's errors as types: `{ error: { code, message, problems? } }` with
 * its status becomes an `ApiError`, or one of its kinds the app handles
 * specially (sign in, not allowed, not there, changed since read).
 */

export interface Problem {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    /** The HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 401: sign in first. */
export class UnauthorizedError extends ApiError {}
/** 403: signed in, but this team or role may not do it. */
export class ForbiddenError extends ApiError {}
/** 404: no such thing — or one the user may not see, which the API does not tell apart. */
export class NotFoundError extends ApiError {}
/** 412: the object changed since it was read (If-Match): read it again. */
export class PreconditionFailedError extends ApiError {}

const KINDS: Record<number, typeof ApiError> = {
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  412: PreconditionFailedError,
};

/** The error for a failed answer: its status and its JSON body (if it had one). */
export function apiErrorOf(status: number, body: unknown): ApiError {
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body as { error: { code?: unknown; message?: unknown; problems?: unknown } }).error
      : undefined;
  const Kind = KINDS[status] ?? ApiError;
  return new Kind(
    status,
    typeof error?.code === 'string' ? error.code : 'http',
    typeof error?.message === 'string' ? error.message : `the server answered ${status}`,
    Array.isArray(error?.problems) ? (error.problems as Problem[]) : [],
  );
}
