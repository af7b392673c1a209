/**
 * A fast reader for YAML in plain block style: the form Concord writes and
 * most people type. It reads such a text several times faster than js-yaml
 * and gives exactly the value js-yaml gives with the core schema, or
 * `undefined` as soon as the text leaves the subset it knows, and the caller
 * then reads the text with js-yaml (which also reports any error).
 *
 * The subset:
 * - block mappings whose keys are plain words (`led_by`) or quoted;
 * - block sequences (`- item`), their items' mappings and lists starting on
 *   the dash's line, and a mapping's list at the key's own indentation;
 * - single-line scalars: plain (resolved by js-yaml's own implicit types, so
 *   `12` is a number and `2025-11-30` a string), double-quoted with escapes,
 *   single-quoted; one-line flow sequences and mappings of such scalars
 *   (`[us, ukraine]`, `{ slug: none, label: None }`);
 * - block scalars `|`, `|-`, `>` and `>-` whose lines are not indented
 *   further than the first;
 * - comments and blank lines.
 *
 * Everything else (nested or multi-line flow collections, anchors and
 * aliases, tags, multi-line plain or quoted scalars, tabs and carriage
 * returns, characters js-yaml refuses as non-printable,
 * duplicate keys, several documents, odd indentation, deep nesting) makes it
 * give up rather than guess.
 */

import yaml from 'js-yaml';

const SPACE = 0x20;
const DASH = 0x2d;
const HASH = 0x23;
const COLON = 0x3a;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;

/** js-yaml's implicit types of the core schema (null, bool, int, float), in its order. */
const IMPLICIT = (yaml.CORE_SCHEMA as unknown as { compiledImplicit: yaml.Type[] })
  .compiledImplicit;

/** First characters of plain scalars that an implicit type may resolve: `~ n N t T f F + - .` and digits. */
const RESOLVABLE = new Uint8Array(128);
for (const c of '~nNtTfF+-.0123456789') RESOLVABLE[c.charCodeAt(0)] = 1;

/** Characters that cannot start a plain scalar (or start something outside the subset). */
const NOT_PLAIN = new Uint8Array(128);
for (const c of '[]{},#&*!|>\'"%@`?:') NOT_PLAIN[c.charCodeAt(0)] = 1;

/** Characters that plain scalars inside a flow sequence may not hold (in this subset). */
const NOT_FLOW_PLAIN = new Uint8Array(128);
for (const c of '[]{}#:') NOT_FLOW_PLAIN[c.charCodeAt(0)] = 1;

/** Characters of plain keys: letters, digits, `_` and `-`. */
const KEY_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_-]/.test(ch)) KEY_CHAR[c] = 1;
}

/** Plain keys that js-yaml resolves to something else and writes back differently (`True` → "true"). */
const KEY_RESOLVES = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+.0-9].*)$/;

const ESCAPES: Record<string, string> = {
  '0': '\x00',
  a: '\x07',
  b: '\x08',
  t: '\x09',
  n: '\x0A',
  v: '\x0B',
  f: '\x0C',
  r: '\x0D',
  e: '\x1B',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xA0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Thrown (and caught at the top) when the text leaves the subset. */
class OutsideSubset extends Error {}

/**
 * The value of `text` as js-yaml reads it with the core schema, when the text
 * is in the subset; `undefined` otherwise. Nodes nested `maxDepth` deep or
 * nearly so are left to js-yaml, which enforces the limit.
 */
export function readBlockYaml(text: string, maxDepth: number): { value: unknown } | undefined {
  // js-yaml breaks lines at a carriage return too, even in a comment.
  if (text.includes('\r')) return undefined;
  try {
    return { value: new BlockReader(text, maxDepth).document() };
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

class BlockReader {
  /** Start of the current line. */
  private start = 0;
  /** End of the current line (its newline, or the text's end). */
  private end = 0;
  /** Where the current line's content starts; its column is the line's indentation. */
  private content = 0;
  private indent = 0;
  /** Whether there is a current content line (false at the end of the text). */
  private more = false;
  /** Plain keys seen, by length and first character. */
  private readonly keys = new Map<number, string[]>();

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    this.seek(0);
  }

  document(): unknown {
    if (!this.more || this.indent !== 0) throw new OutsideSubset();
    const value = this.isItem() ? this.sequence(0, 1) : this.mapping(0, 1);
    if (this.more) throw new OutsideSubset();
    return value;
  }

  /** Moves to the first line at or after `from` that has content (not blank, not a comment). */
  private seek(from: number): void {
    const { text } = this;
    let start = from;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      let i = start;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      if (i < end && text.charCodeAt(i) !== HASH) {
        this.start = start;
        this.end = end;
        this.content = i;
        this.indent = i - start;
        this.more = true;
        return;
      }
      start = end + 1;
    }
    this.more = false;
  }

  private nextLine(): void {
    this.seek(this.end + 1);
  }

  /** Whether the current line's content is a list item's dash. */
  private isItem(): boolean {
    return this.isItemAt(this.content);
  }

  /** Whether a list item's dash is at `at` on the current line. */
  private isItemAt(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    return at + 1 === this.end || this.text.charCodeAt(at + 1) === SPACE;
  }

  private guardDepth(depth: number): void {
    if (depth >= this.maxDepth - 1) throw new OutsideSubset();
  }

  /** A block sequence whose dashes are at `indent`, from the current line. */
  private sequence(indent: number, depth: number): unknown[] {
    this.guardDepth(depth);
    const { text } = this;
    const items: unknown[] = [];
    while (this.more && this.indent === indent && this.isItem()) {
      let at = this.content + 1;
      while (at < this.end && text.charCodeAt(at) === SPACE) at++;
      if (at === this.end || text.charCodeAt(at) === HASH) {
        if (at !== this.end && text.charCodeAt(at - 1) !== SPACE) throw new OutsideSubset();
        this.nextLine();
        if (this.more && this.indent > indent) items.push(this.block(depth + 1));
        else if (this.more && this.indent < indent) {
          // js-yaml reads a dash after an empty last item as one more item of this list.
          throw new OutsideSubset();
        } else items.push(null);
      } else if (this.keyEnd(at) !== -1 || this.isItemAt(at)) {
        // A mapping or a list starting on the dash's line: its keys or dashes are at this column.
        this.indent = at - this.start;
        this.content = at;
        items.push(this.block(depth + 1));
      } else {
        items.push(this.inline(at, indent, depth + 1));
      }
    }
    if (this.more && this.indent > indent) throw new OutsideSubset();
    return items;
  }

  /** A block mapping whose keys are at `indent`, from the current line. */
  private mapping(indent: number, depth: number): Record<string, unknown> {
    this.guardDepth(depth);
    const { text } = this;
    const result: Record<string, unknown> = {};
    while (this.more && this.indent === indent) {
      const keyStart = this.content;
      const colon = this.keyEnd(keyStart);
      if (colon === -1) throw new OutsideSubset();
      const key = this.key(keyStart, colon);
      if (Object.hasOwn(result, key)) throw new OutsideSubset();
      let at = colon + 1;
      while (at < this.end && text.charCodeAt(at) === SPACE) at++;
      if (at === this.end || text.charCodeAt(at) === HASH) {
        if (at !== this.end && at === colon + 1) throw new OutsideSubset();
        this.nextLine();
        if (this.more && this.indent > indent) result[key] = this.block(depth + 1);
        else if (this.more && this.indent === indent && this.isItem())
          result[key] = this.sequence(indent, depth + 1);
        else result[key] = null;
      } else {
        result[key] = this.inline(at, indent, depth + 1);
      }
    }
    if (this.more && this.indent > indent) throw new OutsideSubset();
    return result;
  }

  /** The nested block on the current line (a sequence or a mapping at its indentation). */
  private block(depth: number): unknown {
    return this.isItem() ? this.sequence(this.indent, depth) : this.mapping(this.indent, depth);
  }

  /**
   * Where the key starting at `at` ends (its colon), when the line holds a
   * key the subset knows followed by `:` and a space or the line's end; -1
   * otherwise.
   */
  private keyEnd(at: number): number {
    const { text } = this;
    let i = at;
    const quote = text.charCodeAt(i);
    if (quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE) {
      i =
        quote === DOUBLE_QUOTE
          ? this.closingDoubleQuote(i, false)
          : this.closingSingleQuote(i, false);
      if (i === -1) return -1;
      i++;
    } else {
      while (i < this.end) {
        const c = text.charCodeAt(i);
        if (c >= 128 || KEY_CHAR[c] !== 1) break;
        i++;
      }
      if (i === at) return -1;
    }
    if (text.charCodeAt(i) !== COLON) return -1;
    const after = i + 1;
    return after === this.end || text.charCodeAt(after) === SPACE ? i : -1;
  }

  /** The key from `at` to its colon. */
  private key(at: number, colon: number): string {
    const { text } = this;
    const quote = text.charCodeAt(at);
    if (quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE) {
      const key =
        quote === DOUBLE_QUOTE
          ? this.doubleQuoted(at + 1, colon - 1)
          : text.slice(at + 1, colon - 1).replaceAll("''", "'");
      if (key === '__proto__') throw new OutsideSubset();
      return key;
    }
    // The same few keys recur on most lines: find them without making a new string.
    const length = colon - at;
    const bucket = length * 128 + text.charCodeAt(at);
    const known = this.keys.get(bucket);
    if (known !== undefined) for (const key of known) if (text.startsWith(key, at)) return key;
    const key = text.slice(at, colon);
    if (key === '__proto__' || KEY_RESOLVES.test(key)) throw new OutsideSubset();
    if (known === undefined) this.keys.set(bucket, [key]);
    else if (known.length < 8) known.push(key);
    return key;
  }

  /**
   * A value written on its key's or dash's line, from `at`; `indent` is the
   * indentation of the collection that holds it. Moves past the value.
   */
  private inline(at: number, indent: number, depth: number): unknown {
    this.guardDepth(depth);
    const { text } = this;
    const c = text.charCodeAt(at);
    let value: unknown;
    let after: number;
    if (c === DOUBLE_QUOTE) {
      const close = this.closingDoubleQuote(at, true);
      value = this.doubleQuoted(at + 1, close);
      after = close + 1;
    } else if (c === SINGLE_QUOTE) {
      const close = this.closingSingleQuote(at, true);
      value = text.slice(at + 1, close).replaceAll("''", "'");
      after = close + 1;
    } else if (c === 0x7c /* | */ || c === 0x3e /* > */) {
      return this.blockScalar(at, indent);
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      [value, after] = this.flowCollection(at);
    } else {
      return this.plain(at, indent);
    }
    this.endOfValue(after, indent);
    return value;
  }

  /**
   * A flow sequence or mapping of scalars on one line (`[rubio, "yermak"]`,
   * `{ slug: none, label: None }`), from its bracket: its value and where it
   * ends.
   */
  private flowCollection(at: number): [unknown, number] {
    const { text } = this;
    const mapping = text.charCodeAt(at) === 0x7b; /* { */
    const closing = mapping ? 0x7d /* } */ : 0x5d; /* ] */
    const items: unknown[] = [];
    const result: Record<string, unknown> = {};
    let i = at + 1;
    const skipSpaces = () => {
      while (i < this.end && text.charCodeAt(i) === SPACE) i++;
    };
    skipSpaces();
    if (text.charCodeAt(i) === closing) return [mapping ? result : items, i + 1];
    for (;;) {
      let key: string | undefined;
      if (mapping) {
        const colon = this.keyEnd(i);
        if (colon === -1) throw new OutsideSubset();
        key = this.key(i, colon);
        if (Object.hasOwn(result, key)) throw new OutsideSubset();
        i = colon + 1;
        skipSpaces();
      }
      const [value, after] = this.flowScalar(i, closing);
      if (key === undefined) items.push(value);
      else result[key] = value;
      i = after;
      skipSpaces();
      const separator = text.charCodeAt(i);
      i++;
      if (separator === closing) return [mapping ? result : items, i];
      if (separator !== 0x2c /* , */) throw new OutsideSubset();
      skipSpaces();
      // A trailing comma, or an empty item, is left to js-yaml.
      if (text.charCodeAt(i) === closing || text.charCodeAt(i) === 0x2c) throw new OutsideSubset();
    }
  }

  /** A scalar inside a flow collection closed by `closing`, from `at`: its value and where it ends. */
  private flowScalar(at: number, closing: number): [unknown, number] {
    const { text } = this;
    const c = text.charCodeAt(at);
    if (c === DOUBLE_QUOTE) {
      const close = this.closingDoubleQuote(at, true);
      return [this.doubleQuoted(at + 1, close), close + 1];
    }
    if (c === SINGLE_QUOTE) {
      const close = this.closingSingleQuote(at, true);
      return [text.slice(at + 1, close).replaceAll("''", "'"), close + 1];
    }
    if (at >= this.end || (c < 128 && NOT_PLAIN[c] === 1)) throw new OutsideSubset();
    if (c === DASH) {
      // `-` starts a plain scalar only when a safe character follows (`-5`, `-x`).
      const next = text.charCodeAt(at + 1);
      if (at + 1 >= this.end || next === SPACE || next === 0x2c || next === closing)
        throw new OutsideSubset();
      if (next < 128 && NOT_FLOW_PLAIN[next] === 1) throw new OutsideSubset();
    }
    let i = at;
    while (i < this.end) {
      const d = text.charCodeAt(i);
      if (d === 0x2c /* , */ || d === closing) break;
      if (d < 0x20 || d >= 0x7f) i = this.printable(d, i);
      else if (NOT_FLOW_PLAIN[d] === 1) throw new OutsideSubset();
      i++;
    }
    let to = i;
    while (text.charCodeAt(to - 1) === SPACE) to--;
    return [this.resolve(text.slice(at, to)), i];
  }

  /**
   * Checks a character of a scalar that is not printable ASCII, `c` at `i`:
   * leaves the subset on what js-yaml refuses as non-printable (and on tabs,
   * C1 controls and byte-order marks, to keep things simple); gives the index
   * of its last code unit (a surrogate pair takes two).
   */
  private printable(c: number, i: number): number {
    if (c < 0x20 || c <= 0x9f || c === 0xfeff || c >= 0xfffe) throw new OutsideSubset();
    if (c < 0xd800 || c > 0xdfff) return i;
    const low = this.text.charCodeAt(i + 1);
    if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) throw new OutsideSubset();
    return i + 1;
  }

  /** After a quoted or flow value: only spaces and a comment may follow; then the next line. */
  private endOfValue(after: number, indent: number): void {
    const { text } = this;
    let i = after;
    while (i < this.end && text.charCodeAt(i) === SPACE) i++;
    if (i < this.end && (text.charCodeAt(i) !== HASH || i === after)) throw new OutsideSubset();
    this.nextLine();
    // A deeper line after a complete value would continue or contradict it.
    if (this.more && this.indent > indent) throw new OutsideSubset();
  }

  /** The closing quote on this line of the single-quoted scalar at `at`; -1 or out of the subset if none. */
  private closingSingleQuote(at: number, required: boolean): number {
    const { text } = this;
    for (let i = at + 1; i < this.end; i++) {
      const c = text.charCodeAt(i);
      if (c !== SINGLE_QUOTE) {
        if (c < 0x20 || c >= 0x7f) i = this.printable(c, i);
        continue;
      }
      if (text.charCodeAt(i + 1) !== SINGLE_QUOTE) return i;
      i++;
    }
    if (required) throw new OutsideSubset();
    return -1;
  }

  /** The closing quote on this line of the double-quoted scalar at `at`; -1 or out of the subset if none. */
  private closingDoubleQuote(at: number, required: boolean): number {
    const { text } = this;
    for (let i = at + 1; i < this.end; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c >= 0x7f) i = this.printable(c, i);
      else if (c === BACKSLASH) i++;
      else if (c === DOUBLE_QUOTE) return i;
    }
    if (required) throw new OutsideSubset();
    return -1;
  }

  private doubleQuoted(from: number, to: number): string {
    const { text } = this;
    let slash = from;
    while (slash < to && text.charCodeAt(slash) !== BACKSLASH) slash++;
    if (slash === to) return text.slice(from, to);
    let result = '';
    let run = from;
    for (let i = slash; i < to; i++) {
      if (text.charCodeAt(i) !== BACKSLASH) continue;
      result += text.slice(run, i);
      const code = text[i + 1] as string;
      const simple = ESCAPES[code];
      if (simple !== undefined) {
        result += simple;
        i += 1;
      } else {
        const length = HEX_ESCAPES[code];
        if (length === undefined) throw new OutsideSubset();
        const hex = text.slice(i + 2, i + 2 + length);
        if (hex.length !== length || !/^[0-9A-Fa-f]+$/.test(hex)) throw new OutsideSubset();
        const point = Number.parseInt(hex, 16);
        if (point > 0x10ffff) throw new OutsideSubset();
        result += String.fromCodePoint(point);
        i += 1 + length;
      }
      run = i + 1;
    }
    return result + text.slice(run, to);
  }

  /** A plain scalar on one line, resolved by js-yaml's implicit types. */
  private plain(at: number, indent: number): unknown {
    const { text } = this;
    const first = text.charCodeAt(at);
    if (first < 128 && NOT_PLAIN[first] === 1) throw new OutsideSubset();
    if (first === DASH && (at + 1 === this.end || text.charCodeAt(at + 1) === SPACE))
      throw new OutsideSubset();
    let end = this.end;
    for (let i = at; i < this.end; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c >= 0x7f) i = this.printable(c, i);
      else if (c === COLON) {
        if (i + 1 === this.end || text.charCodeAt(i + 1) === SPACE) throw new OutsideSubset();
      } else if (c === HASH && text.charCodeAt(i - 1) === SPACE) {
        end = i;
        break;
      }
    }
    while (text.charCodeAt(end - 1) === SPACE) end--;
    const scalar = text.slice(at, end);
    this.nextLine();
    if (this.more && this.indent > indent) throw new OutsideSubset();
    return this.resolve(scalar);
  }

  /** A plain scalar's value: what js-yaml's implicit types make of it, or the string itself. */
  private resolve(scalar: string): unknown {
    const first = scalar.charCodeAt(0);
    if (first >= 128 || RESOLVABLE[first] !== 1) return scalar;
    for (const type of IMPLICIT) if (type.resolve(scalar)) return type.construct(scalar);
    return scalar;
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar, clipped or stripped (`-`),
   * whose header is at `at`; its lines are indented deeper than `indent`.
   */
  private blockScalar(at: number, indent: number): string {
    const { text } = this;
    const folded = text.charCodeAt(at) === 0x3e;
    let i = at + 1;
    const strip = text.charCodeAt(i) === DASH;
    if (strip) i++;
    const afterHeader = i;
    while (i < this.end && text.charCodeAt(i) === SPACE) i++;
    if (i < this.end && (text.charCodeAt(i) !== HASH || i === afterHeader))
      throw new OutsideSubset();

    let lineStart = this.end + 1;
    let contentIndent = -1;
    let result = '';
    let blanks = 0;
    let lines = 0;
    while (lineStart < text.length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1) lineEnd = text.length;
      let j = lineStart;
      while (j < lineEnd && text.charCodeAt(j) === SPACE) j++;
      const spaces = j - lineStart;
      if (j === lineEnd) {
        // A blank line: part of the scalar unless it holds more spaces than the content's indentation.
        if (contentIndent === -1 || spaces > contentIndent) throw new OutsideSubset();
        blanks++;
      } else {
        if (contentIndent === -1) {
          if (spaces <= indent) break;
          contentIndent = spaces;
        } else if (spaces < contentIndent) {
          break;
        } else if (spaces > contentIndent) {
          throw new OutsideSubset();
        }
        for (let k = j; k < lineEnd; k++) {
          const c = text.charCodeAt(k);
          if (c < 0x20 || c >= 0x7f) k = this.printable(c, k);
        }
        if (lines > 0)
          result += blanks > 0 ? '\n'.repeat(folded ? blanks : blanks + 1) : folded ? ' ' : '\n';
        result += text.slice(j, lineEnd);
        if (lineEnd === text.length && !strip) throw new OutsideSubset();
        lines++;
        blanks = 0;
      }
      if (lineEnd === text.length) {
        lineStart = lineEnd;
        break;
      }
      lineStart = lineEnd + 1;
    }
    if (lines === 0) throw new OutsideSubset();
    // The scalar ends before its trailing blank lines; the next content line follows them.
    this.seek(lineStart);
    if (this.more && this.indent > indent) throw new OutsideSubset();
    return strip ? result : `${result}\n`;
  }
}
