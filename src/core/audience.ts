/**
 * Who may read a piece of the record. Public material is open to observers;
 * private material is for the people running the process. (Per-party rules
 * come with the server's access policy.)
 */
export const AUDIENCES = ['public', 'private'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Who is looking: the local operator sees everything; `public` sees public material only. */
export type Viewer = { readonly kind: 'operator' } | { readonly kind: 'public' };

export const OPERATOR: Viewer = { kind: 'operator' };
export const PUBLIC_VIEWER: Viewer = { kind: 'public' };

/** Whether `viewer` may read something addressed to `audience`. */
export function canSee(viewer: Viewer, audience: Audience): boolean {
  return viewer.kind === 'operator' || audience === 'public';
}
