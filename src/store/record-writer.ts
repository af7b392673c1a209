/**
 * Applies a `RecordChanges` (the difference between the stored record and the
 * imported one) to the tables, inside the caller's transaction.
 *
 * New rows get their ids before they are inserted, so references between
 * them (an event following up on another) are written at once; the follow-up
 * foreign key is checked at commit. Order matters for the other foreign keys:
 * inserts and updates in dependency order first (so nothing that stays still
 * refers to anything that goes), then the removals, each kind before the
 * kinds it refers to.
 */

import type { Kysely } from 'kysely';
import { ConflictError } from '../core/errors.ts';
import type { NegotiationEvent } from '../core/negotiation-event.ts';
import {
  type CollectionChanges,
  countChanges,
  type ProcessRecord,
  type RecordChanges,
} from '../core/process-record.ts';
import { AnalysisRepository } from './analysis-repository.ts';
import type { BulkWriter } from './bulk-writer.ts';
import type { Database } from './database.ts';
import {
  appointmentColumns,
  eventColumns,
  type IdOf,
  partyColumns,
  personColumns,
  processColumns,
  sourceColumns,
  statementColumns,
} from './record-rows.ts';
import { TextWriter } from './text-writer.ts';

/** Reports progress as rows written out of rows to write. */
export type Progress = (done: number, total: number) => void;

/** Rows written between two progress reports. */
const PROGRESS_BATCH = 5_000;

/** Inserts of at least this many rows may rebuild the table's indexes instead of updating them. */
const BULK_LOAD_ROWS = 10_000;

/**
 * Indexes kept during a bulk load: SQLite looks up the children of every new
 * event while deferred follow-up references are outstanding, which without
 * this index is a scan of the whole table per row.
 */
const KEEP_INDEXES = ['events_follow_up_of'];

type SluggedTable = 'sources' | 'parties' | 'people' | 'events' | 'statements';

export class RecordWriter {
  private done = 0;
  private readonly total: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bulk: BulkWriter,
    private readonly changes: RecordChanges,
    private readonly progress: Progress = () => {},
  ) {
    this.total = countChanges(changes);
  }

  /** Writes the changes; `after` is the record as it must be once they are applied. */
  async apply(after: ProcessRecord): Promise<void> {
    const { changes } = this;
    const processId = await this.writeProcess(after);
    const sources = await this.idsWithNew('sources', processId, changes.sources.added);
    const parties = await this.idsWithNew('parties', processId, changes.parties.added);
    const people = await this.idsWithNew('people', processId, changes.people.added);
    const events = await this.idsWithNew('events', processId, changes.events.added);

    await this.upsert('sources', processId, changes.sources, sources, sourceColumns);
    await this.upsert('parties', processId, changes.parties, parties, partyColumns);
    await this.upsert('people', processId, changes.people, people, personColumns);

    const appointment = (a: (typeof changes.appointments.added)[number]) =>
      appointmentColumns(a, people, parties, sources);
    await this.insert(
      'appointments',
      changes.appointments.added.map((a) => withKeys(appointment(a), processId)),
    );
    for (const { after: a } of changes.appointments.changed) {
      await this.db
        .updateTable('appointments')
        .set(appointment(a))
        .where('process_id', '=', processId)
        .where('key', '=', a.key)
        .execute();
      this.tick(1);
    }

    const event = (e: NegotiationEvent) => eventColumns(e, people, events);
    await this.upsert('events', processId, changes.events, events, event);
    await this.writeEventLinks(events, people, parties, sources);

    const statement = (s: (typeof changes.statements.added)[number]) =>
      statementColumns(s, people, parties, events, sources);
    await this.upsert('statements', processId, changes.statements, undefined, statement);

    const texts = new TextWriter(this.db, this.bulk, processId, { parties, people, sources }, (n) =>
      this.tick(n),
    );
    await texts.write(changes.texts, changes.positions);
    await new AnalysisRepository(this.db).write(
      processId,
      parties,
      changes.issues,
      after.issues,
      changes.profiles,
    );

    // Removals last, once nothing that stays refers to what goes; dependants before their targets.
    await texts.remove(changes.texts.removed);
    await this.remove(
      'statements',
      processId,
      changes.statements.removed.map((s) => s.id),
    );
    const removedEvents = changes.events.removed.map((e) => e.id);
    for (const chunk of chunks(removedEvents, 1000)) {
      // Removed events may follow up on one another: unlink them before deleting.
      await this.db
        .updateTable('events')
        .set({ follow_up_of_id: null })
        .where('process_id', '=', processId)
        .where('slug', 'in', chunk)
        .execute();
    }
    await this.remove('events', processId, removedEvents);
    for (const chunk of chunks(changes.appointments.removed, 1000)) {
      await this.db
        .deleteFrom('appointments')
        .where('process_id', '=', processId)
        .where(
          'key',
          'in',
          chunk.map((a) => a.key),
        )
        .execute();
      this.tick(chunk.length);
    }
    await this.remove(
      'people',
      processId,
      changes.people.removed.map((p) => p.id),
    );
    await this.remove(
      'parties',
      processId,
      changes.parties.removed.map((p) => p.id),
    );
    await this.remove(
      'sources',
      processId,
      changes.sources.removed.map((s) => s.id),
    );
  }

  private async writeProcess(after: ProcessRecord): Promise<number> {
    const columns = processColumns(after.process);
    if (this.changes.process === 'added') {
      try {
        const row = await this.db
          .insertInto('processes')
          .values(columns)
          .returning('id')
          .executeTakeFirstOrThrow();
        this.tick(1);
        return row.id;
      } catch (error) {
        // Two imports of a new process at once (PostgreSQL): the first one wins.
        if (!isUniqueViolation(error)) throw error;
        throw new ConflictError(
          `process "${after.process.id}" was created by another import meanwhile; import again to apply this file to it`,
        );
      }
    }
    const row = await this.db
      .selectFrom('processes')
      .select('id')
      .where('slug', '=', after.process.id)
      .executeTakeFirstOrThrow();
    if (this.changes.process === 'changed') {
      await this.db.updateTable('processes').set(columns).where('id', '=', row.id).execute();
      this.tick(1);
    }
    return row.id;
  }

  /** Participants, parties and sources of added and changed events (those of changed ones replaced). */
  private async writeEventLinks(events: IdOf, people: IdOf, parties: IdOf, sources: IdOf) {
    const { added, changed } = this.changes.events;
    const changedIds = changed.map((c) => events(c.after.id) as number);
    for (const chunk of chunks(changedIds, 1000)) {
      for (const table of ['event_participants', 'event_parties', 'event_sources'] as const) {
        await this.db.deleteFrom(table).where('event_id', 'in', chunk).execute();
      }
    }
    const touched = [...added, ...changed.map((c) => c.after)];
    const participants = [];
    const partyRows = [];
    const sourceRows = [];
    for (const event of touched) {
      const event_id = events(event.id) as number;
      const { participants: attendees, parties: sides, sources: cited } = event;
      for (let position = 0; position < attendees.length; position++) {
        participants.push({ event_id, person_id: people(attendees[position]) as number, position });
      }
      for (let position = 0; position < sides.length; position++) {
        partyRows.push({ event_id, party_id: parties(sides[position]) as number, position });
      }
      for (let position = 0; position < cited.length; position++) {
        sourceRows.push({ event_id, source_id: sources(cited[position]) as number, position });
      }
    }
    await this.insert('event_participants', participants, false);
    await this.insert('event_parties', partyRows, false);
    await this.insert('event_sources', sourceRows, false);
  }

  /**
   * Inserts the added items (with their allocated ids, when `ids` is given)
   * and updates the changed ones.
   */
  private async upsert<I extends { id: string }>(
    table: SluggedTable,
    processId: number,
    changes: CollectionChanges<I>,
    ids: IdOf | undefined,
    columns: (item: I) => object,
  ): Promise<void> {
    const rows = changes.added.map((item) => withKeys(columns(item), processId, ids?.(item.id)));
    await this.insert(table, rows);
    for (const { after } of changes.changed) {
      await this.db
        .updateTable(table)
        .set(columns(after) as never)
        .where('process_id', '=', processId)
        .where('slug', '=', after.id)
        .execute();
      this.tick(1);
    }
  }

  /**
   * Inserts rows in batches, reporting progress after each. A load that more
   * than doubles a large table rebuilds its indexes once instead of updating
   * them row by row.
   */
  private async insert(table: keyof Database, rows: readonly object[], counts = true) {
    const load = async () => {
      for (const batch of chunks(rows, PROGRESS_BATCH)) {
        await this.bulk.insert(table, batch);
        if (counts) this.tick(batch.length);
      }
    };
    if (rows.length < BULK_LOAD_ROWS) return load();
    const { n } = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (rows.length > Number(n)) await this.bulk.withoutIndexes(table, KEEP_INDEXES, load);
    else await load();
  }

  private async remove(table: SluggedTable, processId: number, slugs: readonly string[]) {
    for (const chunk of chunks(slugs, 1000)) {
      await this.db
        .deleteFrom(table)
        .where('process_id', '=', processId)
        .where('slug', 'in', chunk)
        .execute();
      this.tick(chunk.length);
    }
  }

  /** The slug → row id lookup of a table: the rows stored, plus fresh ids for `added`. */
  private async idsWithNew(
    table: 'sources' | 'parties' | 'people' | 'events',
    processId: number,
    added: readonly { id: string }[],
  ): Promise<IdOf> {
    const rows = await this.db
      .selectFrom(table)
      .select(['id', 'slug'])
      .where('process_id', '=', processId)
      .execute();
    const map = new Map(rows.map((row) => [row.slug, row.id]));
    const fresh = await this.bulk.allocateIds(table, added.length);
    for (const [i, item] of added.entries()) map.set(item.id, fresh[i] as number);
    return (slug) => {
      if (slug === undefined) return null;
      const id = map.get(slug);
      if (id === undefined)
        throw new Error(`${table} "${slug}" has no row (the record should have been checked)`);
      return id;
    };
  }

  private tick(count: number): void {
    this.done += count;
    this.progress(this.done, this.total);
  }
}

/**
 * Adds the process and, when allocated, the row id to a row built by a column
 * function. The row is fresh, so it is extended in place: copying rows with a
 * spread costs seconds on large imports.
 */
function withKeys(columns: object, processId: number, id?: number | null): object {
  const row = columns as Record<string, unknown>;
  row.process_id = processId;
  if (id !== undefined && id !== null) row.id = id;
  return row;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
