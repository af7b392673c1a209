/**
 * Safe loading of YAML (and JSON, its subset) from untrusted files.
 *
 * - YAML 1.2 core schema: `2025-11-30` stays a string; no custom tags.
 * - Size and nesting limits, checked before any work is done.
 * - Aliases of lists or mappings are refused: the loader shares aliased nodes,
 *   so an "alias bomb" costs nothing to load but would explode when walked.
 * - Lines for error messages come from a second, instrumented parse that runs
 *   only when there is an error to report.
 * - JSON is read by the native JSON parser, and YAML in plain block style by
 *   the block reader (yaml-block.ts), both several times faster than js-yaml
 *   and with the same value; anything else by js-yaml.
 */

import yaml from 'js-yaml';
import { InvalidError } from '../core/errors.ts';
import { readBlockYaml } from './yaml-block.ts';

/** Something that may be an anchor: `&` starting a token. False positives only cost a walk. */
const ANCHOR = /(?:^|[\s[{,])&[^\s,[\]{}]/m;

export type YamlPath = readonly (string | number)[];

export interface YamlLimits {
  /** Largest input accepted, in bytes of UTF-8. */
  readonly maxBytes: number;
  /** Deepest nesting accepted. */
  readonly maxDepth: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxBytes: 256 * 1024 * 1024, maxDepth: 64 };

export interface LoadedYaml {
  readonly value: unknown;
  /** The 1-based line where the node at `path` (or its nearest ancestor) starts. */
  readonly lineOf: (path: YamlPath) => number | undefined;
}

/**
 * Loads one YAML document; throws `InvalidError` naming `file` and the line on
 * any problem. `blockReader: false` skips the block reader (already tried).
 */
export function loadYaml(
  text: string,
  file: string,
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
  options: { readonly blockReader?: boolean } = {},
): LoadedYaml {
  checkSize(text, file, limits);
  const lineOf = lazyLineOf(text, limits.maxDepth);
  const json = parseJson(text);
  if (json.ok) return { value: json.value, lineOf };
  const block = options.blockReader === false ? undefined : readBlockYaml(text, limits.maxDepth);
  if (block !== undefined) return { value: block.value, lineOf };
  let value: unknown;
  try {
    value = yaml.load(text, {
      filename: file,
      schema: yaml.CORE_SCHEMA,
      maxDepth: limits.maxDepth,
    } as yaml.LoadOptions);
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error;
    const line = error.mark ? error.mark.line + 1 : undefined;
    throw new InvalidError([
      { file, path: '', message: `not valid YAML: ${error.reason}`, ...(line ? { line } : {}) },
    ]);
  }
  // Without an anchor (&name) there can be no alias, and the walk can be skipped.
  const shared = mayHaveAnchor(text) ? findSharedCollection(value) : undefined;
  if (shared !== undefined) {
    throw new InvalidError([
      {
        file,
        path: formatPath(shared),
        message: 'aliases (*name) to lists or mappings are not allowed in scenario files',
        ...lineField(lineOf(shared)),
      },
    ]);
  }
  return { value, lineOf };
}

/** Refuses a text over the size limit (`InvalidError` naming `file`). */
export function checkSize(text: string, file: string, limits: YamlLimits): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    throw new InvalidError([
      {
        file,
        path: '',
        message: `the file is ${formatBytes(bytes)}; the limit is ${formatBytes(limits.maxBytes)}`,
      },
    ]);
  }
}

/** Lines of value paths in `text`, found by an instrumented parse on the first call. */
export function lazyLineOf(text: string, maxDepth: number): LoadedYaml['lineOf'] {
  let locator: Locator | undefined;
  return (path) => {
    locator ??= new Locator(text, maxDepth);
    return locator.lineOf(path);
  };
}

/** Whether `text` may define an anchor (`&name`); false positives only cost work. */
export function mayHaveAnchor(text: string): boolean {
  return text.includes('&') && ANCHOR.test(text);
}

/** Whether `text` starts like a JSON object (then it is tried as JSON first). */
export function looksLikeJson(text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text.slice(0, 1024));
}

/**
 * JSON is YAML too, and the native JSON parser reads it several times faster
 * than a YAML parser. A text that starts like a JSON object is tried as JSON
 * first; if that fails it is read as YAML, which then reports the error.
 * (As with JSON.parse, a key repeated in a JSON object keeps its last value.)
 */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!looksLikeJson(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch {
    return { ok: false };
  }
}

/** `events[3].participants[1]` from `['events', 3, 'participants', 1]`. */
export function formatPath(path: YamlPath): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** `{ line }` when a line is known, else nothing: for spreading into a `Problem`. */
export function lineField(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}

interface Visit {
  readonly node: object;
  readonly parent: Visit | undefined;
  readonly key: string | number;
}

/** Path of the first list or mapping reached a second time, if any (iterative: no recursion limit). */
function findSharedCollection(root: unknown): YamlPath | undefined {
  if (root === null || typeof root !== 'object') return undefined;
  const seen = new Set<object>();
  const stack: Visit[] = [{ node: root, parent: undefined, key: '' }];
  const visit = (parent: Visit, key: string | number, node: unknown) => {
    if (node !== null && typeof node === 'object') stack.push({ node, parent, key });
  };
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    if (seen.has(current.node)) return pathOf(current);
    seen.add(current.node);
    if (Array.isArray(current.node)) {
      for (let i = 0; i < current.node.length; i++) visit(current, i, current.node[i]);
    } else {
      for (const [key, item] of Object.entries(current.node)) visit(current, key, item);
    }
  }
  return undefined;
}

function pathOf(visit: Visit): YamlPath {
  const path: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at?.parent !== undefined; at = at.parent)
    path.unshift(at.key);
  return path;
}

interface SyntaxNode {
  start: number;
  kind: string | null;
  result: unknown;
  children: SyntaxNode[];
}

/** Maps value paths to source lines, from the loader's open/close events. */
class Locator {
  private readonly root: SyntaxNode | undefined;
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    maxDepth: number,
  ) {
    for (let i = 0; i < text.length; i++)
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    const stack: SyntaxNode[] = [{ start: 0, kind: null, result: undefined, children: [] }];
    try {
      yaml.load(text, {
        schema: yaml.CORE_SCHEMA,
        maxDepth,
        listener(event, state) {
          if (event === 'open') {
            stack.push({ start: state.position, kind: null, result: undefined, children: [] });
            return;
          }
          const node = stack.pop();
          const parent = stack[stack.length - 1];
          if (node === undefined || parent === undefined) return;
          node.kind = state.kind;
          node.result = state.result;
          parent.children.push(node);
        },
      } as yaml.LoadOptions);
    } catch {
      // The document loaded once already; a failure here only costs line numbers.
    }
    this.root = stack[0]?.children[0];
  }

  lineOf(path: YamlPath): number | undefined {
    let node = this.root;
    if (node === undefined) return undefined;
    let line = this.lineAt(node.start);
    for (const segment of path) {
      const next = this.child(node, segment);
      if (next === undefined) break;
      line = next.line;
      node = next.node;
    }
    return line;
  }

  private child(
    node: SyntaxNode,
    segment: string | number,
  ): { node: SyntaxNode; line: number } | undefined {
    if (node.kind === 'sequence' && typeof segment === 'number') {
      const item = node.children[segment];
      return item === undefined ? undefined : { node: item, line: this.lineAt(item.start) };
    }
    if (node.kind === 'mapping') {
      // Children alternate key, value.
      for (let i = 0; i + 1 < node.children.length; i += 2) {
        const key = node.children[i];
        const value = node.children[i + 1];
        if (key !== undefined && value !== undefined && String(key.result) === String(segment)) {
          return { node: value, line: this.lineAt(key.start) };
        }
      }
    }
    return undefined;
  }

  /** Line of the first non-blank, non-comment character at or after `position`. */
  private lineAt(position: number): number {
    let i = position;
    while (i < this.text.length) {
      const c = this.text[i];
      if (
        c === ' ' ||
        c === '\t' ||
        c === '\n' ||
        c === '\r' ||
        c === '-' ||
        c === '?' ||
        c === ':'
      )
        i++;
      else if (c === '#') while (i < this.text.length && this.text[i] !== '\n') i++;
      else break;
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= i) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}
