/**
 * The typed client of the API (openapi-fetch over the generated `schema.d.ts`):
 * same-origin credentials (the session cookie), the session's CSRF token on
 * unsafe requests, and failures thrown as `ApiError`s.
 */

import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, apiErrorOf } from './errors.ts';
import type { paths } from './schema.d.ts';

let csrfToken: string | undefined;

/** Remembers the session's CSRF token (from signing in, or from GET /api/v1/me). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const csrf: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken !== undefined)
      request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ credentials: 'same-origin' });
api.use(csrf);

/**
 * The JSON of a successful answer, as `T`; otherwise throws the `ApiError`.
 * `T` is the route's response type: from the OpenAPI document where it has
 * one, else from `types.ts`.
 */
export async function call<T>(
  request: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T> {
  let result: Awaited<typeof request>;
  try {
    result = await request;
  } catch {
    throw new ApiError(0, 'unreachable', 'the server cannot be reached');
  }
  if (!result.response.ok) throw apiErrorOf(result.response.status, result.error);
  return result.data as T;
}
