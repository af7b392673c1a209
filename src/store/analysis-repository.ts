/**
 * Issues and profiles of a process. Each is one row holding a small JSON
 * document; a profile's party and audience are columns, so reads filter by
 * viewer in SQL (the form of `canSeePosition`) and a profile a viewer may not
 * see never leaves the database.
 */

import type { Kysely } from 'kysely';
import type { AnalysisIssue } from '../core/analysis/issue-space.ts';
import type { Profile } from '../core/analysis/profile.ts';
import type { Viewer } from '../core/audience.ts';
import type { PartyId, ProcessId } from '../core/ids.ts';
import type { CollectionChanges } from '../core/process-record.ts';
import type { Database } from './database.ts';
import type { IdOf } from './record-rows.ts';

export class AnalysisRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The issues of a process, in their order. */
  async issues(process: ProcessId): Promise<AnalysisIssue[]> {
    const rows = await this.db
      .selectFrom('analysis_issues')
      .select('body')
      .where('process_id', '=', this.processId(process))
      .orderBy('ordinal')
      .execute();
    return rows.map((row) => JSON.parse(row.body) as AnalysisIssue);
  }

  /** The profiles `viewer` may see, by party. */
  async profiles(process: ProcessId, viewer: Viewer): Promise<Profile[]> {
    let q = this.db
      .selectFrom('profiles as f')
      .innerJoin('parties as pa', 'pa.id', 'f.party_id')
      .select(['pa.slug as party', 'f.audience', 'f.body'])
      .where('f.process_id', '=', this.processId(process));
    if (viewer.kind === 'public') q = q.where('f.audience', '=', 'public');
    if (viewer.kind === 'mediator') q = q.where('f.audience', '!=', 'party');
    if (viewer.kind === 'party') {
      const party = viewer.party;
      q = q.where((eb) => eb.or([eb('pa.slug', '=', party), eb('f.audience', '=', 'public')]));
    }
    const rows = await q.orderBy('pa.slug').execute();
    return rows.map((row) => ({
      ...(JSON.parse(row.body) as Omit<Profile, 'party' | 'audience'>),
      party: row.party as PartyId,
      audience: row.audience as Profile['audience'],
    }));
  }

  /**
   * Applies an import's changes to issues and profiles. Call inside the
   * import's transaction, once the parties exist (`parties`: a party's row id by slug).
   * Issues are few: when any changes, the list is rewritten in its new order.
   */
  async write(
    processId: number,
    parties: IdOf,
    issues: CollectionChanges<AnalysisIssue>,
    after: readonly AnalysisIssue[],
    profiles: CollectionChanges<Profile>,
  ): Promise<void> {
    const issuesChanged = issues.added.length + issues.changed.length + issues.removed.length > 0;
    if (issuesChanged) {
      await this.db.deleteFrom('analysis_issues').where('process_id', '=', processId).execute();
      if (after.length > 0)
        await this.db
          .insertInto('analysis_issues')
          .values(
            after.map((issue, ordinal) => ({
              process_id: processId,
              slug: issue.id,
              ordinal,
              body: JSON.stringify(issue),
            })),
          )
          .execute();
    }
    const gone = [...profiles.removed, ...profiles.changed.map((c) => c.before)];
    for (const profile of gone) {
      await this.db
        .deleteFrom('profiles')
        .where('process_id', '=', processId)
        .where('party_id', '=', partyId(parties, profile.party))
        .execute();
    }
    const fresh = [...profiles.added, ...profiles.changed.map((c) => c.after)];
    if (fresh.length > 0)
      await this.db
        .insertInto('profiles')
        .values(
          fresh.map(({ party, audience, ...body }) => ({
            process_id: processId,
            party_id: partyId(parties, party),
            audience,
            body: JSON.stringify(body),
          })),
        )
        .execute();
  }

  /** Replaces (or adds) one party's profile. Call inside a transaction. */
  async saveProfile(process: ProcessId, profile: Profile): Promise<void> {
    const ids = await this.db
      .selectFrom('parties as pa')
      .innerJoin('processes as p', 'p.id', 'pa.process_id')
      .select(['p.id as process', 'pa.id as party'])
      .where('p.slug', '=', process)
      .where('pa.slug', '=', profile.party)
      .executeTakeFirstOrThrow();
    await this.db
      .deleteFrom('profiles')
      .where('process_id', '=', ids.process)
      .where('party_id', '=', ids.party)
      .execute();
    const { party: _party, audience, ...body } = profile;
    await this.db
      .insertInto('profiles')
      .values({
        process_id: ids.process,
        party_id: ids.party,
        audience,
        body: JSON.stringify(body),
      })
      .execute();
  }

  private processId(slug: ProcessId) {
    return this.db.selectFrom('processes').select('id').where('slug', '=', slug);
  }
}

function partyId(parties: IdOf, slug: string): number {
  const id = parties(slug);
  if (id === null) throw new Error(`no party row for "${slug}"`);
  return id;
}
