/**
 * Plain negotiating drafts: the text as negotiators write and circulate it
 * ("Article 3: Security guarantees", "1.", "(a)", "limited to [600,000 /
 * 800,000] troops"), read into the provision tree of `core/text/provision.ts`
 * and written back.
 *
 * Reading rules:
 * - **Numbered lines** start a provision: "1." / "1)" / "Point 12" (decimal),
 *   "1.1" / "1.2.3" (dotted), "(a)" / "a)" (alpha), "(iv)" / "iv)" (roman),
 *   "Article 3" / "ARTICLE III" (article), "Section 2" / "Part II" (section).
 *   A label needs a separator ("Article 3: Heading", "Article 3 — Heading",
 *   "Article 3. Heading") or nothing after its number, so that a sentence
 *   starting "Article 51 of the Charter…" stays text. Markdown headings
 *   ("## Heading") are sections, or articles and sections when they read
 *   "## Article 3. Heading".
 * - **Text**: any other line continues the provision above it (before the
 *   first numbered line: the preamble, style `none`). Lines join with single
 *   spaces, paragraphs (separated by blank lines) with "\n"; runs of
 *   whitespace become one space. An article's or section's heading is the
 *   text after the separator on its line; a point's line is all body.
 * - **Nesting**: a line indented more than the numbered line before it is its
 *   child. Otherwise a line of a kind already open (seen above and not yet
 *   closed) is a sibling of the nearest one, preferring one indented no more
 *   than itself; a kind not open nests under the line before it (articles
 *   holding "1." points holding "(a)" sub-points). Dotted numbers nest under
 *   the point, article or section whose number is their prefix. Articles,
 *   sections and parts nest by kind only: their indentation is layout (centred
 *   titles), not structure; "Part" and "Section" are different kinds, so
 *   sections nest in parts. A Markdown heading nests under the nearest heading
 *   with fewer "#".
 * - **"(i)"** and the other letters that are also roman numerals ("(v)",
 *   "(x)", "(l)", "(c)") are read as letters when they continue a letter list
 *   ("(h)" then "(i)"); as roman numerals when they continue a roman list
 *   ("(iv)" then "(v)") or, for "(i)", start a new list. When both lists
 *   could continue, the more recent one wins. Otherwise a single letter is
 *   a letter and anything longer ("(ii)") a numeral.
 * - **Numbering** must be sequential within each list (articles are counted
 *   through the whole text); a jump or repeat is an error.
 * - **Choices**: one bracket group per provision makes it open:
 *   "[600,000 / 800,000]" (options split on " / " with spaces, so "and/or"
 *   stays whole) gives one complete wording per option; a single option
 *   "[the Parties]" means with or without the words; "…" stands for nothing.
 *   Alternatives are "a", "b", "c"… A bracket may span lines.
 * - Provisions are "p1", "p2"… in document order; `from`, `note` and
 *   `proposed` are never set.
 */

import { InvalidError, type Problem } from '../../core/errors.ts';
import type { AlternativeId, ProvisionId } from '../../core/ids.ts';
import { alpha, numberProvisions, roman } from '../../core/text/numbering.ts';
import {
  type Alternative,
  bracketed,
  isOpen,
  type NumberingStyle,
  type Provision,
} from '../../core/text/provision.ts';

/** Deepest nesting accepted. */
export const MAX_DRAFT_DEPTH = 32;
/** Problems reported at most; the rest are counted. */
const MAX_PROBLEMS = 100;

/**
 * Reads a plain or Markdown draft into its provision tree. Throws
 * `InvalidError` listing every problem found (numbering jumps, unbalanced or
 * repeated brackets…), each with `file` and its line.
 */
export function parsePlainDraft(text: string, file: string): Provision[] {
  return new DraftReader(file).read(text);
}

/**
 * Writes a provision tree as plain numbered text that `parsePlainDraft` reads
 * back to the same tree (up to ids and whitespace): "Article N: Heading",
 * "Section N: Heading", "N.", "N.M", "(a)", "(i)", two spaces of indentation
 * per level, open provisions as one bracketed choice. `proposed`, `from` and
 * `note` are not written. Throws `InvalidError` (paths are provision ids) for
 * a tree the plain form cannot express: siblings of different styles, an
 * unnumbered provision other than a leading preamble, a heading on a point,
 * an article in an article, brackets in a closed wording, a paragraph that
 * would read as a numbered line.
 */
export function writePlainDraft(provisions: readonly Provision[]): string {
  const writer = new DraftWriter(numberProvisions(provisions));
  writer.writeList(provisions, undefined, new Set(), 0);
  return writer.finish();
}

// ---------------------------------------------------------------------------
// Numbered lines

type Kind = 'article' | 'section' | 'part' | 'decimal' | 'dotted' | 'alpha' | 'roman';

/** Kinds that nest by kind alone, whatever their indentation. */
const LABELLED: ReadonlySet<Kind> = new Set<Kind>(['article', 'section', 'part']);

/** What starts a numbered line. */
interface Marker {
  readonly kind: Kind;
  readonly style: NumberingStyle;
  /** The number as written; undefined for an unnumbered Markdown heading. */
  readonly number: number | undefined;
  /** Dotted numbers: the number of the parent ("1.2" for "1.2.3"). */
  readonly prefix?: string;
  readonly heading?: string;
  /** The body text on the line. */
  readonly rest: string;
  /** Markdown headings: the number of "#". */
  readonly level?: number;
  /** A roman numeral that is also a letter ("i", "v"): its number as a letter. */
  readonly letterNumber?: number;
}

const DECIMAL = /^(\d{1,3})[.)](?=\s|$)\s*(.*)$/;
const DOTTED = /^(\d{1,3}(?:\.\d{1,3})+)\.?(?=\s|$)\s*(.*)$/;
const LETTER = /^(?:\(([a-z]{1,7}|[A-Z]{1,7})\)|([a-z]{1,7}|[A-Z]{1,7})\))(?=\s|$)\s*(.*)$/;
const SEPARATOR = String.raw`\s*(?:[:\u2014\u2013]|[.-](?=\s|$))`;
const LABEL = new RegExp(
  String.raw`^(article|section|part|point)\s+(\d{1,4}|[ivxlcdm]{1,9})(?:${SEPARATOR}|$)\s*(.*)$`,
  'i',
);
/** In a Markdown heading a space may separate the number from the heading. */
const HEADING_LABEL = new RegExp(
  String.raw`^(article|section|part)\s+(\d{1,4}|[ivxlcdm]{1,9})(?:${SEPARATOR}|\s|$)\s*(.*)$`,
  'i',
);
const MARKDOWN = /^(#{1,6})\s+(.*?)(?:\s+#+)?$/;
/** First letters of "article", "section", "part", "point". */
const LABEL_INITIALS = [97, 115, 112];
/** Whitespace other than single spaces. */
const IRREGULAR_SPACE = /\s\s|[^\S ]/;

/** The marker a line (trimmed, single-spaced) starts with, if it is numbered. */
function readMarker(text: string): Marker | undefined {
  const first = text.charCodeAt(0);
  if (first === 35 /* # */) return readMarkdownHeading(text);
  if (first >= 48 && first <= 57) return readDigits(text);
  if (first === 40 /* ( */) return readLetter(text);
  const letter = first | 0x20; // lower case, for letters
  if (letter < 97 || letter > 122) return undefined;
  if (LABEL_INITIALS.includes(letter)) {
    const label = readLabel(text, LABEL);
    if (label !== undefined) return label;
  }
  // "a)" or "iv)": a closing parenthesis within the first few characters.
  const close = text.indexOf(')', 1);
  return close > 0 && close <= 7 ? readLetter(text) : undefined;
}

/** "1." / "1)" (decimal) or "1.2" / "1.2.3." (dotted). */
function readDigits(text: string): Marker | undefined {
  const dotted = DOTTED.exec(text);
  if (dotted !== null) {
    const parts = (dotted[1] ?? '').split('.').map(Number);
    const number = parts.pop();
    return {
      kind: 'dotted',
      style: 'dotted',
      number,
      prefix: parts.join('.'),
      rest: dotted[2] ?? '',
    };
  }
  const decimal = DECIMAL.exec(text);
  if (decimal === null) return undefined;
  return { kind: 'decimal', style: 'decimal', number: Number(decimal[1]), rest: decimal[2] ?? '' };
}

/** "Article 3: Heading", "Part II", "Point 12. Body". */
function readLabel(text: string, pattern: RegExp): Marker | undefined {
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const number = readCount(match[2] ?? '');
  if (number === undefined) return undefined;
  const word = (match[1] ?? '').toLowerCase();
  const rest = match[3] ?? '';
  if (word === 'point') return { kind: 'decimal', style: 'decimal', number, rest };
  const kind = word === 'article' ? 'article' : word === 'part' ? 'part' : 'section';
  const style = kind === 'article' ? 'article' : 'section';
  return { kind, style, number, rest: '', ...(rest === '' ? {} : { heading: rest }) };
}

/** "(a)", "a)", "(iv)", "iv)"; a token that is both ("(i)") keeps its letter number too. */
function readLetter(text: string): Marker | undefined {
  const match = LETTER.exec(text);
  if (match === null) return undefined;
  const written = match[1] ?? match[2] ?? '';
  const token = written.toLowerCase();
  const rest = match[3] ?? '';
  // Lower-case letters up to "zz"; upper case only as a single letter.
  const asLetter =
    token.length === 1 || (token.length === 2 && written === token)
      ? letterNumber(token)
      : undefined;
  const asRoman = romanNumber(token, 100);
  if (asRoman !== undefined) {
    const letter = asLetter === undefined ? {} : { letterNumber: asLetter };
    return { kind: 'roman', style: 'roman', number: asRoman, rest, ...letter };
  }
  if (asLetter === undefined) return undefined;
  return { kind: 'alpha', style: 'alpha', number: asLetter, rest };
}

/** "## Heading" (a section) or "## Article 3. Heading". */
function readMarkdownHeading(text: string): Marker | undefined {
  const match = MARKDOWN.exec(text);
  if (match === null) return undefined;
  const level = (match[1] ?? '').length;
  const content = match[2] ?? '';
  const label = readLabel(content, HEADING_LABEL);
  if (label !== undefined) return { ...label, level };
  return {
    kind: 'section',
    style: 'section',
    number: undefined,
    heading: content,
    rest: '',
    level,
  };
}

/** "12" → 12, "III" or "iii" → 3; a numeral in mixed case or not canonical is none. */
function readCount(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (text !== lower && text !== text.toUpperCase()) return undefined;
  return romanNumber(lower, 3999);
}

/** "a" → 1, "z" → 26, "aa" → 27: the inverse of `alpha`. */
function letterNumber(token: string): number {
  let n = 0;
  for (let i = 0; i < token.length; i++) n = n * 26 + (token.charCodeAt(i) - 96);
  return n;
}

const ROMAN_DIGITS: Readonly<Record<string, number>> = {
  i: 1,
  v: 5,
  x: 10,
  l: 50,
  c: 100,
  d: 500,
  m: 1000,
};

/** The value of a canonical lower-case roman numeral up to `max`, else undefined. */
function romanNumber(token: string, max: number): number | undefined {
  let total = 0;
  for (let i = 0; i < token.length; i++) {
    const value = ROMAN_DIGITS[token[i] ?? ''];
    if (value === undefined) return undefined;
    const next = ROMAN_DIGITS[token[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total > 0 && total <= max && roman(total) === token ? total : undefined;
}

/** How a marker's number is written: "3", "(b)", "1.2", "Article 4". */
function tokenOf(marker: Marker, n: number): string {
  switch (marker.kind) {
    case 'article':
      return `Article ${n}`;
    case 'section':
      return `Section ${n}`;
    case 'part':
      return `Part ${n}`;
    case 'dotted':
      return `${marker.prefix}.${n}`;
    case 'alpha':
      return `(${alpha(n)})`;
    case 'roman':
      return `(${roman(n)})`;
    default:
      return String(n);
  }
}

/** How a marker is named in a message: "point 3", "point (b)", "Article 4". */
function nameOf(marker: Marker, n: number): string {
  return LABELLED.has(marker.kind) ? tokenOf(marker, n) : `point ${tokenOf(marker, n)}`;
}

/** "point 5 follows point 2; expected 3". */
function sequenceMessage(marker: Marker, number: number, previous: number): string {
  const where =
    previous === 0
      ? marker.kind === 'article'
        ? 'is the first article'
        : 'is the first of its list'
      : `follows ${nameOf(marker, previous)}`;
  return `${nameOf(marker, number)} ${where}; expected ${tokenOf(marker, previous + 1)}`;
}

/** Leading whitespace, a tab counting to the next multiple of four columns. */
function indentOf(line: string): number {
  let column = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) column++;
    else if (c === 9) column += 4 - (column % 4);
    else break;
  }
  return column;
}

// ---------------------------------------------------------------------------
// Choices

/** Tidies a wording after an option was put in: single spaces, no empty paragraphs. */
function tidy(text: string): string {
  return text
    .replace(/ {2,}/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** The wording with `option` in place of the bracket; an empty option takes its space along. */
function joinOption(before: string, option: string, after: string): string {
  if (option !== '') return tidy(before + option + after);
  const left = before.endsWith(' ') && /^(?:\s|[.,;:!?)])/.test(after) ? before.trimEnd() : before;
  return tidy(left + after);
}

/**
 * The complete wordings of a wording holding exactly one bracket group, or
 * undefined when it holds none, several, nested or empty brackets.
 */
function choiceIn(wording: string): string[] | undefined {
  const open = wording.indexOf('[');
  const close = wording.indexOf(']');
  if (open < 0 || close < open) return undefined;
  const inner = wording.slice(open + 1, close);
  const after = wording.slice(close + 1);
  if (inner.includes('[') || /[[\]]/.test(after) || inner.trim() === '') return undefined;
  const before = wording.slice(0, open);
  const options = inner
    .split(/\s+\/\s+/)
    .map((option) => option.trim())
    .map((option) => (option === '…' || option === '...' ? '' : option));
  if (options.length === 1) options.push('');
  return options.map((option) => joinOption(before, option, after));
}

// ---------------------------------------------------------------------------
// Reading

/** A list of provisions being read: the top level or a provision's children. */
interface Parent {
  readonly children: Draft[];
  /** The last number given to each style among the children. */
  readonly last: Map<NumberingStyle, number>;
}

interface Brackets {
  /** How many "[" are open. */
  depth: number;
  /** The line of the last "[" that opened a group. */
  openLine: number;
  groups: number;
  /** A problem was reported: no alternatives are made. */
  broken: boolean;
}

/** A provision being read. */
interface Draft extends Parent {
  readonly id: ProvisionId;
  readonly style: NumberingStyle;
  readonly heading: string | undefined;
  /** Paragraphs, each the lines that make it up. */
  readonly paragraphs: string[][];
  /** A blank line was read: the next line starts a paragraph. */
  breakPending: boolean;
  readonly brackets: Brackets;
  result: Provision | undefined;
}

/** A numbered provision that later lines may still nest under or follow. */
interface Open {
  readonly draft: Draft;
  readonly kind: Kind;
  /** Markdown headings sit below any real indentation, deeper levels higher. */
  readonly indent: number;
  readonly number: number;
  /** The number dotted children extend ("3" for Article 3 and "3.", "3.1" for "3.1"). */
  readonly ordinal: string | undefined;
  readonly level: number | undefined;
}

/** Where a new provision goes: indices into the stack of open provisions (-1: top level). */
interface Place {
  readonly parent: number;
  /** The open sibling of the same kind it follows. */
  readonly previous?: number;
}

function resultOf(draft: Draft): Provision {
  return draft.result as Provision;
}

class DraftReader {
  private readonly problems: Problem[] = [];
  private dropped = 0;
  private readonly root: Parent = { children: [], last: new Map() };
  /** The path from the top level to the provision being read. */
  private readonly stack: Open[] = [];
  private preamble: Draft | undefined;
  private lastArticle = 0;
  private count = 0;

  constructor(private readonly file: string) {}

  read(text: string): Provision[] {
    const lines = splitLines(text);
    for (let i = 0; i < lines.length; i++) this.readLine(lines[i] ?? '', i + 1);
    this.closeTo(-1);
    if (this.preamble !== undefined) this.finish(this.preamble);
    this.throwProblems();
    return this.root.children.map(resultOf);
  }

  private readLine(raw: string, line: number): void {
    const trimmed = raw.trim();
    if (trimmed === '') {
      this.markBreak();
      return;
    }
    const text = IRREGULAR_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
    const marker = readMarker(text);
    if (marker === undefined) this.continueWith(text, line);
    else this.start(marker, indentOf(raw), line);
  }

  private current(): Draft | undefined {
    return this.stack[this.stack.length - 1]?.draft ?? this.preamble;
  }

  private markBreak(): void {
    const draft = this.current();
    if (draft !== undefined && draft.paragraphs.length > 0) draft.breakPending = true;
  }

  private continueWith(text: string, line: number): void {
    const draft = this.current() ?? this.newPreamble();
    this.addText(draft, text, line);
  }

  private newPreamble(): Draft {
    this.preamble = this.newDraft('none', undefined, this.root);
    return this.preamble;
  }

  private addText(draft: Draft, text: string, line: number): void {
    const last = draft.paragraphs[draft.paragraphs.length - 1];
    if (last === undefined || draft.breakPending) draft.paragraphs.push([text]);
    else last.push(text);
    draft.breakPending = false;
    if (text.includes('[') || text.includes(']')) this.scanBrackets(draft.brackets, text, line);
  }

  private start(written: Marker, indent: number, line: number): void {
    const marker = this.settleLetter(written, indent);
    const place = this.place(marker, indent, line);
    this.closeTo(place.parent);
    const parent = place.parent < 0 ? this.root : (this.stack[place.parent] as Open).draft;
    if (this.stack.length >= MAX_DRAFT_DEPTH) {
      this.report(line, `provisions nest more than ${MAX_DRAFT_DEPTH} levels deep`);
    }
    const number = this.numberOf(marker, parent, line);
    const draft = this.newDraft(marker.style, marker.heading, parent);
    this.stack.push({
      draft,
      kind: marker.kind,
      indent: marker.level === undefined ? indent : marker.level - 7,
      number,
      ordinal: ordinalOf(marker, number),
      level: marker.level,
    });
    if (marker.heading !== undefined && /[[\]]/.test(marker.heading)) {
      this.report(line, 'brackets are not allowed in a heading; put the choice in the wording');
    }
    if (marker.rest !== '') this.addText(draft, marker.rest, line);
  }

  /** Decides whether "(i)", "(v)"… is a letter or a roman numeral (see the module comment). */
  private settleLetter(marker: Marker, indent: number): Marker {
    if (marker.letterNumber === undefined || marker.number === undefined) return marker;
    const asLetter: Marker = {
      kind: 'alpha',
      style: 'alpha',
      number: marker.letterNumber,
      rest: marker.rest,
    };
    const letterPrevious = this.placeByKind('alpha', indent).previous;
    const romanPrevious = this.placeByKind('roman', indent).previous;
    const letterFits = this.numberAt(letterPrevious) === marker.letterNumber - 1;
    const romanFits =
      marker.number === 1
        ? romanPrevious === undefined
        : this.numberAt(romanPrevious) === marker.number - 1;
    // Both lists continue: the more recent wins; "(h)" then "(i)" beats a new roman list.
    const moreRecent = (letterPrevious ?? -1) > (romanPrevious ?? -1) ? asLetter : marker;
    if (letterFits && romanFits) return romanPrevious === undefined ? asLetter : moreRecent;
    if (letterFits) return asLetter;
    if (romanFits) return marker;
    // Neither continues: follow the more recent list, for its numbering error.
    if (letterPrevious !== undefined || romanPrevious !== undefined) return moreRecent;
    // A list starts with "(v)", "(x)"…: a single letter is a letter.
    return marker.letterNumber <= 26 ? asLetter : marker;
  }

  private numberAt(index: number | undefined): number | undefined {
    return index === undefined ? undefined : this.stack[index]?.number;
  }

  private place(marker: Marker, indent: number, line: number): Place {
    if (marker.level !== undefined) return this.placeHeading(marker.level);
    if (marker.kind === 'dotted') return this.placeDotted(marker, indent, line);
    return this.placeByKind(marker.kind, indent);
  }

  /** A Markdown heading goes under the nearest heading with fewer "#". */
  private placeHeading(level: number): Place {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const open = this.stack[k] as Open;
      if (open.level !== undefined && open.level < level) return { parent: k };
    }
    return { parent: -1 };
  }

  /** "1.2.3" goes under the open "1.2", preferring one indented less than itself. */
  private placeDotted(marker: Marker, indent: number, line: number): Place {
    let nearest = -1;
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const open = this.stack[k] as Open;
      if (open.ordinal !== marker.prefix) continue;
      if (open.indent < indent) return { parent: k };
      if (nearest < 0) nearest = k;
    }
    if (nearest < 0) {
      this.report(
        line,
        `point ${marker.prefix}.${marker.number} is not under a point, article or section numbered ${marker.prefix}`,
      );
      return { parent: this.stack.length - 1 };
    }
    return { parent: nearest };
  }

  /** Indented more than the line before: a child; else after the open sibling of its kind. */
  private placeByKind(kind: Kind, indent: number): Place {
    const top = this.stack.length - 1;
    const above = this.stack[top];
    if (above !== undefined && !LABELLED.has(kind) && indent > above.indent) return { parent: top };
    const sibling = this.findKind(kind, indent);
    if (sibling >= 0) return { parent: sibling - 1, previous: sibling };
    return { parent: top };
  }

  /** The nearest open provision of `kind`, preferring one indented no more than `indent`. */
  private findKind(kind: Kind, indent: number): number {
    let nearest = -1;
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const open = this.stack[k] as Open;
      if (open.kind !== kind) continue;
      if (open.indent <= indent) return k;
      if (nearest < 0) nearest = k;
    }
    return nearest;
  }

  /** Checks that the number follows the list's last one; returns the number it takes. */
  private numberOf(marker: Marker, parent: Parent, line: number): number {
    const previous =
      marker.kind === 'article' ? this.lastArticle : (parent.last.get(marker.style) ?? 0);
    const number = marker.number ?? previous + 1;
    if (number !== previous + 1) this.report(line, sequenceMessage(marker, number, previous));
    if (marker.kind === 'article') this.lastArticle = number;
    else parent.last.set(marker.style, number);
    return number;
  }

  private newDraft(style: NumberingStyle, heading: string | undefined, parent: Parent): Draft {
    this.count++;
    const draft: Draft = {
      id: `p${this.count}` as ProvisionId,
      style,
      heading,
      paragraphs: [],
      breakPending: false,
      brackets: { depth: 0, openLine: 0, groups: 0, broken: false },
      children: [],
      last: new Map(),
      result: undefined,
    };
    parent.children.push(draft);
    return draft;
  }

  /** Finishes the open provisions above stack index `index`. */
  private closeTo(index: number): void {
    while (this.stack.length - 1 > index) this.finish((this.stack.pop() as Open).draft);
  }

  private scanBrackets(brackets: Brackets, text: string, line: number): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '[') this.openBracket(brackets, line);
      else if (c === ']') this.closeBracket(brackets, line);
    }
  }

  private openBracket(brackets: Brackets, line: number): void {
    brackets.depth++;
    if (brackets.depth > 1) {
      this.report(line, 'a bracket opens inside another bracket; brackets cannot be nested');
      brackets.broken = true;
      return;
    }
    brackets.openLine = line;
    brackets.groups++;
    if (brackets.groups === 2) {
      this.report(line, 'only one bracketed choice per provision; split the provision');
      brackets.broken = true;
    }
  }

  private closeBracket(brackets: Brackets, line: number): void {
    if (brackets.depth === 0) {
      this.report(line, '"]" closes no bracket');
      brackets.broken = true;
    } else {
      brackets.depth--;
    }
  }

  /** Builds the provision once all its lines and children are read. */
  private finish(draft: Draft): void {
    const brackets = draft.brackets;
    if (brackets.depth > 0) {
      this.report(brackets.openLine, '"[" is never closed');
      brackets.broken = true;
    }
    const text = draft.paragraphs.map((lines) => lines.join(' ')).join('\n');
    const alternatives =
      brackets.groups === 1 && !brackets.broken ? this.alternativesOf(text, brackets) : undefined;
    draft.result = {
      id: draft.id,
      style: draft.style,
      ...(draft.heading === undefined ? {} : { heading: draft.heading }),
      body: alternatives === undefined ? text : '',
      ...(alternatives === undefined ? {} : { alternatives }),
      children: draft.children.map(resultOf),
    };
  }

  private alternativesOf(text: string, brackets: Brackets): Alternative[] | undefined {
    const wordings = choiceIn(text);
    if (wordings === undefined) {
      this.report(
        brackets.openLine,
        'empty brackets: write the options inside, separated by " / "',
      );
      return undefined;
    }
    return wordings.map((wording, i) => ({ id: alpha(i + 1) as AlternativeId, text: wording }));
  }

  private report(line: number, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) {
      this.problems.push({ file: this.file, line, path: '', message });
    } else {
      this.dropped++;
    }
  }

  private throwProblems(): void {
    if (this.problems.length === 0) return;
    const problems = [...this.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    if (this.dropped > 0) {
      problems.push({ file: this.file, path: '', message: `and ${this.dropped} more problems` });
    }
    throw new InvalidError(problems);
  }
}

/** The number dotted children of a provision extend; letters and numerals have none. */
function ordinalOf(marker: Marker, number: number): string | undefined {
  if (marker.kind === 'alpha' || marker.kind === 'roman') return undefined;
  return marker.kind === 'dotted' ? `${marker.prefix}.${number}` : String(number);
}

/** Lines of a text, without a byte-order mark, whatever its line ends. */
function splitLines(text: string): string[] {
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return (unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked).split('\n');
}

// ---------------------------------------------------------------------------
// Writing

/** Styles a dotted point can sit under: those whose number it extends. */
const DOTTED_PARENTS: ReadonlySet<NumberingStyle> = new Set<NumberingStyle>([
  'section',
  'article',
  'decimal',
  'dotted',
]);

/** Whitespace as the reader leaves it: single spaces, no empty paragraphs. */
function asRead(wording: string): string {
  return wording
    .split('\n')
    .map((paragraph) => {
      const trimmed = paragraph.trim();
      return IRREGULAR_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
    })
    .filter((paragraph) => paragraph !== '')
    .join('\n');
}

function sameWordings(read: readonly string[] | undefined, texts: readonly string[]): boolean {
  return read !== undefined && read.length === texts.length && read.every((t, i) => t === texts[i]);
}

/**
 * Like `bracketed`, but on whole words, with the spaces around the bracket
 * outside it, and a with-or-without choice as a single option:
 * `["The Parties shall meet", "shall meet"]` → `"[The Parties] shall meet"`
 * (where `bracketed` glues "]shall").
 */
function spacedChoice(texts: readonly string[]): string {
  const words = texts.map((text) => (text === '' ? [] : text.split(' ')));
  const first = words[0] ?? [];
  const shortest = Math.min(...words.map((w) => w.length));
  let prefix = 0;
  while (prefix < shortest && words.every((w) => w[prefix] === first[prefix])) prefix++;
  let suffix = 0;
  const fromEnd = (w: string[]) => w[w.length - 1 - suffix];
  while (suffix < shortest - prefix && words.every((w) => fromEnd(w) === fromEnd(first))) suffix++;
  const middles = words.map((w) => w.slice(prefix, w.length - suffix).join(' ') || '…');
  const options = middles.length === 2 && middles[1] === '…' ? middles.slice(0, 1) : middles;
  const head = first.slice(0, prefix).join(' ');
  const tail = first.slice(first.length - suffix).join(' ');
  return `${head ? `${head} ` : ''}[${options.join(' / ')}]${tail ? ` ${tail}` : ''}`;
}

/**
 * One bracket that reads back as `texts`, with no paragraph that would read
 * as a numbered line: compact if possible, else the whole wordings.
 */
function renderChoice(texts: readonly string[]): string | undefined {
  const whole = `[${texts.map((text) => (text === '' ? '…' : text)).join(' / ')}]`;
  const fits = (wording: string) => {
    const read = asRead(wording);
    return sameWordings(choiceIn(read), texts) && !read.split('\n').some(isNumbered);
  };
  const compact = bracketed(texts);
  if (fits(compact)) return compact;
  const spaced = spacedChoice(texts);
  if (fits(spaced)) return spaced;
  // The whole wordings: a paragraph that would read as numbered is reported by the writer.
  return sameWordings(choiceIn(asRead(whole)), texts) ? whole : undefined;
}

/** Whether a paragraph on a line of its own would start a provision. */
function isNumbered(paragraph: string): boolean {
  return readMarker(paragraph) !== undefined;
}

class DraftWriter {
  private readonly lines: string[] = [];
  private readonly problems: Problem[] = [];

  constructor(private readonly numbers: ReadonlyMap<ProvisionId, string>) {}

  writeList(
    list: readonly Provision[],
    parent: Provision | undefined,
    ancestors: ReadonlySet<NumberingStyle>,
    depth: number,
  ): void {
    this.checkStyles(list);
    list.forEach((provision, index) => {
      this.checkPlace(provision, parent, ancestors, index);
      this.writeProvision(provision, depth);
      const inner = new Set(ancestors).add(provision.style);
      this.writeList(provision.children, provision, inner, depth + 1);
    });
  }

  finish(): string {
    if (this.problems.length > 0) {
      throw new InvalidError(this.problems, 'the draft cannot be written as plain text:');
    }
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }

  private writeProvision(provision: Provision, depth: number): void {
    const paragraphs = this.wordingOf(provision)
      .split('\n')
      .filter((p) => p !== '');
    const indent = '  '.repeat(depth);
    if (provision.style === 'none') {
      if (paragraphs.length === 0) this.problem(provision, 'an empty preamble cannot be written');
      this.writeParagraphs(provision, paragraphs, indent, false);
      return;
    }
    const number = this.numbers.get(provision.id) ?? '';
    if (provision.style === 'article' || provision.style === 'section') {
      if (this.lines.length > 0) this.lines.push('');
      const heading = provision.heading ? `: ${provision.heading}` : '';
      this.lines.push(`${indent}${number}${heading}`);
      this.writeParagraphs(provision, paragraphs, `${indent}  `, false);
      return;
    }
    const [first, ...others] = paragraphs;
    this.lines.push(first === undefined ? `${indent}${number}` : `${indent}${number} ${first}`);
    this.writeParagraphs(provision, others, `${indent}  `, first !== undefined);
  }

  /** Paragraphs on lines of their own, separated by blank lines. */
  private writeParagraphs(
    provision: Provision,
    paragraphs: readonly string[],
    indent: string,
    afterText: boolean,
  ): void {
    paragraphs.forEach((paragraph, i) => {
      if (isNumbered(asRead(paragraph))) {
        this.problem(provision, `the paragraph "${paragraph}" would read as a numbered line`);
      }
      if (i > 0 || afterText) this.lines.push('');
      this.lines.push(`${indent}${paragraph}`);
    });
  }

  /** The wording as written: the body, or the alternatives as one bracketed choice. */
  private wordingOf(provision: Provision): string {
    if (!isOpen(provision)) {
      if (/[[\]]/.test(provision.body)) {
        this.problem(
          provision,
          'brackets in the wording of a closed provision would read as a choice',
        );
      }
      return provision.body;
    }
    const texts = (provision.alternatives ?? []).map((alternative) => alternative.text);
    const wording = renderChoice(texts);
    if (wording !== undefined) return wording;
    this.problem(
      provision,
      'the alternatives cannot be written as one bracketed choice (one holds " / " or brackets)',
    );
    return '';
  }

  private checkStyles(list: readonly Provision[]): void {
    const first = list.find((provision) => provision.style !== 'none');
    const other = list.find((p) => p.style !== 'none' && p.style !== first?.style);
    if (first !== undefined && other !== undefined) {
      this.problem(
        other,
        `siblings of different styles (${first.style}, ${other.style}) cannot be told apart in plain text`,
      );
    }
  }

  private checkPlace(
    provision: Provision,
    parent: Provision | undefined,
    ancestors: ReadonlySet<NumberingStyle>,
    index: number,
  ): void {
    const { style, heading } = provision;
    if (style === 'none' && (parent !== undefined || index > 0 || provision.children.length > 0)) {
      this.problem(
        provision,
        'an unnumbered provision can only be the preamble: the first of the text, without sub-provisions',
      );
    }
    if (style === 'dotted' && (parent === undefined || !DOTTED_PARENTS.has(parent.style))) {
      this.problem(provision, 'a dotted point must sit under a point, an article or a section');
    }
    if ((style === 'article' || style === 'section') && ancestors.has(style)) {
      const nested =
        style === 'article' ? 'an article inside an article' : 'a section inside a section';
      this.problem(provision, `${nested} cannot be written in plain text`);
    }
    if (heading && style !== 'article' && style !== 'section') {
      this.problem(provision, 'only articles and sections have headings in plain text');
    }
    if (heading && /[[\]\n]/.test(heading)) {
      this.problem(provision, 'a heading must be one line without brackets');
    }
  }

  private problem(provision: Provision, message: string): void {
    this.problems.push({ path: provision.id, message });
  }
}
