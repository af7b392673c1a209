/**
 * Reading a scenario file: YAML → schema check → record → record rules. Every
 * problem is collected and reported together, each with the file, the line and
 * the field path, in words a user can act on.
 */

import { z } from 'zod';
import { closest } from '../../core/closest.ts';
import { InvalidError, type Problem } from '../../core/errors.ts';
import type { ProcessRecord } from '../../core/process-record.ts';
import { checkRecord } from '../../core/record-check.ts';
import {
  DEFAULT_YAML_LIMITS,
  formatPath,
  type LoadedYaml,
  lineField,
  loadYaml,
  type YamlLimits,
  type YamlPath,
} from '../yaml-load.ts';
import { loadYamlParallel } from '../yaml-parallel.ts';
import { scenarioSchema } from './scenario-schema.ts';
import { scenarioToRecord } from './scenario-to-record.ts';

/** Reads the scenario in `text` (named `file` in messages); throws `InvalidError` listing every problem. */
export function readScenario(
  text: string,
  file: string,
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
): ProcessRecord {
  return recordOf(loadYaml(text, file, limits), file);
}

/** `readScenario`, reading a large file's YAML on several cores (io/yaml-parallel.ts). */
export async function readScenarioParallel(
  text: string,
  file: string,
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
): Promise<ProcessRecord> {
  return recordOf(await loadYamlParallel(text, file, limits), file);
}

function recordOf(loaded: LoadedYaml, file: string): ProcessRecord {
  const parsed = scenarioSchema.safeParse(loaded.value, { reportInput: true });
  if (!parsed.success) {
    throw new InvalidError(located(loaded, file, parsed.error.issues.flatMap(describeIssue)));
  }
  const { record, originOf, problems } = scenarioToRecord(parsed.data);
  const found = [
    ...problems,
    ...checkRecord(record).map((problem) => ({
      path: [...originOf(problem.collection, problem.index), ...fieldPath(problem.field)],
      message: problem.message,
    })),
  ];
  if (found.length > 0) throw new InvalidError(located(loaded, file, found));
  return record;
}

function located(
  loaded: LoadedYaml,
  file: string,
  problems: { path: YamlPath; message: string }[],
): Problem[] {
  return problems
    .map(({ path, message }) => ({
      file,
      path: formatPath(path),
      message,
      ...lineField(loaded.lineOf(path)),
    }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** A domain field path (`ended.replacedBy`, `participants[1]`, `id`) in the file's terms. */
function fieldPath(field: string): YamlPath {
  if (field === '') return [];
  const path: (string | number)[] = [];
  for (const part of field.split('.')) {
    const match = /^([A-Za-z]+)((?:\[\d+\])*)$/.exec(part);
    const name = match?.[1] ?? part;
    path.push(name === 'id' ? 'slug' : name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
    for (const index of (match?.[2] ?? '').matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}

function describeIssue(issue: z.core.$ZodIssue): { path: YamlPath; message: string }[] {
  const path = issue.path as YamlPath;
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(path);
      return issue.keys.map((key) => {
        const suggestion = closest(key, allowed);
        const hint =
          suggestion === undefined
            ? `; expected one of: ${allowed.join(', ')}`
            : `; did you mean "${suggestion}"?`;
        return { path: [...path, key], message: `unknown field "${key}"${hint}` };
      });
    }
    case 'invalid_type':
      if (input === undefined) return [{ path, message: 'is required' }];
      return [
        { path, message: `expected ${article(issue.expected)}, got ${describeValue(input)}` },
      ];
    case 'invalid_union':
      return [{ path, message: `expected text, got ${describeValue(input)}` }];
    case 'invalid_value': {
      const options = issue.values.map(String);
      const suggestion = typeof input === 'string' ? closest(input, options) : undefined;
      const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
      return [
        { path, message: `${JSON.stringify(input)} is not one of: ${options.join(', ')}${hint}` },
      ];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

/** The field names the schema allows at `path` (for "did you mean" hints). */
function allowedKeys(path: YamlPath): string[] {
  let schema: unknown = scenarioSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (typeof segment === 'number') schema = (schema as { element?: unknown }).element;
    else schema = (schema as { shape?: Record<string, unknown> }).shape?.[segment];
  }
  const shape = (unwrap(schema) as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape === undefined ? [] : Object.keys(shape);
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  while (current instanceof z.ZodOptional) current = current.unwrap();
  return current;
}
