/**
 * Every schema migration, in order. Add a migration as a new numbered file and
 * list it here; never edit one that has shipped.
 */

import type { Migration, MigrationProvider } from 'kysely';
import type { DialectName } from '../database.ts';
import { recordMigration } from './0001-record.ts';
import { textsMigration } from './0002-texts.ts';
import { analysisMigration } from './0003-analysis.ts';
import { accountsMigration } from './0004-accounts.ts';
import { auditMigration } from './0005-audit.ts';
import { rowSecurityMigration } from './0006-row-security.ts';
import { dashboardIndexesMigration } from './0007-dashboard-indexes.ts';
import { timelineIndexMigration } from './0008-timeline-index.ts';

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '0001-record': recordMigration(dialect),
        '0002-texts': textsMigration(dialect),
        '0003-analysis': analysisMigration(dialect),
        '0004-accounts': accountsMigration(dialect),
        '0005-audit': auditMigration(),
        '0006-row-security': rowSecurityMigration(dialect),
        '0007-dashboard-indexes': dashboardIndexesMigration(),
        '0008-timeline-index': timelineIndexMigration(),
      };
    },
  };
}
