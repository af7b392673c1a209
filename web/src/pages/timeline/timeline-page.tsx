/** The timeline: events in order, filtered by party, kind and status. */

import { Container, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { processQuery, timelineQuery } from '../../api/queries.ts';
import { ErrorAlert, Loading } from '../../components/query-state.tsx';
import { EventList } from './event-list.tsx';
import { TimelineFilters } from './timeline-filters.tsx';

const route = getRouteApi('/processes/$process/timeline');

export function TimelinePage() {
  useDocumentTitle('Timeline · Concord');
  const { process } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const info = useQuery(processQuery(process));
  const timeline = useInfiniteQuery(timelineQuery(process, search));
  const parties = info.data?.parties ?? [];
  const partyName = (id: string) => parties.find((p) => p.id === id)?.name ?? id;
  return (
    <Container size="xl" px={0}>
      <Stack>
        <Title order={1}>Timeline</Title>
        <TimelineFilters
          search={search}
          parties={parties}
          onChange={(next) => navigate({ search: next, replace: true })}
        />
        {timeline.isPending ? (
          <Loading label="Loading the events" />
        ) : timeline.isError ? (
          <ErrorAlert error={timeline.error} onRetry={() => timeline.refetch()} />
        ) : (
          <EventList
            events={timeline.data.pages.flatMap((page) => page.items)}
            partyName={partyName}
            hasMore={timeline.hasNextPage}
            loadingMore={timeline.isFetchingNextPage}
            loadMore={() => timeline.fetchNextPage()}
          />
        )}
      </Stack>
    </Container>
  );
}
