/**
 * GENIUS negotiation domains and preference profiles — the XML of the GENIUS
 * 10.x environment that the ANAC competitions use — read into Concord's
 * analysis model and written back. The mapping, what is lost and why:
 * docs/genius.md.
 *
 * GENIUS semantics, reproduced exactly where Concord's model can hold them:
 * - a discrete option is worth its `evaluation` divided by the largest
 *   evaluation of its issue (0 for the whole issue when that largest is below
 *   1e-5, as GENIUS does);
 * - an integer issue is worth `offset + slope × (x − lowerbound)`, clamped to
 *   [0, 1]; read as a piecewise-linear curve whose corners are the clamping
 *   points, which is exact;
 * - utility = Σ weight × value with the weights as written (GENIUS does not
 *   normalise them, and caps the sum at 1). Concord's engine scales weights to
 *   sum to 1, so when the file's weights sum to S < 1 the option values are
 *   multiplied by S (utilities stay GENIUS's); when S > 1 utilities become
 *   GENIUS's divided by S. Either way the profile's `note` says so.
 *
 * Input is untrusted: DOCTYPE and entity declarations are refused before
 * parsing, and so is anything over 10 MiB.
 */

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkProfiles } from '../../core/analysis/compiled-space.ts';
import {
  type AnalysisIssue,
  type NumericRange,
  rangeOptions,
} from '../../core/analysis/issue-space.ts';
import { type IssueValues, linearValue, type Profile } from '../../core/analysis/profile.ts';
import { InvalidError, type Problem } from '../../core/errors.ts';
import {
  type IssueId,
  type OptionId,
  type PartyId,
  SLUG_MAX_LENGTH,
  slugify,
} from '../../core/ids.ts';

/** Largest file accepted, in bytes of UTF-8 (GENIUS and GeniusWeb files are a few KiB). */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** Most options a numeric issue read from a file may have (each is laid out as an option). */
export const MAX_NUMERIC_OPTIONS = 10_000;

/** Deepest element nesting accepted (GENIUS files nest five deep). */
const MAX_XML_DEPTH = 100;

/** Below this, GENIUS takes a discrete issue's largest evaluation as 0 and every option as worth 0. */
const GENIUS_ZERO_MAX = 0.00001;

/** Weight sums closer to 1 than this are taken as 1. */
const SUM_TOLERANCE = 1e-12;

// ---------------------------------------------------------------- shared helpers

/** Throws `InvalidError` (naming `file`) when `text` is over `MAX_INPUT_BYTES`. */
export function checkInputSize(text: string, file?: string): void {
  const bytes = text.length > MAX_INPUT_BYTES ? text.length : Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_INPUT_BYTES) {
    const mib = (bytes / (1024 * 1024)).toFixed(1);
    throw new InvalidError([
      { path: '', message: `the file is ${mib} MiB; the limit is 10 MiB`, ...fileField(file) },
    ]);
  }
}

/** `{ file }` when a file name is known, else nothing: for spreading into a `Problem`. */
export function fileField(file: string | undefined): { file?: string } {
  return file === undefined ? {} : { file };
}

/**
 * Stable ids for names read from a file, in order: each name's slug
 * (`"External Monitor"` → `external-monitor`), `-2`, `-3`… on a clash, and
 * `fallback-N` (N counted from 1) for a name without letters or digits.
 */
export function uniqueIds(names: readonly string[], fallback: string): string[] {
  const used = new Set<string>();
  return names.map((name, i) => {
    const base = slugify(name) || `${fallback}-${i + 1}`;
    let id = base;
    for (let n = 2; used.has(id); n++) {
      const suffix = `-${n}`;
      id = `${base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    used.add(id);
    return id;
  });
}

/** A discrete issue whose options are `values` in order: label = the value, id = its slug. */
export function discreteIssue(id: string, name: string, values: readonly string[]): AnalysisIssue {
  const ids = uniqueIds(values, 'option');
  return {
    id: id as IssueId,
    name,
    options: values.map((value, o) => ({ id: ids[o] as OptionId, label: value })),
  };
}

/** A numeric issue over `range` (options laid out by `rangeOptions`). */
export function numericIssue(id: string, name: string, range: NumericRange): AnalysisIssue {
  return { id: id as IssueId, name, range, options: rangeOptions(range) };
}

/** The issue names a file gets: each issue's name, or its id when the name is empty or taken. */
export function externalIssueNames(issues: readonly AnalysisIssue[]): string[] {
  const count = new Map<string, number>();
  for (const issue of issues) count.set(issue.name, (count.get(issue.name) ?? 0) + 1);
  return issues.map((issue) =>
    issue.name.trim() !== '' && count.get(issue.name) === 1 ? issue.name : issue.id,
  );
}

/**
 * The value names a file gets for an issue's options: the labels when they are
 * unique and not empty, the option ids otherwise and for numeric issues.
 */
export function externalValueNames(issue: AnalysisIssue): string[] {
  const labels = issue.options.map((option) => option.label);
  const unique = new Set(labels).size === labels.length && labels.every((l) => l.trim() !== '');
  return issue.range === undefined && unique ? labels : issue.options.map((option) => option.id);
}

/** The value of each option of `issue` under `values` (0 where none is given). */
export function optionValues(issue: AnalysisIssue, values: IssueValues | undefined): number[] {
  return issue.options.map((option) => {
    if (values === undefined) return 0;
    if (values.kind === 'options') return values.values[option.id] ?? 0;
    return linearValue(values.points, option.value ?? Number(option.id));
  });
}

/** Up to 15 significant digits: `0.30000000000000004` is written `0.3`. */
export function formatNumber(x: number): string {
  return String(Number(x.toPrecision(15)));
}

// ---------------------------------------------------------------- XML

/** An element of a parsed file, with its path for messages. */
interface XmlElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** `utility_space/objective/issue[@name="Laptop"]`. */
  readonly path: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '@',
  isArray: (_tag, _path, _leaf, isAttribute) => !isAttribute,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_XML_DEPTH,
});

const XML_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** The document's top-level elements; throws `InvalidError` for refused or malformed input. */
function parseXml(xml: string, file: string | undefined): XmlElement[] {
  checkInputSize(xml, file);
  const refused = /<!DOCTYPE|<!ENTITY/i.exec(xml);
  if (refused !== null) {
    const what = refused[0].toUpperCase() === '<!DOCTYPE' ? 'a DOCTYPE' : 'an entity declaration';
    throw new InvalidError([
      {
        path: '',
        message: `the file has ${what}, which is refused: GENIUS files have none, and declared entities can expand without bound or read other files`,
        line: lineAt(xml, refused.index),
        ...fileField(file),
      },
    ]);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new InvalidError([
      {
        path: '',
        message: `not well-formed XML: ${valid.err.msg}`,
        ...(valid.err.line > 0 ? { line: valid.err.line } : {}),
        ...fileField(file),
      },
    ]);
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidError([
      {
        path: '',
        message: `cannot read the XML: ${reason}${/nested/i.test(reason) ? ` (the limit is ${MAX_XML_DEPTH} levels)` : ''}`,
        ...fileField(file),
      },
    ]);
  }
  const problems: Problem[] = [];
  const roots = elementsOf(parsed, '', problems, file);
  if (problems.length > 0) throw new InvalidError(problems);
  return roots;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function elementsOf(
  raw: Record<string, unknown>,
  parentPath: string,
  problems: Problem[],
  file: string | undefined,
): XmlElement[] {
  const result: XmlElement[] = [];
  for (const [tag, group] of Object.entries(raw)) {
    if (tag === '@' || tag === '#text' || !Array.isArray(group)) continue;
    group.forEach((item: unknown, i) => {
      const node =
        typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
      const attrs: Record<string, string> = {};
      const rawAttrs = (node['@'] ?? {}) as Record<string, string>;
      for (const [name, value] of Object.entries(rawAttrs)) attrs[name] = value;
      const path = `${parentPath === '' ? '' : `${parentPath}/`}${tag}${predicate(tag, rawAttrs, i, group.length)}`;
      for (const [name, value] of Object.entries(rawAttrs)) {
        const decoded = decodeAttribute(value);
        if (decoded === undefined)
          problems.push({
            path: `${path}/@${name}`,
            message: `unknown entity in "${value}": XML defines only &amp; &lt; &gt; &quot; &apos; and &#…;`,
            ...fileField(file),
          });
        else attrs[name] = decoded;
      }
      result.push({ tag, attrs, children: elementsOf(node, path, problems, file), path });
    });
  }
  return result;
}

function predicate(tag: string, attrs: Record<string, string>, i: number, count: number): string {
  const key = tag === 'issue' ? 'name' : tag === 'item' ? 'value' : tag === 'weight' ? 'index' : '';
  const value = attrs[key];
  if (value !== undefined) return `[@${key}=${JSON.stringify(value)}]`;
  return count > 1 ? `[${i + 1}]` : '';
}

/** An attribute value with whitespace normalised and references replaced; undefined for an unknown entity. */
function decodeAttribute(raw: string): string | undefined {
  let unknown = false;
  const text = raw
    .replace(/[\t\n\r]/g, ' ')
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);/g, (whole, ref: string) => {
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      const known = XML_ENTITIES[ref];
      if (known === undefined) unknown = true;
      return known ?? whole;
    });
  return unknown ? undefined : text;
}

function childrenNamed(element: XmlElement, tag: string): XmlElement[] {
  return element.children.filter((child) => child.tag === tag);
}

/** `utility_space`, at the top or inside `negotiation_template`. */
function utilitySpaceOf(roots: readonly XmlElement[], file: string | undefined): XmlElement {
  for (const root of roots) {
    if (root.tag === 'utility_space') return root;
    if (root.tag === 'negotiation_template') {
      const space = childrenNamed(root, 'utility_space')[0];
      if (space !== undefined) return space;
    }
  }
  const found = roots[0]?.tag;
  throw new InvalidError([
    {
      path: found ?? '',
      message: `expected a GENIUS <utility_space> (or <negotiation_template> holding one)${found === undefined ? '' : `, found <${found}>`}`,
      ...fileField(file),
    },
  ]);
}

/** The one `objective` of a utility space (GENIUS's tree of objectives is not supported). */
function objectiveOf(space: XmlElement, file: string | undefined): XmlElement {
  const objectives = childrenNamed(space, 'objective');
  const objective = objectives[0];
  const fail = (path: string, message: string) =>
    new InvalidError([{ path, message, ...fileField(file) }]);
  if (objective === undefined) throw fail(space.path, 'no <objective> element');
  if (objectives.length > 1) throw fail(space.path, 'more than one top-level <objective>');
  const nested = childrenNamed(objective, 'objective')[0];
  if (nested !== undefined)
    throw fail(
      nested.path,
      'nested objectives are not supported: put every issue directly in the top objective',
    );
  return objective;
}

function parseDecimal(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text))
    return undefined;
  return Number(text);
}

function parseInteger(text: string | undefined): number | undefined {
  return text !== undefined && /^\s*[-+]?\d+\s*$/.test(text) ? Number(text) : undefined;
}

/** `integer`, `discrete`, `real`…: GENIUS reads `type`, and takes a missing one as discrete. */
function issueType(element: XmlElement): string {
  return (element.attrs.type ?? element.attrs.etype ?? 'discrete').trim().toLowerCase();
}

/** An integer issue's bounds: attributes `lowerbound`/`upperbound`, or an older `<range>` child. */
function boundsOf(element: XmlElement): { lower?: number; upper?: number } {
  const range = childrenNamed(element, 'range')[0];
  const lower = parseInteger(element.attrs.lowerbound ?? range?.attrs.lowerbound);
  const upper = parseInteger(element.attrs.upperbound ?? range?.attrs.upperbound);
  return { ...(lower === undefined ? {} : { lower }), ...(upper === undefined ? {} : { upper }) };
}

// ---------------------------------------------------------------- reading

/**
 * The issues of a GENIUS domain file: discrete issues (options in file order,
 * label = the GENIUS value, id = its slug) and integer issues (a range with
 * step 1). Issue ids are slugs of the issue names, unique, in file order.
 * Throws `InvalidError` naming `file` and the element for anything else.
 */
export function readGeniusDomain(xml: string, file?: string): AnalysisIssue[] {
  const objective = objectiveOf(utilitySpaceOf(parseXml(xml, file), file), file);
  const elements = childrenNamed(objective, 'issue');
  const problems: Problem[] = [];
  const problem = (path: string, message: string) =>
    problems.push({ path, message, ...fileField(file) });
  if (elements.length === 0) problem(objective.path, 'the domain has no issues');
  const names = elements.map((element) => element.attrs.name ?? '');
  const ids = uniqueIds(names, 'issue');
  const issues: AnalysisIssue[] = [];
  elements.forEach((element, i) => {
    const name = names[i] as string;
    if (name.trim() === '') problem(element.path, 'the issue has no name');
    else if (names.indexOf(name) !== i) problem(element.path, `a second issue named "${name}"`);
    const issue = domainIssue(element, ids[i] as string, name, problem);
    const description = element.attrs.description?.trim();
    if (issue !== undefined) issues.push(description ? { ...issue, description } : issue);
  });
  if (problems.length > 0) throw new InvalidError(problems, `cannot read the GENIUS domain:`);
  return issues;
}

function domainIssue(
  element: XmlElement,
  id: string,
  name: string,
  problem: (path: string, message: string) => void,
): AnalysisIssue | undefined {
  const type = issueType(element);
  if (type === 'discrete') {
    const items = childrenNamed(element, 'item');
    const values = items.map((item) => item.attrs.value ?? '');
    items.forEach((item, o) => {
      if (item.attrs.value === undefined) problem(item.path, 'the item has no value');
      else if (values.indexOf(values[o] as string) !== o)
        problem(item.path, `a second value "${values[o]}" in issue "${name}"`);
    });
    if (items.length === 0) problem(element.path, 'the issue has no <item> values');
    return discreteIssue(id, name, values);
  }
  if (type === 'integer') {
    const { lower, upper } = boundsOf(element);
    if (lower === undefined || upper === undefined || lower > upper)
      problem(element.path, 'an integer issue needs integer lowerbound ≤ upperbound');
    else if (upper - lower + 1 > MAX_NUMERIC_OPTIONS)
      problem(
        element.path,
        `the issue has ${(upper - lower + 1).toLocaleString('en')} values; the limit is ${MAX_NUMERIC_OPTIONS.toLocaleString('en')}`,
      );
    else return numericIssue(id, name, { min: lower, max: upper, step: 1 });
    return undefined;
  }
  problem(
    element.path,
    type === 'real'
      ? 'real-valued issues are not supported: make the issue integer or discrete'
      : `unknown issue type "${type}"`,
  );
  return undefined;
}

/**
 * A GENIUS preference profile of `party` over `issues` (as read by
 * `readGeniusDomain`), with GENIUS semantics (see the module comment): no red
 * lines, audience `party`, reservation from `<reservation value>` (0 when
 * absent). The discount factor, which does not move Nash or Kalai–Smorodinsky
 * points, is kept in `note` only. Profile issues are matched to `issues` by
 * name (then by id), values by label (then by id). Throws `InvalidError`
 * listing every problem: unknown issues or values, missing weights or
 * evaluations, negative numbers.
 */
export function readGeniusProfile(
  xml: string,
  issues: readonly AnalysisIssue[],
  party: PartyId,
  file?: string,
): Profile {
  const space = utilitySpaceOf(parseXml(xml, file), file);
  const objective = objectiveOf(space, file);
  const problems: Problem[] = [];
  const problem = (path: string, message: string) =>
    problems.push({ path, message, ...fileField(file) });
  const setting = (tag: string) => {
    const element = childrenNamed(space, tag)[0] ?? childrenNamed(objective, tag)[0];
    if (element === undefined) return undefined;
    const value = parseDecimal(element.attrs.value);
    if (value === undefined) problem(element.path, 'needs a numeric value attribute');
    return value;
  };
  const reservation = setting('reservation') ?? 0;
  if (!(reservation >= 0 && reservation <= 1))
    problem(
      `${space.path}/reservation`,
      `the reservation value ${reservation} is not between 0 and 1`,
    );
  const discount = setting('discount_factor');

  const weightOf = new Map<string, number>();
  for (const weight of childrenNamed(objective, 'weight')) {
    const value = parseDecimal(weight.attrs.value);
    if (value === undefined || value < 0) problem(weight.path, 'a weight must be a number ≥ 0');
    else weightOf.set((weight.attrs.index ?? '').trim(), value);
  }

  const weights: Record<string, number> = {};
  const values: Record<string, IssueValues> = {};
  for (const element of childrenNamed(objective, 'issue')) {
    const name = element.attrs.name ?? '';
    const issue =
      issues.find((candidate) => candidate.name === name) ??
      issues.find((candidate) => candidate.id === slugify(name));
    if (issue === undefined) {
      problem(element.path, `the domain has no issue "${name}"`);
      continue;
    }
    if (values[issue.id] !== undefined) {
      problem(element.path, `a second evaluation of issue "${name}"`);
      continue;
    }
    const weight = weightOf.get((element.attrs.index ?? '').trim());
    if (weight === undefined)
      problem(element.path, `no <weight> with index "${element.attrs.index ?? ''}" for this issue`);
    weights[issue.id] = weight ?? 0;
    const read =
      issueType(element) === 'integer'
        ? integerValues(element, issue, problem)
        : discreteValues(element, issue, problem);
    if (read !== undefined) values[issue.id] = read;
  }
  for (const issue of issues) {
    if (weights[issue.id] === undefined)
      problem(objective.path, `the profile does not evaluate issue "${issue.name}"`);
  }
  if (problems.length > 0) throw new InvalidError(problems, 'cannot read the GENIUS profile:');
  return withGeniusWeights(party, weights, values, reservation, discount);
}

function discreteValues(
  element: XmlElement,
  issue: AnalysisIssue,
  problem: (path: string, message: string) => void,
): IssueValues | undefined {
  if (issue.range !== undefined) {
    problem(element.path, `issue "${issue.name}" is numeric in the domain but discrete here`);
    return undefined;
  }
  const evaluation = new Map<string, number>();
  for (const item of childrenNamed(element, 'item')) {
    const value = item.attrs.value ?? '';
    const option =
      issue.options.find((candidate) => candidate.label === value) ??
      issue.options.find((candidate) => candidate.id === value);
    const number = parseDecimal(item.attrs.evaluation);
    if (option === undefined) problem(item.path, `issue "${issue.name}" has no value "${value}"`);
    else if (evaluation.has(option.id)) problem(item.path, `a second evaluation of "${value}"`);
    else if (number === undefined || number < 0)
      problem(item.path, 'needs an evaluation: a number ≥ 0');
    else evaluation.set(option.id, number);
  }
  for (const option of issue.options) {
    if (!evaluation.has(option.id))
      problem(element.path, `no evaluation for value "${option.label}"`);
  }
  const max = Math.max(0, ...evaluation.values());
  const result: Record<string, number> = {};
  for (const [option, e] of evaluation) result[option] = max < GENIUS_ZERO_MAX ? 0 : e / max;
  return { kind: 'options', values: result };
}

function integerValues(
  element: XmlElement,
  issue: AnalysisIssue,
  problem: (path: string, message: string) => void,
): IssueValues | undefined {
  const range = issue.range;
  if (range === undefined) {
    problem(element.path, `issue "${issue.name}" is discrete in the domain but integer here`);
    return undefined;
  }
  const bounds = boundsOf(element);
  const lower = bounds.lower ?? range.min;
  const upper = bounds.upper ?? range.max;
  const evaluator = childrenNamed(element, 'evaluator')[0];
  const a = evaluator?.attrs ?? {};
  const num = (name: string) => parseDecimal(a[name]);
  let line: { at0: number; slope: number } | undefined;
  const slope = num('slope');
  const offset = num('offset');
  const lowest = num('utilitylowestvalue');
  const highest = num('utilityhighestvalue');
  const p0 = num('parameter0');
  const p1 = num('parameter1');
  if (slope !== undefined && offset !== undefined) line = { at0: offset - slope * lower, slope };
  else if (lowest !== undefined && highest !== undefined) {
    const perUnit = upper === lower ? 0 : (highest - lowest) / (upper - lower);
    line = { at0: lowest - perUnit * lower, slope: perUnit };
  } else if (p0 !== undefined) line = { at0: p0, slope: p1 ?? 0 };
  if (line === undefined) {
    problem(
      evaluator?.path ?? element.path,
      'an integer issue needs <evaluator> with slope and offset (or utilitylowestvalue and utilityhighestvalue)',
    );
    return undefined;
  }
  return { kind: 'linear', points: clampedLine(line.at0, line.slope, range.min, range.max) };
}

/** The points of x ↦ clamp(at0 + slope·x, 0, 1) over [min, max]: its ends and where it meets 0 or 1. */
function clampedLine(at0: number, slope: number, min: number, max: number): [number, number][] {
  const xs = [min, max];
  if (slope !== 0) {
    for (const level of [0, 1]) {
      const x = (level - at0) / slope;
      if (x > min && x < max) xs.push(x);
    }
  }
  return [...new Set(xs)]
    .sort((p, q) => p - q)
    .map((x) => [x, Math.min(1, Math.max(0, at0 + slope * x))]);
}

/** The profile, with the file's weights folded in as described in the module comment. */
function withGeniusWeights(
  party: PartyId,
  weights: Record<string, number>,
  values: Record<string, IssueValues>,
  reservation: number,
  discount: number | undefined,
): Profile {
  const sum = Object.values(weights).reduce((total, w) => total + w, 0);
  const notes: string[] = [];
  if (discount !== undefined)
    notes.push(`GENIUS discount factor ${discount} (not applied: the analysis has no clock)`);
  let scale = 1;
  let finalWeights = weights;
  if (sum <= 0) {
    scale = 0;
    finalWeights = Object.fromEntries(Object.keys(weights).map((id) => [id, 1]));
    notes.push('every GENIUS weight is 0, so every package is worth 0');
  } else if (sum < 1 - SUM_TOLERANCE) {
    scale = sum;
    notes.push(
      `GENIUS weights sum to ${sum}; option values are multiplied by that sum so utilities are GENIUS's`,
    );
  } else if (sum > 1 + SUM_TOLERANCE) {
    notes.push(
      `GENIUS weights sum to ${sum}; Concord divides utilities by that sum (GENIUS would cap them at 1)`,
    );
  }
  const scaled =
    scale === 1
      ? values
      : Object.fromEntries(Object.entries(values).map(([id, v]) => [id, scaleValues(v, scale)]));
  return {
    party,
    weights: finalWeights,
    values: scaled,
    reservation,
    redLines: [],
    audience: 'party',
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}

function scaleValues(values: IssueValues, scale: number): IssueValues {
  if (values.kind === 'linear')
    return { kind: 'linear', points: values.points.map(([x, y]) => [x, y * scale] as const) };
  return {
    kind: 'options',
    values: Object.fromEntries(Object.entries(values.values).map(([o, v]) => [o, v * scale])),
  };
}

// ---------------------------------------------------------------- writing

/** The range of an issue GENIUS can hold as an integer issue (integer bounds, step 1). */
function integerRange(issue: AnalysisIssue): NumericRange | undefined {
  const range = issue.range;
  return range !== undefined &&
    range.step === 1 &&
    Number.isInteger(range.min) &&
    Number.isInteger(range.max)
    ? range
    : undefined;
}

function attr(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function issueOpenTag(issue: AnalysisIssue, name: string, index: number): string {
  const range = integerRange(issue);
  const type = range === undefined ? 'discrete' : 'integer';
  const bounds = range === undefined ? '' : ` lowerbound="${range.min}" upperbound="${range.max}"`;
  return `<issue index="${index}" etype="${type}" type="${type}" vtype="${type}" name="${attr(name)}"${bounds}>`;
}

function objectiveOpenTag(name: string): string {
  return `<objective index="0" etype="objective" type="objective" description="" name="${attr(name)}">`;
}

/**
 * A GENIUS domain file for `issues`, named `name`: a `negotiation_template`
 * holding `utility_space` / `objective` / `issue` / `item`, as the GENIUS
 * domains are. Numeric issues with integer bounds and step 1 become integer
 * issues; other numeric issues become discrete issues whose values are the
 * option ids (`0.5`). Names and values are those `externalIssueNames` and
 * `externalValueNames` give.
 */
export function writeGeniusDomain(issues: readonly AnalysisIssue[], name: string): string {
  const names = externalIssueNames(issues);
  const lines = [
    '<negotiation_template number_of_sessions="1">',
    `\t<utility_space number_of_issues="${issues.length}">`,
    `\t\t${objectiveOpenTag(name)}`,
  ];
  issues.forEach((issue, i) => {
    lines.push(`\t\t\t${issueOpenTag(issue, names[i] as string, i + 1)}`);
    if (integerRange(issue) === undefined) {
      externalValueNames(issue).forEach((value, o) => {
        lines.push(`\t\t\t\t<item index="${o + 1}" value="${attr(value)}"></item>`);
      });
    }
    lines.push('\t\t\t</issue>');
  });
  lines.push('\t\t</objective>', '\t</utility_space>', '</negotiation_template>', '');
  return lines.join('\n');
}

/**
 * A GENIUS profile file for `profile` over `issues` (written with
 * `writeGeniusDomain(issues, domainName)`), which GENIUS evaluates to the same
 * utilities as Concord. A discrete issue's evaluations are its values divided
 * by the issue's best value (so the best is 1 and GENIUS's division by it
 * changes nothing), and its weight is the normalised weight times that best
 * value. An integer issue gets one clamped straight line. What GENIUS cannot
 * hold is listed in `warnings`, never dropped silently: red lines,
 * uncertainty, curves that are not one clamped line, issues worth 0 whatever
 * the option. Throws `InvalidError` when the engine would refuse the profile.
 */
export function writeGeniusProfile(
  profile: Profile,
  issues: readonly AnalysisIssue[],
  domainName: string,
): { xml: string; warnings: string[] } {
  const problems = checkProfiles(issues, [profile]);
  if (problems.length > 0)
    throw new InvalidError(problems, 'the profile cannot be written as a GENIUS profile:');
  const warnings = lostParts(profile, 'GENIUS profiles');
  const names = externalIssueNames(issues);
  const total = issues.reduce((sum, issue) => sum + (profile.weights[issue.id] ?? 0), 0);
  const lines = ['<utility_space>', `\t${objectiveOpenTag(domainName)}`];
  const weights: number[] = [];
  issues.forEach((issue, i) => {
    const name = names[i] as string;
    const weight = (profile.weights[issue.id] ?? 0) / total;
    const values = optionValues(issue, profile.values[issue.id]);
    lines.push(`\t\t${issueOpenTag(issue, name, i + 1)}`);
    const range = integerRange(issue);
    if (range !== undefined) {
      const fit = fitClampedLine(issue, profile.values[issue.id], values);
      if (fit.error > 1e-9 && weight > 0)
        warnings.push(
          `issue "${name}": GENIUS integer issues take one straight line clamped to [0, 1]; the value curve is not one, and the line written is off by up to ${formatNumber(fit.error)}`,
        );
      lines.push(
        `\t\t\t<evaluator ftype="linear" slope="${formatNumber(fit.slope)}" offset="${formatNumber(fit.at0 + fit.slope * range.min)}"></evaluator>`,
      );
      weights.push(weight);
    } else {
      const best = Math.max(...values);
      if (!(best > 0) && weight > 0)
        warnings.push(
          `issue "${name}": every option is worth 0, and GENIUS divides evaluations by the largest one; written with evaluation 1 for every option and weight 0`,
        );
      externalValueNames(issue).forEach((value, o) => {
        const evaluation = best > 0 ? (values[o] as number) / best : 1;
        lines.push(
          `\t\t\t<item index="${o + 1}" value="${attr(value)}" evaluation="${formatNumber(evaluation)}"></item>`,
        );
      });
      weights.push(best > 0 ? weight * best : 0);
    }
    lines.push('\t\t</issue>');
  });
  weights.forEach((weight, i) => {
    lines.push(`\t\t<weight index="${i + 1}" value="${formatNumber(weight)}"></weight>`);
  });
  lines.push(
    '\t</objective>',
    `\t<reservation value="${formatNumber(profile.reservation)}" />`,
    '</utility_space>',
    '',
  );
  return { xml: lines.join('\n'), warnings };
}

/** Warnings for what a file format without red lines or uncertainty loses. */
export function lostParts(profile: Profile, format: string): string[] {
  const warnings: string[] = [];
  const lines = profile.redLines.length;
  if (lines > 0)
    warnings.push(
      `${lines} red line${lines === 1 ? '' : 's'} not written: ${format} cannot express red lines`,
    );
  if (profile.uncertainty !== undefined)
    warnings.push(`the uncertainty of the estimates is not written: ${format} hold point values`);
  return warnings;
}

/**
 * The clamped line x ↦ clamp(at0 + slope·x) closest (in the largest error over
 * the options) to the target values, among a few candidates: the line through
 * the end options, the line through the first and last options strictly
 * between 0 and 1, and each segment of a piecewise-linear curve. A curve read
 * from GENIUS is always matched exactly.
 */
function fitClampedLine(
  issue: AnalysisIssue,
  curve: IssueValues | undefined,
  targets: readonly number[],
): { at0: number; slope: number; error: number } {
  const xs = issue.options.map((option) => option.value ?? Number(option.id));
  const through = (x0: number, y0: number, x1: number, y1: number) =>
    x1 === x0
      ? { at0: y0, slope: 0 }
      : { at0: y0 - ((y1 - y0) / (x1 - x0)) * x0, slope: (y1 - y0) / (x1 - x0) };
  const n = xs.length - 1;
  const candidates = [
    through(xs[0] as number, targets[0] as number, xs[n] as number, targets[n] as number),
  ];
  const inside = targets.flatMap((y, k) => (y > 0 && y < 1 ? [k] : []));
  const first = inside[0];
  const last = inside[inside.length - 1];
  if (first !== undefined && last !== undefined && last > first)
    candidates.push(
      through(
        xs[first] as number,
        targets[first] as number,
        xs[last] as number,
        targets[last] as number,
      ),
    );
  if (curve?.kind === 'linear') {
    const points = [...curve.points].sort((p, q) => p[0] - q[0]);
    for (let k = 1; k < points.length; k++) {
      const [x0, y0] = points[k - 1] as readonly [number, number];
      const [x1, y1] = points[k] as readonly [number, number];
      if (x1 > x0) candidates.push(through(x0, y0, x1, y1));
    }
  }
  let best = { at0: 0, slope: 0, error: Number.POSITIVE_INFINITY };
  for (const line of candidates) {
    let error = 0;
    xs.forEach((x, k) => {
      const y = Math.min(1, Math.max(0, line.at0 + line.slope * x));
      error = Math.max(error, Math.abs(y - (targets[k] as number)));
    });
    if (error < best.error) best = { ...line, error };
  }
  return best;
}
