/**
 * What every command needs: the global options, the store they choose, the
 * service on top of it, and printing in text or JSON.
 */

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { OPERATOR, PUBLIC_VIEWER, type Viewer } from '../core/audience.ts';
import { NotFoundError } from '../core/errors.ts';
import type { PartyId } from '../core/ids.ts';
import type { Process } from '../core/process.ts';
import { toJson } from '../io/json-output.ts';
import { RecordService } from '../services/record-service.ts';
import { openStore, type StoreConfig } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import type { CliIo } from './io.ts';

export const DEFAULT_DB_FILE = 'concord.db';

export interface GlobalOptions {
  readonly db?: string;
  readonly json?: boolean;
  readonly process?: string;
  /** Show public material only, as an observer would see it. */
  readonly public?: boolean;
  /** See as `public`, `mediator` or a party's delegation would. */
  readonly as?: string;
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
      return await work(new RecordService(store, this.viewer()), store);
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

  /** Runs `work` with the store and the process named by --process (or the only one). */
  withStore<T>(work: (store: Store, process: Process, viewer: Viewer) => Promise<T>): Promise<T> {
    return this.withService(async (service, store) => {
      const process = await service.resolveProcess(this.options.process);
      const viewer = this.viewer();
      if (viewer.kind === 'party') {
        const parties = await store.repositories.record.listParties(process.id);
        if (!parties.some((party) => party.id === viewer.party)) {
          throw new NotFoundError(
            'party',
            viewer.party,
            `--as takes public, mediator or a party: ${parties.map((p) => p.id).join(', ')}`,
          );
        }
      }
      return work(store, process, viewer);
    });
  }

  /** Who is looking: --as public|mediator|PARTY (or --public), else the operator, who sees everything. */
  viewer(): Viewer {
    const as = this.options.as ?? (this.options.public ? 'public' : undefined);
    if (as === undefined) return OPERATOR;
    if (as === 'public') return PUBLIC_VIEWER;
    if (as === 'mediator') return { kind: 'mediator' };
    return { kind: 'party', party: as as PartyId };
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
