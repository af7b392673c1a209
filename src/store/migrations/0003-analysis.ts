/** The analysis: negotiable issues and the parties' preference profiles. */

import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { idColumn as idColumnOf } from './id-column.ts';

export function analysisMigration(dialect: DialectName) {
  const idColumn = idColumnOf(dialect);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // An issue's options, range and link are one small document: kept as JSON.
      await idColumn(db.schema.createTable('analysis_issues'))
        .addColumn('process_id', 'integer', (c) =>
          c.notNull().references('processes.id').onDelete('cascade'),
        )
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addUniqueConstraint('analysis_issues_process_slug', ['process_id', 'slug'])
        .execute();

      // One profile per party; the audience is a column so that access rules can filter on it.
      await idColumn(db.schema.createTable('profiles'))
        .addColumn('process_id', 'integer', (c) =>
          c.notNull().references('processes.id').onDelete('cascade'),
        )
        .addColumn('party_id', 'integer', (c) => c.notNull().references('parties.id'))
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addUniqueConstraint('profiles_process_party', ['process_id', 'party_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('profiles').execute();
      await db.schema.dropTable('analysis_issues').execute();
    },
  };
}
