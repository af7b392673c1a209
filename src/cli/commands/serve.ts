/**
 * `concord serve`: the HTTP API on the chosen database, until interrupted.
 * Signed-in users read what their team in a process may see; everyone else
 * reads public material (see src/server/app.ts). On PostgreSQL it refuses
 * to start as a superuser or a BYPASSRLS role, which row-level security (the
 * second wall, migration 0006) would not restrict.
 */

import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InvalidError } from '../../core/errors.ts';
import { describeTeam } from '../../core/team.ts';
import { buildApp } from '../../server/app.ts';
import { webAppBuilt } from '../../server/static.ts';
import { AccountService } from '../../services/account-service.ts';
import { type DemoSetup, setUpDemo } from '../../services/demo-setup.ts';
import { openStore } from '../../store/open-store.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';
import { DEMO_SCENARIO } from './database.ts';

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
    .option(
      '--demo',
      'load the reference scenario if it is not there, and print a demo user of each team (passwords new at each start)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ concord serve --demo            # what `npm start` runs: open the printed URL\n  $ concord demo && concord serve --port 4321\n  $ curl http://127.0.0.1:4321/api/v1/processes',
    )
    .action(async (options: ServeOptions, command: Command) => {
      const context = CliContext.of(io, command);
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535)
        throw InvalidError.of(`--port: expected a port number (0–65535), got "${options.port}"`);
      const store = await openStore(context.storeConfig(true));
      // The second wall: on PostgreSQL, refuse a role that row-level security does not restrict.
      const problem = await store.rowSecurityProblem();
      if (problem !== undefined) {
        await store.close();
        throw InvalidError.of(`will not serve: ${problem}`);
      }
      const admin = await new AccountService(store, io.now).ensureAdmin();
      if (admin !== undefined)
        io.err(
          `First start: created the administrator "${admin.name}" with the one-time password ${admin.password}\n(it is not stored in clear and will not be shown again)\n`,
        );
      const demo =
        options.demo === true
          ? await setUpDemo(store, await readFile(DEMO_SCENARIO, 'utf8'), DEMO_SCENARIO, io.now)
          : undefined;
      const app = await buildApp(store, { log: options.log === true, now: io.now });
      const address = await app.listen({ port, host: options.host });
      if (webAppBuilt()) io.err(`Concord on ${address}/\n`);
      io.err(
        `Concord API on ${address}/api/v1 (OpenAPI: ${address}/api/openapi.json); ${store.location}\n`,
      );
      if (demo !== undefined) io.err(describeDemo(demo, address));
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await app.close();
      await store.close();
    });
}

interface ServeOptions {
  readonly port: string;
  readonly host: string;
  readonly log?: boolean;
  readonly demo?: boolean;
}

/** The demo's sign-ins, one line per team. */
function describeDemo(demo: DemoSetup, address: string): string {
  const width = Math.max(...demo.users.map((user) => user.name.length));
  return [
    '',
    `${demo.imported ? 'Loaded' : 'Using'} the reference scenario (process ${demo.process}).`,
    `Sign in at ${address}/sign-in as (passwords are new at each start):`,
    ...demo.users.map(
      (user) => `  ${user.name.padEnd(width)}  ${user.password}   ${describeTeam(user.team)}`,
    ),
    '',
  ].join('\n');
}
