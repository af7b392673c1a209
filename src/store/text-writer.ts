/**
 * Writes changed texts (their versions, circulation lists and provisions) and
 * new positions, inside the caller's transaction. A changed version keeps its
 * row and the rows of provisions that stay, so positions recorded on them stay
 * attached; only what changed is written.
 */

import type { Kysely } from 'kysely';
import { canonicalJson } from '../core/canonical-json.ts';
import { InvalidError } from '../core/errors.ts';
import type { CollectionChanges } from '../core/process-record.ts';
import type { NegotiatingText, TextVersion } from '../core/text/negotiating-text.ts';
import type { Position } from '../core/text/position.ts';
import type { BulkWriter } from './bulk-writer.ts';
import type { Database } from './database.ts';
import type { IdOf } from './record-rows.ts';
import {
  PROVISION_COLUMNS,
  positionColumns,
  provisionRows,
  textColumns,
  versionColumns,
} from './text-rows.ts';

export interface TextReferences {
  readonly parties: IdOf;
  readonly people: IdOf;
  readonly sources: IdOf;
}

export class TextWriter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bulk: BulkWriter,
    private readonly processId: number,
    private readonly refs: TextReferences,
    private readonly tick: (count: number) => void,
  ) {}

  /** Adds and updates texts, then adds positions. */
  async write(
    texts: CollectionChanges<NegotiatingText>,
    positions: CollectionChanges<Position>,
  ): Promise<void> {
    for (const text of texts.added) {
      const row = await this.db
        .insertInto('texts')
        .values({ process_id: this.processId, ...textColumns(text) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.writeVersions(row.id, text);
      this.tick(1);
    }
    for (const { after } of texts.changed) {
      const row = await this.db
        .selectFrom('texts')
        .select('id')
        .where('process_id', '=', this.processId)
        .where('slug', '=', after.id)
        .executeTakeFirstOrThrow();
      await this.db.updateTable('texts').set(textColumns(after)).where('id', '=', row.id).execute();
      await this.writeVersions(row.id, after);
      this.tick(1);
    }
    await this.addPositions(positions.added);
  }

  /** Removes texts (with their versions and provisions). */
  async remove(texts: readonly NegotiatingText[]): Promise<void> {
    if (texts.length === 0) return;
    await this.db
      .deleteFrom('texts')
      .where('process_id', '=', this.processId)
      .where(
        'slug',
        'in',
        texts.map((text) => text.id),
      )
      .execute();
    this.tick(texts.length);
  }

  /** Brings the versions of a text to `text.versions`: inserted, updated in place, or removed. */
  private async writeVersions(textId: number, text: NegotiatingText): Promise<void> {
    const existing = await this.db
      .selectFrom('text_versions')
      .select(['id', 'slug'])
      .where('text_id', '=', textId)
      .execute();
    const ids = new Map(existing.map((row) => [row.slug, row.id]));
    const versionId: IdOf = (slug) => (slug === undefined ? null : (ids.get(slug) ?? null));
    for (const [ordinal, version] of text.versions.entries()) {
      const columns = versionColumns(
        version,
        ordinal,
        this.refs.parties,
        this.refs.people,
        this.refs.sources,
        versionId,
      );
      let id = ids.get(version.id);
      if (id === undefined) {
        const row = await this.db
          .insertInto('text_versions')
          .values({ text_id: textId, ...columns })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
        ids.set(version.id, id);
      } else {
        await this.db.updateTable('text_versions').set(columns).where('id', '=', id).execute();
      }
      await this.writeCirculation(id, version);
      await this.writeProvisions(id, version);
    }
    const kept = new Set<string>(text.versions.map((version) => version.id));
    const gone = existing.filter((row) => !kept.has(row.slug)).map((row) => row.id);
    if (gone.length > 0)
      await keepingPositions(() =>
        this.db.deleteFrom('text_versions').where('id', 'in', gone).execute(),
      );
  }

  private async writeCirculation(versionId: number, version: TextVersion): Promise<void> {
    await this.db.deleteFrom('version_circulation').where('version_id', '=', versionId).execute();
    await this.bulk.insert(
      'version_circulation',
      version.circulatedTo.map((party, position) => ({
        version_id: versionId,
        party_id: this.refs.parties(party) as number,
        position,
      })),
    );
  }

  /** Writes only the provisions that changed; rows of unchanged provisions are left alone. */
  private async writeProvisions(versionId: number, version: TextVersion): Promise<void> {
    const stored = await this.db
      .selectFrom('provisions')
      .select(['id', ...PROVISION_COLUMNS])
      .where('version_id', '=', versionId)
      .execute();
    const storedByKey = new Map(
      stored.map(({ id, ...row }) => [row.key, { id, json: canonicalJson(row) }]),
    );
    const rows = provisionRows(version.provisions);
    const wanted = new Set(rows.map((row) => row.key));
    const gone = stored.filter((row) => !wanted.has(row.key)).map((row) => row.id);
    for (let i = 0; i < gone.length; i += 1000) {
      await keepingPositions(() =>
        this.db
          .deleteFrom('provisions')
          .where('id', 'in', gone.slice(i, i + 1000))
          .execute(),
      );
    }
    const fresh = [];
    for (const row of rows) {
      const current = storedByKey.get(row.key);
      if (current === undefined) fresh.push({ version_id: versionId, ...row });
      else if (current.json !== canonicalJson(row)) {
        await this.db.updateTable('provisions').set(row).where('id', '=', current.id).execute();
      }
    }
    await this.bulk.insert('provisions', fresh);
  }

  private async addPositions(positions: readonly Position[]): Promise<void> {
    if (positions.length === 0) return;
    const versions = await this.db
      .selectFrom('text_versions as v')
      .innerJoin('texts as t', 't.id', 'v.text_id')
      .select(['v.id', 'v.slug', 't.slug as text'])
      .where('t.process_id', '=', this.processId)
      .execute();
    const versionIds = new Map(versions.map((row) => [`${row.text}\u0000${row.slug}`, row.id]));
    const rows = positions.map((position) => {
      const versionId = versionIds.get(`${position.text}\u0000${position.version}`);
      if (versionId === undefined)
        throw new Error(`no version row for ${position.text}/${position.version}`);
      return {
        process_id: this.processId,
        ...positionColumns(position, versionId, this.refs.parties, this.refs.sources),
      };
    });
    await this.bulk.insert('positions', rows);
    this.tick(rows.length);
  }
}

/**
 * Runs a removal of provisions (or of versions with theirs), refusing it in
 * Concord's words when positions still name one of them. Callers check this
 * first on the positions they see; on PostgreSQL, row-level security may hide
 * some (a party's own) from the writer, and the foreign key, which sees every
 * row, is then the check. The message names no position.
 */
async function keepingPositions(remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
    if (
      (code === '23503' && constraint === 'positions_provision') ||
      code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
    )
      throw InvalidError.of(
        'positions are recorded on a provision this would remove; positions are kept, so import the draft as a new version instead',
      );
    throw error;
  }
}
