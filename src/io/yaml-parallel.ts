/**
 * Loading a large YAML file on several cores, with the same result as
 * `loadYaml`. A file in plain block style (what Concord writes) is read by
 * the block reader in this thread instead, which is faster still.
 *
 * A scenario file is a mapping of a few top-level keys, most of them long
 * lists (`events:`, `statements:`). The file is cut at its top-level keys and
 * each list at its items, in chunks of about a megabyte; worker threads parse
 * the chunks with js-yaml and answer with JSON text (yaml-worker.ts), and the
 * value is put back together in file order.
 *
 * A cut is only made where it cannot change the meaning: at a line that
 * starts at column 0 with a plain `key:`, or at a list item's `-` at the
 * list's own indentation. Anything that might span a cut (a quoted or flow
 * value, a block scalar) either stays inside its item or leaves a chunk
 * unfinished, which fails to parse. Each chunk must parse to exactly as many
 * items as it has `-` lines. Whenever the file does not have this simple
 * shape (anchors, directives, several documents, other top-level forms) or
 * any chunk fails, the file is loaded by `loadYaml` in this thread, which
 * gives the value or the error with its line.
 */

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import yaml from 'js-yaml';
import { siblingModule, startWorker } from './worker-thread.ts';
import { readBlockYaml } from './yaml-block.ts';
import {
  checkSize,
  DEFAULT_YAML_LIMITS,
  type LoadedYaml,
  lazyLineOf,
  loadYaml,
  looksLikeJson,
  mayHaveAnchor,
  type YamlLimits,
} from './yaml-load.ts';
import type { YamlChunkAnswer, YamlChunkTask } from './yaml-worker.ts';

export interface ParallelYamlOptions {
  /** Worker threads; default min(available cores, 4). Below 2, the file is read in this thread. */
  readonly workers?: number;
  /** Files smaller than this are read in this thread (default 4 MiB: starting workers costs ~0.3 s). */
  readonly minBytes?: number;
  /** Characters of YAML per chunk (default 1 Mi). */
  readonly chunkSize?: number;
  /** Whether a file in plain block style is read by the block reader in this thread (default true). */
  readonly blockReader?: boolean;
  /** Told how the file was read: by the block reader, by how many workers in how many chunks, or in this thread. */
  readonly onRead?: (how: 'block' | { workers: number; chunks: number } | 'in-thread') => void;
}

/** The most workers used by default. */
const MAX_DEFAULT_WORKERS = 4;

/** A top-level key and its value's text: the whole `key: value` entry, or chunks of list items. */
export type Segment =
  | { readonly key: string; readonly whole: string }
  | { readonly key: string; readonly chunks: readonly Chunk[] };

/** Consecutive items of a top-level list: their text and how many there are. */
export interface Chunk {
  readonly text: string;
  readonly items: number;
}

/**
 * Loads one YAML document like `loadYaml`: a large file in plain block style
 * with the block reader, other large files on worker threads.
 */
export async function loadYamlParallel(
  text: string,
  file: string,
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
  options: ParallelYamlOptions = {},
): Promise<LoadedYaml> {
  checkSize(text, file, limits);
  const workers = options.workers ?? Math.min(availableParallelism(), MAX_DEFAULT_WORKERS);
  let blockReader = options.blockReader !== false;
  const inThread = () => {
    options.onRead?.('in-thread');
    return loadYaml(text, file, limits, { blockReader });
  };
  if (
    workers < 2 ||
    text.length < (options.minBytes ?? 4 * 2 ** 20) ||
    looksLikeJson(text) ||
    mayHaveAnchor(text)
  )
    return inThread();
  if (blockReader) {
    // Plain block style, as Concord writes it, is read faster in this thread than on workers.
    const block = readBlockYaml(text, limits.maxDepth);
    if (block !== undefined) {
      options.onRead?.('block');
      return { value: block.value, lineOf: lazyLineOf(text, limits.maxDepth) };
    }
    blockReader = false;
  }
  const segments = splitTopLevel(text, options.chunkSize ?? 2 ** 20);
  if (segments === undefined) return inThread();
  const read = await parseSegments(segments, workers, limits.maxDepth);
  if (read === undefined) return inThread();
  options.onRead?.(read.how);
  const { value } = read;
  return { value, lineOf: lazyLineOf(text, limits.maxDepth) };
}

/** A plain top-level key line: `key:` with an optional value or comment after a space. */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):([ \t][^\r\n]*)?\r?$/;
const SPACE = 0x20;
const DASH = 0x2d;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const HASH = 0x23;
const TAB = 0x09;

/** Whether a list item's `-` (alone or followed by a space) is at `at`. */
function itemAt(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== DASH) return false;
  const next = text.charCodeAt(at + 1);
  return (
    next === SPACE || next === TAB || next === NEWLINE || next === RETURN || Number.isNaN(next)
  );
}

/** Whether the line at `start` begins with exactly `indent` spaces. */
function indentedBy(text: string, start: number, indent: number): boolean {
  for (let i = start; i < start + indent; i++) if (text.charCodeAt(i) !== SPACE) return false;
  return true;
}

/** Where the line from `start` to `end` has content (not blank, not a comment), if it has. */
function firstContent(text: string, start: number, end: number): number | undefined {
  let i = start;
  while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  const c = text.charCodeAt(i);
  return i >= end || c === NEWLINE || c === RETURN || c === HASH ? undefined : i;
}

interface Open {
  key: string;
  start: number;
  /** Whether the key line holds the value itself (`concord: 1`). */
  inline: boolean;
  /** The indentation of the list's items, once the first line after the key shows a list. */
  itemIndent: number | undefined;
  /** Whether a line after the key line has been seen. */
  started: boolean;
}

/** Cuts `text` into top-level segments, or says `undefined` when it lacks the simple shape. */
export function splitTopLevel(text: string, chunkSize: number): Segment[] | undefined {
  const segments: Segment[] = [];
  const keys = new Set<string>();
  let open: Open | undefined;
  let itemStarts: number[] = [];
  const close = (end: number): boolean => {
    if (open === undefined) return true;
    const { key, start, itemIndent } = open;
    if (itemIndent === undefined || open.inline) {
      segments.push({ key, whole: text.slice(start, end) });
    } else {
      const chunks: Chunk[] = [];
      for (let i = 0; i < itemStarts.length; ) {
        const from = itemStarts[i] as number;
        let j = i + 1;
        while (j < itemStarts.length && (itemStarts[j] as number) - from < chunkSize) j++;
        chunks.push({ text: text.slice(from, itemStarts[j] ?? end), items: j - i });
        i = j;
      }
      segments.push({ key, chunks });
    }
    itemStarts = [];
    return true;
  };
  for (let position = 0; position < text.length; ) {
    const newline = text.indexOf('\n', position);
    const end = newline === -1 ? text.length : newline + 1;
    const first = text.charCodeAt(position);
    if (first === SPACE || first === DASH) {
      // Inside the open entry: only its first line and its item lines matter.
      if (open !== undefined && !open.started) {
        const content = firstContent(text, position, end);
        if (content !== undefined) {
          open.started = true;
          if (!open.inline && text.charCodeAt(content) === DASH && itemAt(text, content))
            open.itemIndent = content - position;
        }
      }
      if (open === undefined || !open.started) {
        if (firstContent(text, position, end) !== undefined) return undefined;
      } else if (open.itemIndent !== undefined && itemAt(text, position + open.itemIndent)) {
        if (indentedBy(text, position, open.itemIndent)) itemStarts.push(position);
      } else if (first === DASH) return undefined;
    } else if (first !== NEWLINE && first !== RETURN && first !== HASH) {
      const match = KEY_LINE.exec(text.slice(position, newline === -1 ? text.length : newline));
      const key = match?.[1];
      if (match === null || key === undefined || keys.has(key) || key === '__proto__')
        return undefined;
      close(position);
      keys.add(key);
      const rest = match[2]?.trim() ?? '';
      open = {
        key,
        start: position,
        inline: rest !== '' && !rest.startsWith('#'),
        itemIndent: undefined,
        started: false,
      };
    }
    position = end;
  }
  if (open === undefined) return undefined;
  close(text.length);
  return segments;
}

interface Job {
  readonly task: YamlChunkTask;
  /** Checks and stores the chunk's value; false when it is not what the cut promised. */
  readonly accept: (value: unknown) => boolean;
}

/** Parses the segments on `count` workers and puts the document back together; `undefined` on any failure. */
async function parseSegments(
  segments: readonly Segment[],
  count: number,
  maxDepth: number,
): Promise<
  { value: Record<string, unknown>; how: { workers: number; chunks: number } } | undefined
> {
  const document: Record<string, unknown> = {};
  const jobs: Job[] = [];
  for (const segment of segments) {
    if ('whole' in segment) {
      document[segment.key] = undefined;
      jobs.push({
        task: { id: jobs.length, text: segment.whole, maxDepth },
        accept: (value) => {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const keys = Object.keys(value);
          if (keys.length !== 1 || keys[0] !== segment.key) return false;
          document[segment.key] = (value as Record<string, unknown>)[segment.key];
          return true;
        },
      });
    } else {
      const parts: unknown[][] = [];
      document[segment.key] = parts;
      for (const [index, chunk] of segment.chunks.entries()) {
        jobs.push({
          // The list sits one level below the document's mapping.
          task: { id: jobs.length, text: chunk.text, maxDepth: maxDepth - 1 },
          accept: (value) => {
            if (!Array.isArray(value) || value.length !== chunk.items) return false;
            parts[index] = value;
            return true;
          },
        });
      }
    }
  }
  const workers = Math.min(count, jobs.length);
  if (!(await runJobs(jobs, workers))) return undefined;
  for (const segment of segments) {
    if ('chunks' in segment) document[segment.key] = (document[segment.key] as unknown[][]).flat();
  }
  return { value: document, how: { workers, chunks: jobs.length } };
}

/** Hands the jobs to `count` workers, one at a time each; false as soon as one fails. */
function runJobs(jobs: readonly Job[], count: number): Promise<boolean> {
  return new Promise((resolve) => {
    const workers: Worker[] = [];
    let next = 0;
    let finished = 0;
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      resolve(ok);
    };
    const feed = (worker: Worker) => {
      const job = jobs[next++];
      if (job !== undefined) worker.postMessage(job.task);
    };
    const entry = siblingModule(import.meta.url, 'yaml-worker');
    for (let i = 0; i < count; i++) {
      const worker = startWorker(entry);
      workers.push(worker);
      worker.on('message', (answer: YamlChunkAnswer) => {
        const job = jobs[answer.id];
        if (job === undefined || settled) return;
        // The next chunk first, so that the worker parses while this thread reads the answer.
        feed(worker);
        let value: unknown;
        if ('json' in answer) value = JSON.parse(answer.json);
        else if (answer.failed === 'not-json') value = parseHere(job.task);
        if (value === undefined || !job.accept(value)) return settle(false);
        finished++;
        if (finished === jobs.length) settle(true);
      });
      worker.on('error', () => settle(false));
      worker.on('exit', () => {
        if (finished < jobs.length) settle(false);
      });
      // Two chunks in flight per worker: one parsing, one waiting.
      feed(worker);
      feed(worker);
    }
  });
}

/** Parses a chunk in this thread (a value JSON cannot carry); `undefined` when it fails. */
function parseHere(task: YamlChunkTask): unknown {
  try {
    return yaml.load(task.text, {
      schema: yaml.CORE_SCHEMA,
      maxDepth: task.maxDepth,
    } as yaml.LoadOptions);
  } catch {
    return undefined;
  }
}
