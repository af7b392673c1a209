import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { InvalidError } from '../../core/errors.ts';
import { parseFuzzyDate } from '../../core/fuzzy-date.ts';
import type {
  AlternativeId,
  PartyId,
  ProcessId,
  ProvisionId,
  TextId,
  VersionId,
} from '../../core/ids.ts';
import type { Party } from '../../core/party.ts';
import type { Process } from '../../core/process.ts';
import {
  type NegotiatingText,
  TEXT_KINDS,
  type TextVersion,
  VERSION_STATUSES,
} from '../../core/text/negotiating-text.ts';
import type { NumberingStyle, Provision } from '../../core/text/provision.ts';
import { fuzzyDateArb } from '../../testing/record-arbitrary.ts';
import { schemaErrors, skipXmlValidation } from '../../testing/xmllint.ts';
import { type AkomaNtosoInput, writeAkomaNtoso } from './akoma-ntoso.ts';

// ---------------------------------------------------------------------------
// Schema validation with xmllint (see src/testing/xmllint.ts)

const skipValidation = skipXmlValidation;

/** Validates `xml` against the OASIS schema; fails with xmllint's report (and the document). */
function assertValid(xml: string): void {
  assert.deepEqual(schemaErrors([xml]), []);
}

// ---------------------------------------------------------------------------
// A realistic version

const provision = (
  id: string,
  style: NumberingStyle,
  body: string,
  children: Provision[] = [],
  extra: Partial<Provision> = {},
): Provision => ({ id: id as ProvisionId, style, body, children, ...extra });

const talks: Process = {
  id: 'ukraine-talks-2025' as ProcessId,
  title: 'Talks on ending the Russia–Ukraine war',
  status: 'active',
  started: parseFuzzyDate('2025-11-16'),
};

const parties: Party[] = [
  { id: 'ukraine' as PartyId, name: 'Ukraine', kind: 'state', role: 'party' },
  { id: 'us' as PartyId, name: 'United States', shortName: 'US', kind: 'state', role: 'mediator' },
  { id: 'russia' as PartyId, name: 'Russian Federation', kind: 'state', role: 'party' },
];

const firstDraft: Provision[] = [
  provision(
    'preamble',
    'none',
    'The Parties, determined to end the war & to secure a "just and lasting" peace,',
    [],
    { heading: 'Preamble' },
  ),
  provision('sovereignty', 'article', "Ukraine's sovereignty will be confirmed.", [], {
    heading: 'Sovereignty',
  }),
  provision(
    'security',
    'article',
    'Security arrangements:',
    [
      provision('forces', 'decimal', '', [], {
        alternatives: [
          { id: 'a' as AlternativeId, text: 'The armed forces are limited to 600,000 personnel.' },
          { id: 'b' as AlternativeId, text: 'The armed forces are limited to 800,000 personnel.' },
        ],
        proposed: 'b' as AlternativeId,
        note: 'illustrative',
      }),
      provision('guarantees', 'decimal', 'The guarantors undertake:', [
        provision('consult', 'alpha', 'to consult within 24 hours < 48 hours;'),
        provision('respond', 'alpha', 'to respond, including:', [
          provision('sanctions', 'roman', 'sanctions & "snapback" measures;'),
          provision('support', 'roman', 'військова підтримка / военная поддержка / 軍事支援 / دعم'),
        ]),
      ]),
    ],
    { heading: 'Security <guarantees>' },
  ),
];

const firstVersion: TextVersion = {
  id: 'v1' as VersionId,
  label: '28-point plan (draft)',
  date: parseFuzzyDate('2025-11-20'),
  proposedBy: 'us' as PartyId,
  status: 'circulated',
  circulatedTo: ['ukraine' as PartyId, 'russia' as PartyId],
  audience: 'private',
  note: "Leaked text; wording 'as reported'",
  provisions: firstDraft,
};

/** The second version inserts an article before "security": its number changes, not its identity. */
const secondVersion: TextVersion = {
  id: 'v2' as VersionId,
  label: 'Geneva revision',
  date: parseFuzzyDate('2025-W48'),
  proposedBy: 'ukraine' as PartyId,
  derivedFrom: 'v1' as VersionId,
  status: 'draft',
  circulatedTo: [],
  audience: 'private',
  provisions: [
    ...firstDraft.slice(0, 2),
    provision('ceasefire', 'article', 'A ceasefire takes effect on signature.'),
    ...firstDraft.slice(2),
  ],
};

const plan: NegotiatingText = {
  id: 'peace-plan' as TextId,
  title: 'Plan for a "comprehensive" peace & security',
  kind: 'plan',
  description: 'The US 28-point plan and its revisions.',
  versions: [firstVersion, secondVersion],
};

const exportOf = (version: TextVersion, overrides: Partial<AkomaNtosoInput> = {}): string =>
  writeAkomaNtoso({
    process: talks,
    text: plan,
    version,
    parties,
    exportedOn: '2025-12-01',
    ...overrides,
  });

/** The start tag of the element with this eId. */
function tagWithEId(xml: string, eId: string): string {
  const match = new RegExp(`<[A-Za-z]+ eId="${eId}"[^>]*>`).exec(xml);
  assert.ok(match, `an element has eId "${eId}"`);
  return match[0];
}

describe('writeAkomaNtoso', () => {
  test('a realistic version validates against the OASIS schema', { skip: skipValidation }, () => {
    assertValid(exportOf(firstVersion));
    assertValid(exportOf(secondVersion));
  });

  test('writes a UTF-8 doc with the FRBR identification and the parties', () => {
    const xml = exportOf(secondVersion);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns='));
    assert.match(xml, /<doc name="negotiatingText">/);
    assert.match(xml, /<identification source="#concord">/);
    const work = '/akn/un/doc/negotiatingText/ukraine-talks-2025/2025-11-20/peace-plan';
    assert.ok(xml.includes(`<FRBRuri value="${work}"/>`), 'Work URI, dated by the first version');
    assert.ok(xml.includes(`<FRBRuri value="${work}/und@v2"/>`), 'Expression URI');
    assert.ok(xml.includes(`<FRBRthis value="${work}/und@v2/!main.xml"/>`), 'Manifestation');
    assert.ok(xml.includes('<FRBRdate date="2025-11-24" name="version: 2025-W48"/>'));
    assert.ok(xml.includes('<FRBRdate date="2025-12-01" name="export"/>'));
    assert.ok(xml.includes('<FRBRauthor href="#ukraine"/>'), 'the version’s proposer');
    assert.ok(xml.includes('<FRBRcountry value="un"/>'));
    assert.ok(xml.includes('<TLCOrganization eId="concord"'));
    assert.ok(
      xml.includes(
        '<TLCOrganization eId="us" href="/akn/ontology/organization/ukraine-talks-2025.us" showAs="United States" shortForm="US"/>',
      ),
    );
    assert.ok(xml.includes('<docProponent refersTo="#ukraine">Ukraine</docProponent>'));
    assert.ok(xml.includes(`<ref href="${work}/und@v1">28-point plan (draft)</ref>`));
  });

  test('maps styles to elements with hierarchical eIds and stable wIds', () => {
    const xml = exportOf(firstVersion);
    assert.match(
      tagWithEId(xml, 'hcontainer_1'),
      /<hcontainer eId="hcontainer_1" wId="preamble" name="unnumbered" class="none">/,
    );
    assert.match(tagWithEId(xml, 'art_1'), /<article eId="art_1" wId="sovereignty"/);
    assert.match(tagWithEId(xml, 'art_2__para_1'), /<paragraph [^>]*wId="forces"/);
    assert.match(tagWithEId(xml, 'art_2__para_2__point_b'), /<point [^>]*wId="respond"/);
    assert.match(tagWithEId(xml, 'art_2__para_2__point_b__point_ii'), /wId="support"/);
    assert.ok(xml.includes('<num>Article 2</num>'));
    assert.ok(xml.includes('<num>(ii)</num>'));
    assert.ok(xml.includes('<heading>Security &lt;guarantees&gt;</heading>'));
    assert.ok(
      xml.includes('<intro eId="art_2__intro">'),
      'a provision with children has its wording in an intro',
    );
    assert.ok(xml.includes('<content eId="art_1__content">'), 'a leaf has its wording in content');
  });

  test('renumbering changes eIds but keeps wIds', () => {
    const before = exportOf(firstVersion);
    const after = exportOf(secondVersion);
    assert.match(tagWithEId(before, 'art_2'), /wId="security"/);
    assert.match(tagWithEId(after, 'art_2'), /wId="ceasefire"/);
    assert.match(tagWithEId(after, 'art_3'), /wId="security"/);
    assert.match(tagWithEId(after, 'art_3__para_2__point_b__point_ii'), /wId="support"/);
  });

  test('writes alternatives as inline elements, the proposed one marked', () => {
    const xml = exportOf(firstVersion);
    assert.ok(
      xml.includes(
        '<p eId="art_2__para_1__p_1"><inline eId="art_2__para_1__inline_1" wId="forces__alt_a" name="alternative" class="alternative">The armed forces are limited to 600,000 personnel.</inline></p>',
      ),
    );
    assert.ok(
      xml.includes(
        '<inline eId="art_2__para_1__inline_2" wId="forces__alt_b" name="alternative" class="alternative proposed">',
      ),
    );
    assert.ok(
      xml.includes(
        '<p eId="art_2__para_1__p_3" class="note"><authorialNote eId="art_2__para_1__authorialNote_1" marker="*" placement="bottom"><p eId="art_2__para_1__authorialNote_1__p_1">illustrative</p></authorialNote></p>',
      ),
    );
  });

  test('escapes markup characters and keeps every script', () => {
    const xml = exportOf(firstVersion);
    assert.ok(xml.includes('to end the war &amp; to secure a "just and lasting" peace,'));
    assert.ok(xml.includes('to consult within 24 hours &lt; 48 hours;'));
    assert.ok(xml.includes('військова підтримка / военная поддержка / 軍事支援 / دعم'));
    assert.ok(
      xml.includes('<FRBRname value="Plan for a &quot;comprehensive&quot; peace &amp; security"/>'),
    );
    assert.ok(xml.includes("Leaked text; wording 'as reported'"));
  });

  test('drops characters XML 1.0 forbids and encodes identifiers', { skip: skipValidation }, () => {
    const awkward: TextVersion = {
      ...firstVersion,
      id: 'v 1_b' as VersionId,
      provisions: [
        provision('p 1', 'article', 'a\u0000b\u0008c\uFFFEd\uD800e\r\nf ]]> g', [], {
          heading: 'tab\there',
        }),
      ],
    };
    const strangers: Party[] = [
      { id: 'concord' as PartyId, name: 'A "B" & <C>\n\'D\'', kind: 'other', role: 'observer' },
    ];
    const xml = exportOf(awkward, { parties: strangers });
    assertValid(xml);
    assert.ok(xml.includes('<p eId="art_1__p_1">abcde&#13;\nf ]]&gt; g</p>'));
    assert.match(tagWithEId(xml, 'art_1'), /wId="p%201"/);
    assert.ok(xml.includes('/und@v%201%5Fb"'));
    assert.ok(
      xml.includes('eId="concord-2" href="/akn/ontology/organization/ukraine-talks-2025.concord"'),
      'a party slugged "concord" does not take Concord’s eId',
    );
    assert.ok(xml.includes('showAs="A &quot;B&quot; &amp; &lt;C&gt;&#10;&apos;D&apos;"'));
  });

  test('keeps eIds unique when different styles share a number', { skip: skipValidation }, () => {
    const mixed: TextVersion = {
      ...firstVersion,
      provisions: [
        provision('d1', 'decimal', 'one'),
        provision('t1', 'dotted', 'dotted one'),
        provision('art', 'article', '', [
          ...Array.from({ length: 9 }, (_, i) => provision(`alpha${i}`, 'alpha', `${i}`)),
          provision('roman1', 'roman', '(i) again'),
        ]),
      ],
    };
    const xml = exportOf(mixed);
    assertValid(xml);
    assert.match(tagWithEId(xml, 'para_1'), /wId="d1"/);
    assert.match(tagWithEId(xml, 'para_1-2'), /wId="t1"/);
    assert.match(tagWithEId(xml, 'art_1__point_i'), /wId="alpha8"/);
    assert.match(tagWithEId(xml, 'art_1__point_i-2'), /wId="roman1"/);
  });

  test('an empty version, undated and unattributed, still validates', {
    skip: skipValidation,
  }, () => {
    const empty: TextVersion = {
      id: 'v0' as VersionId,
      label: '',
      status: 'draft',
      circulatedTo: [],
      audience: 'private',
      provisions: [],
    };
    const xml = writeAkomaNtoso({
      process: { id: 'p' as ProcessId, title: 'P', status: 'active' },
      text: { id: 't' as TextId, title: '', kind: 'other', versions: [] },
      version: empty,
      parties: [],
      exportedOn: '2026-01-31',
      language: 'eng',
    });
    assertValid(xml);
    assert.ok(xml.includes('<FRBRuri value="/akn/un/doc/negotiatingText/p/2026-01-31/t/eng@v0"/>'));
    assert.ok(xml.includes('<FRBRauthor href="#concord"/>'));
  });

  test('dates an undated text by the start of the process', () => {
    const undated: TextVersion = { ...firstVersion, date: undefined };
    const xml = exportOf(undated, {
      text: { ...plan, versions: [undated] },
      process: { ...talks, started: parseFuzzyDate('2025-11') },
    });
    assert.ok(xml.includes('<FRBRdate date="2025-11-01" name="process started: 2025-11"/>'));
    assert.ok(xml.includes('<FRBRdate date="2025-12-01" name="export (undated version)"/>'));
    assert.ok(!xml.includes('<docDate'));
  });

  test('is deterministic', () => {
    assert.equal(exportOf(secondVersion), exportOf(secondVersion));
  });

  test('refuses a malformed export day or language', () => {
    for (const exportedOn of ['2025-02-30', '2025-1-01', '0000-01-01', '2025-12-01T00:00Z']) {
      assert.throws(() => exportOf(firstVersion, { exportedOn }), InvalidError, exportedOn);
    }
    assert.throws(() => exportOf(firstVersion, { language: 'EN' }), InvalidError);
  });
});

// ---------------------------------------------------------------------------
// Random provision trees

/** Child styles allowed under each style ('top' is the top level). */
const CHILD_STYLES: Record<NumberingStyle | 'top', readonly NumberingStyle[]> = {
  top: ['none', 'section', 'article', 'decimal'],
  section: ['article', 'decimal', 'none'],
  article: ['decimal', 'alpha', 'none'],
  decimal: ['dotted', 'alpha'],
  dotted: ['dotted', 'alpha'],
  alpha: ['roman'],
  roman: [],
  none: ['alpha', 'decimal', 'none'],
};

const AWKWARD = ['&', '<', '>', '"', "'", ']]>', '\u0000', '\u001F', '\uD800', '\uDFFF', '\uFFFF'];
const SCRIPTS = ['Україна', 'мир', '和平', 'سلام', 'שלום', 'शांति', '𝔓𝔢𝔞𝔠𝔢', '👍🏽', '\r\n', '\t'];

/** Random unicode text, with markup characters, forbidden characters and many scripts. */
const textArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom(...AWKWARD),
      fc.constantFrom(...SCRIPTS),
    ),
    { maxLength: 4 },
  )
  .map((parts) => parts.join(''));

/** Identifiers: mostly slugs, sometimes anything at all. */
const idArb: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[a-z0-9]{1,6}(?:-[a-z0-9]{1,4})?$/),
  fc.string({ unit: 'binary', maxLength: 5 }),
);

interface RawProvision {
  readonly style: NumberingStyle;
  readonly id: string;
  readonly heading: string | undefined;
  readonly body: string;
  readonly alternatives: { id: string; text: string }[] | undefined;
  readonly proposedIndex: number;
  readonly note: string | undefined;
  readonly children: RawProvision[];
}

function provisionsArb(
  parent: NumberingStyle | 'top',
  depth: number,
): fc.Arbitrary<RawProvision[]> {
  const styles = CHILD_STYLES[parent];
  if (depth === 0 || styles.length === 0) return fc.constant([]);
  // At least one provision at the top: the empty version has its own test.
  const minLength = parent === 'top' ? 1 : 0;
  return fc.array(provisionArb(styles, depth), { minLength, maxLength: 3 });
}

function provisionArb(
  styles: readonly NumberingStyle[],
  depth: number,
): fc.Arbitrary<RawProvision> {
  return fc.constantFrom(...styles).chain((style) =>
    fc.record({
      style: fc.constant(style),
      id: idArb,
      heading: fc.option(textArb, { nil: undefined }),
      body: textArb,
      alternatives: fc.option(
        fc.array(fc.record({ id: idArb, text: textArb }), { minLength: 2, maxLength: 3 }),
        { nil: undefined, freq: 2 }, // half the provisions are open
      ),
      proposedIndex: fc.nat(3),
      note: fc.option(textArb, { nil: undefined }),
      children: provisionsArb(style, depth - 1),
    }),
  );
}

/** Provisions with ids unique in the tree (and alternative ids unique in their provision). */
function toProvisions(raw: readonly RawProvision[], counter = { next: 0 }): Provision[] {
  return raw.map((p) => {
    const alternatives = p.alternatives?.map((a, i) => ({
      id: `${a.id}-${i}` as AlternativeId,
      text: a.text,
    }));
    return {
      id: `${p.id}-${counter.next++}` as ProvisionId,
      style: p.style,
      heading: p.heading,
      body: alternatives === undefined ? p.body : '',
      alternatives,
      proposed: alternatives?.[p.proposedIndex]?.id,
      note: p.note,
      children: toProvisions(p.children, counter),
    };
  });
}

const partiesArb: fc.Arbitrary<Party[]> = fc.uniqueArray(
  fc.record({
    id: idArb.map((id) => id as PartyId),
    name: textArb,
    shortName: fc.option(textArb, { nil: undefined }),
    kind: fc.constant('state' as const),
    role: fc.constantFrom('mediator' as const, 'party' as const, 'observer' as const),
  }),
  { selector: (party) => party.id, maxLength: 4 },
);

const inputArb: fc.Arbitrary<AkomaNtosoInput> = fc
  .record({
    tree: provisionsArb('top', 4),
    parties: partiesArb,
    processId: idArb,
    started: fc.option(fuzzyDateArb, { nil: undefined }),
    textId: idArb,
    title: textArb,
    kind: fc.constantFrom(...TEXT_KINDS),
    versionId: idArb,
    label: textArb,
    date: fc.option(fuzzyDateArb, { nil: undefined }),
    status: fc.constantFrom(...VERSION_STATUSES),
    proposer: fc.option(idArb, { nil: undefined }),
    note: fc.option(textArb, { nil: undefined }),
    derivedFrom: fc.option(idArb, { nil: undefined }),
  })
  .map((r) => {
    const version: TextVersion = {
      id: r.versionId as VersionId,
      label: r.label,
      date: r.date,
      proposedBy: (r.proposer ?? r.parties[0]?.id) as PartyId | undefined,
      derivedFrom: r.derivedFrom as VersionId | undefined,
      status: r.status,
      circulatedTo: r.parties.slice(1).map((party) => party.id),
      audience: 'private',
      note: r.note,
      provisions: toProvisions(r.tree),
    };
    return {
      process: {
        id: r.processId as ProcessId,
        title: 'Talks',
        status: 'active',
        started: r.started,
      },
      text: { id: r.textId as TextId, title: r.title, kind: r.kind, versions: [version] },
      version,
      parties: r.parties,
      exportedOn: '2025-12-01',
    };
  });

describe('writeAkomaNtoso on random provision trees', () => {
  test('always validates against the OASIS schema', { skip: skipValidation }, () => {
    fc.assert(
      fc.property(fc.array(inputArb, { minLength: 40, maxLength: 40 }), (inputs) => {
        // One xmllint run for the whole batch: compiling the schema is most of its cost.
        assert.deepEqual(schemaErrors(inputs.map(writeAkomaNtoso)), []);
      }),
      { numRuns: 3 },
    );
  });
});
