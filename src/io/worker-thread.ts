/**
 * Starting a worker thread from Concord's TypeScript sources.
 *
 * Concord runs its sources through tsx, and in Node 20 the loader hooks of
 * the main thread (`--import tsx` or `register()` from bin/concord.js) do not
 * reach a worker's entry module. So, when the entry is a `.ts` file, the
 * worker starts from a two-line bootstrap (`eval`) that registers tsx and
 * then imports the entry; a compiled `.js` entry is started directly.
 */

import { Worker } from 'node:worker_threads';

/** Starts the worker whose entry module is `entry` (a `.ts` or `.js` URL), with `workerData`. */
export function startWorker(entry: URL, workerData?: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, execArgv: withoutTsx() });
}

/** The URL of the sibling module `name` (without extension) in the same form as `base` (`.ts` or `.js`). */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}.${base.endsWith('.ts') ? 'ts' : 'js'}`, base);
}

/**
 * This process's Node options minus `--import tsx`, which the bootstrap does
 * itself, and minus the heap sizes, which a worker may not be given (it
 * shares the process's heap limit).
 */
function withoutTsx(): string[] {
  const args = process.execArgv;
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--import' && args[i + 1] === 'tsx') i++;
    else if (args[i] !== '--import=tsx' && !/^--max-(old|semi)-space-size/.test(args[i] as string))
      kept.push(args[i] as string);
  }
  return kept;
}
