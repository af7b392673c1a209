/**
 * The overview's calls: counts per day, week or month of the window
 * (GET …/timeline/histogram, src/services/record-service.ts), and the
 * window's events when they are few enough to draw one by one.
 */

import { queryOptions } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import type { NegotiationEvent, Page, TimelineHistogram } from '../../api/types.ts';

export type { TimelineHistogram } from '../../api/types.ts';

import type { TimelineSearch } from '../../router.tsx';

/** Above this many events in the window, the overview draws counts instead of events. */
export const MAX_MARKS = 2_000;
/** Buckets of the counts at most. */
export const HISTOGRAM_BUCKETS = 120;

export const histogramQuery = (process: string, filters: TimelineSearch) =>
  queryOptions({
    queryKey: ['timeline-histogram', process, filters],
    queryFn: (): Promise<TimelineHistogram> =>
      call(
        api.GET('/api/v1/processes/{process}/timeline/histogram', {
          params: { path: { process }, query: { ...filters, buckets: HISTOGRAM_BUCKETS } },
        }),
      ),
  });

/** The window's events, at most `MAX_MARKS` (asked for only when the counts say they fit). */
export const windowEventsQuery = (process: string, filters: TimelineSearch) =>
  queryOptions({
    queryKey: ['timeline-window', process, filters],
    queryFn: (): Promise<Page<NegotiationEvent>> =>
      call(
        api.GET('/api/v1/processes/{process}/timeline', {
          params: { path: { process }, query: { ...filters, limit: MAX_MARKS, offset: 0 } },
        }),
      ),
  });
