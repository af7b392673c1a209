/** Stances in words and colours (colour is never the only sign: each cell says its stance). */

import { Group, Text } from '@mantine/core';
import { STANCES, type Stance } from './text-api.ts';

export const STANCE_WORDS: Record<Stance, string> = {
  accepts: 'accepts',
  'accepts-with-changes': 'accepts with changes',
  rejects: 'rejects',
  'red-line': 'red line',
  undecided: 'undecided',
};

export function stanceWords(stance: string): string {
  return STANCE_WORDS[stance as Stance] ?? stance;
}

export function stanceClass(stance: string | undefined): string {
  return `stance-cell stance-${stance ?? 'none'}`;
}

/** The colours of the heat map, each with its stance's name. */
export function StanceLegend() {
  return (
    <Group gap="xs" wrap="wrap" aria-label="Legend" role="list">
      {[...STANCES, undefined].map((stance) => (
        <Group key={stance ?? 'none'} gap={4} role="listitem" wrap="nowrap">
          <span className={stanceClass(stance)} style={{ width: 28, minHeight: 18 }} aria-hidden />
          <Text size="xs">{stance === undefined ? 'no stance recorded' : stanceWords(stance)}</Text>
        </Group>
      ))}
    </Group>
  );
}
