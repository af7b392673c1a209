/**
 * `concord serve`: the HTTP API on the chosen database, until interrupted.
 * Signed-in users read what their team in a process may see; everyone else
 * reads public material (see src/server/app.ts).
 */

import type { Command } from 'commander';
import { InvalidError } from '../../core/errors.ts';
import { buildApp } from '../../server/app.ts';
import { AccountService } from '../../services/account-service.ts';
import { openStore } from '../../store/open-store.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';

export const DEFAULT_PORT = 4321;

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      'run the HTTP API; on first start, creates an administrator and prints a one-time password',
    )
    .option('--port <n>', `the port (default ${DEFAULT_PORT})`, String(DEFAULT_PORT))
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .option(
      '--log',
      'log each request as a JSON line (method, route, status, time; never a query or body)',
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ concord demo && concord serve --port 4321\n  $ curl http://127.0.0.1:4321/api/v1/processes',
    )
    .action(async (options: { port: string; host: string; log?: boolean }, command: Command) => {
      const context = CliContext.of(io, command);
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535)
        throw InvalidError.of(`--port: expected a port number (0–65535), got "${options.port}"`);
      const store = await openStore(context.storeConfig(true));
      const admin = await new AccountService(store, io.now).ensureAdmin();
      if (admin !== undefined)
        io.err(
          `First start: created the administrator "${admin.name}" with the one-time password ${admin.password}\n(it is not stored in clear and will not be shown again)\n`,
        );
      const app = await buildApp(store, { log: options.log === true, now: io.now });
      const address = await app.listen({ port, host: options.host });
      io.err(
        `Concord API on ${address}/api/v1 (OpenAPI: ${address}/api/openapi.json); ${store.location}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await app.close();
      await store.close();
    });
}
