/**
 * A worker thread of `runSensitivity`: runs one contiguous range of samples
 * (its `workerData`, a `SensitivityTask`), posts `{ kind: 'progress' }` every
 * `PROGRESS_EVERY` samples and then `{ kind: 'done' }` with its tally (the
 * utility arrays transferred, not copied), or `{ kind: 'error' }`.
 *
 * Started by sensitivity-runner.ts, which registers tsx in the thread first
 * when running from the TypeScript sources.
 */

import { parentPort, workerData } from 'node:worker_threads';
import {
  runSensitivitySamples,
  type SampleRange,
  type SensitivityInput,
  type SensitivityTally,
} from '../core/analysis/sensitivity.ts';
import type { Problem } from '../core/errors.ts';

/** What a worker is given. */
export interface SensitivityTask {
  readonly input: SensitivityInput;
  readonly range: SampleRange;
}

/** What a worker posts back. */
export type SensitivityMessage =
  | { readonly kind: 'progress'; readonly done: number }
  | { readonly kind: 'done'; readonly tally: SensitivityTally }
  | {
      readonly kind: 'error';
      readonly name: string;
      readonly message: string;
      readonly problems?: readonly Problem[];
    };

const port = parentPort;
if (port === null) throw new Error('sensitivity-worker.ts must run in a worker thread');
const post = (message: SensitivityMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

const task = workerData as SensitivityTask;
try {
  const tally = runSensitivitySamples(task.input, task.range, (done) =>
    post({ kind: 'progress', done }),
  );
  post(
    { kind: 'done', tally },
    tally.utilities.map((u) => u.buffer as ArrayBuffer),
  );
} catch (error) {
  const failure = error instanceof Error ? error : new Error(String(error));
  const problems = (failure as { problems?: readonly Problem[] }).problems;
  post({
    kind: 'error',
    name: failure.name,
    message: failure.message,
    ...(problems === undefined ? {} : { problems }),
  });
}
