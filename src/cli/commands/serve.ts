/**
 * `concord serve`: the HTTP API on the chosen database, until interrupted.
 * Until sign-in exists it serves public material only (see src/server/app.ts).
 */

import type { Command } from 'commander';
import { InvalidError } from '../../core/errors.ts';
import { buildApp } from '../../server/app.ts';
import { openStore } from '../../store/open-store.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';

export const DEFAULT_PORT = 4321;

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the HTTP API (public material only until sign-in exists)')
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
