/** `concord audit log|checkpoint|verify`: the tamper-evident history of a process. */

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { ConflictError, InvalidError } from '../../core/errors.ts';
import type { ProcessId } from '../../core/ids.ts';
import { AuditService, type Verification, verification } from '../../services/audit-service.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';
import { table } from '../output.ts';
import { readLimited, writeAtomically } from './scenario.ts';

const checkpointSchema = z.object({
  process: z.string(),
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.number(),
  publicKey: z.string(),
  signature: z.string(),
});

const hash = z.string().regex(/^[0-9a-f]{64}$/);
/** A reader's view of the chain, as `GET /api/v1/processes/:process/audit` gives it. */
const viewSchema = z.object({
  process: z.string(),
  entries: z.array(
    z.union([
      z.object({ seq: z.number(), prev: hash, hash, hidden: z.literal(true) }).strict(),
      z
        .object({
          seq: z.number(),
          at: z.number(),
          actor: z.string(),
          object: z.string(),
          operation: z.string(),
          before: z.string().optional(),
          after: z.string().optional(),
          prev: hash,
          hash,
        })
        .strict(),
    ]),
  ),
});

/** Reads a JSON file of at most `limit` bytes that `schema` must accept; `what` names it in errors. */
async function readJson<T>(
  io: CliIo,
  file: string,
  limit: number,
  schema: z.ZodType<T>,
  what: string,
): Promise<T> {
  const text = await readLimited(resolve(io.cwd, file), limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw InvalidError.of(`${file}: not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw InvalidError.of(`${file}: not ${what}`);
  return parsed.data;
}

export function registerAuditCommands(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('the tamper-evident history of a process');

  audit
    .command('log')
    .description('the history: who changed what, when (digests only)')
    .addHelpText('after', '\nExample:\n  $ concord audit log --json')
    .action(async (_options: unknown, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withStore(async (store, process) => {
        const entries = await new AuditService(store, io.now).entries(process.id);
        context.print(entries, (list) =>
          table(
            ['#', 'when (UTC)', 'who', 'operation', 'object', 'hash'],
            list.map((e) => [
              String(e.seq),
              new Date(e.at).toISOString().slice(0, 19),
              e.actor,
              e.operation,
              e.object,
              `${e.hash.slice(0, 12)}…`,
            ]),
          ),
        );
      });
    });

  audit
    .command('checkpoint')
    .description('a signed checkpoint of the history, to keep and verify against later')
    .option('-o, --output <file>', 'write it to a file (default: standard output)')
    .addHelpText('after', '\nExample:\n  $ concord audit checkpoint -o checkpoint.json')
    .action(async (options: { output?: string }, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withStore(async (store, process) => {
        const checkpoint = await new AuditService(store, io.now).checkpoint(process.id);
        const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
        if (options.output === undefined) io.out(text);
        else {
          await writeAtomically(resolve(io.cwd, options.output), text);
          io.err(`Wrote the checkpoint of entry ${checkpoint.seq} to ${options.output}\n`);
        }
      });
    });

  audit
    .command('verify')
    .description(
      'check that no entry was changed, removed or reordered (and, against a checkpoint, none cut off)',
    )
    .option('--against <file>', 'a checkpoint kept earlier')
    .option(
      '--view <file>',
      'verify a history downloaded from the server (GET …/audit) instead of the database',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ concord audit verify --against checkpoint.json\n  $ concord audit verify --view history.json --against checkpoint.json',
    )
    .action(async (options: { against?: string; view?: string }, command: Command) => {
      const context = CliContext.of(io, command);
      const against =
        options.against === undefined
          ? undefined
          : await readJson(io, options.against, 2 ** 20, checkpointSchema, 'a Concord checkpoint');
      const report = (result: Verification) => {
        context.print(result, (r) =>
          r.ok
            ? `The history of ${r.process} is intact: ${r.entries} entries${r.against ? `, matching the checkpoint of entry ${r.against.seq}` : ''}.\n`
            : `The history of ${r.process} was TAMPERED WITH:\n${r.problems.map((p) => `  entry ${p.seq}: ${p.message}`).join('\n')}\n`,
        );
        if (!result.ok) throw new ConflictError(`the history of ${result.process} does not verify`);
      };
      if (options.view !== undefined) {
        const view = await readJson(io, options.view, 2 ** 28, viewSchema, 'a Concord history');
        report(verification(view.process as ProcessId, view.entries, against));
        return;
      }
      await context.withStore(async (store, process) => {
        report(await new AuditService(store, io.now).verify(process.id, against));
      });
    });
}
