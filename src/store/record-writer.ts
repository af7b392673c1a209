/**
 * Applies a `RecordChanges` (the difference between the stored record and the
 * imported one) to the tables, inside the caller's transaction. Order matters
 * for foreign keys: items that refer to removed ones go first, then inserts and
 * updates in dependency order, then the removed targets themselves.
 */

import { type Insertable, type Kysely, sql } from 'kysely';
import type { NegotiationEvent } from '../core/negotiation-event.ts';
import { countChanges, type ProcessRecord, type RecordChanges } from '../core/process-record.ts';
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

/** Reports progress as rows written out of rows to write. */
export type Progress = (done: number, total: number) => void;

/** Most bound parameters one statement may carry (SQLite allows 32,766; PostgreSQL 65,535). */
const MAX_PARAMETERS = 30_000;

type SluggedTable = 'sources' | 'parties' | 'people' | 'events' | 'statements';

export class RecordWriter {
  private done = 0;
  private readonly total: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly changes: RecordChanges,
    private readonly progress: Progress = () => {},
  ) {
    this.total = countChanges(changes);
  }

  /** Writes the changes; `after` is the record as it must be once they are applied. */
  async apply(after: ProcessRecord): Promise<void> {
    const { changes } = this;
    const processId = await this.writeProcess(after);

    await this.remove(
      'statements',
      processId,
      changes.statements.removed.map((s) => s.id),
    );
    await this.remove(
      'events',
      processId,
      changes.events.removed.map((e) => e.id),
    );
    await this.removeAppointments(
      processId,
      changes.appointments.removed.map((a) => a.key),
    );

    await this.upsert(
      'sources',
      processId,
      changes.sources.added,
      changes.sources.changed,
      sourceColumns,
    );
    const sources = await this.ids('sources', processId);
    await this.upsert(
      'parties',
      processId,
      changes.parties.added,
      changes.parties.changed,
      partyColumns,
    );
    const parties = await this.ids('parties', processId);
    await this.upsert(
      'people',
      processId,
      changes.people.added,
      changes.people.changed,
      personColumns,
    );
    const people = await this.ids('people', processId);

    const appointment = (a: (typeof changes.appointments.added)[number]) =>
      appointmentColumns(a, people, parties, sources);
    await this.insert(
      'appointments',
      changes.appointments.added.map((a) => ({ process_id: processId, ...appointment(a) })),
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

    const events = await this.writeEvents(processId, people, parties, sources);
    const statement = (s: (typeof changes.statements.added)[number]) =>
      statementColumns(s, people, parties, events, sources);
    await this.upsert(
      'statements',
      processId,
      changes.statements.added,
      changes.statements.changed,
      statement,
    );

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
      const row = await this.db
        .insertInto('processes')
        .values(columns)
        .returning('id')
        .executeTakeFirstOrThrow();
      this.tick(1);
      return row.id;
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

  /** Writes events and their lists; returns the event slug → row id lookup. */
  private async writeEvents(
    processId: number,
    people: IdOf,
    parties: IdOf,
    sources: IdOf,
  ): Promise<IdOf> {
    const { added, changed } = this.changes.events;
    await this.upsert('events', processId, added, changed, (event) => eventColumns(event, people));
    const events = await this.ids('events', processId);
    const touched = [...added, ...changed.map((c) => c.after)];

    // Follow-ups refer to events that may have been inserted in the same batch, so they are set
    // afterwards, many rows per statement: new events that follow up on another, and every changed one.
    const followUps = [
      ...added.filter((event) => event.followUpOf !== undefined),
      ...changed.map((c) => c.after),
    ];
    for (const chunk of chunks(followUps, 500)) {
      const cases = chunk.map(
        (event) => sql`when ${events(event.id)} then ${events(event.followUpOf)}`,
      );
      await sql`update events set follow_up_of_id = (case id ${sql.join(cases, sql` `)} end)
        where id in (${sql.join(chunk.map((event) => events(event.id)))})`.execute(this.db);
    }

    const changedIds = changed.map((c) => events(c.after.id) as number);
    for (const chunk of chunks(changedIds, 1000)) {
      for (const table of ['event_participants', 'event_parties', 'event_sources'] as const) {
        await this.db.deleteFrom(table).where('event_id', 'in', chunk).execute();
      }
    }
    const rowsOf = (list: (event: NegotiationEvent) => readonly string[], idOf: IdOf) =>
      touched.flatMap((event) => {
        const eventId = events(event.id) as number;
        return list(event).map((slug, position) => ({
          event_id: eventId,
          target: idOf(slug) as number,
          position,
        }));
      });
    const participants = rowsOf((e) => e.participants, people);
    await this.insert(
      'event_participants',
      participants.map(({ target, ...row }) => ({ ...row, person_id: target })),
      false,
    );
    const partyRows = rowsOf((e) => e.parties, parties);
    await this.insert(
      'event_parties',
      partyRows.map(({ target, ...row }) => ({ ...row, party_id: target })),
      false,
    );
    const sourceRows = rowsOf((e) => e.sources, sources);
    await this.insert(
      'event_sources',
      sourceRows.map(({ target, ...row }) => ({ ...row, source_id: target })),
      false,
    );
    return events;
  }

  private async upsert<T extends SluggedTable, I extends { id: string }>(
    table: T,
    processId: number,
    added: readonly I[],
    changed: readonly { after: I }[],
    columns: (item: I) => Omit<Insertable<Database[T]>, 'process_id'>,
  ): Promise<void> {
    const rows = added.map((item) => ({ process_id: processId, ...columns(item) }));
    await this.insert(table, rows as unknown as Insertable<Database[T]>[]);
    for (const { after } of changed) {
      await this.db
        .updateTable(table as SluggedTable)
        .set(columns(after) as never)
        .where('process_id', '=', processId)
        .where('slug', '=', after.id)
        .execute();
      this.tick(1);
    }
  }

  /** Inserts rows in chunks that stay under the bound-parameter limit. */
  private async insert<T extends keyof Database>(
    table: T,
    rows: readonly Insertable<Database[T]>[],
    counts = true,
  ): Promise<void> {
    if (rows.length === 0) return;
    const width = Object.keys(rows[0] as object).length;
    for (const chunk of chunks(rows, Math.max(1, Math.floor(MAX_PARAMETERS / width)))) {
      await this.db
        .insertInto(table)
        .values(chunk as never)
        .execute();
      if (counts) this.tick(chunk.length);
    }
  }

  private async remove(
    table: SluggedTable,
    processId: number,
    slugs: readonly string[],
  ): Promise<void> {
    for (const chunk of chunks(slugs, 1000)) {
      await this.db
        .deleteFrom(table)
        .where('process_id', '=', processId)
        .where('slug', 'in', chunk)
        .execute();
      this.tick(chunk.length);
    }
  }

  private async removeAppointments(processId: number, keys: readonly string[]): Promise<void> {
    for (const chunk of chunks(keys, 1000)) {
      await this.db
        .deleteFrom('appointments')
        .where('process_id', '=', processId)
        .where('key', 'in', chunk)
        .execute();
      this.tick(chunk.length);
    }
  }

  /** The slug → row id lookup of a table, for the process. */
  private async ids(table: SluggedTable, processId: number): Promise<IdOf> {
    const rows = await this.db
      .selectFrom(table)
      .select(['id', 'slug'])
      .where('process_id', '=', processId)
      .execute();
    const map = new Map(rows.map((row) => [row.slug, row.id]));
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

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
