/**
 * Akoma Ntoso 3.0 (OASIS LegalDocML) export of one version of a negotiating
 * text: a `<doc name="negotiatingText">` whose metadata identifies the text
 * (Work), the version (Expression) and this XML file (Manifestation), whose
 * preface says who proposed the version and when, and whose main body holds
 * the provision tree. The output validates against the OASIS schema
 * (`akomantoso30.xsd`); the mapping and its conventions are described in
 * `docs/akoma-ntoso.md`.
 *
 * Pure: the export date is passed in, nothing reads a clock or a file.
 */

import { DAY_MS, dayStart, formatDay, MINUTE_MS } from '../../core/calendar.ts';
import { InvalidError } from '../../core/errors.ts';
import {
  DEFAULT_APPROXIMATE_MARGIN,
  type FuzzyDate,
  formatFuzzyDate,
  OPEN_END,
  OPEN_START,
} from '../../core/fuzzy-date.ts';
import type { PartyId } from '../../core/ids.ts';
import { compareParties, type Party } from '../../core/party.ts';
import type { Process } from '../../core/process.ts';
import type { NegotiatingText, TextVersion } from '../../core/text/negotiating-text.ts';
import { numberProvisions } from '../../core/text/numbering.ts';
import { isOpen, type NumberingStyle, type Provision } from '../../core/text/provision.ts';

/** The Akoma Ntoso 3.0 namespace. */
export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/** The `name` of the `<doc>` element, also the document subtype in the FRBR URIs. */
export const AKN_DOC_NAME = 'negotiatingText';

/**
 * The jurisdiction part of the FRBR URIs (`FRBRcountry`). A negotiation
 * belongs to no single state; Concord uses `un`, the code Akoma Ntoso gives
 * documents of the United Nations system, as the nearest fit for
 * international texts (see docs/akoma-ntoso.md).
 */
export const AKN_COUNTRY = 'un';

/** What `writeAkomaNtoso` exports. */
export interface AkomaNtosoInput {
  readonly process: Process;
  readonly text: NegotiatingText;
  /** The version to export (normally one of `text.versions`). */
  readonly version: TextVersion;
  /** The process's parties: proposers and recipients are referenced by their slugs. */
  readonly parties: readonly Party[];
  /** The day of the export, `YYYY-MM-DD` (the Manifestation date). */
  readonly exportedOn: string;
  /** ISO 639-2 alpha-3 code of the text's language; `und` (undetermined) by default. */
  readonly language?: string;
}

/**
 * One version of a negotiating text as an Akoma Ntoso 3.0 XML document
 * (UTF-8, with its XML declaration). Throws `InvalidError` when `exportedOn`
 * is not a real `YYYY-MM-DD` day or `language` is not a three-letter code.
 */
export function writeAkomaNtoso(input: AkomaNtosoInput): string {
  const exportedOn = checkDay(input.exportedOn);
  const language = checkLanguage(input.language ?? 'und');
  const organizations = organizationsOf(input);
  const uris = urisOf(input, language, exportedOn);
  const doc = el('doc', { name: AKN_DOC_NAME }, [
    metaOf(input, organizations, uris, language, exportedOn),
    prefaceOf(input, organizations, uris),
    mainBodyOf(input.version.provisions),
  ]);
  const root = el('akomaNtoso', { xmlns: AKN_NAMESPACE }, [doc]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, '')}\n`;
}

// ---------------------------------------------------------------------------
// A minimal XML tree and its serialization

type XmlNode = XmlElement | string;

interface XmlElement {
  readonly name: string;
  /** Attributes in output order; undefined values are left out. */
  readonly attributes: Readonly<Record<string, string | undefined>>;
  readonly children: readonly XmlNode[];
}

function el(
  name: string,
  attributes: Readonly<Record<string, string | undefined>> = {},
  children: readonly XmlNode[] = [],
): XmlElement {
  return { name, attributes, children };
}

/** Elements with mixed content: written on one line, since whitespace inside them is text. */
const MIXED_CONTENT = new Set([
  'p',
  'num',
  'heading',
  'inline',
  'docTitle',
  'docType',
  'docStage',
  'docStatus',
  'docProponent',
  'docDate',
  'organization',
  'ref',
]);

/** Block elements one per line, indented; mixed-content elements on a single line. */
function serialize(element: XmlElement, indent: string): string {
  if (element.children.length === 0 || MIXED_CONTENT.has(element.name)) {
    return indent + serializeInline(element);
  }
  const inner = element.children.map((child) =>
    typeof child === 'string' ? `${indent}  ${escapeText(child)}` : serialize(child, `${indent}  `),
  );
  return [`${indent}${startTag(element)}>`, ...inner, `${indent}</${element.name}>`].join('\n');
}

function serializeInline(node: XmlNode): string {
  if (typeof node === 'string') return escapeText(node);
  if (node.children.length === 0) return `${startTag(node)}/>`;
  return `${startTag(node)}>${node.children.map(serializeInline).join('')}</${node.name}>`;
}

function startTag(element: XmlElement): string {
  const attributes = Object.entries(element.attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  return `<${element.name}${attributes}`;
}

/**
 * Characters XML 1.0 forbids: C0 controls other than tab, line feed and
 * carriage return, lone surrogates, U+FFFE and U+FFFF. They are dropped.
 */
const FORBIDDEN_IN_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeText(text: string): string {
  return text
    .replace(FORBIDDEN_IN_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}

/**
 * An identifier safe in eId/wId attributes and URI paths: letters, digits,
 * `.`, `-` and `~` stay; every other character (including `_`, which the
 * naming convention uses as a separator, and whitespace) is percent-encoded
 * as UTF-8. Slugs pass unchanged. The empty string becomes `_`.
 */
function idToken(id: string): string {
  if (id === '') return '_';
  let token = '';
  for (const char of id) {
    if (/^[A-Za-z0-9.~-]$/.test(char)) {
      token += char;
    } else {
      for (const byte of Buffer.from(char, 'utf8')) {
        token += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
    }
  }
  return token;
}

// ---------------------------------------------------------------------------
// Checks and dates

function checkDay(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = (match?.slice(1) ?? []).map(Number);
  const real =
    year !== undefined &&
    month !== undefined &&
    day !== undefined &&
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    formatDay(dayStart(year, month, day)) === text;
  if (!real) throw InvalidError.of(`exportedOn "${text}" is not a day (YYYY-MM-DD)`);
  return text;
}

function checkLanguage(code: string): string {
  if (!/^[a-z]{3}$/.test(code)) {
    throw InvalidError.of(`language "${code}" is not an ISO 639-2 code (three lower-case letters)`);
  }
  return code;
}

const FIRST_DAY_MS = dayStart(1, 1, 1);
const LAST_DAY_MS = dayStart(10000, 1, 1) - 1;

/**
 * The `xsd:date` standing for a fuzzy date: the day itself, the centre of an
 * approximate day, the first day of a week, month, year or window (the last
 * day of a window open at its start); undefined for a fully open window or a
 * year outside 1–9999. Instants keep the day of their own UTC offset.
 */
function xsdDay(date: FuzzyDate | undefined): string | undefined {
  if (date === undefined) return undefined;
  let ms: number | undefined;
  if (date.precision === 'instant') ms = date.start + (date.offsetMinutes ?? 0) * MINUTE_MS;
  else if (date.precision === 'approximate') {
    ms = date.start + (date.marginDays ?? DEFAULT_APPROXIMATE_MARGIN) * DAY_MS;
  } else if (date.start > OPEN_START) ms = date.start;
  else if (date.end < OPEN_END) ms = date.end - 1;
  if (ms === undefined || ms < FIRST_DAY_MS || ms > LAST_DAY_MS) return undefined;
  return formatDay(ms);
}

/** A FRBRdate: its day, and a name that keeps the date as written when the day only stands for it. */
interface FrbrDate {
  readonly date: string;
  readonly dateName: string;
}

/** The FRBRdate for a fuzzy date, or undefined when it has no representable day. */
function frbrDate(name: string, date: FuzzyDate | undefined): FrbrDate | undefined {
  const day = xsdDay(date);
  if (date === undefined || day === undefined) return undefined;
  const exact = (date.precision === 'day' || date.precision === 'instant') && !date.label;
  return { date: day, dateName: exact ? name : `${name}: ${formatFuzzyDate(date)}` };
}

// ---------------------------------------------------------------------------
// Identification: FRBR URIs and dates

interface Frbr extends FrbrDate {
  readonly uri: string;
}

interface Uris {
  readonly work: Frbr;
  readonly expression: Frbr;
  /** The Expression URI of another version of the same text (for "derived from"). */
  readonly expressionOf: (versionId: string) => string;
}

/**
 * Work: `/akn/un/doc/negotiatingText/{process}/{date}/{text}`, dated by the
 * earliest dated version (else the start of the process, else the export).
 * Expression: `{work}/{language}@{version}`, dated by the version (else the export).
 */
function urisOf(input: AkomaNtosoInput, language: string, exportedOn: string): Uris {
  const workDate = earliestVersionDate(input) ??
    frbrDate('process started', input.process.started) ?? {
      date: exportedOn,
      dateName: 'export (undated text)',
    };
  const workUri = [
    '/akn',
    AKN_COUNTRY,
    'doc',
    AKN_DOC_NAME,
    idToken(input.process.id),
    workDate.date,
    idToken(input.text.id),
  ].join('/');
  const expressionOf = (versionId: string) => `${workUri}/${language}@${idToken(versionId)}`;
  const versionDate = frbrDate('version', input.version.date) ?? {
    date: exportedOn,
    dateName: 'export (undated version)',
  };
  return {
    work: { uri: workUri, ...workDate },
    expression: { uri: expressionOf(input.version.id), ...versionDate },
    expressionOf,
  };
}

function earliestVersionDate(input: AkomaNtosoInput): FrbrDate | undefined {
  let earliest: FrbrDate | undefined;
  for (const version of [...input.text.versions, input.version]) {
    const date = frbrDate('first version', version.date);
    if (date !== undefined && (earliest === undefined || date.date < earliest.date)) {
      earliest = date;
    }
  }
  return earliest;
}

// ---------------------------------------------------------------------------
// References: Concord and the parties

const CONCORD_EID = 'concord';

interface Organizations {
  readonly elements: readonly XmlElement[];
  /** The eId of the TLCOrganization standing for a party. */
  readonly eIdOf: (party: PartyId) => string;
  readonly nameOf: (party: PartyId) => string;
}

/**
 * One TLCOrganization for Concord (the source of the metadata) and one per
 * party, in display order, plus one per party the version names (proposer,
 * recipients) that is missing from `parties`, so every reference resolves.
 */
function organizationsOf(input: AkomaNtosoInput): Organizations {
  const listed = new Map<PartyId, Party>();
  for (const party of [...input.parties].sort(compareParties)) {
    if (!listed.has(party.id)) listed.set(party.id, party);
  }
  const named = [workAuthor(input), input.version.proposedBy, ...input.version.circulatedTo];
  const entries: { id: PartyId; name: string; shortName?: string }[] = [...listed.values()];
  for (const id of named) {
    if (id !== undefined && !listed.has(id) && !entries.some((entry) => entry.id === id)) {
      entries.push({ id, name: id });
    }
  }
  const used = new Set([CONCORD_EID]);
  const eIds = new Map<PartyId, string>();
  const elements = [
    el('TLCOrganization', {
      eId: CONCORD_EID,
      href: '/akn/ontology/organization/unreg.concord',
      showAs: 'Concord',
    }),
  ];
  for (const entry of entries) {
    const eId = unique(idToken(entry.id), used);
    eIds.set(entry.id, eId);
    elements.push(
      el('TLCOrganization', {
        eId,
        href: `/akn/ontology/organization/${idToken(input.process.id)}.${idToken(entry.id)}`,
        showAs: entry.name,
        shortForm: entry.shortName,
      }),
    );
  }
  const names = new Map(entries.map((entry) => [entry.id, entry.name]));
  return {
    elements,
    eIdOf: (party) => eIds.get(party) ?? CONCORD_EID,
    nameOf: (party) => names.get(party) ?? party,
  };
}

/** The author of the text as a whole: the first known proposer of any of its versions. */
function workAuthor(input: AkomaNtosoInput): PartyId | undefined {
  return (
    input.text.versions.find((v) => v.proposedBy !== undefined)?.proposedBy ??
    input.version.proposedBy
  );
}

/** `base`, or `base-2`, `base-3`… whichever is not yet in `used` (which it joins). */
function unique(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

// ---------------------------------------------------------------------------
// Metadata

function metaOf(
  input: AkomaNtosoInput,
  organizations: Organizations,
  uris: Uris,
  language: string,
  exportedOn: string,
): XmlElement {
  const { text, version } = input;
  const authorOf = (party: PartyId | undefined) =>
    `#${party === undefined ? CONCORD_EID : organizations.eIdOf(party)}`;
  const work = el('FRBRWork', {}, [
    el('FRBRthis', { value: `${uris.work.uri}/!main` }),
    el('FRBRuri', { value: uris.work.uri }),
    el('FRBRdate', { date: uris.work.date, name: uris.work.dateName }),
    el('FRBRauthor', { href: authorOf(workAuthor(input)) }),
    el('FRBRcountry', { value: AKN_COUNTRY }),
    el('FRBRsubtype', { value: AKN_DOC_NAME }),
    el('FRBRnumber', { value: idToken(text.id) }),
    el('FRBRname', { value: text.title }),
  ]);
  const expression = el('FRBRExpression', {}, [
    el('FRBRthis', { value: `${uris.expression.uri}/!main` }),
    el('FRBRuri', { value: uris.expression.uri }),
    el('FRBRdate', { date: uris.expression.date, name: uris.expression.dateName }),
    el('FRBRauthor', { href: authorOf(version.proposedBy) }),
    el('FRBRversionNumber', { value: idToken(version.id) }),
    el('FRBRlanguage', { language }),
  ]);
  const manifestation = el('FRBRManifestation', {}, [
    el('FRBRthis', { value: `${uris.expression.uri}/!main.xml` }),
    el('FRBRuri', { value: `${uris.expression.uri}.akn` }),
    el('FRBRdate', { date: exportedOn, name: 'export' }),
    el('FRBRauthor', { href: `#${CONCORD_EID}` }),
    el('FRBRformat', { value: 'application/akn+xml' }),
  ]);
  return el('meta', {}, [
    el('identification', { source: `#${CONCORD_EID}` }, [work, expression, manifestation]),
    el('references', { source: `#${CONCORD_EID}` }, organizations.elements),
  ]);
}

// ---------------------------------------------------------------------------
// Preface: title, version, status, date, proposer, recipients

function prefaceOf(input: AkomaNtosoInput, organizations: Organizations, uris: Uris): XmlElement {
  const { text, version } = input;
  const lines: { class: string; content: XmlNode[] }[] = [
    { class: 'kind', content: [el('docType', {}, [text.kind])] },
    { class: 'version', content: [el('docStage', {}, [version.label])] },
    { class: 'status', content: [el('docStatus', {}, [version.status])] },
  ];
  const day = xsdDay(version.date);
  if (version.date !== undefined && day !== undefined) {
    lines.push({
      class: 'date',
      content: [el('docDate', { date: day }, [formatFuzzyDate(version.date)])],
    });
  }
  if (version.proposedBy !== undefined) {
    const party = version.proposedBy;
    lines.push({
      class: 'proposedBy',
      content: [
        'Proposed by ',
        el('docProponent', { refersTo: `#${organizations.eIdOf(party)}` }, [
          organizations.nameOf(party),
        ]),
      ],
    });
  }
  if (version.derivedFrom !== undefined) {
    const base = text.versions.find((v) => v.id === version.derivedFrom);
    lines.push({
      class: 'derivedFrom',
      content: [
        'Derived from ',
        el('ref', { href: uris.expressionOf(version.derivedFrom) }, [
          base?.label ?? version.derivedFrom,
        ]),
      ],
    });
  }
  if (version.circulatedTo.length > 0) {
    lines.push({ class: 'circulatedTo', content: circulatedTo(version, organizations) });
  }
  if (text.description) lines.push({ class: 'description', content: [text.description] });
  if (version.note) lines.push({ class: 'versionNote', content: [version.note] });
  return el('preface', {}, [
    el('longTitle', { eId: 'preface__longTitle' }, [
      el('p', { eId: 'preface__longTitle__p_1' }, [el('docTitle', {}, [text.title])]),
    ]),
    ...lines.map((line, i) =>
      el('p', { eId: `preface__p_${i + 1}`, class: line.class }, line.content),
    ),
  ]);
}

function circulatedTo(version: TextVersion, organizations: Organizations): XmlNode[] {
  const content: XmlNode[] = ['Circulated to '];
  version.circulatedTo.forEach((party, i) => {
    if (i > 0) content.push(', ');
    content.push(
      el('organization', { refersTo: `#${organizations.eIdOf(party)}` }, [
        organizations.nameOf(party),
      ]),
    );
  });
  return content;
}

// ---------------------------------------------------------------------------
// Main body: the provision tree

/** The element each numbering style becomes, and its reference in eIds. */
const ELEMENT_OF_STYLE: Record<NumberingStyle, { readonly element: string; readonly ref: string }> =
  {
    section: { element: 'section', ref: 'sec' },
    article: { element: 'article', ref: 'art' },
    decimal: { element: 'paragraph', ref: 'para' },
    dotted: { element: 'paragraph', ref: 'para' },
    alpha: { element: 'point', ref: 'point' },
    roman: { element: 'point', ref: 'point' },
    none: { element: 'hcontainer', ref: 'hcontainer' },
  };

function mainBodyOf(provisions: readonly Provision[]): XmlElement {
  if (provisions.length === 0) {
    // The schema requires content in the main body.
    return el('mainBody', {}, [el('p', { eId: 'p_1', class: 'noProvisions' })]);
  }
  return el('mainBody', {}, provisionElements(provisions, '', numberProvisions(provisions)));
}

function provisionElements(
  provisions: readonly Provision[],
  prefix: string,
  numbers: ReadonlyMap<string, string>,
): XmlElement[] {
  const used = new Set<string>();
  let unnumbered = 0;
  return provisions.map((provision) => {
    const num = provision.style === 'none' ? undefined : numbers.get(provision.id);
    const number = num === undefined ? String(++unnumbered) : numberPart(num);
    const eId = unique(`${prefix}${ELEMENT_OF_STYLE[provision.style].ref}_${number}`, used);
    return provisionElement(provision, eId, num, numbers);
  });
}

/** The number part of an eId: "Article 3" → 3, "4." → 4, "4.2" → 4.2, "(b)" → b, "(iv)" → iv. */
function numberPart(num: string): string {
  return num
    .replace(/^(?:Article|Section)\s+/, '')
    .replace(/^\((.*)\)$/, '$1')
    .replace(/\.$/, '');
}

function provisionElement(
  provision: Provision,
  eId: string,
  num: string | undefined,
  numbers: ReadonlyMap<string, string>,
): XmlElement {
  const children: XmlNode[] = [];
  if (num !== undefined) children.push(el('num', {}, [num]));
  if (provision.heading) children.push(el('heading', {}, [provision.heading]));
  const wording = wordingParagraphs(provision, eId);
  if (provision.children.length === 0) {
    const paragraphs = wording.length > 0 ? wording : [el('p', { eId: `${eId}__p_1` })];
    children.push(el('content', { eId: `${eId}__content` }, paragraphs));
  } else {
    if (wording.length > 0) children.push(el('intro', { eId: `${eId}__intro` }, wording));
    children.push(...provisionElements(provision.children, `${eId}__`, numbers));
  }
  const { element } = ELEMENT_OF_STYLE[provision.style];
  return el(
    element,
    {
      eId,
      wId: idToken(provision.id),
      name: element === 'hcontainer' ? 'unnumbered' : undefined,
      class: provision.style,
    },
    children,
  );
}

/**
 * The wording as paragraphs: the body, or one paragraph per alternative
 * (an `<inline name="alternative">`, the proposed one with class
 * `alternative proposed`), then the note, if any, in a paragraph of its own.
 */
function wordingParagraphs(provision: Provision, eId: string): XmlElement[] {
  const contents: XmlNode[][] = isOpen(provision)
    ? (provision.alternatives ?? []).map((alternative, i) => [
        el(
          'inline',
          {
            eId: `${eId}__inline_${i + 1}`,
            wId: `${idToken(provision.id)}__alt_${idToken(alternative.id)}`,
            name: 'alternative',
            class: alternative.id === provision.proposed ? 'alternative proposed' : 'alternative',
          },
          [alternative.text],
        ),
      ])
    : provision.body === ''
      ? []
      : [[provision.body]];
  const paragraphs = contents.map((content, i) => el('p', { eId: `${eId}__p_${i + 1}` }, content));
  if (provision.note) {
    paragraphs.push(
      el('p', { eId: `${eId}__p_${paragraphs.length + 1}`, class: 'note' }, [
        noteOf(provision.note, eId),
      ]),
    );
  }
  return paragraphs;
}

function noteOf(note: string, eId: string): XmlElement {
  const noteEId = `${eId}__authorialNote_1`;
  return el('authorialNote', { eId: noteEId, marker: '*', placement: 'bottom' }, [
    el('p', { eId: `${noteEId}__p_1` }, [note]),
  ]);
}
