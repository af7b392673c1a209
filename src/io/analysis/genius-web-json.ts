/**
 * Parsing GeniusWeb JSON and reporting its problems as `InvalidError`s that
 * name each field by path and line.
 */

import type { z } from 'zod';
import { InvalidError, type Problem } from '../../core/errors.ts';
import { formatPath, lineField, type YamlPath } from '../yaml-load.ts';
import { checkInputSize, fileField } from './genius-input.ts';
import { jsonLines } from './json-lines.ts';

/** A problem at a path in a JSON file, before its line is found. */
export type Located = { path: YamlPath; message: string };

/** The value of a GeniusWeb file (a leading BOM is skipped); throws `InvalidError` with the line for bad JSON. */
export function parseJson(json: string, file: string | undefined): unknown {
  checkInputSize(json, file);
  try {
    return JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason)?.[1];
    const line =
      position === undefined ? undefined : json.slice(0, Number(position)).split('\n').length;
    throw new InvalidError([
      { path: '', message: `not valid JSON: ${reason}`, ...lineField(line), ...fileField(file) },
    ]);
  }
}

/** The `InvalidError` for zod schema issues: each names the field by path and line. */
export function schemaError(
  json: string,
  file: string | undefined,
  issues: z.core.$ZodIssue[],
): InvalidError {
  const problems = issues.map((issue) => {
    const input = (issue as { input?: unknown }).input;
    const message =
      issue.code === 'invalid_type'
        ? input === undefined
          ? 'is required'
          : `expected ${issue.expected}, got ${input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input}`
        : issue.message;
    return { path: issue.path as YamlPath, message };
  });
  return located(json, file, problems, 'not a valid GeniusWeb file:');
}

/** An `InvalidError` whose problems name `file` and the line of each path in `json`. */
export function located(
  json: string,
  file: string | undefined,
  problems: Located[],
  summary: string,
): InvalidError {
  const lineOf = jsonLines(json);
  const result: Problem[] = problems.map(({ path, message }) => ({
    path: formatPath(path),
    message,
    ...lineField(lineOf(path)),
    ...fileField(file),
  }));
  return new InvalidError(result, summary);
}
