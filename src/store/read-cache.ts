/**
 * Answers kept while the database has not changed. A store that can tell
 * cheaply whether anything was committed since a moment (SQLite: `PRAGMA
 * data_version` for other connections, plus a count of its own writes)
 * registers a change stamp; `readCacheOf` then gives a cache whose entries
 * hold only while the stamp stays the same. Any write anywhere — a position,
 * a sign-in, an import by the command line in another process — changes the
 * stamp and empties the cache, so an answer is never older than the last
 * commit. PostgreSQL's stamp is the current snapshot (`pg_current_snapshot()`:
 * which transactions have committed), asked for after the read is: one small
 * query, shared by the reads that wait for it, instead of the read's dozen.
 *
 * Keys must name everything an answer depends on besides the database
 * (who asks, the parameters, the day when "today" is a default).
 */

import type { Viewer } from '../core/audience.ts';
import type { Store } from './store.ts';

/** Entries kept at most; beyond, the cache starts afresh. */
const MAX_ENTRIES = 2_000;

export class ReadCache {
  private stamp: string | undefined;
  private readonly entries = new Map<string, Promise<unknown>>();

  /**
   * `currentStamp` gives the database's change stamp now (synchronously, or
   * from a query sent after it was called): it must change with every commit
   * and never come back to a value it had.
   */
  constructor(private readonly currentStamp: () => string | Promise<string>) {}

  /**
   * The answer kept under `key`, or `compute`'s (kept while the database is
   * unchanged). Requests that ask at once share one computation; a failure
   * is not kept.
   */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const stamp = this.currentStamp();
    return typeof stamp === 'string'
      ? this.getAt(stamp, key, compute)
      : stamp.then((now) => this.getAt(now, key, compute));
  }

  private getAt<T>(stamp: string, key: string, compute: () => Promise<T>): Promise<T> {
    if (stamp !== this.stamp || this.entries.size >= MAX_ENTRIES) {
      this.entries.clear();
      this.stamp = stamp;
    }
    const kept = this.entries.get(key);
    if (kept !== undefined) return kept as Promise<T>;
    const answer = compute();
    this.entries.set(key, answer);
    answer.catch(() => {
      if (this.entries.get(key) === answer) this.entries.delete(key);
    });
    return answer;
  }
}

const caches = new WeakMap<Store, ReadCache>();

/** Gives `store` a read cache driven by `stamp`, a value that changes whenever the database does. */
export function registerChangeStamp(store: Store, stamp: () => string | Promise<string>): void {
  caches.set(store, new ReadCache(stamp));
}

/** The store's read cache, if it can tell when its data changed. */
export function readCacheOf(store: Store): ReadCache | undefined {
  return caches.get(store);
}

type ReadScope = <T>(work: () => Promise<T>) => Promise<T>;

const scopes = new WeakMap<Store, ReadScope>();

/**
 * Gives `store` a way to run a read as one unit (PostgreSQL: one checkout and
 * transaction per viewer, see `postgres-store.ts`), used by `cachedRead`.
 */
export function registerReadScope(store: Store, scope: ReadScope): void {
  scopes.set(store, scope);
}

/**
 * `compute`'s answer, kept in the store's read cache when it has one; run in
 * the store's read scope when it has one (its queries then share a checkout).
 */
export function cachedRead<T>(store: Store, key: string, compute: () => Promise<T>): Promise<T> {
  const scope = scopes.get(store);
  const run = scope === undefined ? compute : () => scope(compute);
  const cache = caches.get(store);
  return cache === undefined ? run() : cache.get(key, run);
}

/** The part of a cache key that names who reads. */
export function viewerKey(viewer: Viewer): string {
  return viewer.kind === 'party' ? `party:${viewer.party}` : viewer.kind;
}
