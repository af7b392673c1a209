/**
 * fast-check generators of provision trees and texts: valid trees (dotted
 * numbering only under numbered points, open provisions with distinct
 * alternatives), pairs of versions that share provision identities (as a
 * version derived from another does), and whole texts with versions.
 */

import fc from 'fast-check';
import { AUDIENCES } from '../core/audience.ts';
import { compact } from '../core/compact.ts';
import type {
  AlternativeId,
  PartyId,
  ProvisionId,
  SourceId,
  TextId,
  VersionId,
} from '../core/ids.ts';
import {
  type NegotiatingText,
  TEXT_KINDS,
  type TextVersion,
  VERSION_STATUSES,
} from '../core/text/negotiating-text.ts';
import type { NumberingStyle, Provision } from '../core/text/provision.ts';
import { fuzzyDateArb } from './date-arbitrary.ts';

/** One provision of a flat outline: its depth gives its place in the tree. */
interface Spec {
  readonly id: ProvisionId;
  readonly depth: number;
  readonly style: NumberingStyle;
  readonly heading?: string;
  readonly body: string;
  readonly alternatives?: readonly string[];
  readonly proposed?: number;
  readonly note?: string;
  readonly from?: readonly ProvisionId[];
}

const WORDS = [
  'Ukraine',
  'Russia',
  'the',
  'Parties',
  'shall',
  'ceasefire',
  'line',
  'of',
  'contact',
  'guarantee',
  'troops',
  'within',
  '100',
  'days',
  'NATO',
  'Donbas',
  'elections',
  'sanctions',
  'frozen',
  'assets',
  'and',
  'or',
  '600,000',
  '800,000',
  'Zaporizhzhia',
  '«monitoring»',
  '&',
  'Женева',
];
const wordingArb = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 })
  .map((w) => `${w.join(' ')}.`);
const headingArb = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 })
  .map((w) => w.join(' '));

const specArb = (id: ProvisionId) =>
  fc
    .record({
      depth: fc.nat({ max: 2 }),
      style: fc.constantFrom<NumberingStyle>(
        'section',
        'article',
        'decimal',
        'dotted',
        'alpha',
        'roman',
        'none',
      ),
      heading: fc.option(headingArb, { nil: undefined }),
      body: wordingArb,
      alternatives: fc.option(fc.uniqueArray(wordingArb, { minLength: 2, maxLength: 3 }), {
        nil: undefined,
      }),
      proposed: fc.option(fc.nat({ max: 2 }), { nil: undefined }),
      note: fc.option(fc.constantFrom('illustrative', 'from the leaked draft'), { nil: undefined }),
    })
    .map((fields) => ({ id, ...fields }));

/** Builds a valid tree from an outline: depths capped, dotted numbering fixed where it cannot be. */
export function buildTree(specs: readonly Spec[]): Provision[] {
  const top: Provision[] = [];
  const stack: { depth: number; provision: Provision & { children: Provision[] } }[] = [];
  for (const spec of specs) {
    const depth = Math.min(spec.depth, (stack[stack.length - 1]?.depth ?? -1) + 1);
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= depth) stack.pop();
    const parent = stack[stack.length - 1]?.provision;
    const style =
      spec.style === 'dotted' && parent?.style !== 'decimal' && parent?.style !== 'dotted'
        ? 'alpha'
        : spec.style;
    const open = spec.alternatives !== undefined;
    const alternatives = spec.alternatives?.map((text, i) => ({
      id: `alt-${i + 1}` as AlternativeId,
      text,
    }));
    const proposed =
      open && spec.proposed !== undefined && spec.proposed < (alternatives?.length ?? 0)
        ? alternatives?.[spec.proposed]?.id
        : undefined;
    const provision = compact({
      id: spec.id,
      style,
      heading: spec.heading,
      body: open ? '' : spec.body,
      alternatives,
      proposed,
      from: spec.from,
      note: spec.note,
      children: [] as Provision[],
    });
    (parent === undefined ? top : parent.children).push(provision);
    stack.push({ depth, provision });
  }
  return top;
}

const outlineArb = (prefix: string, max: number) =>
  fc
    .integer({ min: 1, max })
    .chain((n) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => specArb(`${prefix}${i + 1}` as ProvisionId))),
    );

/** A provision tree of up to `max` provisions with ids `p1`, `p2`, … */
export const provisionTreeArb = (max = 12) => outlineArb('p', max).map(buildTree);

/**
 * Two versions of a text: the second keeps some provisions of the first
 * (same ids), maybe reworded, reordered, renested, opened or closed, drops
 * others, adds new ones (some with lineage pointing into the first).
 */
export const versionPairArb = (max = 12) =>
  outlineArb('p', max).chain((first) =>
    fc
      .record({
        kept: fc.shuffledSubarray(first),
        edits: fc.array(fc.tuple(fc.nat(), specArb('x' as ProvisionId)), { maxLength: 4 }),
        added: outlineArb('n', 4),
        lineage: fc.array(fc.nat(), { maxLength: 3 }),
        interleave: fc.array(fc.nat(), { maxLength: 8 }),
      })
      .map(({ kept, edits, added, lineage, interleave }) => {
        const second: Spec[] = kept.map((spec) => ({ ...spec }));
        for (const [at, edit] of edits) {
          const target = second[at % Math.max(1, second.length)];
          if (target !== undefined) second[at % second.length] = { ...edit, id: target.id };
        }
        added.forEach((spec, i) => {
          const source = first[(lineage[i] ?? 0) % first.length];
          const withLineage =
            lineage[i] !== undefined && source !== undefined
              ? { ...spec, from: [source.id] }
              : spec;
          second.splice((interleave[i] ?? second.length) % (second.length + 1), 0, withLineage);
        });
        return [buildTree(first), buildTree(second)] as const;
      }),
  );

/** Texts with one to three versions, each derived from the one before, referring to the given parties and sources. */
export const textsArb = (parties: readonly string[], sources: readonly string[]) =>
  fc
    .uniqueArray(fc.constantFrom('peace-plan', 'framework', 'declaration'), { maxLength: 2 })
    .chain((slugs) =>
      fc.tuple(
        ...slugs.map((slug) =>
          fc
            .record({
              title: headingArb,
              kind: fc.constantFrom(...TEXT_KINDS),
              description: fc.option(wordingArb, { nil: undefined }),
              pair: versionPairArb(8),
              third: fc.boolean(),
              label: headingArb,
              date: fc.option(fuzzyDateArb, { nil: undefined }),
              status: fc.constantFrom(...VERSION_STATUSES),
              audience: fc.constantFrom(...AUDIENCES),
              proposedBy:
                parties.length === 0
                  ? fc.constant(undefined)
                  : fc.option(fc.constantFrom(...parties), { nil: undefined }),
              circulatedTo: fc.subarray([...parties]),
              source:
                sources.length === 0
                  ? fc.constant(undefined)
                  : fc.option(fc.constantFrom(...sources), { nil: undefined }),
            })
            .map((fields): NegotiatingText => {
              const [first, second] = fields.pair;
              const version = (
                id: string,
                provisions: readonly Provision[],
                derivedFrom?: string,
              ): TextVersion =>
                compact({
                  id: id as VersionId,
                  label: `${fields.label} ${id}`,
                  date: fields.date,
                  proposedBy: fields.proposedBy as PartyId | undefined,
                  derivedFrom: derivedFrom as VersionId | undefined,
                  status: fields.status,
                  circulatedTo: fields.circulatedTo as PartyId[],
                  audience: fields.audience,
                  source: fields.source as SourceId | undefined,
                  provisions,
                });
              const versions = [version('v1', first), version('v2', second, 'v1')];
              if (fields.third) versions.push(version('v3', stripLineage(second), 'v2'));
              return compact({
                id: slug as TextId,
                title: fields.title,
                kind: fields.kind,
                description: fields.description,
                versions,
              });
            }),
        ),
      ),
    );

function stripLineage(tree: readonly Provision[]): Provision[] {
  return tree.map(({ from: _from, ...provision }) => ({
    ...provision,
    children: stripLineage(provision.children),
  }));
}
