/**
 * A redline of what the server's diff computed (GET …/diff): word changes as
 * <del>/<ins> (announced to screen readers too), and each provision's kinds
 * of change in words ("renumbered 4. → 5.", "moved", "reworded"). Nothing is
 * diffed here: the word scripts come from the server.
 */

import { Badge, Group, Text, VisuallyHidden } from '@mantine/core';
import { ProvisionWording } from './provision-view.tsx';
import type { Provision, ProvisionDiff, WordOp } from './text-api.ts';

/** Which text a word script shows: the old one, the new one, or both marked up in one. */
export type Side = 'before' | 'after' | 'inline';

/** A word script as text: kept runs plain, removed runs struck, inserted runs underlined. */
export function WordOps({ ops, side }: { ops: readonly WordOp[]; side: Side }) {
  return (
    <span className="redline">
      {ops.map(([op, run], i) => {
        const key = `${i}${op}`;
        if (op === '=') return <span key={key}>{run}</span>;
        if (op === '-')
          return side === 'after' ? null : (
            <del key={key}>
              <VisuallyHidden>[deleted: </VisuallyHidden>
              {run}
              <VisuallyHidden>]</VisuallyHidden>
            </del>
          );
        return side === 'before' ? null : (
          <ins key={key}>
            <VisuallyHidden>[inserted: </VisuallyHidden>
            {run}
            <VisuallyHidden>]</VisuallyHidden>
          </ins>
        );
      })}
    </span>
  );
}

const CHANGE_WORDS: Record<string, string> = {
  added: 'added',
  removed: 'removed',
  moved: 'moved',
  renumbered: 'renumbered',
  reworded: 'reworded',
  retitled: 'new heading',
  restyled: 'numbered differently',
  split: 'split',
  merged: 'merged',
  opened: 'opened (now has alternatives)',
  closed: 'closed (one wording agreed)',
  'alternatives-changed': 'alternatives changed',
  'proposal-changed': 'proposal changed',
  annotated: 'note changed',
};

const CHANGE_COLOURS: Record<string, string> = {
  added: 'green',
  removed: 'red',
  moved: 'violet',
  renumbered: 'grape',
};

/** The kinds of change of a provision, as badges with words ("renumbered 4. → 5."). */
export function ChangeBadges({ diff }: { diff: ProvisionDiff }) {
  return (
    <Group gap={4} aria-label="Changes">
      {diff.changes.map((change) => (
        <Badge key={change} size="sm" variant="light" color={CHANGE_COLOURS[change] ?? 'yellow'}>
          {CHANGE_WORDS[change] ?? change}
          {change === 'renumbered' && diff.before?.number && diff.after?.number
            ? ` ${diff.before.number} → ${diff.after.number}`
            : ''}
        </Badge>
      ))}
      {diff.confidence !== undefined && (
        <Badge size="sm" variant="outline" color="gray">
          matched by wording, {Math.round(diff.confidence * 100)}% sure
        </Badge>
      )}
    </Group>
  );
}

/** A provision's heading on one side: the word script when the heading changed. */
export function HeadingOps({
  diff,
  fields,
  side,
}: {
  diff: ProvisionDiff | undefined;
  fields: Omit<Provision, 'children'> | undefined;
  side: Side;
}) {
  if (diff?.heading !== undefined) return <WordOps ops={diff.heading} side={side} />;
  return <>{fields?.heading ?? ''}</>;
}

/**
 * A provision's wording on one side of a comparison: the server's word script
 * where the body or an alternative changed, else the wording as it stands.
 */
export function WordingOps({
  diff,
  fields,
  side,
}: {
  diff: ProvisionDiff | undefined;
  fields: Omit<Provision, 'children'>;
  side: Side;
}) {
  if (diff?.body !== undefined)
    return (
      <Text size="sm">
        <WordOps ops={diff.body} side={side} />
      </Text>
    );
  if (diff?.alternatives !== undefined) {
    const shown = diff.alternatives.filter((a) =>
      side === 'before' ? a.change !== 'added' : side === 'after' ? a.change !== 'removed' : true,
    );
    return (
      <ul className="alternatives" aria-label="Alternatives">
        {shown.map((alternative, i) => (
          <li key={alternative.id}>
            <Text size="sm" span>
              {i === 0 ? '[ ' : '/ '}
              {alternative.text !== undefined ? (
                <WordOps ops={alternative.text} side={side} />
              ) : alternative.change === 'added' ? (
                <ins>
                  <VisuallyHidden>[inserted: </VisuallyHidden>
                  {alternative.after}
                  <VisuallyHidden>]</VisuallyHidden>
                </ins>
              ) : (
                <del>
                  <VisuallyHidden>[deleted: </VisuallyHidden>
                  {alternative.before}
                  <VisuallyHidden>]</VisuallyHidden>
                </del>
              )}
              {i === shown.length - 1 ? ' ]' : ''}
            </Text>
          </li>
        ))}
      </ul>
    );
  }
  return <ProvisionWording provision={fields} />;
}
