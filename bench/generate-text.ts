/**
 * Two versions of a long negotiating text for `npm run bench:text`, generated
 * from a seed (pure: the same options give the same texts).
 *
 * Version A: a preamble, then sections ("Section N: Heading", no body) holding
 * 15–25 articles ("Article N: Heading", numbered through the whole text), each
 * holding 2–6 points ("1.") of which half hold 2–4 sub-points ("(a)"). Every
 * provision but a section has a body of 0.5–1.5 × `meanWords` words (sentences
 * of 8–30 words; bodies over 220 words in two paragraphs), drawn with Zipf-like
 * frequencies from a seeded vocabulary of 56 function words ("the", "shall",
 * "Parties"…) and 4,000 made-up words, with a few numbers; 1% of the points and
 * sub-points hold bracketed alternatives ("[600,000 / 800,000]", or a phrase
 * with or without some words); 1% repeat a boilerplate sentence word for word.
 *
 * Version B keeps A's identities (so the truth is known) and changes a tenth
 * of the provisions, each at most once (shares of that tenth):
 * - 50% reworded: one to five words replaced, inserted or deleted in the body
 *   (for a quarter of the articles, one heading word replaced as well);
 * - 20% moved with their sub-provisions: points to another article, sub-points
 *   to another point, articles to another section (a quarter of them to
 *   another place in the same list instead), so numbers shift around them; a
 *   quarter of the moved ones (those with a wording) also reworded as above
 *   (the diff may call one fewer moved: a move within a list is undone when a
 *   later move carries off the sibling it passed);
 * - 10% added and 10% removed (leaves: new points, sub-points and articles put
 *   among their siblings, not at the end; points without sub-points and
 *   sub-points taken out), so the siblings after them are renumbered (and
 *   every later article, for an article);
 * - 5% opened (a closed wording becomes two alternatives), 2.5% with their
 *   alternatives changed (one reworded or a third added), 2.5% closed (one
 *   alternative kept as the wording).
 * New provisions get fresh ids after A's (`p2001`…). Every tree it makes can be
 * written by `writePlainDraft` (one style per list, headings only on articles
 * and sections, no bracket in a closed wording, no paragraph that reads as a
 * numbered line).
 */

import type { AlternativeId, ProvisionId } from '../src/core/ids.ts';
import type { NumberingStyle, Provision } from '../src/core/text/provision.ts';
import { seededRandom } from '../src/testing/generate-record.ts';

export interface TextOptions {
  /** Provisions of version A (the preamble and the sections included). */
  readonly provisions: number;
  readonly seed: number;
  /** Mean words of a body (default 200). */
  readonly meanWords?: number;
  /** Share of A's provisions changed in B (default 0.1). */
  readonly changed?: number;
}

/** How many provisions of B each kind of change touched. */
export interface ChangeMix {
  readonly reworded: number;
  readonly moved: number;
  /** Of the moved provisions, those also reworded (counted once, as moved). */
  readonly movedAndReworded: number;
  readonly added: number;
  readonly removed: number;
  readonly opened: number;
  readonly alternativesChanged: number;
  readonly closed: number;
}

/** What version A is made of. */
export interface TextShape {
  readonly preambles: number;
  readonly sections: number;
  readonly articles: number;
  readonly points: number;
  readonly subPoints: number;
  /** Provisions with bracketed alternatives. */
  readonly open: number;
  /** Points repeating a boilerplate sentence. */
  readonly boilerplate: number;
}

export interface GeneratedText {
  readonly a: Provision[];
  /** B carries A's ids where it continues A. */
  readonly b: Provision[];
  /** Provisions of B that are new. */
  readonly added: ReadonlySet<ProvisionId>;
  /** Provisions of A that B no longer has. */
  readonly removed: ReadonlySet<ProvisionId>;
  readonly mix: ChangeMix;
  readonly shape: TextShape;
  readonly words: { readonly a: number; readonly b: number };
}

/** Shares of the changed provisions, in the order they are applied (reworded takes the rest). */
const MIX_SHARES = {
  opened: 0.05,
  alternativesChanged: 0.025,
  closed: 0.025,
  moved: 0.2,
  removed: 0.1,
  added: 0.1,
} as const;

const FUNCTION_WORDS = (
  'the of and to shall in Parties a be by for on any with such this that as or not all other ' +
  'its their under within upon agreement provisions measures territory Party forces each from ' +
  'at which including accordance those may relevant respect without have these no after into ' +
  'further both between against security guarantees than'
).split(' ');

const SYLLABLES = 'ka ri to ne sa lu mi po de va zo ni ru te ba lo fi gu se da me ko'.split(' ');

const BOILERPLATE = [
  'This Article enters into force upon signature.',
  'The Parties shall notify each other of the completion of their internal procedures.',
];

/** A provision being built; `choice` makes it open. */
interface Node {
  readonly id: ProvisionId;
  readonly style: NumberingStyle;
  heading?: string;
  /** Paragraphs, each a list of words. */
  paragraphs: string[][];
  choice?: Choice;
  children: Node[];
}

/** Alternatives sharing the words before and after the bracket. */
interface Choice {
  readonly before: string[];
  readonly options: { readonly id: AlternativeId; words: string[] }[];
  readonly after: string[];
}

/** Two versions of a text of `options.provisions` provisions; see the module comment. */
export function generateText(options: TextOptions): GeneratedText {
  const random = seededRandom(options.seed);
  const int = (n: number) => Math.floor(random() * n);
  const meanWords = options.meanWords ?? 200;
  const vocabulary = makeVocabulary(random);
  const cumulative: number[] = [];
  vocabulary.forEach((_, r) => {
    cumulative.push((cumulative[r - 1] ?? 0) + 1 / (r + 2));
  });
  const total = cumulative[cumulative.length - 1] as number;
  const word = () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low] as string;
  };
  const number = () =>
    random() < 0.5 ? String(2 + int(98)) : `${1 + int(999)},${String(int(1000)).padStart(3, '0')}`;
  const sentence = (length: number): string[] => {
    const list = Array.from({ length }, (_, k) =>
      k > 0 && k < length - 1 && random() < 0.01 ? number() : word(),
    );
    for (let k = 1; k < length - 2; k++) if (random() < 0.05) list[k] = `${list[k]},`;
    list[0] = capitalise(list[0] as string);
    list[length - 1] = `${list[length - 1]}.`;
    return list;
  };
  /** A body of about `length` words, in two paragraphs when long and allowed. */
  const body = (length: number, split: boolean): string[][] => {
    const sentences: string[][] = [];
    let count = 0;
    while (count < length) {
      const size = Math.min(Math.max(8, length - count), 8 + int(23));
      sentences.push(sentence(size));
      count += size;
    }
    if (!split || count <= 220 || sentences.length < 2) return [sentences.flat()];
    const half = Math.ceil(sentences.length / 2);
    return [sentences.slice(0, half).flat(), sentences.slice(half).flat()];
  };
  const bodyLength = () => Math.max(8, Math.round(meanWords * (0.5 + random())));
  const heading = () => {
    const list = Array.from({ length: 2 + int(5) }, word);
    list[0] = capitalise(list[0] as string);
    return list.join(' ');
  };
  let nextId = 0;
  const newId = () => `p${++nextId}` as ProvisionId;
  /** A bracket in a single-paragraph wording: a number or phrase against another, or words optional. */
  const choiceIn = (words: readonly string[]): Choice => {
    const at = 1 + int(Math.max(1, words.length - 3));
    const replaced = Math.min(words.length - at - 1, 1 + int(2));
    const kept = words.slice(at, at + replaced);
    const roll = random();
    const other =
      roll < 0.4 ? [number()] : roll < 0.7 ? [] : Array.from({ length: 1 + int(3) }, word);
    const options = [
      { id: 'a' as AlternativeId, words: kept },
      { id: 'b' as AlternativeId, words: other.join(' ') === kept.join(' ') ? [] : other },
    ];
    return { before: words.slice(0, at), options, after: words.slice(at + replaced) };
  };

  // Version A.
  const shape = {
    preambles: 1,
    sections: 0,
    articles: 0,
    points: 0,
    subPoints: 0,
    open: 0,
    boilerplate: 0,
  };
  const leafBody = (): { paragraphs: string[][]; choice?: Choice } => {
    const roll = random();
    if (roll < 0.01) {
      shape.boilerplate++;
      return { paragraphs: [(BOILERPLATE[int(BOILERPLATE.length)] as string).split(' ')] };
    }
    if (roll < 0.02) {
      shape.open++;
      const [words] = body(Math.min(bodyLength(), 200), false) as [string[]];
      return { paragraphs: [], choice: choiceIn(words) };
    }
    return { paragraphs: body(bodyLength(), true) };
  };
  const a: Node[] = [
    { id: newId(), style: 'none', paragraphs: body(bodyLength(), true), children: [] },
  ];
  let count = 1;
  while (count < options.provisions) {
    const section: Node = {
      id: newId(),
      style: 'section',
      heading: heading(),
      paragraphs: [],
      children: [],
    };
    a.push(section);
    count++;
    shape.sections++;
    const articles = 15 + int(11);
    for (let k = 0; k < articles && count < options.provisions; k++) {
      const article: Node = {
        id: newId(),
        style: 'article',
        heading: heading(),
        paragraphs: body(bodyLength(), true),
        children: [],
      };
      section.children.push(article);
      count++;
      shape.articles++;
      const points = 2 + int(5);
      for (let p = 0; p < points && count < options.provisions; p++) {
        const point: Node = { id: newId(), style: 'decimal', ...leafBody(), children: [] };
        article.children.push(point);
        count++;
        shape.points++;
        if (random() >= 0.5) continue;
        const subPoints = 2 + int(3);
        for (let s = 0; s < subPoints && count < options.provisions; s++) {
          point.children.push({ id: newId(), style: 'alpha', ...leafBody(), children: [] });
          count++;
          shape.subPoints++;
        }
      }
    }
  }

  // Version B: a deep copy, then the changes, each on a provision not yet touched.
  const copy = (node: Node): Node => ({
    ...node,
    paragraphs: node.paragraphs.map((p) => [...p]),
    ...(node.choice === undefined
      ? {}
      : {
          choice: {
            before: [...node.choice.before],
            options: node.choice.options.map((o) => ({ ...o, words: [...o.words] })),
            after: [...node.choice.after],
          },
        }),
    children: node.children.map(copy),
  });
  const b = a.map(copy);
  const touched = new Set<ProvisionId>();
  interface Place {
    readonly node: Node;
    readonly siblings: Node[];
  }
  const places = (): Place[] => {
    const result: Place[] = [];
    const visit = (siblings: Node[]) => {
      for (const node of siblings) {
        result.push({ node, siblings });
        visit(node.children);
      }
    };
    visit(b);
    return result;
  };
  /** A random untouched provision passing `test`, marked touched. */
  const pick = (test: (place: Place) => boolean): Place | undefined => {
    const list = places().filter((place) => !touched.has(place.node.id) && test(place));
    const chosen = list[int(list.length)];
    if (chosen !== undefined) touched.add(chosen.node.id);
    return chosen;
  };
  const ofStyle = (style: NumberingStyle) =>
    places()
      .filter((place) => place.node.style === style)
      .map((place) => place.node);
  /** Another word than `current`. */
  const otherWord = (current: string | undefined) => {
    let next = word();
    while (next === current) next = word();
    return next;
  };
  const reword = (list: string[]) => {
    const before = list.join(' ');
    const edits = 1 + int(5);
    for (let e = 0; e < edits; e++) {
      // Never the first word: a paragraph keeps its capital (and cannot start with a number).
      const at = 1 + int(list.length - 1);
      const roll = random();
      if (roll < 0.5 || list.length < 8) list[at] = otherWord(list[at]);
      else if (roll < 0.75) list.splice(at, 0, word());
      else list.splice(at, 1);
    }
    // An insertion undone by a deletion is no change: replace a word then.
    if (list.join(' ') === before) list[1] = otherWord(list[1]);
  };
  const closedLeaf = (place: Place) =>
    (place.node.style === 'decimal' || place.node.style === 'alpha') &&
    place.node.choice === undefined &&
    place.node.paragraphs.length === 1 &&
    (place.node.paragraphs[0]?.length ?? 0) >= 8;

  const changes = Math.round(options.provisions * (options.changed ?? 0.1));
  const planned = Object.fromEntries(
    Object.entries(MIX_SHARES).map(([kind, share]) => [kind, Math.round(changes * share)]),
  ) as Record<keyof typeof MIX_SHARES, number>;
  const plannedReworded = changes - Object.values(planned).reduce((sum, value) => sum + value, 0);
  const mix = {
    reworded: 0,
    moved: 0,
    movedAndReworded: 0,
    added: 0,
    removed: 0,
    opened: 0,
    alternativesChanged: 0,
    closed: 0,
  };

  for (let k = 0; k < planned.opened; k++) {
    const place = pick(closedLeaf);
    if (place === undefined) break;
    place.node.choice = choiceIn(place.node.paragraphs[0] as string[]);
    place.node.paragraphs = [];
    mix.opened++;
  }
  for (let k = 0; k < planned.alternativesChanged; k++) {
    const place = pick((p) => p.node.choice !== undefined);
    const choice = place?.node.choice;
    if (choice === undefined) break;
    const first = choice.options[0];
    if (random() < 0.5 && first !== undefined && first.words.length > 0) {
      first.words = [...first.words.slice(0, -1), word()];
    } else {
      choice.options.push({ id: 'c' as AlternativeId, words: [number()] });
    }
    mix.alternativesChanged++;
  }
  for (let k = 0; k < planned.closed; k++) {
    const place = pick((p) => p.node.choice !== undefined);
    const choice = place?.node.choice;
    if (place === undefined || choice === undefined) break;
    const kept = choice.options[int(choice.options.length)]?.words ?? [];
    place.node.paragraphs = [[...choice.before, ...kept, ...choice.after]];
    delete place.node.choice;
    mix.closed++;
  }
  // Removals before moves, so that none makes a move within a list invisible.
  for (let k = 0; k < planned.removed; k++) {
    const place = pick(
      (p) =>
        (p.node.style === 'decimal' || p.node.style === 'alpha') && p.node.children.length === 0,
    );
    if (place === undefined) break;
    place.siblings.splice(place.siblings.indexOf(place.node), 1);
    mix.removed++;
  }
  for (let k = 0; k < planned.moved; k++) {
    const roll = random();
    const style: NumberingStyle = roll < 0.5 ? 'decimal' : roll < 0.8 ? 'alpha' : 'article';
    const parentStyle: NumberingStyle =
      style === 'decimal' ? 'article' : style === 'alpha' ? 'decimal' : 'section';
    const place = pick((p) => p.node.style === style);
    if (place === undefined) continue;
    const from = place.siblings.indexOf(place.node);
    place.siblings.splice(from, 1);
    const sameList = random() < 0.25 && place.siblings.length >= 3;
    const candidates = ofStyle(parentStyle).filter(
      (parent) => parent.children !== place.siblings && parent.id !== place.node.id,
    );
    const target = sameList
      ? place.siblings
      : (candidates[int(candidates.length)]?.children ?? place.siblings);
    let at = int(target.length + 1);
    if (target === place.siblings && at === from) at = from === 0 ? 2 : from - 1;
    target.splice(at, 0, place.node);
    mix.moved++;
    const long = place.node.paragraphs.filter((paragraph) => paragraph.length >= 8);
    if (random() < 0.25 && long.length > 0) {
      reword(long[int(long.length)] as string[]);
      mix.movedAndReworded++;
    }
  }
  const added = new Set<ProvisionId>();
  for (let k = 0; k < planned.added; k++) {
    const roll = random();
    const style: NumberingStyle = roll < 0.4 ? 'decimal' : roll < 0.8 ? 'alpha' : 'article';
    const parents = ofStyle(
      style === 'decimal' ? 'article' : style === 'alpha' ? 'decimal' : 'section',
    );
    const target = parents[int(parents.length)]?.children;
    if (target === undefined) continue;
    const node: Node = {
      id: newId(),
      style,
      ...(style === 'article' ? { heading: heading() } : {}),
      paragraphs: body(bodyLength(), true),
      children: [],
    };
    // Among the siblings, not after the last, so that some are renumbered.
    target.splice(int(Math.max(1, target.length)), 0, node);
    touched.add(node.id);
    added.add(node.id);
    mix.added++;
  }
  for (let k = 0; k < plannedReworded; k++) {
    const place = pick(
      (p) =>
        p.node.style !== 'section' &&
        p.node.choice === undefined &&
        p.node.paragraphs.some((paragraph) => paragraph.length >= 8),
    );
    if (place === undefined) break;
    const paragraphs = place.node.paragraphs.filter((paragraph) => paragraph.length >= 8);
    reword(paragraphs[int(paragraphs.length)] as string[]);
    if (place.node.style === 'article' && place.node.heading !== undefined && random() < 0.25) {
      const words = place.node.heading.split(' ');
      const at = 1 + int(words.length - 1);
      words[at] = otherWord(words[at]);
      place.node.heading = words.join(' ');
    }
    mix.reworded++;
  }

  const freeze = (node: Node): Provision => {
    const choice = node.choice;
    return {
      id: node.id,
      style: node.style,
      ...(node.heading === undefined ? {} : { heading: node.heading }),
      body: choice === undefined ? node.paragraphs.map((p) => p.join(' ')).join('\n') : '',
      ...(choice === undefined
        ? {}
        : {
            alternatives: choice.options.map((option) => ({
              id: option.id,
              text: [...choice.before, ...option.words, ...choice.after].join(' '),
            })),
          }),
      children: node.children.map(freeze),
    };
  };
  const idsB = new Set(places().map((place) => place.node.id));
  const removed = new Set<ProvisionId>();
  let wordsA = 0;
  const countA = (list: readonly Node[]) => {
    for (const node of list) {
      if (!idsB.has(node.id)) removed.add(node.id);
      wordsA += wordCount(node);
      countA(node.children);
    }
  };
  countA(a);
  const wordsB = places().reduce((sum, place) => sum + wordCount(place.node), 0);
  return {
    a: a.map(freeze),
    b: b.map(freeze),
    added,
    removed,
    mix,
    shape,
    words: { a: wordsA, b: wordsB },
  };
}

/** Function words first (the commonest), then 4,000 made-up words of two to four syllables. */
function makeVocabulary(random: () => number): string[] {
  const words = new Set<string>(FUNCTION_WORDS);
  const made = new Set<string>();
  while (made.size < 4000) {
    const length = 2 + Math.floor(random() * 3);
    const word = Array.from(
      { length },
      () => SYLLABLES[Math.floor(random() * SYLLABLES.length)],
    ).join('');
    if (!words.has(word)) made.add(word);
  }
  return [...words, ...made];
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function wordCount(node: Node): number {
  const heading = node.heading === undefined ? 0 : node.heading.split(' ').length;
  const choice = node.choice;
  const wording =
    choice === undefined
      ? node.paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0)
      : choice.before.length + (choice.options[0]?.words.length ?? 0) + choice.after.length;
  return heading + wording;
}
