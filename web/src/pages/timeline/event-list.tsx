/**
 * The events, as a virtualised list: only the rows in view (and a few more)
 * are in the page, so a timeline of 100,000 events scrolls like one of ten.
 * The next page is fetched as the end comes into view. The list scrolls by
 * itself: it takes focus (Tab) and the arrow and page keys.
 */

import { Box, Center, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import type { NegotiationEvent } from '../../api/types.ts';
import { EventItem } from '../../components/event-item.tsx';
import { BriefingLink } from '../../components/links.tsx';

/** How many loaded rows may still lie ahead when the next page is asked for (pages hold 50). */
const PREFETCH_ROWS = 25;

/** (Drawn again only when its props change: the page passes the same events and callbacks.) */
export const EventList = memo(function EventList({
  process,
  events,
  filters,
  updating,
  partyName,
  hasMore,
  loadingMore,
  loadMore,
}: {
  /** The process, for links to the briefing of upcoming events. */
  process: string;
  events: readonly NegotiationEvent[];
  /** The filters the events are for: when they change, the list goes back to the top. */
  filters: string;
  /** The events are those of the previous filters, while the new ones load. */
  updating: boolean;
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
    overscan: 4,
    // Rows from the first render on (before the scroller is measured), not one render later.
    initialRect: { width: 800, height: 600 },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the filters change
  useEffect(() => {
    if ((virtualizer.scrollOffset ?? 0) !== 0) virtualizer.scrollToOffset(0);
  }, [filters, virtualizer]);
  const rows = virtualizer.getVirtualItems();
  const last = rows[rows.length - 1];
  // The next page is asked for while PREFETCH_ROWS rows are still ahead, so
  // that it is usually there before the reader reaches the end.
  useEffect(() => {
    if (
      last !== undefined &&
      last.index >= events.length - PREFETCH_ROWS &&
      hasMore &&
      !loadingMore
    )
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
      aria-busy={updating}
      style={{ maxHeight: 'max(320px, calc(100dvh - 250px))', overflowY: 'auto' }}
      bd="1px solid var(--mantine-color-default-border)"
      bdrs="sm"
      opacity={updating ? 0.6 : 1}
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
                <>
                  <EventItem event={event} partyName={partyName} details />
                  {event.status === 'scheduled' && (
                    <BriefingLink process={process} event={event.id} />
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>
    </Box>
  );
});
