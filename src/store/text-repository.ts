/**
 * Reading and writing negotiating texts and positions. Queries that return
 * positions take the viewer and leave out what the viewer may not see.
 */

import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Viewer } from '../core/audience.ts';
import type {
  PartyId,
  PositionKey,
  ProcessId,
  ProvisionId,
  TextId,
  VersionId,
} from '../core/ids.ts';
import type { NegotiatingText, TextVersion } from '../core/text/negotiating-text.ts';
import type { Position } from '../core/text/position.ts';
import type { BulkWriter } from './bulk-writer.ts';
import type { Database } from './database.ts';
import type { IdOf } from './record-rows.ts';
import {
  PROVISION_COLUMNS,
  type ProvisionRow,
  positionColumns,
  toPosition,
  toProvisionTree,
  toTextFields,
  toVersion,
  type VersionView,
} from './text-rows.ts';
import { TextWriter } from './text-writer.ts';

export interface PositionQuery {
  readonly text?: TextId;
  readonly version?: VersionId;
  readonly provision?: ProvisionId;
  readonly party?: PartyId;
  /** The position with this key (at most one). */
  readonly key?: PositionKey;
}

/** A text with its versions, without their provisions. */
export type TextSummary = Omit<NegotiatingText, 'versions'> & {
  readonly versions: readonly (Omit<TextVersion, 'provisions'> & {
    readonly provisionCount: number;
  })[];
};

export class TextRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bulk: BulkWriter,
  ) {}

  /**
   * Stores a text as given: created if new (`before` undefined), otherwise
   * brought to `text` (versions and provisions written only where they changed).
   * Call inside a transaction, after checking the text.
   */
  async saveText(
    process: ProcessId,
    text: NegotiatingText,
    before: NegotiatingText | undefined,
  ): Promise<void> {
    const row = await this.db
      .selectFrom('processes')
      .select('id')
      .where('slug', '=', process)
      .executeTakeFirstOrThrow();
    const idsOf = async (table: 'parties' | 'people' | 'sources'): Promise<IdOf> => {
      const rows = await this.db
        .selectFrom(table)
        .select(['id', 'slug'])
        .where('process_id', '=', row.id)
        .execute();
      const map = new Map(rows.map((r) => [r.slug, r.id]));
      return (slug) => (slug === undefined ? null : (map.get(slug) ?? null));
    };
    const refs = {
      parties: await idsOf('parties'),
      people: await idsOf('people'),
      sources: await idsOf('sources'),
    };
    const writer = new TextWriter(this.db, this.bulk, row.id, refs, () => {});
    const none = { added: [], changed: [], removed: [], unchanged: 0 };
    await writer.write(
      before === undefined
        ? { ...none, added: [text] }
        : { ...none, changed: [{ before, after: text }] },
      none,
    );
  }

  /** Every text of the process, whole (versions and provisions), in slug order. */
  async loadTexts(process: ProcessId): Promise<NegotiatingText[]> {
    const texts = await this.db
      .selectFrom('texts')
      .selectAll()
      .where('process_id', '=', this.processId(process))
      .orderBy('slug')
      .execute();
    return Promise.all(texts.map((text) => this.assemble(text)));
  }

  /** One text, whole, or undefined. */
  async getText(process: ProcessId, slug: TextId): Promise<NegotiatingText | undefined> {
    const text = await this.db
      .selectFrom('texts')
      .selectAll()
      .where('process_id', '=', this.processId(process))
      .where('slug', '=', slug)
      .executeTakeFirst();
    return text === undefined ? undefined : this.assemble(text);
  }

  /** The texts with their versions (no provisions), for listings. */
  async listTexts(process: ProcessId): Promise<TextSummary[]> {
    const texts = await this.db
      .selectFrom('texts')
      .selectAll()
      .where('process_id', '=', this.processId(process))
      .orderBy('slug')
      .execute();
    return Promise.all(
      texts.map(async (text) => {
        const versions = await this.versionRows(text.id);
        const counts = await this.db
          .selectFrom('provisions')
          .select(['version_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('version_id', 'in', versions.map((v) => v.id).concat(-1))
          .groupBy('version_id')
          .execute();
        const count = new Map(counts.map((row) => [row.version_id, Number(row.n)]));
        const circulation = await this.circulation(versions.map((v) => v.id));
        return {
          ...toTextFields(text),
          versions: versions.map((row) => {
            const { provisions: _none, ...version } = toVersion(
              row,
              circulation.get(row.id) ?? [],
              [],
            );
            return { ...version, provisionCount: count.get(row.id) ?? 0 };
          }),
        };
      }),
    );
  }

  /** Positions the viewer may see, oldest first (by when they were recorded, then as stored). */
  async positions(process: ProcessId, query: PositionQuery, viewer: Viewer): Promise<Position[]> {
    let q = this.selectPositions().where('q.process_id', '=', this.processId(process));
    if (query.text !== undefined) q = q.where('t.slug', '=', query.text);
    if (query.version !== undefined) q = q.where('v.slug', '=', query.version);
    if (query.provision !== undefined) q = q.where('q.provision_key', '=', query.provision);
    if (query.party !== undefined) q = q.where('pa.slug', '=', query.party);
    if (query.key !== undefined) q = q.where('q.key', '=', query.key);
    const rows = await this.visiblePositions(q, viewer)
      .orderBy('q.recorded_start')
      .orderBy('q.recorded_end')
      .orderBy('q.id')
      .execute();
    return rows.map(toPosition);
  }

  /**
   * The latest position the viewer may see of each party on each provision
   * of a version (recorded by `recordedBy`, an instant, when given: their
   * recorded date ends by then), in recording order. Only the latest are
   * read, however long the history.
   */
  async latestPositions(
    process: ProcessId,
    text: TextId,
    version: VersionId,
    viewer: Viewer,
    recordedBy?: number,
  ): Promise<Position[]> {
    const versionId = this.db
      .selectFrom('text_versions as v')
      .innerJoin('texts as t', 't.id', 'v.text_id')
      .select('v.id')
      .where('t.process_id', '=', this.processId(process))
      .where('t.slug', '=', text)
      .where('v.slug', '=', version);
    let ranked = this.visiblePositions(
      this.db
        .selectFrom('positions as q')
        .innerJoin('parties as pa', 'pa.id', 'q.party_id')
        .select([
          'q.id',
          sql<number>`row_number() over (partition by q.provision_key, q.party_id order by q.recorded_start desc, q.recorded_end desc, q.id desc)`.as(
            'rank',
          ),
        ])
        .where('q.version_id', '=', versionId),
      viewer,
    );
    if (recordedBy !== undefined) ranked = ranked.where('q.recorded_end', '<=', recordedBy);
    const rows = await this.selectPositions()
      .where('q.id', 'in', (eb) =>
        eb.selectFrom(ranked.as('r')).select('r.id').where('r.rank', '=', 1),
      )
      .orderBy('q.recorded_start')
      .orderBy('q.recorded_end')
      .orderBy('q.id')
      .execute();
    return rows.map(toPosition);
  }

  /**
   * The newest positions the viewer may see on the given versions whose
   * recorded date may fall within [`range.from`, `range.to`) (newest first:
   * by the end of that date, then its start, then the latest stored), and how
   * many there are in all.
   */
  async recentPositions(
    process: ProcessId,
    versions: readonly { readonly text: TextId; readonly version: VersionId }[],
    range: { readonly from?: number; readonly to?: number },
    viewer: Viewer,
    limit: number,
  ): Promise<{ items: Position[]; total: number }> {
    if (versions.length === 0) return { items: [], total: 0 };
    // By version ids: the positions are then found through their version's index.
    const versionIds = this.db
      .selectFrom('text_versions as v2')
      .innerJoin('texts as t2', 't2.id', 'v2.text_id')
      .select('v2.id')
      .where('t2.process_id', '=', this.processId(process))
      .where((eb) =>
        eb.or(
          versions.map((v) => eb.and([eb('t2.slug', '=', v.text), eb('v2.slug', '=', v.version)])),
        ),
      );
    let q = this.visiblePositions(
      this.selectPositions().where('q.version_id', 'in', versionIds),
      viewer,
    );
    // `+` keeps SQLite from reaching the positions through the party index by their date.
    if (range.from !== undefined) q = q.where(sql<number>`+q.recorded_end`, '>', range.from);
    if (range.to !== undefined) q = q.where(sql<number>`+q.recorded_start`, '<', range.to);
    // Counted apart: the history can be long, and only the newest few are read whole.
    const [rows, total] = await Promise.all([
      q
        .orderBy('q.recorded_end', 'desc')
        .orderBy('q.recorded_start', 'desc')
        .orderBy('q.id', 'desc')
        .limit(limit)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ]);
    return { items: rows.map(toPosition), total: Number(total?.n ?? 0) };
  }

  /**
   * How many open provisions (with bracketed alternatives) each version of
   * the process's texts has, keyed `text/version`; versions without any are left out.
   */
  async openProvisionCounts(process: ProcessId): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('provisions as p')
      .innerJoin('text_versions as v', 'v.id', 'p.version_id')
      .innerJoin('texts as t', 't.id', 'v.text_id')
      .select(['t.slug as text', 'v.slug as version', (eb) => eb.fn.countAll<number>().as('n')])
      .where('t.process_id', '=', this.processId(process))
      .where('p.alternatives', 'is not', null)
      .groupBy(['t.slug', 'v.slug'])
      .execute();
    return new Map(rows.map((row) => [`${row.text}/${row.version}`, Number(row.n)]));
  }

  /** Records a new position. Call inside a transaction. */
  async addPosition(process: ProcessId, position: Position): Promise<void> {
    // The ids the row refers to, in one query (it runs while the process is locked).
    const { source } = position;
    const ids = await this.db
      .selectFrom('text_versions as v')
      .innerJoin('texts as t', 't.id', 'v.text_id')
      .innerJoin('processes as p', 'p.id', 't.process_id')
      .select((eb) => [
        'v.id as version',
        'p.id as process',
        eb
          .selectFrom('parties as pa')
          .select('pa.id')
          .whereRef('pa.process_id', '=', 'p.id')
          .where('pa.slug', '=', position.party)
          .as('party'),
        eb
          .selectFrom('sources as s')
          .select('s.id')
          .whereRef('s.process_id', '=', 'p.id')
          .where('s.slug', '=', source ?? null)
          .as('source'),
      ])
      .where('p.slug', '=', process)
      .where('t.slug', '=', position.text)
      .where('v.slug', '=', position.version)
      .executeTakeFirstOrThrow();
    if (ids.party === null) throw new Error(`party "${position.party}" has no row`);
    if (source !== undefined && ids.source === null)
      throw new Error(`source "${source}" has no row`);
    const columns = positionColumns(
      position,
      ids.version,
      () => ids.party as number,
      () => ids.source ?? null,
    );
    await this.db
      .insertInto('positions')
      .values({ process_id: ids.process, ...columns })
      .execute();
  }

  private async assemble(text: {
    id: number;
    slug: string;
    title: string;
    kind: string;
    description: string | null;
  }) {
    const versions = await this.versionRows(text.id);
    const ids = versions.map((v) => v.id);
    const [circulation, provisions] = await Promise.all([
      this.circulation(ids),
      this.provisions(ids),
    ]);
    return {
      ...toTextFields(text),
      versions: versions.map((row) => {
        const rows = provisions.get(row.id) ?? [];
        // Derived from a version row-level security hides: the lineage points into it (as `visibleRecord`).
        const hidden = row.derived_from_id != null && row.derived_from === null;
        return toVersion(
          row,
          circulation.get(row.id) ?? [],
          toProvisionTree(hidden ? rows.map((r) => ({ ...r, lineage: null })) : rows),
        );
      }),
    };
  }

  private versionRows(textId: number): Promise<VersionView[]> {
    return this.db
      .selectFrom('text_versions as v')
      .leftJoin('parties as pb', 'pb.id', 'v.proposed_by_id')
      .leftJoin('people as pp', 'pp.id', 'v.proposed_by_person_id')
      .leftJoin('text_versions as d', 'd.id', 'v.derived_from_id')
      .leftJoin('sources as s', 's.id', 'v.source_id')
      .select([
        'v.id',
        'v.slug',
        'v.label',
        'v.date_text',
        'pb.slug as proposed_by',
        'pp.slug as proposed_by_person',
        'd.slug as derived_from',
        'v.derived_from_id',
        'v.status',
        'v.audience',
        's.slug as source',
        'v.note',
      ])
      .where('v.text_id', '=', textId)
      .orderBy('v.ordinal')
      .execute();
  }

  private async circulation(versionIds: readonly number[]): Promise<Map<number, string[]>> {
    const result = new Map<number, string[]>();
    if (versionIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('version_circulation as c')
      .innerJoin('parties as p', 'p.id', 'c.party_id')
      .select(['c.version_id', 'p.slug'])
      .where('c.version_id', 'in', [...versionIds])
      .orderBy('c.version_id')
      .orderBy('c.position')
      .execute();
    for (const row of rows)
      result.set(row.version_id, [...(result.get(row.version_id) ?? []), row.slug]);
    return result;
  }

  private async provisions(versionIds: readonly number[]): Promise<Map<number, ProvisionRow[]>> {
    const result = new Map<number, ProvisionRow[]>();
    if (versionIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('provisions')
      .select(['version_id', ...PROVISION_COLUMNS])
      .where('version_id', 'in', [...versionIds])
      .orderBy('version_id')
      .orderBy('ordinal')
      .execute();
    for (const { version_id, ...row } of rows) {
      const list = result.get(version_id);
      if (list === undefined) result.set(version_id, [row]);
      else list.push(row);
    }
    return result;
  }

  /** Positions of `q` the viewer may see: the SQL form of `canSeePosition` (`pa` is the position's party). */
  private visiblePositions<Q extends { where(condition: RawBuilder<boolean>): Q }>(
    q: Q,
    viewer: Viewer,
  ): Q {
    if (viewer.kind === 'public') return q.where(sql<boolean>`q.audience = 'public'`);
    if (viewer.kind === 'mediator') return q.where(sql<boolean>`q.audience <> 'party'`);
    if (viewer.kind === 'party')
      return q.where(sql<boolean>`(pa.slug = ${viewer.party} or q.audience = 'public')`);
    return q;
  }

  private selectPositions() {
    return this.db
      .selectFrom('positions as q')
      .innerJoin('text_versions as v', 'v.id', 'q.version_id')
      .innerJoin('texts as t', 't.id', 'v.text_id')
      .innerJoin('parties as pa', 'pa.id', 'q.party_id')
      .leftJoin('sources as s', 's.id', 'q.source_id')
      .select([
        'q.key',
        't.slug as text',
        'v.slug as version',
        'q.provision_key',
        'pa.slug as party',
        'q.stance',
        'q.wording',
        'q.alternative',
        'q.note',
        'q.author',
        'q.recorded_text',
        'q.audience',
        's.slug as source',
      ]);
  }

  private processId(slug: ProcessId) {
    return this.db.selectFrom('processes').select('id').where('slug', '=', slug);
  }
}
