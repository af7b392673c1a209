import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { seededRandom } from '../../testing/generate-record.ts';
import { InvalidError } from '../errors.ts';
import type { AlternativeId, ProvisionId } from '../ids.ts';
import type { NumberingStyle, Provision } from './provision.ts';
import { matchProvisions, type ProvisionMatching } from './provision-match.ts';

// ---------------------------------------------------------------------------
// A generator of two versions of a long text, with the true correspondence.
// ---------------------------------------------------------------------------

/** A provision being built, remembering which provision of version A it continues. */
interface Draft {
  origin?: ProvisionId;
  style: NumberingStyle;
  heading?: string;
  body: string;
  children: Draft[];
}

interface VersionPair {
  readonly a: Provision[];
  readonly b: Provision[];
  /** For every provision of A: its id in B, or undefined if it was removed. */
  readonly truth: Map<ProvisionId, ProvisionId | undefined>;
  /** Provisions of B that are new. */
  readonly added: Set<ProvisionId>;
  /** How many provisions were reworded, moved, swapped with a sibling, removed, added. */
  readonly changes: Record<'reworded' | 'moved' | 'swapped' | 'removed' | 'added', number>;
  readonly words: number;
}

interface VersionOptions {
  readonly provisions: number;
  /** Mean words of an article's body (points are short: 4 to 20 words). */
  readonly articleWords: number;
  readonly seed: number;
  /** Share of provisions reworded, moved or swapped with a sibling (default 0.1). */
  readonly changed?: number;
  /** Share removed, and share added (default 0.01 each). */
  readonly removed?: number;
  readonly added?: number;
  /** Share of points that repeat a boilerplate text (default 0.1). */
  readonly boilerplate?: number;
}

/** 4,000 made-up words, the first hundred short (the commonest). */
const LEXICON = (() => {
  const random = seededRandom(0);
  const syllables = 'ka ri to ne sa lu mi po de va zo ni ru te ba lo fi gu se da'.split(' ');
  const vocabulary = new Set<string>();
  while (vocabulary.size < 4000) {
    const length = 1 + Math.floor(random() * 3) + (vocabulary.size < 100 ? 0 : 1);
    vocabulary.add(
      Array.from({ length }, () => syllables[Math.floor(random() * syllables.length)]).join(''),
    );
  }
  return [...vocabulary];
})();

/** Zipf-like frequencies, P(rank r) ∝ 1 / (r + 2), as cumulative sums. */
const CUMULATIVE = LEXICON.reduce<number[]>((sums, _, r) => {
  sums.push((sums[r - 1] ?? 0) + 1 / (r + 2));
  return sums;
}, []);

/** Boilerplate that recurs word for word under many articles, as in real drafts. */
const BOILERPLATE = [
  'Deleted.',
  'This Article enters into force upon signature.',
  'The Parties shall notify each other of the completion of their internal procedures.',
];

/**
 * Two versions of a text of sections, articles (some with headings) and
 * short points, seeded: words drawn from a vocabulary of 4,000 made-up words
 * with Zipf-like frequencies (so a few words are everywhere, as "the" and
 * "Parties" are), some points repeating boilerplate. Version B rewords,
 * moves or swaps a share of the provisions, removes and adds a few, and
 * numbers its provisions afresh (`p1`, `p2`… in document order), so only the
 * texts can tell which is which.
 */
function generateVersions(options: VersionOptions): VersionPair {
  const random = seededRandom(options.seed);
  const int = (n: number) => Math.floor(random() * n);
  const word = () => {
    const target = random() * (CUMULATIVE[CUMULATIVE.length - 1] as number);
    let low = 0;
    let high = CUMULATIVE.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((CUMULATIVE[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return LEXICON[low] as string;
  };
  const sentence = (length: number) => {
    const list = Array.from({ length }, word);
    list[0] = (list[0] as string).replace(/^./, (c) => c.toUpperCase());
    return `${list.join(' ')}.`;
  };
  const articleBody = () =>
    sentence(Math.max(5, Math.round(options.articleWords * (0.5 + random()))));
  const pointBody = () =>
    random() < (options.boilerplate ?? 0.1)
      ? (BOILERPLATE[int(BOILERPLATE.length)] as string)
      : sentence(4 + int(17));
  const heading = () => sentence(2 + int(4)).slice(0, -1);

  // Version A: sections of articles, a fifth of the articles with points.
  let next = 0;
  const id = () => `a${++next}` as ProvisionId;
  const draftsA: Draft[] = [];
  let count = 0;
  while (count < options.provisions) {
    const section: Draft = {
      origin: id(),
      style: 'section',
      heading: heading(),
      body: '',
      children: [],
    };
    draftsA.push(section);
    count++;
    const articles = 5 + int(20);
    for (let k = 0; k < articles && count < options.provisions; k++) {
      const article: Draft = { origin: id(), style: 'article', body: articleBody(), children: [] };
      if (random() < 0.3) article.heading = heading();
      section.children.push(article);
      count++;
      if (random() < 0.2) {
        const points = 2 + int(4);
        for (let p = 0; p < points && count < options.provisions; p++) {
          article.children.push({ origin: id(), style: 'alpha', body: pointBody(), children: [] });
          count++;
        }
      }
    }
  }

  // Version B: a deep copy, then the changes.
  const copy = (draft: Draft): Draft => ({ ...draft, children: draft.children.map(copy) });
  const draftsB = draftsA.map(copy);
  const all = () => {
    const result: { draft: Draft; siblings: Draft[] }[] = [];
    const visit = (siblings: Draft[]) => {
      for (const draft of siblings) {
        result.push({ draft, siblings });
        visit(draft.children);
      }
    };
    visit(draftsB);
    return result;
  };
  const containers = (style: NumberingStyle) =>
    all()
      .filter(({ draft }) => draft.style === style)
      .map(({ draft }) => draft.children);
  /** A few words changed: one in a short text, up to five in a long one. */
  const reword = (text: string) => {
    const list = text.split(' ');
    const edits = 1 + int(Math.max(1, Math.min(5, Math.floor(list.length / 10))));
    for (let e = 0; e < edits; e++) {
      const at = int(list.length);
      const roll = random();
      if (roll < 0.5 || list.length < 4) list[at] = word();
      else if (roll < 0.75) list.splice(at, 0, word());
      else list.splice(at, 1);
    }
    return list.join(' ');
  };
  const changes = { reworded: 0, moved: 0, swapped: 0, removed: 0, added: 0 };
  const provisions = all();
  for (const { draft, siblings } of provisions) {
    if (random() >= (options.changed ?? 0.1)) continue;
    const roll = random();
    if (roll < 0.5) {
      // A text of fewer than four words changed in one is another text.
      if ((draft.body || (draft.heading ?? '')).split(' ').length < 4) continue;
      if (draft.body === '') draft.heading = reword(draft.heading ?? '');
      else draft.body = reword(draft.body);
      changes.reworded++;
    } else if (roll < 0.85) {
      // Move: under another parent of the same kind (a section among sections).
      const targets =
        draft.style === 'section'
          ? [draftsB]
          : containers(draft.style === 'article' ? 'section' : 'article');
      const target = targets[int(targets.length)] as Draft[];
      const from = siblings.indexOf(draft);
      if (from < 0) continue;
      siblings.splice(from, 1);
      target.splice(int(target.length + 1), 0, draft);
      if (random() < 0.3 && draft.body.split(' ').length >= 4) draft.body = reword(draft.body);
      changes.moved++;
    } else {
      const at = siblings.indexOf(draft);
      if (at < 0 || at + 1 >= siblings.length) continue;
      siblings[at] = siblings[at + 1] as Draft;
      siblings[at + 1] = draft;
      changes.swapped++;
    }
  }
  for (const { draft, siblings } of all()) {
    if (draft.style === 'section' || random() >= (options.removed ?? 0.01)) continue;
    const at = siblings.indexOf(draft);
    if (at < 0) continue;
    siblings.splice(at, 1);
    changes.removed++;
  }
  const toAdd = Math.round(options.provisions * (options.added ?? 0.01));
  for (let k = 0; k < toAdd; k++) {
    // A point needs an article to go in (a small text may have lost all of them): else an article.
    const point = random() < 0.3 && containers('article').length > 0;
    const targets = containers(point ? 'article' : 'section');
    const target = targets[int(targets.length)] as Draft[];
    target.splice(int(target.length + 1), 0, {
      style: point ? 'alpha' : 'article',
      body: point ? pointBody() : articleBody(),
      children: [],
    });
    changes.added++;
  }

  // Freeze both versions; B gets fresh ids in document order.
  const truth = new Map<ProvisionId, ProvisionId | undefined>();
  const added = new Set<ProvisionId>();
  let words = 0;
  const freezeA = (draft: Draft): Provision => {
    truth.set(draft.origin as ProvisionId, undefined);
    words += draft.body === '' ? 0 : draft.body.split(' ').length;
    return provision(draft.origin as ProvisionId, draft, draft.children.map(freezeA));
  };
  let nextB = 0;
  const freezeB = (draft: Draft): Provision => {
    const own = `p${++nextB}` as ProvisionId;
    if (draft.origin === undefined) added.add(own);
    else truth.set(draft.origin, own);
    return provision(own, draft, draft.children.map(freezeB));
  };
  const a = draftsA.map(freezeA);
  const b = draftsB.map(freezeB);
  return { a, b, truth, added, changes, words };
}

function provision(id: ProvisionId, draft: Draft, children: Provision[]): Provision {
  return {
    id,
    style: draft.style,
    ...(draft.heading === undefined ? {} : { heading: draft.heading }),
    body: draft.body,
    children,
  };
}

/** Share of A's provisions and B's added ones that the matching got right. */
function accuracy(pair: VersionPair, result: ProvisionMatching) {
  const found = new Map(result.matches.map((match) => [match.from, match.to]));
  const wrong: string[] = [];
  for (const [from, to] of pair.truth) {
    if (found.get(from) !== to)
      wrong.push(`${from}: expected ${to ?? 'removed'}, got ${found.get(from) ?? 'removed'}`);
  }
  const unmatchedTo = new Set(result.unmatchedTo);
  for (const to of pair.added) if (!unmatchedTo.has(to)) wrong.push(`${to}: added, but matched`);
  const total = pair.truth.size + pair.added.size;
  return { share: (total - wrong.length) / total, wrong };
}

// ---------------------------------------------------------------------------

const p = (
  id: string,
  body: string,
  children: Provision[] = [],
  extra: Partial<Provision> = {},
): Provision => ({ id: id as ProvisionId, style: 'decimal', body, children, ...extra });

const pairsOf = (result: ProvisionMatching) =>
  result.matches.map((match) => [match.from, match.to]);

describe('matchProvisions', () => {
  test('matches short points: identical first, reworded next, the rest added and removed', () => {
    const a = [
      p('a1', 'Ukraine does not join NATO.'),
      p('a2', 'Russia withdraws from the Kharkiv region.'),
      p('a3', 'The armed forces of Ukraine are limited to 600,000 personnel.'),
      p('a4', 'Sanctions are lifted in stages.'),
    ];
    const b = [
      p('b1', 'The armed forces of Ukraine are limited to 800,000 personnel.'),
      p('b2', 'Ukraine does not join NATO.'),
      p('b3', 'A ceasefire takes effect upon signature.'),
      p('b4', 'Sanctions are lifted in stages, case by case.'),
    ];
    const result = matchProvisions(a, b);
    assert.deepEqual(pairsOf(result), [
      ['a1', 'b2'],
      ['a3', 'b1'],
      ['a4', 'b4'],
    ]);
    assert.equal(result.matches[0]?.confidence, 1);
    for (const match of result.matches.slice(1)) {
      assert.ok(
        match.confidence > 0.5 && match.confidence < 1,
        `${match.from} ${match.confidence}`,
      );
    }
    assert.deepEqual(result.unmatchedFrom, ['a2']);
    assert.deepEqual(result.unmatchedTo, ['b3']);
  });

  test('follows the points of a revised peace plan', () => {
    const a = [
      p('a1', 'Ukraine’s sovereignty will be confirmed.'),
      p(
        'a2',
        'A comprehensive non-aggression agreement will be concluded between Russia, Ukraine and Europe.',
      ),
      p('a3', 'Russia will not invade neighbouring countries and NATO will not expand further.'),
      p('a4', 'Ukraine will receive reliable security guarantees.'),
      p('a5', 'The size of the Armed Forces of Ukraine will be limited to 600,000 personnel.'),
      p('a6', 'Ukraine agrees to enshrine in its constitution that it will not join NATO.'),
    ];
    const b = [
      p('b1', 'Ukraine’s sovereignty will be confirmed.'),
      p('b2', 'Ukraine will receive robust security guarantees that mirror Article 5.'),
      p(
        'b3',
        'The size of the Armed Forces of Ukraine will be limited to 800,000 personnel in peacetime.',
      ),
      p(
        'b4',
        'A comprehensive non-aggression agreement will be concluded between Russia, Ukraine and Europe, and all ambiguities of the last 30 years will be settled.',
      ),
      p('b5', 'Elections will be held in Ukraine as soon as possible after the signing.'),
    ];
    const result = matchProvisions(a, b);
    assert.deepEqual(pairsOf(result), [
      ['a1', 'b1'],
      ['a2', 'b4'],
      ['a4', 'b2'],
      ['a5', 'b3'],
    ]);
    assert.deepEqual(result.unmatchedFrom, ['a3', 'a6']);
    assert.deepEqual(result.unmatchedTo, ['b5']);
  });

  test('tells repeated texts apart by their parent and position', () => {
    const clause = 'This Article enters into force upon signature.';
    const a = [
      p('a1', 'Ukraine does not join NATO.', [p('a2', 'Done in Geneva.'), p('a3', clause)]),
      p('a4', 'Sanctions are lifted in stages.', [p('a5', clause)]),
      p('a6', 'Frozen assets fund reconstruction.', [p('a7', clause)]),
    ];
    // The last two articles swapped; the first article's clause moved first.
    const b = [
      p('b1', 'Ukraine does not join NATO.', [p('b2', clause), p('b3', 'Done in Geneva.')]),
      p('b4', 'Frozen assets fund reconstruction.', [p('b5', clause)]),
      p('b6', 'Sanctions are lifted in stages.', [p('b7', clause)]),
    ];
    const result = matchProvisions(a, b);
    assert.deepEqual(pairsOf(result), [
      ['a1', 'b1'],
      ['a2', 'b3'],
      ['a3', 'b2'],
      ['a4', 'b6'],
      ['a5', 'b7'],
      ['a6', 'b4'],
      ['a7', 'b5'],
    ]);
  });

  test('matches a section whose heading changed by its articles', () => {
    const a = [
      p('a1', '', [p('a2', 'Ukraine does not join NATO.'), p('a3', 'No NATO troops in Ukraine.')], {
        heading: 'Security',
      }),
      p('a4', '', [p('a5', 'Elections within 100 days.')], { heading: 'Elections' }),
    ];
    const b = [
      p('b1', '', [p('b2', 'Ukraine does not join NATO.'), p('b3', 'No NATO troops in Ukraine.')], {
        heading: 'Guarantees and neutrality',
      }),
      p('b4', '', [p('b5', 'Elections within 100 days.')], { heading: 'Elections' }),
    ];
    assert.deepEqual(pairsOf(matchProvisions(a, b)), [
      ['a1', 'b1'],
      ['a2', 'b2'],
      ['a3', 'b3'],
      ['a4', 'b4'],
      ['a5', 'b5'],
    ]);
  });

  test('compares the alternatives of open provisions', () => {
    const open = (id: string, texts: string[]) =>
      p(id, '', [], {
        alternatives: texts.map((text, k) => ({ id: `x${k}` as AlternativeId, text })),
      });
    const a = [
      open('a1', [
        'Ukraine’s forces are limited to 600,000.',
        'Ukraine’s forces are limited to 800,000.',
      ]),
      p('a2', 'Russia withdraws from the Kharkiv region.'),
    ];
    const b = [
      p('b1', 'Russia withdraws from the Kharkiv region.'),
      p('b2', 'Ukraine’s forces are limited to 800,000.'),
    ];
    const result = matchProvisions(a, b);
    assert.deepEqual(pairsOf(result), [
      ['a1', 'b2'],
      ['a2', 'b1'],
    ]);
  });

  test('raising minConfidence leaves weak matches out', () => {
    const a = [p('a1', 'Sanctions are lifted in stages.')];
    const b = [p('b1', 'Sanctions are lifted in stages over three years.')];
    assert.equal(matchProvisions(a, b).matches.length, 1);
    const strict = matchProvisions(a, b, { minConfidence: 0.9 });
    assert.deepEqual(strict.matches, []);
    assert.deepEqual(strict.unmatchedFrom, ['a1']);
    assert.deepEqual(strict.unmatchedTo, ['b1']);
    assert.throws(() => matchProvisions(a, b, { minConfidence: 1.5 }), InvalidError);
  });

  test('handles empty versions', () => {
    assert.deepEqual(matchProvisions([], []), { matches: [], unmatchedFrom: [], unmatchedTo: [] });
    assert.deepEqual(matchProvisions([p('a1', 'x')], []).unmatchedFrom, ['a1']);
    assert.deepEqual(matchProvisions([], [p('b1', 'x')]).unmatchedTo, ['b1']);
  });

  test('matches each provision at most once, with confidences in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 5, max: 60 }),
        (seed, size) => {
          const pair = generateVersions({
            provisions: size,
            articleWords: 20,
            seed,
            changed: 0.4,
            removed: 0.1,
            added: 0.1,
          });
          const result = matchProvisions(pair.a, pair.b);
          const from = result.matches.map((match) => match.from);
          const to = result.matches.map((match) => match.to);
          assert.equal(new Set(from).size, from.length);
          assert.equal(new Set(to).size, to.length);
          assert.equal(from.length + result.unmatchedFrom.length, pair.truth.size);
          assert.equal(
            to.length + result.unmatchedTo.length,
            pair.truth.size -
              [...pair.truth.values()].filter((v) => v === undefined).length +
              pair.added.size,
          );
          for (const match of result.matches)
            assert.ok(match.confidence >= 0.5 && match.confidence <= 1);
        },
      ),
      { numRuns: 50 },
    );
  });

  test('finds at least 99% of 300 changed provisions', () => {
    for (const seed of [1, 2, 3]) {
      const pair = generateVersions({ provisions: 300, articleWords: 200, seed });
      const result = matchProvisions(pair.a, pair.b);
      const { share, wrong } = accuracy(pair, result);
      assert.ok(
        share >= 0.99,
        `seed ${seed}: ${(share * 100).toFixed(1)}% right\n${wrong.join('\n')}`,
      );
    }
  });

  test('finds at least 99% of 300 short provisions', () => {
    for (const seed of [4, 5, 6]) {
      const pair = generateVersions({ provisions: 300, articleWords: 12, seed });
      const result = matchProvisions(pair.a, pair.b);
      const { share, wrong } = accuracy(pair, result);
      assert.ok(
        share >= 0.99,
        `seed ${seed}: ${(share * 100).toFixed(1)}% right\n${wrong.join('\n')}`,
      );
    }
  });

  test('2,000 provisions of 200 words (set CONCORD_LARGE=1)', {
    skip: process.env.CONCORD_LARGE !== '1',
  }, (t) => {
    const pair = generateVersions({ provisions: 2000, articleWords: 350, seed: 7 });
    const started = performance.now();
    const result = matchProvisions(pair.a, pair.b);
    const elapsed = performance.now() - started;
    const { share, wrong } = accuracy(pair, result);
    t.diagnostic(
      `${pair.truth.size} → ${pair.truth.size - pair.changes.removed + pair.added.size} provisions, ${pair.words} words, ${JSON.stringify(pair.changes)}: ${elapsed.toFixed(0)} ms, ${(share * 100).toFixed(2)}% right`,
    );
    for (const line of wrong.slice(0, 20)) t.diagnostic(line);
    assert.ok(share >= 0.99);
  });
});
