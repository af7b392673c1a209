import { Badge, Group, Stack, Text } from '@mantine/core';
import { memo } from 'react';
import type { NegotiationEvent } from '../api/types.ts';
import { DateText } from './date-text.tsx';

const STATUS_COLOR = { scheduled: 'blue', held: 'gray', cancelled: 'red' } as const;

/** An event: when (with its precision), what, where, which parties. (Drawn again only when its props change.) */
export const EventItem = memo(function EventItem({
  event,
  partyName,
  details = false,
}: {
  event: NegotiationEvent;
  partyName: (id: string) => string;
  /** With its description and outcome. */
  details?: boolean;
}) {
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="wrap">
        <DateText date={event.date} />
        <Badge size="xs" variant="light">
          {event.kind}
        </Badge>
        <Badge size="xs" variant="outline" color={STATUS_COLOR[event.status]}>
          {event.status}
        </Badge>
      </Group>
      <Text fw={500}>{event.title}</Text>
      <Text size="xs" c="dimmed">
        {[event.place, event.parties.map(partyName).join(', ')].filter(Boolean).join(' · ')}
      </Text>
      {details && (event.outcome ?? event.description) && (
        <Text size="sm" lineClamp={2}>
          {event.outcome ?? event.description}
        </Text>
      )}
    </Stack>
  );
});
