/** Accounts: users, sessions and API tokens (stored as hashes), and team memberships per process. */

import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { idColumn as idColumnOf } from './id-column.ts';

export function accountsMigration(dialect: DialectName) {
  const idColumn = idColumnOf(dialect);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(db.schema.createTable('users'))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text')
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('disabled_at', 'bigint')
        .execute();

      // A session (cookie) or an API token: only the SHA-256 of the secret is kept.
      await idColumn(db.schema.createTable('sessions'))
        .addColumn('user_id', 'integer', (c) =>
          c.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('csrf_token', 'text')
        .addColumn('label', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      // One membership per user and process: the mediator team, a party's delegation, or the observers.
      await db.schema
        .createTable('team_members')
        .addColumn('process_id', 'integer', (c) =>
          c.notNull().references('processes.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'integer', (c) =>
          c.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('team', 'text', (c) => c.notNull())
        .addColumn('party_id', 'integer', (c) => c.references('parties.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('team_members_pk', ['process_id', 'user_id'])
        .execute();
    },
  };
}
