/** Query options (TanStack Query) for the API's reads: one key per call and its parameters. */

import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import {
  type AnalysisQuery,
  type DashboardQuery,
  getAnalysis,
  getAnalysisInputs,
  getDashboard,
  getMe,
  getProcess,
  getTimeline,
  listProcesses,
  listTexts,
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
export const TIMELINE_PAGE = 50;

export const timelineQuery = (process: string, filters: Omit<TimelineQuery, 'limit' | 'offset'>) =>
  infiniteQueryOptions({
    queryKey: ['timeline', process, filters],
    queryFn: ({ pageParam }) =>
      getTimeline(process, { ...filters, limit: TIMELINE_PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.hasMore ? pages.length * TIMELINE_PAGE : undefined),
  });

export const analysisInputsQuery = (process: string) =>
  queryOptions({
    queryKey: ['analysis-inputs', process],
    queryFn: () => getAnalysisInputs(process),
  });

/** An analysis; kept a while (it is computed on the server, and sensitivity runs take time). */
export const analysisQuery = (process: string, query: AnalysisQuery) =>
  queryOptions({
    queryKey: ['analysis', process, query],
    queryFn: () => getAnalysis(process, query),
    staleTime: 5 * 60_000,
  });

export const textsQuery = (process: string) =>
  queryOptions({ queryKey: ['texts', process], queryFn: () => listTexts(process) });
