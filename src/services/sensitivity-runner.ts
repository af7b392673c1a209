/**
 * Runs a Monte Carlo sensitivity analysis (core/analysis/sensitivity.ts) on
 * several cores: the samples 0…N−1 are cut into one contiguous range per
 * worker thread, each thread tallies its range, and the tallies are merged in
 * order. Sample i always draws from the same stream, so the result is the
 * same (deep-equal) whatever the number of workers.
 * Workers start through io/worker-thread.ts (tsx in worker threads).
 */

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  checkSensitivityInput,
  runSensitivitySamples,
  type SensitivityInput,
  type SensitivityTally,
} from '../core/analysis/sensitivity.ts';
import { hasUncertainty } from '../core/analysis/sensitivity-sample.ts';
import {
  mergeTallies,
  type SensitivityResult,
  summarise,
} from '../core/analysis/sensitivity-summary.ts';
import { InvalidError } from '../core/errors.ts';
import { siblingModule, startWorker } from '../io/worker-thread.ts';
import type { SensitivityMessage, SensitivityTask } from './sensitivity-worker.ts';

/** How to run `runSensitivity`. */
export interface SensitivityOptions {
  /** How many samples to draw (at least 1). */
  readonly samples: number;
  /** The seed of the run (an integer; only its low 32 bits count). */
  readonly seed: number;
  /** Worker threads; default min(available cores, 4). 1 runs in this thread. */
  readonly workers?: number;
  /** Samples done so far, of `total`; called every ~100 samples per worker and at the end. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Below this many samples everything runs in this thread (starting a worker costs ~0.3 s). */
export const INLINE_BELOW = 500;

/** Most samples in one run: every sample's utilities are kept (24 MB per candidate at 3 parties). */
export const MAX_SAMPLES = 1_000_000;

/** The largest default number of workers. */
export const MAX_DEFAULT_WORKERS = 4;

/**
 * Draws `samples` variants of the profiles within their uncertainty and
 * reports how robust each candidate package is. Throws (rejects with)
 * `InvalidError` for bad options, profiles, ranges or packages, before any
 * worker starts; a failure inside a worker rejects with the worker's message
 * and stops the other workers.
 */
export async function runSensitivity(
  input: SensitivityInput,
  options: SensitivityOptions,
): Promise<SensitivityResult> {
  const { samples, seed, onProgress } = options;
  if (!(Number.isSafeInteger(samples) && samples >= 1 && samples <= MAX_SAMPLES))
    throw InvalidError.of(
      `samples must be a whole number from 1 to ${MAX_SAMPLES.toLocaleString('en')} (got ${samples})`,
    );
  if (!Number.isSafeInteger(seed))
    throw InvalidError.of(`the seed must be a whole number (got ${seed})`);
  const requested = options.workers ?? Math.min(availableParallelism(), MAX_DEFAULT_WORKERS);
  if (!(Number.isSafeInteger(requested) && requested >= 1))
    throw InvalidError.of(`workers must be a whole number of at least 1 (got ${requested})`);
  checkSensitivityInput(input);
  const workers = Math.min(requested, samples);
  const inline = workers === 1 || samples < INLINE_BELOW || !input.profiles.some(hasUncertainty);
  if (inline) {
    const report = (done: number) => onProgress?.(done, samples);
    return summarise(runSensitivitySamples(input, { seed, from: 0, to: samples }, report));
  }
  const ranges = Array.from({ length: workers }, (_, w) => ({
    seed,
    from: Math.floor((samples * w) / workers),
    to: Math.floor((samples * (w + 1)) / workers),
  }));
  const tallies = await runSensitivityTasks(
    ranges.map((range) => ({ input, range })),
    onProgress === undefined ? undefined : (done) => onProgress(done, samples),
  );
  return summarise(tallies.reduce(mergeTallies));
}

/**
 * Runs each task (a range of samples) in a worker thread of its own; the
 * tallies come back in the order of the tasks. `onProgress` gets the samples
 * done in all. Rejects with the first failure and stops the other workers.
 */
export function runSensitivityTasks(
  tasks: readonly SensitivityTask[],
  onProgress?: (done: number) => void,
): Promise<SensitivityTally[]> {
  return new Promise((resolve, reject) => {
    const done = tasks.map(() => 0);
    const tallies: (SensitivityTally | undefined)[] = tasks.map(() => undefined);
    let failed = false;
    const workers: Worker[] = [];
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      reject(error);
    };
    tasks.forEach((task, t) => {
      const worker = startSampler(task);
      workers.push(worker);
      worker.on('message', (message: SensitivityMessage) => {
        if (failed) return;
        if (message.kind === 'progress') {
          done[t] = message.done;
          onProgress?.(done.reduce((a, b) => a + b, 0));
        } else if (message.kind === 'done') {
          tallies[t] = message.tally;
          if (tallies.every((tally) => tally !== undefined)) resolve(tallies);
        } else fail(workerError(message));
      });
      worker.on('error', (error) => fail(error));
      worker.on('exit', (code) => {
        if (tallies[t] === undefined)
          fail(new Error(`a sensitivity worker stopped (exit code ${code}) before finishing`));
      });
    });
  });
}

/** The error a worker reported, as the same kind of error where it is a user's mistake. */
function workerError(message: Extract<SensitivityMessage, { kind: 'error' }>): Error {
  const error =
    message.name === 'InvalidError' && message.problems !== undefined
      ? new InvalidError(message.problems)
      : new Error(message.message);
  error.message = message.message;
  return error;
}

function startSampler(task: SensitivityTask): Worker {
  return startWorker(siblingModule(import.meta.url, 'sensitivity-worker'), task);
}
