/** `concord import FILE` and `concord export [PROCESS]`: scenario files in and out. */

import { open, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { InvalidError, NotFoundError } from '../../core/errors.ts';
import { RECORD_COLLECTIONS } from '../../core/process-record.ts';
import { DEFAULT_YAML_LIMITS } from '../../io/yaml-load.ts';
import type { ImportReport } from '../../services/record-service.ts';
import { CliContext } from '../context.ts';
import type { CliIo } from '../io.ts';
import { integerOption } from '../options.ts';
import { progressBar } from '../progress.ts';

/** One line per import: what changed, by collection. */
export function describeImport(report: ImportReport, what: string): string {
  const verb = report.dryRun ? 'Would import' : 'Imported';
  if (report.total === 0)
    return `${what}: no changes; process "${report.process}" is already up to date.\n`;
  const parts = RECORD_COLLECTIONS.flatMap((name) => {
    const c = report.collections[name];
    const bits = [
      c.added && `+${c.added}`,
      c.changed && `~${c.changed}`,
      c.removed && `-${c.removed}`,
    ].filter(Boolean);
    return bits.length === 0 ? [] : [`${name} ${bits.join(' ')}`];
  });
  const process =
    report.processChange === 'added'
      ? 'new process'
      : report.processChange === 'changed'
        ? 'process details changed'
        : '';
  const summary = [process, ...parts].filter(Boolean).join(', ');
  return `${verb} ${what} into process "${report.process}": ${report.total.toLocaleString('en')} changes (${summary}).\n`;
}

export function registerScenarioCommands(program: Command, io: CliIo): void {
  program
    .command('import')
    .description(
      'import a scenario file (YAML or JSON): creates the process or applies exactly the edits',
    )
    .argument('<file>', 'scenario file (see docs/scenario-format.md)')
    .option('--dry-run', 'report what would change without writing anything')
    .option(
      '--max-size <MiB>',
      'largest file accepted, in MiB',
      integerOption('--max-size', 1, 4096),
      DEFAULT_YAML_LIMITS.maxBytes / 2 ** 20,
    )
    .addHelpText(
      'after',
      '\nThe whole file is checked first; if anything is wrong, every problem is listed with its line and nothing is written.\n' +
        'Importing the same file again changes nothing; items missing from the file are removed from the process.\n\n' +
        'Example:\n  $ concord import examples/ukraine-talks-2025.yaml --dry-run',
    )
    .action(
      async (file: string, options: { dryRun?: boolean; maxSize: number }, command: Command) => {
        const context = CliContext.of(io, command);
        const maxBytes = options.maxSize * 2 ** 20;
        const text = await readLimited(file, maxBytes);
        if (text.length > 1_000_000)
          io.err(`Reading ${file} (${(text.length / 2 ** 20).toFixed(1)} MiB)…\n`);
        await context.withService(async (service) => {
          const report = await service.importScenario(text, file, {
            dryRun: options.dryRun === true,
            limits: { ...DEFAULT_YAML_LIMITS, maxBytes },
            onProgress: progressBar(io, 'Writing'),
          });
          context.print(report, (r) => describeImport(r, file));
        }, true);
      },
    );

  program
    .command('export')
    .description('write a process as a scenario file (to standard output, or to --output)')
    .argument('[process]', 'process slug (default: the only process in the database)')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .addHelpText(
      'after',
      '\nWith --public, only public material is exported, as an observer would see it.\n\nExample:\n  $ concord export ukraine-talks-2025 -o talks.yaml',
    )
    .action(async (slug: string | undefined, options: { output?: string }, command: Command) => {
      const context = CliContext.of(io, command);
      await context.withProcess(async (service, process) => {
        const text = await service.exportScenario(process.id);
        if (options.output === undefined) io.out(text);
        else {
          await writeAtomically(options.output, text);
          io.err(`Wrote process "${process.id}" to ${options.output}\n`);
        }
      }, slug ?? context.options.process);
    });
}

/** Reads a file, refusing it before reading if it is larger than `maxBytes`. */
export async function readLimited(file: string, maxBytes: number): Promise<string> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new NotFoundError('file', file);
  }
  if (size > maxBytes) {
    throw InvalidError.of(
      `${file} is ${(size / 2 ** 20).toFixed(1)} MiB; the limit is ${maxBytes / 2 ** 20} MiB (raise it with --max-size)`,
    );
  }
  const handle = await open(file, 'r');
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
}
