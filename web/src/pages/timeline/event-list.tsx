/**
 * The events, as a virtualised list: only the rows in view (and a few more)
 * are in the page, so a timeline of 100,000 events scrolls like one of ten.
 * The next page is fetched as the end comes into view. The list scrolls by
 * itself: it takes focus (Tab) and the arrow and page keys.
 */

import { Box, Center, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { NegotiationEvent } from '../../api/types.ts';
import { EventItem } from '../../components/event-item.tsx';

export function EventList({
  events,
  partyName,
  hasMore,
  loadingMore,
  loadMore,
}: {
  events: readonly NegotiationEvent[];
  partyName: (id: string) => string;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: events.length + (hasMore ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => 104,
    overscan: 6,
  });
  const rows = virtualizer.getVirtualItems();
  const last = rows[rows.length - 1];
  useEffect(() => {
    if (last !== undefined && last.index >= events.length - 1 && hasMore && !loadingMore)
      loadMore();
  }, [last, events.length, hasMore, loadingMore, loadMore]);

  if (events.length === 0)
    return (
      <Text c="dimmed" py="lg">
        No event matches these filters.
      </Text>
    );
  return (
    <Box
      ref={scroller}
      tabIndex={0}
      role="region"
      aria-label={`Events (${events.length}${hasMore ? '+' : ''})`}
      style={{ maxHeight: 'max(320px, calc(100dvh - 250px))', overflowY: 'auto' }}
      bd="1px solid var(--mantine-color-default-border)"
      bdrs="sm"
    >
      <ol
        style={{
          height: virtualizer.getTotalSize(),
          position: 'relative',
          listStyle: 'none',
          margin: 0,
          padding: 0,
        }}
      >
        {rows.map((row) => {
          const event = events[row.index];
          return (
            <li
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                transform: `translateY(${row.start}px)`,
                padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
                borderBottom: '1px solid var(--mantine-color-default-border)',
              }}
            >
              {event === undefined ? (
                <Center>
                  <Loader size="xs" aria-label="Loading more events" />
                </Center>
              ) : (
                <EventItem event={event} partyName={partyName} details />
              )}
            </li>
          );
        })}
      </ol>
    </Box>
  );
}
