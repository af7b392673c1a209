/**
 * The one place that chooses the database: PostgreSQL when a URL is given
 * (DATABASE_URL), otherwise the embedded SQLite file.
 */

import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

export interface StoreConfig {
  /** PostgreSQL URL; wins over `file` when set. */
  readonly databaseUrl?: string;
  /** SQLite file path. */
  readonly file: string;
  /** Create the SQLite file if it is missing. */
  readonly create: boolean;
}

/** Opens the store `config` describes, with its schema migrated to the latest version. */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl !== undefined && config.databaseUrl !== '') {
    // Loaded on demand: the embedded default never pays for the PostgreSQL client.
    const { openPostgresStore } = await import('./postgres-store.ts');
    return openPostgresStore({ url: config.databaseUrl });
  }
  return openSqliteStore({ file: config.file, create: config.create });
}
