/**
 * A diff as a briefing in Markdown: a summary, then every changed provision in
 * the new version's order (removed ones where they used to be), each with its
 * old and new number, the kinds of change, and the words that changed —
 * deletions ~~struck~~, insertions **bold**, long unchanged stretches elided.
 */

import { bracketed, wordingOf } from '../../core/text/provision.ts';
import type {
  ChangeKind,
  DiffSummary,
  ProvisionDiff,
  TextDiff,
} from '../../core/text/text-diff.ts';
import type { WordOp } from '../../core/text/word-diff.ts';

export interface DiffContext {
  readonly title: string;
  readonly from: { readonly label: string; readonly id: string };
  readonly to: { readonly label: string; readonly id: string };
  /** Facts about the new version for the opening lines ("Proposed by the United States, 30 Nov 2025"). */
  readonly about?: string;
}

const CHANGE_WORDS: Record<ChangeKind, string> = {
  added: 'added',
  removed: 'removed',
  moved: 'moved',
  renumbered: 'renumbered',
  reworded: 'reworded',
  retitled: 'heading changed',
  restyled: 'numbering style changed',
  split: 'split',
  merged: 'merged',
  opened: 'opened (now bracketed alternatives)',
  closed: 'closed (alternatives settled)',
  'alternatives-changed': 'alternatives changed',
  'proposal-changed': 'proposal changed',
  annotated: 'note changed',
};

/** Words of context kept on each side of a change; longer unchanged stretches are elided. */
const CONTEXT_WORDS = 8;

/** The diff as a Markdown briefing. */
export function renderDiffMarkdown(diff: TextDiff, context: DiffContext): string {
  const lines = [
    `# ${context.title}: what changed from “${context.from.label}” to “${context.to.label}”`,
    '',
  ];
  if (context.about) lines.push(context.about, '');
  lines.push(summaryLine(diff.summary), '');
  if (diff.matching === 'similarity') {
    lines.push(
      'Provisions were paired by the similarity of their wording (the drafts carry no shared identities); the confidence of each pairing is given where it is below 100%.',
      '',
    );
  }
  if (diff.provisions.length > 0)
    lines.push(`## Changes, in the order of “${context.to.label}”`, '');
  for (const change of diff.provisions) lines.push(...describeChange(change), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

/** "28 provisions compared: 9 changed (2 added, 1 removed, …), 19 unchanged." */
export function summaryLine(summary: DiffSummary): string {
  const parts = (Object.keys(CHANGE_WORDS) as ChangeKind[])
    .filter((kind) => summary[kind] > 0)
    .map((kind) => `${summary[kind]} ${CHANGE_WORDS[kind]}`);
  if (summary.changed === 0) return `No changes: all ${summary.unchanged} provisions are the same.`;
  return `${summary.changed} provision${summary.changed === 1 ? '' : 's'} changed (${parts.join(', ')}); ${summary.unchanged} unchanged.`;
}

function describeChange(change: ProvisionDiff): string[] {
  const was = change.before?.number;
  const now = change.after?.number;
  const number =
    change.after === undefined
      ? `was ${was ?? 'unnumbered'}`
      : change.before === undefined
        ? `new ${now ?? ''}`.trim()
        : was !== now
          ? `${was ?? 'unnumbered'} → ${now ?? 'unnumbered'}`
          : (now ?? 'unnumbered');
  const heading = change.after?.fields.heading ?? change.before?.fields.heading;
  const kinds = change.changes.map((kind) => CHANGE_WORDS[kind]).join(', ');
  const confidence =
    change.confidence !== undefined && change.confidence < 1
      ? `, paired with ${Math.round(change.confidence * 100)}% confidence`
      : '';
  const lines = [
    `- **${number}${heading ? ` ${heading}` : ''}** — _${kinds}${confidence}_ \`${change.id}\``,
  ];
  const quote = (text: string) => lines.push(`  > ${text}`);
  if (change.heading !== undefined) quote(`Heading: ${inline(change.heading)}`);
  if (change.body !== undefined) quote(inline(change.body));
  else if (change.before === undefined && change.after !== undefined)
    quote(wordingOf({ ...change.after.fields, children: [] }));
  else if (change.after === undefined && change.before !== undefined)
    quote(`~~${wordingOf({ ...change.before.fields, children: [] })}~~`);
  else if (change.changes.includes('opened') && change.after) {
    quote(`Was: ${change.before?.fields.body}`);
    quote(`Now open: ${bracketedOf(change.after.fields)}${proposal(change.after.fields)}`);
  } else if (change.changes.includes('closed') && change.after) {
    quote(`Was open: ${bracketedOf(change.before?.fields)}`);
    quote(`Settled: ${change.after.fields.body}`);
  }
  for (const alternative of change.alternatives ?? []) {
    if (alternative.change === 'added')
      quote(`New alternative \`${alternative.id}\`: ${alternative.after}`);
    if (alternative.change === 'removed')
      quote(`Alternative \`${alternative.id}\` dropped: ~~${alternative.before}~~`);
    if (alternative.change === 'reworded')
      quote(`Alternative \`${alternative.id}\`: ${inline(alternative.text ?? [])}`);
  }
  if (change.changes.includes('proposal-changed') && change.after) {
    quote(
      `Proposed alternative: ${change.before?.fields.proposed ?? 'none'} → ${change.after.fields.proposed ?? 'none'}`,
    );
  }
  const from = change.after?.fields.from;
  if (
    from !== undefined &&
    (change.changes.includes('split') || change.changes.includes('merged'))
  ) {
    quote(`Made from: ${from.map((id) => `\`${id}\``).join(', ')}`);
  }
  return lines;
}

function bracketedOf(fields: { alternatives?: readonly { text: string }[] } | undefined): string {
  return bracketed((fields?.alternatives ?? []).map((alternative) => alternative.text));
}

function proposal(fields: { proposed?: string }): string {
  return fields.proposed === undefined ? '' : ` (proposed: \`${fields.proposed}\`)`;
}

/** Word changes inline: deletions struck, insertions bold, long unchanged runs elided. */
export function inline(ops: readonly WordOp[]): string {
  return ops
    .map(([op, text], i) => {
      if (op === '-') return mark('~~', text);
      if (op === '+') return mark('**', text);
      return elide(text, i > 0, i < ops.length - 1);
    })
    .join('');
}

/** Wraps the words in a marker, leaving surrounding spaces outside it (so Markdown renders it). */
function mark(marker: string, text: string): string {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(text);
  if (!match || match[2] === '') return text;
  return `${match[1]}${marker}${match[2]}${marker}${match[3]}`;
}

/**
 * An unchanged run, shortened: the words right after a preceding change and
 * right before a following change are kept, the middle becomes "…".
 */
function elide(text: string, changeBefore: boolean, changeAfter: boolean): string {
  const tokens = text.split(/(\s+)/); // words and the spaces between them
  const keep = CONTEXT_WORDS * 2;
  if (tokens.length <= keep * 2 + 1 || (!changeBefore && !changeAfter)) return text;
  const start = tokens.slice(0, keep).join('');
  const end = tokens.slice(tokens.length - keep).join('');
  if (changeBefore && changeAfter) return `${start} … ${end}`;
  return changeBefore ? `${start} …` : `… ${end}`;
}
