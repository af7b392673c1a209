/** The negotiation record: processes, sources, parties, people, appointments, events, statements. */

import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { idColumn as idColumnOf } from './id-column.ts';

export function recordMigration(dialect: DialectName) {
  /**
   * Surrogate key: SQLite's rowid alias (without AUTOINCREMENT, which costs a
   * write per insert and buys nothing here), or a PostgreSQL identity column.
   */
  const idColumn = idColumnOf(dialect);
  const owned = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('processes.id').onDelete('cascade');

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(db.schema.createTable('processes'))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('started', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();

      await idColumn(db.schema.createTable('sources'))
        .addColumn('process_id', 'integer', owned)
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('outlet', 'text')
        .addColumn('author', 'text')
        .addColumn('url', 'text')
        .addColumn('published', 'text')
        .addColumn('note', 'text')
        .addUniqueConstraint('sources_process_slug', ['process_id', 'slug'])
        .execute();

      await idColumn(db.schema.createTable('parties'))
        .addColumn('process_id', 'integer', owned)
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('short_name', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addUniqueConstraint('parties_process_slug', ['process_id', 'slug'])
        .execute();

      await idColumn(db.schema.createTable('people'))
        .addColumn('process_id', 'integer', owned)
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('aliases', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addUniqueConstraint('people_process_slug', ['process_id', 'slug'])
        .execute();

      await idColumn(db.schema.createTable('appointments'))
        .addColumn('process_id', 'integer', owned)
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
        .addColumn('party_id', 'integer', (c) => c.references('parties.id'))
        .addColumn('title', 'text')
        .addColumn('role', 'text')
        .addColumn('from_text', 'text', (c) => c.notNull())
        .addColumn('from_start', 'bigint', (c) => c.notNull())
        .addColumn('from_end', 'bigint', (c) => c.notNull())
        .addColumn('to_text', 'text')
        .addColumn('to_start', 'bigint')
        .addColumn('to_end', 'bigint')
        .addColumn('end_reason', 'text')
        .addColumn('replaced_by_id', 'integer', (c) => c.references('people.id'))
        .addColumn('end_note', 'text')
        .addColumn('end_source_id', 'integer', (c) => c.references('sources.id'))
        .addColumn('note', 'text')
        .addColumn('source_id', 'integer', (c) => c.references('sources.id'))
        .addUniqueConstraint('appointments_process_key', ['process_id', 'key'])
        .execute();
      await db.schema
        .createIndex('appointments_party_from')
        .on('appointments')
        .columns(['party_id', 'from_start'])
        .execute();
      await db.schema
        .createIndex('appointments_person')
        .on('appointments')
        .columns(['person_id', 'from_start'])
        .execute();
      // Foreign keys need an index on the referring side, or deleting the referred row scans the table.
      for (const column of ['replaced_by_id', 'source_id', 'end_source_id']) {
        await db.schema
          .createIndex(`appointments_${column}`)
          .on('appointments')
          .column(column)
          .execute();
      }
      await db.schema
        .createIndex('appointments_process_from')
        .on('appointments')
        .columns(['process_id', 'from_start'])
        .execute();

      await idColumn(db.schema.createTable('events'))
        .addColumn('process_id', 'integer', owned)
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('date_text', 'text', (c) => c.notNull())
        .addColumn('date_start', 'bigint', (c) => c.notNull())
        .addColumn('date_end', 'bigint', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('duration', 'text')
        .addColumn('led_by_id', 'integer', (c) => c.references('people.id'))
        .addColumn('outcome', 'text')
        .addColumn('description', 'text')
        // Checked at commit: an import writes an event and the one it follows up on in any order.
        .addColumn('follow_up_of_id', 'integer', (c) =>
          c.references('events.id').modifyEnd(sql`deferrable initially deferred`),
        )
        .addColumn('audience', 'text', (c) => c.notNull())
        .addUniqueConstraint('events_process_slug', ['process_id', 'slug'])
        .execute();
      await db.schema
        .createIndex('events_timeline')
        .on('events')
        .columns(['process_id', 'date_start', 'date_end', 'slug'])
        .execute();
      // For "upcoming" and "from" filters, which bound the end of an event's window.
      await db.schema
        .createIndex('events_ending')
        .on('events')
        .columns(['process_id', 'date_end'])
        .execute();
      await db.schema.createIndex('events_led_by').on('events').column('led_by_id').execute();
      await db.schema
        .createIndex('events_follow_up_of')
        .on('events')
        .column('follow_up_of_id')
        .execute();

      const link = (table: string, column: string, target: string) =>
        db.schema
          .createTable(table)
          .addColumn('event_id', 'integer', (c) =>
            c.notNull().references('events.id').onDelete('cascade'),
          )
          .addColumn(column, 'integer', (c) => c.notNull().references(`${target}.id`))
          .addColumn('position', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, ['event_id', column])
          // On SQLite the primary key is the table itself: one B-tree fewer per row.
          .$call((builder) =>
            dialect === 'sqlite' ? builder.modifyEnd(sql`without rowid`) : builder,
          )
          .execute();
      await link('event_participants', 'person_id', 'people');
      await link('event_parties', 'party_id', 'parties');
      await link('event_sources', 'source_id', 'sources');
      await db.schema
        .createIndex('event_participants_person')
        .on('event_participants')
        .columns(['person_id', 'event_id'])
        .execute();
      await db.schema
        .createIndex('event_parties_party')
        .on('event_parties')
        .columns(['party_id', 'event_id'])
        .execute();
      await db.schema
        .createIndex('event_sources_source')
        .on('event_sources')
        .columns(['source_id', 'event_id'])
        .execute();

      await idColumn(db.schema.createTable('statements'))
        .addColumn('process_id', 'integer', owned)
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('explicit_slug', 'integer', (c) => c.notNull())
        .addColumn('speaker_id', 'integer', (c) => c.references('people.id'))
        .addColumn('party_id', 'integer', (c) => c.references('parties.id'))
        .addColumn('date_text', 'text', (c) => c.notNull())
        .addColumn('date_start', 'bigint', (c) => c.notNull())
        .addColumn('date_end', 'bigint', (c) => c.notNull())
        .addColumn('event_id', 'integer', (c) => c.references('events.id'))
        .addColumn('form', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('topics', 'text', (c) => c.notNull())
        .addColumn('channel', 'text')
        .addColumn('source_id', 'integer', (c) => c.references('sources.id'))
        .addUniqueConstraint('statements_process_slug', ['process_id', 'slug'])
        .execute();
      await db.schema
        .createIndex('statements_process_date')
        .on('statements')
        .columns(['process_id', 'date_start'])
        .execute();
      await db.schema
        .createIndex('statements_speaker_date')
        .on('statements')
        .columns(['speaker_id', 'date_start'])
        .execute();
      await db.schema
        .createIndex('statements_party_date')
        .on('statements')
        .columns(['party_id', 'date_start'])
        .execute();
      await db.schema.createIndex('statements_event').on('statements').column('event_id').execute();
      await db.schema
        .createIndex('statements_source')
        .on('statements')
        .column('source_id')
        .execute();
    },
  };
}
