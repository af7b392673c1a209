/**
 * Where values are written in JSON text, so that problems found after parsing
 * can name the line of the field at fault.
 */

import type { YamlPath } from '../yaml-load.ts';

/** Deepest JSON nesting whose lines are tracked (GeniusWeb files nest six deep). */
const MAX_TRACKED_DEPTH = 64;

/** For valid JSON text: the line where the value at a path (or its nearest ancestor) is written. */
export function jsonLines(text: string): (path: YamlPath) => number | undefined {
  const lines = new Map<string, number>();
  type Frame = { path: YamlPath; array: boolean; key: string; index: number; expectKey: boolean };
  const stack: Frame[] = [];
  let line = 1;
  let inScalar = false;
  /** Records the line of the value starting here, and returns its path (none when too deep). */
  const mark = (): YamlPath | undefined => {
    if (stack.length > MAX_TRACKED_DEPTH) return undefined;
    const top = stack[stack.length - 1];
    const path = top === undefined ? [] : [...top.path, top.array ? top.index : top.key];
    const key = JSON.stringify(path);
    if (!lines.has(key)) lines.set(key, line);
    return path;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const scalar = !/[\s:,{}[\]"]/.test(c);
    if (scalar && !inScalar) mark();
    inScalar = scalar;
    if (scalar) continue;
    const top = stack[stack.length - 1];
    if (c === '\n') line++;
    else if (c === '{' || c === '[') {
      const path = mark() ?? [];
      stack.push({ path, array: c === '[', key: '', index: 0, expectKey: c === '{' });
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top !== undefined) {
      if (top.array) top.index++;
      else top.expectKey = true;
    } else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top !== undefined && !top.array && top.expectKey) {
        if (stack.length <= MAX_TRACKED_DEPTH)
          top.key = JSON.parse(text.slice(i, end + 1)) as string;
        top.expectKey = false;
      }
      mark();
      i = end;
    }
  }
  return (path) => {
    for (let k = Math.min(path.length, MAX_TRACKED_DEPTH); k >= 0; k--) {
      const found = lines.get(JSON.stringify(path.slice(0, k)));
      if (found !== undefined) return found;
    }
    return undefined;
  };
}
