/** Negotiating texts, their versions and provisions, and the parties' positions on them. */

import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { idColumn as idColumnOf } from './id-column.ts';

export function textsMigration(dialect: DialectName) {
  const idColumn = idColumnOf(dialect);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(db.schema.createTable('texts'))
        .addColumn('process_id', 'integer', (c) =>
          c.notNull().references('processes.id').onDelete('cascade'),
        )
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addUniqueConstraint('texts_process_slug', ['process_id', 'slug'])
        .execute();

      await idColumn(db.schema.createTable('text_versions'))
        .addColumn('text_id', 'integer', (c) =>
          c.notNull().references('texts.id').onDelete('cascade'),
        )
        .addColumn('slug', 'text', (c) => c.notNull())
        /** Order of the version in its text (oldest first). */
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('date_text', 'text')
        .addColumn('date_start', 'bigint')
        .addColumn('date_end', 'bigint')
        .addColumn('proposed_by_id', 'integer', (c) => c.references('parties.id'))
        .addColumn('proposed_by_person_id', 'integer', (c) => c.references('people.id'))
        .addColumn('derived_from_id', 'integer', (c) =>
          c.references('text_versions.id').modifyEnd(sql`deferrable initially deferred`),
        )
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('source_id', 'integer', (c) => c.references('sources.id'))
        .addColumn('note', 'text')
        .addUniqueConstraint('text_versions_text_slug', ['text_id', 'slug'])
        .execute();
      await db.schema
        .createIndex('text_versions_derived_from')
        .on('text_versions')
        .column('derived_from_id')
        .execute();

      await db.schema
        .createTable('version_circulation')
        .addColumn('version_id', 'integer', (c) =>
          c.notNull().references('text_versions.id').onDelete('cascade'),
        )
        .addColumn('party_id', 'integer', (c) => c.notNull().references('parties.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('version_circulation_pk', ['version_id', 'party_id'])
        .execute();
      await db.schema
        .createIndex('version_circulation_party')
        .on('version_circulation')
        .column('party_id')
        .execute();

      // A version's provisions, one row each, in document order (`ordinal`), the tree kept as
      // each row's parent key. Alternatives and lineage are small lists, kept as JSON.
      await idColumn(db.schema.createTable('provisions'))
        .addColumn('version_id', 'integer', (c) =>
          c.notNull().references('text_versions.id').onDelete('cascade'),
        )
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('parent_key', 'text')
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('style', 'text', (c) => c.notNull())
        .addColumn('heading', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('alternatives', 'text')
        .addColumn('proposed', 'text')
        .addColumn('lineage', 'text')
        .addColumn('note', 'text')
        .addUniqueConstraint('provisions_version_key', ['version_id', 'key'])
        .execute();

      // Positions are only ever inserted. A position names a provision of a version, so the
      // provision cannot be removed from that version while positions on it exist.
      await idColumn(db.schema.createTable('positions'))
        .addColumn('process_id', 'integer', (c) =>
          c.notNull().references('processes.id').onDelete('cascade'),
        )
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('version_id', 'integer', (c) => c.notNull())
        .addColumn('provision_key', 'text', (c) => c.notNull())
        .addColumn('party_id', 'integer', (c) => c.notNull().references('parties.id'))
        .addColumn('stance', 'text', (c) => c.notNull())
        .addColumn('wording', 'text')
        .addColumn('alternative', 'text')
        .addColumn('note', 'text')
        .addColumn('author', 'text')
        .addColumn('recorded_text', 'text', (c) => c.notNull())
        .addColumn('recorded_start', 'bigint', (c) => c.notNull())
        .addColumn('recorded_end', 'bigint', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('source_id', 'integer', (c) => c.references('sources.id'))
        .addUniqueConstraint('positions_process_key', ['process_id', 'key'])
        .addForeignKeyConstraint(
          'positions_provision',
          ['version_id', 'provision_key'],
          'provisions',
          ['version_id', 'key'],
        )
        .execute();
      await db.schema
        .createIndex('positions_version_provision')
        .on('positions')
        .columns(['version_id', 'provision_key', 'party_id', 'recorded_start'])
        .execute();
      await db.schema
        .createIndex('positions_party')
        .on('positions')
        .columns(['party_id', 'recorded_start'])
        .execute();
      await db.schema.createIndex('positions_source').on('positions').column('source_id').execute();
    },
  };
}
