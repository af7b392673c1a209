/**
 * Safe parsing of GENIUS XML into elements that carry their path for messages.
 * Input is untrusted: anything over 10 MiB, DOCTYPE and entity declarations are
 * refused before parsing, nesting is limited, and only the five XML entities
 * and character references are decoded in attributes.
 */

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InvalidError, type Problem } from '../../core/errors.ts';
import { checkInputSize, fileField } from './genius-input.ts';

/** Deepest element nesting accepted (GENIUS files nest five deep). */
const MAX_XML_DEPTH = 100;

/** An element of a parsed file, with its path for messages. */
export interface XmlElement {
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
export function parseXml(xml: string, file: string | undefined): XmlElement[] {
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

/** The children of `element` with tag `tag`, in document order. */
export function childrenNamed(element: XmlElement, tag: string): XmlElement[] {
  return element.children.filter((child) => child.tag === tag);
}
