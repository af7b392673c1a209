/**
 * A worker thread of `loadYamlParallel`: parses the chunks of YAML it is
 * sent, one message each, and answers with the value as JSON text, which the
 * main thread parses several times faster than a structured clone arrives.
 * A value JSON cannot carry exactly (NaN, ±Infinity, −0) is answered
 * `not-json`, and the main thread parses that chunk itself.
 */

import { parentPort } from 'node:worker_threads';
import yaml from 'js-yaml';

/** A chunk to parse. */
export interface YamlChunkTask {
  readonly id: number;
  readonly text: string;
  readonly maxDepth: number;
}

/** A chunk's answer: its value as JSON, or why there is none. */
export type YamlChunkAnswer =
  | { readonly id: number; readonly json: string }
  | { readonly id: number; readonly failed: 'error' | 'not-json' };

const port = parentPort;
if (port === null) throw new Error('yaml-worker.ts must run in a worker thread');

port.on('message', ({ id, text, maxDepth }: YamlChunkTask) => {
  let answer: YamlChunkAnswer;
  try {
    const value = yaml.load(text, { schema: yaml.CORE_SCHEMA, maxDepth } as yaml.LoadOptions);
    answer = jsonSafe(value) ? { id, json: JSON.stringify(value) } : { id, failed: 'not-json' };
  } catch {
    answer = { id, failed: 'error' };
  }
  port.postMessage(answer);
});

/** Whether JSON keeps every number of `value` as it is (a YAML value is a tree: no cycles). */
function jsonSafe(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'number') {
      if (!Number.isFinite(item) || Object.is(item, -0)) return false;
    } else if (Array.isArray(item)) {
      for (const element of item)
        if (typeof element === 'object' || typeof element === 'number') stack.push(element);
    } else if (item !== null && typeof item === 'object') {
      for (const key in item) {
        const element = (item as Record<string, unknown>)[key];
        if (typeof element === 'object' || typeof element === 'number') stack.push(element);
      }
    }
  }
  return true;
}
