/**
 * A diff as a standalone, printable HTML redline: the whole new version in
 * order, with insertions underlined in green, deletions struck in red, removed
 * provisions struck where they used to be, moves and renumbering noted beside
 * each provision, and open provisions shown as bracketed alternatives (the
 * proposed one marked). No scripts, no external resources.
 */

import type { ProvisionId } from '../../core/ids.ts';
import { numberProvisions } from '../../core/text/numbering.ts';
import { isOpen, type Provision, walkProvisions } from '../../core/text/provision.ts';
import type {
  ChangeKind,
  ProvisionDiff,
  ProvisionFields,
  TextDiff,
} from '../../core/text/text-diff.ts';
import type { WordOp } from '../../core/text/word-diff.ts';
import { type DiffContext, summaryLine } from './diff-markdown.ts';

const STYLE = `
body { font: 15px/1.5 Georgia, 'Times New Roman', serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
header { border-bottom: 1px solid #999; margin-bottom: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.meta, .summary, .legend { font-family: system-ui, sans-serif; font-size: .85rem; color: #444; margin: .25rem 0; }
.provision { position: relative; margin: .6rem 0; padding-left: .6rem; border-left: 3px solid transparent; }
.provision.changed { border-left-color: #c8a400; }
.provision.added { border-left-color: #2a7a2a; }
.provision.removed { border-left-color: #b22; color: #777; }
.num { font-weight: bold; margin-right: .4rem; }
.heading { font-weight: bold; }
.notes { font-family: system-ui, sans-serif; font-size: .75rem; color: #555; margin-left: .4rem; }
ins { background: #dff5df; color: #135e13; text-decoration: underline; }
del { background: #fbe0e0; color: #9a1b1b; text-decoration: line-through; }
.alternatives { margin: .2rem 0 .2rem 1rem; }
.alternative { display: block; }
.alternative.proposed::after { content: ' ← proposed'; font-family: system-ui, sans-serif; font-size: .75rem; color: #555; }
.bracket { font-weight: bold; color: #555; }
@media print { body { margin: 0; max-width: none; } .provision { break-inside: avoid; } }
`;

const NOTE_WORDS: Partial<Record<ChangeKind, string>> = {
  added: 'new',
  moved: 'moved',
  reworded: 'reworded',
  retitled: 'heading changed',
  restyled: 'numbering style changed',
  split: 'split',
  merged: 'merged',
  opened: 'opened: alternatives',
  closed: 'closed: alternatives settled',
  'alternatives-changed': 'alternatives changed',
  'proposal-changed': 'proposal changed',
  annotated: 'note changed',
};

export interface RedlineInput {
  readonly diff: TextDiff;
  /** The old version's provisions (for removed ones and their places). */
  readonly before: readonly Provision[];
  /** The new version's provisions. */
  readonly after: readonly Provision[];
  readonly context: DiffContext;
}

/** The redline as one HTML document. */
export function renderRedlineHtml({ diff, before, after, context }: RedlineInput): string {
  const changes = new Map(diff.provisions.map((change) => [change.id, change]));
  const removedAfter = anchorsOfRemoved(before, after, changes);
  const numbersAfter = numberProvisions(after);
  const out: string[] = [];
  out.push(
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(context.title)}: ${escapeHtml(context.from.label)} → ${escapeHtml(context.to.label)}</title>`,
    `<style>${STYLE}</style></head><body><header>`,
    `<h1>${escapeHtml(context.title)}</h1>`,
    `<p class="meta">Changes from “${escapeHtml(context.from.label)}” to “${escapeHtml(context.to.label)}”.${context.about ? ` ${escapeHtml(context.about)}` : ''}</p>`,
    `<p class="summary">${escapeHtml(summaryLine(diff.summary))}</p>`,
    '<p class="legend"><ins>inserted</ins> · <del>deleted</del> · a coloured bar marks a changed (yellow), new (green) or removed (red) provision</p>',
    '</header><main>',
  );
  for (const removed of removedAfter.get(null) ?? []) out.push(renderRemoved(removed));
  const visit = (list: readonly Provision[], depth: number) => {
    for (const provision of list) {
      out.push(
        renderProvision(
          provision,
          changes.get(provision.id),
          numbersAfter.get(provision.id),
          depth,
        ),
      );
      for (const removed of removedAfter.get(provision.id) ?? []) out.push(renderRemoved(removed));
      visit(provision.children, depth + 1);
    }
  };
  visit(after, 0);
  out.push('</main></body></html>\n');
  return out.join('');
}

/** For each removed provision, the provision of the new version it is shown after (null: at the start). */
function anchorsOfRemoved(
  before: readonly Provision[],
  after: readonly Provision[],
  changes: Map<ProvisionId, ProvisionDiff>,
): Map<ProvisionId | null, ProvisionDiff[]> {
  const survivors = new Set([...walkProvisions(after)].map((provision) => provision.id));
  const anchors = new Map<ProvisionId | null, ProvisionDiff[]>();
  let anchor: ProvisionId | null = null;
  for (const provision of walkProvisions(before)) {
    if (survivors.has(provision.id)) {
      anchor = provision.id;
      continue;
    }
    const change = changes.get(provision.id);
    if (change !== undefined) anchors.set(anchor, [...(anchors.get(anchor) ?? []), change]);
  }
  return anchors;
}

function renderProvision(
  provision: Provision,
  change: ProvisionDiff | undefined,
  number: string | undefined,
  depth: number,
): string {
  const kind = change === undefined ? '' : change.changes.includes('added') ? ' added' : ' changed';
  const parts = [
    `<section class="provision${kind}" id="${escapeHtml(provision.id)}" style="margin-left:${depth * 1.5}rem">`,
  ];
  const was = change?.before?.number;
  if (was !== undefined && was !== number)
    parts.push(
      `<span class="num"><del>${escapeHtml(was)}</del> <ins>${escapeHtml(number ?? '')}</ins></span>`,
    );
  else if (number !== undefined) parts.push(`<span class="num">${escapeHtml(number)}</span>`);
  if (change?.heading !== undefined)
    parts.push(`<span class="heading">${ops(change.heading)}</span>`);
  else if (provision.heading !== undefined)
    parts.push(`<span class="heading">${escapeHtml(provision.heading)}</span>`);
  parts.push(notes(change));
  parts.push(wording(provision, change));
  parts.push('</section>');
  return parts.join('');
}

function renderRemoved(change: ProvisionDiff): string {
  const fields = change.before?.fields as ProvisionFields;
  const number = change.before?.number;
  const text = isOpen({ ...fields, children: [] })
    ? (fields.alternatives ?? []).map((alternative) => alternative.text).join(' / ')
    : fields.body;
  return [
    `<section class="provision removed" id="${escapeHtml(change.id)}-removed">`,
    number === undefined ? '' : `<span class="num"><del>${escapeHtml(number)}</del></span>`,
    fields.heading === undefined
      ? ''
      : `<span class="heading"><del>${escapeHtml(fields.heading)}</del></span>`,
    '<span class="notes">removed</span>',
    `<p><del>${escapeHtml(text)}</del></p></section>`,
  ].join('');
}

function notes(change: ProvisionDiff | undefined): string {
  if (change === undefined) return '';
  const words = change.changes.flatMap((kind) =>
    NOTE_WORDS[kind] === undefined ? [] : [NOTE_WORDS[kind]],
  );
  if (change.changes.includes('moved') && change.before?.number !== undefined) {
    words[words.indexOf('moved')] = `moved (was ${change.before.number})`;
  }
  if (change.confidence !== undefined && change.confidence < 1)
    words.push(`paired with ${Math.round(change.confidence * 100)}% confidence`);
  return words.length === 0 ? '' : `<span class="notes">${escapeHtml(words.join(' · '))}</span>`;
}

function wording(provision: Provision, change: ProvisionDiff | undefined): string {
  if (!isOpen(provision)) {
    if (change?.body !== undefined) return `<p>${ops(change.body)}</p>`;
    if (change?.changes.includes('closed')) {
      const was = (change.before?.fields.alternatives ?? []).map((alternative) =>
        escapeHtml(alternative.text),
      );
      return `<p><del>[${was.join(' / ')}]</del> <ins>${escapeHtml(provision.body)}</ins></p>`;
    }
    return provision.body === '' ? '' : `<p>${escapeHtml(provision.body)}</p>`;
  }
  const byId = new Map(
    (change?.alternatives ?? []).map((alternative) => [alternative.id, alternative]),
  );
  const lines = (provision.alternatives ?? []).map((alternative) => {
    const diff = byId.get(alternative.id);
    const text =
      diff?.change === 'reworded' && diff.text !== undefined
        ? ops(diff.text)
        : diff?.change === 'added' || change?.changes.includes('opened')
          ? `<ins>${escapeHtml(alternative.text)}</ins>`
          : escapeHtml(alternative.text);
    const proposed = provision.proposed === alternative.id ? ' proposed' : '';
    return `<span class="alternative${proposed}">${text || '…'}</span>`;
  });
  for (const dropped of change?.alternatives ?? []) {
    if (dropped.change === 'removed')
      lines.push(`<span class="alternative"><del>${escapeHtml(dropped.before ?? '')}</del></span>`);
  }
  const was = change?.changes.includes('opened')
    ? `<p><del>${escapeHtml(change.before?.fields.body ?? '')}</del></p>`
    : '';
  return `${was}<div class="alternatives"><span class="bracket">[</span>${lines.join('<span class="bracket"> / </span>')}<span class="bracket">]</span></div>`;
}

function ops(list: readonly WordOp[]): string {
  return list
    .map(([op, text]) =>
      op === '='
        ? escapeHtml(text)
        : op === '-'
          ? `<del>${escapeHtml(text)}</del>`
          : `<ins>${escapeHtml(text)}</ins>`,
    )
    .join('');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}
