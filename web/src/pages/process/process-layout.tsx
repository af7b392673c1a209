/**
 * A process: the navigation (only the pages the user's team may open) and
 * the page. The team comes from GET /api/v1/me?process=.
 */

import { Badge, Container, Divider, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Outlet } from '@tanstack/react-router';
import { meQuery, processQuery } from '../../api/queries.ts';
import type { Membership } from '../../api/types.ts';
import { AppFrame } from '../../components/app-frame.tsx';
import { NavLinkItem } from '../../components/links.tsx';
import { ErrorAlert } from '../../components/query-state.tsx';
import { mayOpenAnalysis, teamLabel } from '../../components/team.ts';

const route = getRouteApi('/processes/$process');

const PAGES = [
  { to: '/processes/$process', label: 'Dashboard', exact: true },
  { to: '/processes/$process/timeline', label: 'Timeline', exact: false },
  { to: '/processes/$process/people', label: 'People', exact: false },
  { to: '/processes/$process/text', label: 'Text', exact: true },
  { to: '/processes/$process/text/compare', label: 'Compare versions', exact: false },
  { to: '/processes/$process/text/positions', label: 'Positions', exact: false },
  { to: '/processes/$process/analysis', label: 'Analysis', exact: false, show: mayOpenAnalysis },
] as const satisfies readonly {
  to: string;
  label: string;
  exact: boolean;
  show?: (membership: Membership | undefined) => boolean;
}[];

export function ProcessLayout() {
  const { process } = route.useParams();
  const me = useQuery(meQuery(process));
  const info = useQuery(processQuery(process));
  const partyName = (id: string) => info.data?.parties.find((p) => p.id === id)?.name ?? id;
  const pages = PAGES.filter(
    (page) => !('show' in page) || (me.isSuccess && page.show(me.data.membership)),
  );
  return (
    <AppFrame
      nav={(close) => (
        <Stack gap={4}>
          <Text size="sm" fw={600} px="sm" pt="xs" lineClamp={3}>
            {info.data?.summary.process.title ?? process}
          </Text>
          {me.isSuccess && (
            <Badge variant="light" mx="sm" maw="100%" style={{ textTransform: 'none' }}>
              {teamLabel(me.data, partyName)}
            </Badge>
          )}
          <Divider my="xs" />
          {pages.map((page) => (
            <NavLinkItem
              key={page.to}
              to={page.to}
              params={{ process }}
              label={page.label}
              activeOptions={{ exact: page.exact, includeSearch: false }}
              activeProps={{ active: true }}
              onClick={close}
            />
          ))}
        </Stack>
      )}
    >
      {info.isError ? (
        <Container size="sm" py="xl">
          <ErrorAlert error={info.error} onRetry={() => info.refetch()} />
        </Container>
      ) : (
        <Outlet />
      )}
    </AppFrame>
  );
}
