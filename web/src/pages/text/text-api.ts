/**
 * The text pages' API calls and query options, kept beside the pages that use
 * them. The answers' shapes come from the OpenAPI document (`schema.d.ts`,
 * generated from the zod schemas in src/server/responses/text.ts by
 * `npm run openapi`): only the names are written here.
 */

import { queryOptions } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import { ApiError, apiErrorOf } from '../../api/errors.ts';
import type { components } from '../../api/schema.d.ts';
import type { Position } from '../../api/types.ts';

export const STANCES = [
  'accepts',
  'accepts-with-changes',
  'rejects',
  'red-line',
  'undecided',
] as const;
export type Stance = (typeof STANCES)[number];
export const POSITION_AUDIENCES = ['party', 'mediator', 'public'] as const;
export type PositionAudience = (typeof POSITION_AUDIENCES)[number];

type Schemas = components['schemas'];

export type Alternative = Schemas['Alternative'];

/** A provision and, recursively, its children. */
export type Provision = Schemas['ProvisionNode'];

/** GET …/texts/{text}/versions/{version}: a version with each provision's displayed number. */
export type TextVersion = Schemas['VersionDetail'];

/** GET …/texts: each text with the versions the user may read (oldest first). */
export type TextSummary = Schemas['TextSummary'];

/** A word diff: kept, removed or added text, in order. */
export type WordOp = Schemas['WordOps'][number];

export type ProvisionSnapshot = Schemas['ProvisionSnapshot'];

export type ProvisionDiff = Schemas['ProvisionDiff'];

/** GET …/texts/{text}/diff (JSON): the changed provisions, in the new version's order. */
export type TextDiff = Schemas['TextDiff'];

/** A position as the matrix and the history serve it: with its tag, for If-Match. */
export type TaggedPosition = Schemas['TaggedPosition'];

/** GET …/texts/{text}/positions?version= */
export type MatrixReport = Schemas['PositionMatrix'];

export type MatrixRow = MatrixReport['matrix']['rows'][number];

/** GET …/texts/{text}/positions/movement?from&to */
export type Movement = Schemas['PositionMovement'];

export type MovementRow = Movement['rows'][number];

export function listTexts(process: string): Promise<TextSummary[]> {
  return call(api.GET('/api/v1/processes/{process}/texts', { params: { path: { process } } }));
}

export function getVersion(process: string, text: string, version: string): Promise<TextVersion> {
  return call(
    api.GET('/api/v1/processes/{process}/texts/{text}/versions/{version}', {
      params: { path: { process, text, version }, query: { format: 'json' } },
    }),
  );
}

export function getDiff(
  process: string,
  text: string,
  from: string,
  to: string,
): Promise<TextDiff> {
  return call(
    api.GET('/api/v1/processes/{process}/texts/{text}/diff', {
      params: { path: { process, text }, query: { from, to, format: 'json' } },
    }),
  );
}

export function getMatrix(process: string, text: string, version: string): Promise<MatrixReport> {
  return call(
    api.GET('/api/v1/processes/{process}/texts/{text}/positions', {
      params: { path: { process, text }, query: { version } },
    }),
  );
}

export function getHistory(
  process: string,
  text: string,
  query: { provision?: string; party?: string; version?: string },
): Promise<TaggedPosition[]> {
  return call(
    api.GET('/api/v1/processes/{process}/texts/{text}/positions/history', {
      params: { path: { process, text }, query },
    }),
  );
}

export function getMovement(
  process: string,
  text: string,
  from: string,
  to: string,
): Promise<Movement> {
  return call(
    api.GET('/api/v1/processes/{process}/texts/{text}/positions/movement', {
      params: { path: { process, text }, query: { from, to, all: 'false' } },
    }),
  );
}

export interface PositionDraft {
  readonly version: string;
  readonly provision: string;
  readonly party: string;
  readonly stance: Stance;
  readonly wording?: string;
  readonly alternative?: string;
  readonly note?: string;
  readonly audience: PositionAudience;
}

/** 412 on a position write: another position was recorded since the one the user saw. */
export class PositionConflict extends ApiError {
  constructor(
    message: string,
    /** The position recorded now (absent: the user named one, and there is none). */
    readonly current: TaggedPosition | undefined,
  ) {
    super(412, 'precondition_failed', message);
  }
}

/**
 * Records the delegation's stance. `seen`: the tag of the latest position the
 * user saw there (`*`: none), sent as If-Match; a `PositionConflict` when
 * another was recorded meanwhile.
 */
export async function recordPosition(
  process: string,
  text: string,
  draft: PositionDraft,
  seen: string,
): Promise<TaggedPosition> {
  let result: Awaited<ReturnType<typeof post>>;
  const post = () =>
    api.POST('/api/v1/processes/{process}/texts/{text}/positions', {
      params: { path: { process, text }, header: { 'if-match': seen } },
      body: draft,
    });
  try {
    result = await post();
  } catch {
    throw new ApiError(0, 'unreachable', 'the server cannot be reached');
  }
  const { response, error } = result;
  if (response.status === 412) {
    const body = (error ?? {}) as unknown as {
      error?: { message?: string; current?: { position?: Position; tag?: string } };
    };
    const current = body.error?.current;
    throw new PositionConflict(
      body.error?.message ?? 'another position was recorded meanwhile',
      current?.position && current.tag ? { ...current.position, tag: current.tag } : undefined,
    );
  }
  if (!response.ok) throw apiErrorOf(response.status, error);
  return { ...(result.data as unknown as Position), tag: response.headers.get('etag') ?? '' };
}

export const textsQuery = (process: string) =>
  queryOptions({ queryKey: ['texts', process], queryFn: () => listTexts(process) });

export const versionQuery = (process: string, text: string, version: string) =>
  queryOptions({
    queryKey: ['text-version', process, text, version],
    queryFn: () => getVersion(process, text, version),
  });

export const diffQuery = (process: string, text: string, from: string, to: string) =>
  queryOptions({
    queryKey: ['text-diff', process, text, from, to],
    queryFn: () => getDiff(process, text, from, to),
  });

export const matrixQuery = (process: string, text: string, version: string) =>
  queryOptions({
    queryKey: ['positions', process, text, 'matrix', version],
    queryFn: () => getMatrix(process, text, version),
  });

export const historyQuery = (
  process: string,
  text: string,
  query: { provision?: string; party?: string; version?: string },
) =>
  queryOptions({
    queryKey: ['positions', process, text, 'history', query],
    queryFn: () => getHistory(process, text, query),
  });

export const movementQuery = (process: string, text: string, from: string, to: string) =>
  queryOptions({
    queryKey: ['positions', process, text, 'movement', from, to],
    queryFn: () => getMovement(process, text, from, to),
  });
