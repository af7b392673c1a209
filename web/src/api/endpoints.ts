/** The API calls the app makes, one function each. */

import type {
  AnalysisInputs,
  AnalysisPackage,
  AnalysisResult,
  MadeVersion,
  TextWithVersions,
} from './analysis-types.ts';
import { api, call, setCsrfToken } from './client.ts';
import type { paths } from './schema.d.ts';
import type {
  Dashboard,
  Me,
  NegotiationEvent,
  Page,
  ProcessReport,
  ProcessSummary,
  SignedIn,
} from './types.ts';

type QueryOf<P extends keyof paths> = paths[P] extends {
  get: { parameters: { query?: infer Q } };
}
  ? NonNullable<Q>
  : never;

/**
 * The answer of a route that declares its response in the document, typed
 * from it (openapi-fetch's `data`): the declared return types below must match.
 */
function answer<D>(
  request: Promise<{ data?: D; error?: unknown; response: Response }>,
): Promise<D> {
  return call<D>(request);
}

export type DashboardQuery = QueryOf<'/api/v1/processes/{process}/dashboard'>;
export type TimelineQuery = QueryOf<'/api/v1/processes/{process}/timeline'>;

/** Who is signed in, and their team in `process`; keeps the session's CSRF token. */
export async function getMe(process?: string): Promise<Me> {
  const me = await answer(
    api.GET('/api/v1/me', { params: { query: process === undefined ? {} : { process } } }),
  );
  setCsrfToken(me.csrfToken);
  return me;
}

export async function signIn(name: string, password: string): Promise<SignedIn> {
  const session = await answer(api.POST('/api/v1/session', { body: { name, password } }));
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  await call<null>(api.DELETE('/api/v1/session'));
  setCsrfToken(undefined);
}

export function listProcesses(): Promise<ProcessSummary[]> {
  return answer(api.GET('/api/v1/processes'));
}

export function getProcess(process: string): Promise<ProcessReport> {
  return answer(api.GET('/api/v1/processes/{process}', { params: { path: { process } } }));
}

export function getDashboard(process: string, query: DashboardQuery): Promise<Dashboard> {
  return answer(
    api.GET('/api/v1/processes/{process}/dashboard', { params: { path: { process }, query } }),
  );
}

export function getTimeline(
  process: string,
  query: TimelineQuery,
): Promise<Page<NegotiationEvent>> {
  return answer(
    api.GET('/api/v1/processes/{process}/timeline', { params: { path: { process }, query } }),
  );
}

export type AnalysisQuery = QueryOf<'/api/v1/processes/{process}/analysis'>;

/** What the viewer's analysis rests on (issues, visible profiles); answers even when it cannot run. */
export function getAnalysisInputs(process: string): Promise<AnalysisInputs> {
  return call(
    api.GET('/api/v1/processes/{process}/analysis/inputs', { params: { path: { process } } }),
  );
}

export function getAnalysis(process: string, query: AnalysisQuery): Promise<AnalysisResult> {
  return call(
    api.GET('/api/v1/processes/{process}/analysis', { params: { path: { process }, query } }),
  );
}

/** The texts with the versions the viewer may see. */
export function listTexts(process: string): Promise<TextWithVersions[]> {
  return call(api.GET('/api/v1/processes/{process}/texts', { params: { path: { process } } }));
}

/** A new draft version of `text` made from a complete package (mediator team). */
export function makeVersionFromPackage(
  process: string,
  text: string,
  body: { version: string; label?: string; from?: string; package: AnalysisPackage },
): Promise<MadeVersion> {
  return call(
    api.POST('/api/v1/processes/{process}/texts/{text}/versions', {
      params: { path: { process, text } },
      body: { ...body, package: { ...body.package } },
    }),
  );
}
