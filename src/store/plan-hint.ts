/**
 * A hint for the PostgreSQL store, which prepares parameterised queries once
 * per connection and lets PostgreSQL settle on a generic plan
 * (postgres-store.ts): a query marked with it is planned on each run instead.
 * For queries whose best plan depends on the values. A party's events are a
 * few hundred of a process's 100,000 or most of them, and the generic plan
 * of a timeline page filtered by party walked the whole timeline: 0.9 s
 * instead of 15 ms. SQLite reads the mark as a comment.
 */

import { sql } from 'kysely';

export const PLAN_EACH_RUN = '/* plan each run */';

/** The mark, for a query builder's `modifyFront`. */
export const planEachRun = sql.raw(PLAN_EACH_RUN);
