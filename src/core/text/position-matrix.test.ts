import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseFuzzyDate } from '../fuzzy-date.ts';
import type { AlternativeId, PartyId, ProvisionId, TextId, VersionId } from '../ids.ts';
import type { TextVersion } from './negotiating-text.ts';
import { type Position, positionKey, STANCES, type Stance } from './position.ts';
import {
  latestStances,
  positionMatrix,
  type StanceMovement,
  stanceKey,
  stanceMovement,
} from './position-matrix.ts';
import type { Provision } from './provision.ts';

const US = 'us' as PartyId;
const UKRAINE = 'ukraine' as PartyId;
const RUSSIA = 'russia' as PartyId;

const p = (id: string, body: string, fields: Partial<Omit<Provision, 'id'>> = {}): Provision => ({
  id: id as ProvisionId,
  style: 'decimal',
  body,
  children: [],
  ...fields,
});

const version = (id: string, provisions: Provision[]): TextVersion => ({
  id: id as VersionId,
  label: id,
  status: 'circulated',
  circulatedTo: [],
  audience: 'public',
  provisions,
});

/** A position of `party` on `provision` in `version`, recorded at `recorded` (any fuzzy date text). */
const position = (
  versionId: string,
  provision: string,
  party: PartyId,
  stance: Stance,
  recorded: string,
  fields: { wording?: string; alternative?: string; note?: string } = {},
): Position => {
  const content = {
    text: 'plan' as TextId,
    version: versionId as VersionId,
    provision: provision as ProvisionId,
    party,
    stance,
    ...(fields.wording === undefined ? {} : { wording: fields.wording }),
    ...(fields.alternative === undefined
      ? {}
      : { alternative: fields.alternative as AlternativeId }),
    ...(fields.note === undefined ? {} : { note: fields.note }),
    recorded: parseFuzzyDate(recorded),
    audience: 'public' as const,
  };
  return { key: positionKey(content), ...content };
};

/** Version 1: a preamble, article 1 with points (a) and (b), an open article 2. */
const v1 = version('v1', [
  p('pre', 'The Parties agree as follows.', { style: 'none' }),
  p('nato', 'Ukraine does not join NATO.', {
    style: 'article',
    heading: 'Neutrality',
    children: [
      p('nato-a', 'No foreign troops are stationed in Ukraine.', { style: 'alpha' }),
      p('nato-b', 'NATO does not expand further.', { style: 'alpha' }),
    ],
  }),
  p('army', '', {
    style: 'article',
    alternatives: [
      { id: 'a' as AlternativeId, text: 'Ukraine limits its forces to 600,000 troops.' },
      { id: 'b' as AlternativeId, text: 'Ukraine limits its forces to 800,000 troops.' },
    ],
  }),
]);

/** Version 2: the army article comes first now (renumbered), NATO second. */
const v2 = version('v2', [
  p('army', 'Ukraine limits its forces to 800,000 troops.', { style: 'article' }),
  p('nato', 'Ukraine does not join NATO.', { style: 'article' }),
]);

const cellsOf = (matrix: ReturnType<typeof positionMatrix>) =>
  Object.fromEntries(
    matrix.rows.map((row) => [
      row.provision,
      Object.fromEntries([...row.cells].map(([party, cell]) => [party, cell.stance])),
    ]),
  );

const changes = (movements: readonly StanceMovement[]) =>
  Object.fromEntries(movements.map((m) => [`${m.provision}/${m.party}`, m.change]));

// ---------------------------------------------------------------------------

describe('latestStances', () => {
  const positions = [
    position('v1', 'nato', UKRAINE, 'rejects', '2025-11-20'),
    position('v1', 'nato', RUSSIA, 'accepts', '2025-11-21'),
    position('v1', 'nato', UKRAINE, 'accepts-with-changes', '2025-11-25', {
      wording: 'Not for now.',
    }),
    position('v2', 'nato', UKRAINE, 'red-line', '2025-12-02'),
    position('v1', 'army', UKRAINE, 'accepts', '2025-12-03', { alternative: 'b' }),
  ];

  test('keeps the last position per provision and party on a version', () => {
    const latest = latestStances(positions, { version: 'v1' as VersionId });
    assert.deepEqual(
      [...latest.keys()].sort(),
      [
        stanceKey('army' as ProvisionId, UKRAINE),
        stanceKey('nato' as ProvisionId, RUSSIA),
        stanceKey('nato' as ProvisionId, UKRAINE),
      ].sort(),
    );
    assert.equal(latest.get(stanceKey('nato' as ProvisionId, UKRAINE)), positions[2]);
    assert.equal(latest.get(stanceKey('nato' as ProvisionId, RUSSIA)), positions[1]);
  });

  test('as of a date, takes positions on any version recorded by the end of that day', () => {
    const asOf = (date: string) => latestStances(positions, { asOf: parseFuzzyDate(date) });
    assert.equal(asOf('2025-11-19').size, 0);
    assert.equal(asOf('2025-11-20').get(stanceKey('nato' as ProvisionId, UKRAINE)), positions[0]);
    assert.equal(asOf('2025-11-24').get(stanceKey('nato' as ProvisionId, UKRAINE)), positions[0]);
    assert.equal(asOf('2025-12-02').get(stanceKey('nato' as ProvisionId, UKRAINE)), positions[3]);
    assert.equal(asOf('2025-12-02').size, 2);
    assert.equal(asOf('2025-12').size, 3);
  });

  test('a position counts from the end of the period it was recorded in', () => {
    const instant = position('v1', 'nato', US, 'accepts', '2025-12-01T14:00Z');
    const day = position('v1', 'nato', US, 'accepts', '2025-12-01');
    const month = position('v1', 'nato', US, 'accepts', '2025-12');
    const has = (recorded: Position, asOf: string) =>
      latestStances([recorded], { asOf: parseFuzzyDate(asOf) }).size === 1;
    // An instant counts from that instant.
    assert.equal(has(instant, '2025-12-01T13:59Z'), false);
    assert.equal(has(instant, '2025-12-01T14:00Z'), true);
    assert.equal(has(instant, '2025-12-01'), true);
    // A day counts from its end: not yet at noon that day, but as of the day itself.
    assert.equal(has(day, '2025-12-01T12:00Z'), false);
    assert.equal(has(day, '2025-12-01T23:59:59.999Z'), true);
    assert.equal(has(day, '2025-12-01'), true);
    assert.equal(has(day, '2025-11-30'), false);
    // A month counts from its end.
    assert.equal(has(month, '2025-12-15'), false);
    assert.equal(has(month, '2025-12-31'), true);
    assert.equal(has(month, '2025-12'), true);
  });

  test('the order given is the recording order', () => {
    const earlier = position('v1', 'nato', US, 'rejects', '2025-11-20');
    const later = position('v1', 'nato', US, 'accepts', '2025-11-20');
    const key = stanceKey('nato' as ProvisionId, US);
    assert.equal(latestStances([earlier, later], { version: 'v1' as VersionId }).get(key), later);
    assert.equal(latestStances([later, earlier], { version: 'v1' as VersionId }).get(key), earlier);
  });
});

describe('positionMatrix', () => {
  const positions = [
    position('v1', 'nato', UKRAINE, 'rejects', '2025-11-20'),
    position('v1', 'nato', RUSSIA, 'accepts', '2025-11-21'),
    position('v1', 'nato-b', US, 'undecided', '2025-11-21'),
    position('v1', 'nato', UKRAINE, 'accepts', '2025-11-28'),
    position('v1', 'army', RUSSIA, 'accepts', '2025-11-29', { alternative: 'a' }),
    // On another version: never in v1's matrix.
    position('v2', 'nato', US, 'red-line', '2025-11-22'),
    position('v2', 'army', UKRAINE, 'rejects', '2025-11-22'),
  ];

  test('rows in document order, with numbers, headings, wordings and depths', () => {
    const matrix = positionMatrix(v1, [US, UKRAINE, RUSSIA], positions);
    assert.deepEqual(matrix.parties, [US, UKRAINE, RUSSIA]);
    assert.deepEqual(
      matrix.rows.map(({ cells: _cells, ...row }) => row),
      [
        { provision: 'pre', wording: 'The Parties agree as follows.', depth: 0 },
        {
          provision: 'nato',
          number: 'Article 1',
          heading: 'Neutrality',
          wording: 'Ukraine does not join NATO.',
          depth: 0,
        },
        {
          provision: 'nato-a',
          number: '(a)',
          wording: 'No foreign troops are stationed in Ukraine.',
          depth: 1,
        },
        { provision: 'nato-b', number: '(b)', wording: 'NATO does not expand further.', depth: 1 },
        {
          provision: 'army',
          number: 'Article 2',
          wording: 'Ukraine limits its forces to [600,000 / 800,000] troops.',
          depth: 0,
        },
      ],
    );
    assert.equal('number' in (matrix.rows[0] ?? {}), false);
    assert.equal('heading' in (matrix.rows[2] ?? {}), false);
  });

  test('cells hold the latest stance of each listed party on this version', () => {
    const matrix = positionMatrix(v1, [US, UKRAINE, RUSSIA], positions);
    assert.deepEqual(cellsOf(matrix), {
      pre: {},
      nato: { ukraine: 'accepts', russia: 'accepts' },
      'nato-a': {},
      'nato-b': { us: 'undecided' },
      army: { russia: 'accepts' },
    });
    assert.equal(matrix.rows[1]?.cells.get(UKRAINE), positions[3]);
    assert.equal(matrix.rows[4]?.cells.get(RUSSIA)?.alternative, 'a');
  });

  test('only the parties asked for, in their order', () => {
    const matrix = positionMatrix(v1, [RUSSIA], positions);
    assert.deepEqual(matrix.parties, [RUSSIA]);
    assert.deepEqual(cellsOf(matrix).nato, { russia: 'accepts' });
    assert.deepEqual(cellsOf(matrix)['nato-b'], {});
    assert.deepEqual(
      cellsOf(positionMatrix(v1, [], positions)),
      Object.fromEntries(['pre', 'nato', 'nato-a', 'nato-b', 'army'].map((id) => [id, {}])),
    );
  });

  test('as of a date: only positions recorded by the end of that day', () => {
    const asOf = (date: string) =>
      cellsOf(positionMatrix(v1, [US, UKRAINE, RUSSIA], positions, parseFuzzyDate(date)));
    assert.deepEqual(asOf('2025-11-19').nato, {});
    assert.deepEqual(asOf('2025-11-20').nato, { ukraine: 'rejects' });
    assert.deepEqual(asOf('2025-11-21'), {
      pre: {},
      nato: { ukraine: 'rejects', russia: 'accepts' },
      'nato-a': {},
      'nato-b': { us: 'undecided' },
      army: {},
    });
    assert.deepEqual(asOf('2025-11-28').nato, { ukraine: 'accepts', russia: 'accepts' });
    assert.deepEqual(asOf('2025-11-28T00:00Z').nato, { ukraine: 'rejects', russia: 'accepts' });
  });

  test('the same stances, renumbered, in another version', () => {
    const matrix = positionMatrix(v2, [US, UKRAINE], positions);
    assert.deepEqual(
      matrix.rows.map((row) => `${row.provision}=${row.number}`),
      ['army=Article 1', 'nato=Article 2'],
    );
    assert.deepEqual(cellsOf(matrix), { army: { ukraine: 'rejects' }, nato: { us: 'red-line' } });
  });

  test('positions on provisions the version no longer has are left out', () => {
    const matrix = positionMatrix(v2, [US], [position('v2', 'ghost', US, 'accepts', '2025-11-22')]);
    assert.deepEqual(cellsOf(matrix), { army: {}, nato: {} });
  });
});

describe('stanceMovement', () => {
  test('moved, same, new and dropped between two versions', () => {
    const positions = [
      position('v1', 'nato', UKRAINE, 'rejects', '2025-11-20'),
      position('v1', 'nato', RUSSIA, 'accepts', '2025-11-20'),
      position('v1', 'army', US, 'accepts', '2025-11-20'),
      position('v2', 'nato', UKRAINE, 'accepts', '2025-11-30'),
      position('v2', 'nato', RUSSIA, 'accepts', '2025-11-30'),
      position('v2', 'army', RUSSIA, 'red-line', '2025-11-30'),
    ];
    const movements = stanceMovement(
      positions,
      { version: 'v1' as VersionId },
      { version: 'v2' as VersionId },
    );
    assert.deepEqual(changes(movements), {
      'nato/ukraine': 'moved',
      'nato/russia': 'same',
      'army/us': 'dropped',
      'army/russia': 'new',
    });
    const nato = movements.find((m) => m.provision === 'nato' && m.party === UKRAINE);
    assert.equal(nato?.before, positions[0]);
    assert.equal(nato?.after, positions[3]);
    const dropped = movements.find((m) => m.change === 'dropped');
    assert.equal(dropped?.before, positions[2]);
    assert.equal('after' in (dropped ?? {}), false);
    const fresh = movements.find((m) => m.change === 'new');
    assert.equal(fresh?.after, positions[5]);
    assert.equal('before' in (fresh ?? {}), false);
  });

  test('a change of wording or of alternative is a move; a change of note alone is not', () => {
    const positions = [
      position('v1', 'army', US, 'accepts-with-changes', '2025-11-20', {
        wording: 'Up to 700,000.',
      }),
      position('v1', 'army', UKRAINE, 'accepts', '2025-11-20', { alternative: 'a' }),
      position('v1', 'army', RUSSIA, 'accepts', '2025-11-20', { note: 'reluctantly' }),
      position('v2', 'army', US, 'accepts-with-changes', '2025-11-30', {
        wording: 'Up to 750,000.',
      }),
      position('v2', 'army', UKRAINE, 'accepts', '2025-11-30', { alternative: 'b' }),
      position('v2', 'army', RUSSIA, 'accepts', '2025-11-30', { note: 'gladly' }),
    ];
    const movements = stanceMovement(
      positions,
      { version: 'v1' as VersionId },
      { version: 'v2' as VersionId },
    );
    assert.deepEqual(changes(movements), {
      'army/us': 'moved',
      'army/ukraine': 'moved',
      'army/russia': 'same',
    });
    // Choosing an alternative where none was chosen is a move too.
    const chosen = stanceMovement(
      [
        position('v1', 'army', UKRAINE, 'accepts', '2025-11-20'),
        position('v2', 'army', UKRAINE, 'accepts', '2025-11-30', { alternative: 'b' }),
      ],
      { version: 'v1' as VersionId },
      { version: 'v2' as VersionId },
    );
    assert.deepEqual(changes(chosen), { 'army/ukraine': 'moved' });
  });

  test('compares provisions by identity across renumbering', () => {
    // "nato" is Article 1 in v1 and Article 2 in v2; "army" the other way round.
    const positions = [
      position('v1', 'nato', UKRAINE, 'accepts', '2025-11-20'),
      position('v1', 'army', UKRAINE, 'rejects', '2025-11-20'),
      position('v2', 'army', UKRAINE, 'rejects', '2025-11-30'),
      position('v2', 'nato', UKRAINE, 'accepts', '2025-11-30'),
    ];
    const movements = stanceMovement(
      positions,
      { version: 'v1' as VersionId },
      { version: 'v2' as VersionId },
    );
    assert.deepEqual(changes(movements), { 'nato/ukraine': 'same', 'army/ukraine': 'same' });
    assert.deepEqual(
      [positionMatrix(v1, [UKRAINE], positions), positionMatrix(v2, [UKRAINE], positions)].map(
        (matrix) =>
          matrix.rows
            .filter((row) => row.cells.size > 0)
            .map((row) => `${row.provision}=${row.number}`),
      ),
      [
        ['nato=Article 1', 'army=Article 2'],
        ['army=Article 1', 'nato=Article 2'],
      ],
    );
  });

  test('between two dates, the latest stance by the end of each day', () => {
    const positions = [
      position('v1', 'nato', UKRAINE, 'rejects', '2025-11-20'),
      position('v1', 'nato', RUSSIA, 'accepts', '2025-11-20'),
      position('v2', 'nato', UKRAINE, 'accepts', '2025-11-25T09:00Z'),
      position('v2', 'army', US, 'undecided', '2025-11-25'),
    ];
    const between = (from: string, to: string) =>
      changes(
        stanceMovement(positions, { asOf: parseFuzzyDate(from) }, { asOf: parseFuzzyDate(to) }),
      );
    assert.deepEqual(between('2025-11-20', '2025-11-25'), {
      'nato/ukraine': 'moved',
      'nato/russia': 'same',
      'army/us': 'new',
    });
    assert.deepEqual(between('2025-11-20', '2025-11-24'), {
      'nato/ukraine': 'same',
      'nato/russia': 'same',
    });
    assert.deepEqual(between('2025-11-25', '2025-11-20'), {
      'nato/ukraine': 'moved',
      'nato/russia': 'same',
      'army/us': 'dropped',
    });
    assert.deepEqual(between('2025-11-19', '2025-11-19'), {});
    // A version point and a date point mix.
    assert.deepEqual(
      changes(
        stanceMovement(
          positions,
          { version: 'v1' as VersionId },
          { asOf: parseFuzzyDate('2025-11-25') },
        ),
      ),
      { 'nato/ukraine': 'moved', 'nato/russia': 'same', 'army/us': 'new' },
    );
  });

  test('from a point to itself nothing moves; the reverse swaps new and dropped (property)', () => {
    const positionArb = fc
      .record({
        version: fc.constantFrom('v1', 'v2'),
        provision: fc.constantFrom('nato', 'army', 'elections'),
        party: fc.constantFrom(US, UKRAINE, RUSSIA),
        stance: fc.constantFrom(...STANCES),
        day: fc.integer({ min: 1, max: 28 }),
        alternative: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
      })
      .map((r) =>
        position(
          r.version,
          r.provision,
          r.party,
          r.stance,
          `2025-11-${String(r.day).padStart(2, '0')}`,
          {
            ...(r.stance === 'accepts-with-changes' ? { wording: `Change ${r.day}.` } : {}),
            ...(r.alternative === undefined ? {} : { alternative: r.alternative }),
          },
        ),
      );
    const pointArb = fc.oneof(
      fc.constantFrom('v1', 'v2').map((v) => ({ version: v as VersionId })),
      fc.integer({ min: 1, max: 30 }).map((day) => ({
        asOf: parseFuzzyDate(`2025-11-${String(day).padStart(2, '0')}`),
      })),
    );
    fc.assert(
      fc.property(
        fc.array(positionArb, { maxLength: 20 }),
        pointArb,
        pointArb,
        (unsorted, from, to) => {
          const positions = [...unsorted].sort((x, y) => x.recorded.start - y.recorded.start);
          const same = stanceMovement(positions, from, from);
          assert.ok(same.every((m) => m.change === 'same'));
          assert.equal(same.length, latestStances(positions, from).size);
          const forward = changes(stanceMovement(positions, from, to));
          const backward = changes(stanceMovement(positions, to, from));
          const swap = { new: 'dropped', dropped: 'new', same: 'same', moved: 'moved' } as const;
          assert.deepEqual(
            Object.fromEntries(
              Object.entries(backward).map(([key, change]) => [key, swap[change]]),
            ),
            forward,
          );
        },
      ),
    );
  });
});
