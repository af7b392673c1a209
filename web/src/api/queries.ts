/** Query options (TanStack Query) for the API's reads: one key per call and its parameters. */

import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import {
  type DashboardQuery,
  getDashboard,
  getMe,
  getProcess,
  getTimeline,
  listProcesses,
  type TimelineQuery,
} from './endpoints.ts';

export const meQuery = (process?: string) =>
  queryOptions({ queryKey: ['me', process ?? null], queryFn: () => getMe(process) });

export const processesQuery = () =>
  queryOptions({ queryKey: ['processes'], queryFn: listProcesses });

export const processQuery = (process: string) =>
  queryOptions({ queryKey: ['process', process], queryFn: () => getProcess(process) });

export const dashboardQuery = (process: string, query: DashboardQuery) =>
  queryOptions({
    queryKey: ['dashboard', process, query],
    queryFn: () => getDashboard(process, query),
  });

/** Events in pages of `TIMELINE_PAGE`, fetched as the list scrolls. */
export const TIMELINE_PAGE = 200;

export const timelineQuery = (process: string, filters: Omit<TimelineQuery, 'limit' | 'offset'>) =>
  infiniteQueryOptions({
    queryKey: ['timeline', process, filters],
    queryFn: ({ pageParam }) =>
      getTimeline(process, { ...filters, limit: TIMELINE_PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.hasMore ? pages.length * TIMELINE_PAGE : undefined),
  });
