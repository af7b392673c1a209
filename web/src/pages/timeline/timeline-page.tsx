/** The timeline: events in order, filtered by party, kind and status, over a window (the overview's zoom). */

import { Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import {
  keepPreviousData,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import { processQuery, timelineQuery } from '../../api/queries.ts';
import { ErrorAlert, Loading } from '../../components/query-state.tsx';
import type { TimelineSearch } from '../../router.tsx';
import { CalendarButton } from './calendar-button.tsx';
import { EventList } from './event-list.tsx';
import { TimelineFilters } from './timeline-filters.tsx';
import { TimelineOverview } from './timeline-overview.tsx';

const route = getRouteApi('/processes/$process/timeline');

/** How long the filters rest before the URL shows them. */
const URL_DELAY_MS = 250;

/** Whether two sets of filters say the same. */
function sameSearch(a: TimelineSearch, b: TimelineSearch): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function TimelinePage() {
  useDocumentTitle('Timeline · Concord');
  const { process } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const info = useQuery(processQuery(process));
  // The filters in force: set at once when changed here (the events are asked for straight
  // away, and the URL follows), and from the URL when it changes otherwise (back, a link).
  const [filters, setFilters] = useState<TimelineSearch>(search);
  // (The router hands back the filters set here as a new object: the same filters keep their
  // object, so that the page is not drawn again for them.)
  useEffect(
    () => setFilters((current) => (sameSearch(current, search) ? current : search)),
    [search],
  );
  // While the events of new filters load, the list keeps the previous ones (marked busy), so it
  // is updated in place rather than replaced by a spinner and built anew.
  const timeline = useInfiniteQuery({
    ...timelineQuery(process, filters),
    placeholderData: keepPreviousData,
  });
  const parties = info.data?.parties ?? [];
  const filtersKey = JSON.stringify(filters);
  const { fetchNextPage } = timeline;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  // The same array while the pages are the same, so that the list is not drawn again for nothing.
  const events = useMemo(() => timeline.data?.pages.flatMap((page) => page.items), [timeline.data]);
  const queryClient = useQueryClient();
  const setSearch = useCallback(
    (next: TimelineSearch) => {
      // The request leaves before the page is drawn again (the list's query then finds it
      // running), and the page is drawn as a transition, which yields to the browser: the
      // request's own steps (promises) go first, so it is on the wire while React draws.
      void queryClient.prefetchInfiniteQuery(timelineQuery(process, next));
      startTransition(() => setFilters(next));
    },
    [process, queryClient],
  );
  // The URL follows once the filters rest: a new URL draws the whole route again (the router's
  // state is read synchronously), which someone trying one filter after another should not
  // wait for.
  useEffect(() => {
    if (sameSearch(filters, search)) return;
    const timer = setTimeout(() => void navigate({ search: filters, replace: true }), URL_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filters, search, navigate]);
  // The overview's window (zoom): kept with the filters, in the URL; none: fit all.
  const setWindow = useCallback(
    (window: { from: string; to: string } | undefined) => {
      const { from: _from, to: _to, ...rest } = filters;
      setSearch(window === undefined ? rest : { ...rest, ...window });
    },
    [filters, setSearch],
  );
  // The same function while the parties are the same, so that rows already shown are not drawn again.
  const partyName = useCallback(
    (id: string) => info.data?.parties.find((p) => p.id === id)?.name ?? id,
    [info.data],
  );
  return (
    <Container size="xl" px={0}>
      <Stack>
        <Group justify="space-between" align="center">
          <Group justify="space-between" align="center" gap="sm">
            <Title order={1}>Timeline</Title>
            <CalendarButton process={process} />
          </Group>
          {/* Always in the page, so that screen readers announce what appears in it. */}
          <Group gap="xs" role="status" aria-live="polite">
            {timeline.isPlaceholderData && (
              <>
                <Loader size="xs" aria-hidden />
                <Text size="sm" c="dimmed">
                  Updating the events…
                </Text>
              </>
            )}
          </Group>
        </Group>
        <TimelineFilters search={filters} parties={parties} onChange={setSearch} />
        <TimelineOverview
          process={process}
          filters={filters}
          onWindow={setWindow}
          listLoading={timeline.isPending || timeline.isPlaceholderData}
        />
        {timeline.isPending ? (
          <Loading label="Loading the events" />
        ) : timeline.data === undefined ? (
          <ErrorAlert error={timeline.error} onRetry={() => timeline.refetch()} />
        ) : (
          <EventList
            process={process}
            events={events ?? []}
            filters={filtersKey}
            updating={timeline.isPlaceholderData}
            partyName={partyName}
            // After a failed next page, no more until asked again (below).
            hasMore={
              timeline.hasNextPage && !timeline.isPlaceholderData && !timeline.isFetchNextPageError
            }
            loadingMore={timeline.isFetchingNextPage}
            loadMore={loadMore}
          />
        )}
        {timeline.isFetchNextPageError && (
          <ErrorAlert error={timeline.error} onRetry={() => timeline.fetchNextPage()} />
        )}
      </Stack>
    </Container>
  );
}
