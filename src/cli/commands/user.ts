/** `concord user add|disable|token` and `concord team add-member`: accounts for the server. */

import type { Command } from 'commander';
import { InvalidError } from '../../core/errors.ts';
import { describeTeam, parseTeam, TEAM_ROLES, type TeamRole } from '../../core/team.ts';
import { AccountService } from '../../services/account-service.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';

export function registerUserCommands(program: Command, io: CliIo): void {
  const user = program.command('user').description('accounts that sign in to the server');

  user
    .command('add')
    .description('add a user; prints a generated password once')
    .argument('<name>', 'the sign-in name (lower-case letters, digits, hyphens)')
    .option('--display-name <text>', 'the name shown')
    .option('--admin', 'may manage accounts')
    .addHelpText('after', '\nExample:\n  $ concord user add olena --display-name "Olena K."')
    .action(
      async (
        name: string,
        options: { displayName?: string; admin?: boolean },
        command: Command,
      ) => {
        const context = CliContext.of(io, command);
        await context.withService(async (_service, store) => {
          const created = await new AccountService(store, io.now).addUser(name, {
            ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
            admin: options.admin === true,
          });
          context.print(
            created,
            (c) => `Added user "${c.name}". Password (shown once): ${c.password}\n`,
          );
        }, true);
      },
    );

  user
    .command('disable')
    .description('disable a user: their sessions and tokens stop working at once')
    .argument('<name>')
    .addHelpText('after', '\nExample:\n  $ concord user disable olena')
    .action(async (name: string, _options: unknown, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withService(async (_service, store) => {
        await new AccountService(store, io.now).disableUser(name);
        context.print(
          { disabled: name },
          () => `Disabled "${name}" and revoked their sessions and tokens.\n`,
        );
      });
    });

  user
    .command('token')
    .description('create an API token for scripts (Authorization: Bearer …); printed once')
    .argument('<name>')
    .requiredOption('--label <text>', 'what the token is for')
    .addHelpText('after', '\nExample:\n  $ concord user token olena --label "nightly export"')
    .action(async (name: string, options: { label: string }, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withService(async (_service, store) => {
        const token = await new AccountService(store, io.now).createToken(name, options.label);
        context.print({ user: name, token }, () => `Token for "${name}" (shown once): ${token}\n`);
      });
    });

  program
    .command('team')
    .description('teams of a process: the mediator team, each party’s delegation, observers')
    .command('add-member')
    .description('put a user in a team of the process (replacing any team they were in there)')
    .requiredOption('--user <name>', 'the user')
    .requiredOption('--team <team>', 'mediator, observers, or a party slug (its delegation)')
    .option('--role <role>', TEAM_ROLES.join(', '), 'member')
    .addHelpText(
      'after',
      '\nExample:\n  $ concord team add-member --user olena --team ukraine --role lead',
    )
    .action(async (options: { user: string; team: string; role: string }, command: Command) => {
      const context = CliContext.of(io, command);
      if (!(TEAM_ROLES as readonly string[]).includes(options.role))
        throw InvalidError.of(`--role: "${options.role}" is not one of: ${TEAM_ROLES.join(', ')}`);
      const team = parseTeam(options.team);
      await context.withStore(async (store, process) => {
        await new AccountService(store, io.now).addMember(
          process.id,
          options.user,
          team,
          options.role as TeamRole,
        );
        context.print(
          { process: process.id, user: options.user, team, role: options.role },
          () =>
            `"${options.user}" is now a ${options.role} of ${describeTeam(team)} in ${process.id}.\n`,
        );
      });
    });
}
