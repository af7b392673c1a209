/**
 * What every command needs: the global options, the store they choose, the
 * service on top of it, and printing in text or JSON.
 */

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { OPERATOR, PUBLIC_VIEWER } from '../core/audience.ts';
import type { Process } from '../core/process.ts';
import { RecordService } from '../services/record-service.ts';
import { openStore, type StoreConfig } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import type { CliIo } from './io.ts';
import { toJson } from './output.ts';

export const DEFAULT_DB_FILE = 'concord.db';

export interface GlobalOptions {
  readonly db?: string;
  readonly json?: boolean;
  readonly process?: string;
  /** Show public material only, as an observer would see it. */
  readonly public?: boolean;
}

export class CliContext {
  constructor(
    readonly io: CliIo,
    readonly options: GlobalOptions,
  ) {}

  /** The context of the command being run: the shared I/O plus its options and its parents'. */
  static of(io: CliIo, command: Command): CliContext {
    return new CliContext(io, command.optsWithGlobals<GlobalOptions>());
  }

  /**
   * The store chosen by `--db` (a file, or a postgres:// URL), else CONCORD_DB,
   * else DATABASE_URL, else ./concord.db.
   */
  storeConfig(create: boolean): StoreConfig {
    const { env, cwd } = this.io;
    const chosen = this.options.db ?? env.CONCORD_DB;
    if (chosen !== undefined && /^postgres(ql)?:\/\//.test(chosen))
      return { databaseUrl: chosen, file: '', create };
    if (chosen !== undefined) return { file: resolve(cwd, chosen), create };
    if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL, file: '', create };
    return { file: resolve(cwd, DEFAULT_DB_FILE), create };
  }

  /** Opens the store, runs `work` with the record service, and closes the store whatever happens. */
  async withService<T>(
    work: (service: RecordService, store: Store) => Promise<T>,
    create = false,
  ): Promise<T> {
    const store = await openStore(this.storeConfig(create));
    try {
      return await work(
        new RecordService(store, this.options.public ? PUBLIC_VIEWER : OPERATOR),
        store,
      );
    } finally {
      await store.close();
    }
  }

  /** Runs `work` on the process named by --process (or the only one in the store). */
  withProcess<T>(
    work: (service: RecordService, process: Process) => Promise<T>,
    slug = this.options.process,
  ): Promise<T> {
    return this.withService(async (service) => work(service, await service.resolveProcess(slug)));
  }

  /** Prints `data` as JSON with --json, otherwise the text `render` gives. */
  print<T>(data: T, render: (data: T) => string): void {
    this.io.out(this.options.json ? toJson(data) : render(data));
  }

  /** The current time, from the injected clock. */
  now(): number {
    return this.io.now();
  }
}
