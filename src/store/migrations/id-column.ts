/** An integer primary key `id` that the database assigns: an identity column on PostgreSQL, the rowid on SQLite. */

import type { CreateTableBuilder } from 'kysely';
import type { DialectName } from '../database.ts';

export function idColumn(dialect: DialectName) {
  return <T extends string>(table: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey());
}
