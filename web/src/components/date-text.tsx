import { Text } from '@mantine/core';
import type { FuzzyDate } from '../api/types.ts';
import { describeDate, precisionText } from './dates.ts';

/** A date with its precision spelled out, and its note: "week of 1 Dec 2025 · sometime that week". */
export function DateText({ date, size = 'sm' }: { date: FuzzyDate; size?: 'xs' | 'sm' }) {
  return (
    <Text span size={size} title={date.text}>
      <Text span inherit fw={500}>
        {describeDate(date)}
      </Text>
      <Text span inherit c="dimmed">
        {` · ${precisionText(date)}`}
        {date.label === undefined ? '' : ` (${date.label})`}
      </Text>
    </Text>
  );
}
