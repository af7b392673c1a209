/**
 * The overview strip above the list: the events matching the filters on a
 * time axis over the window (`from`–`to` in the URL). Dates keep their
 * precision: a day is a point, an approximate day a point with its ± range,
 * a week, month or window a bar from start to end. Scheduled events are
 * hollow, held ones filled, cancelled ones grey, dashed and struck through
 * (a legend says so in words). Zoom with the buttons, or by scrolling or
 * dragging on the chart (ECharts' dataZoom); the window goes to the URL and
 * the list follows. With more than `MAX_MARKS` events in the window, the
 * strip draws the server's counts per day, week or month instead, so it never
 * draws more than a bounded number of marks. The facts are also text (a
 * sentence, and a list of the marks for screen readers).
 */

import { Box, Button, Group, Loader, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { CustomChart } from 'echarts/charts';
import {
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
} from 'echarts/components';
import { type EChartsCoreOption, use } from 'echarts/core';
import { useEffect, useMemo, useRef } from 'react';
import type { NegotiationEvent } from '../../api/types.ts';
import { Chart } from '../../components/chart.tsx';
import { describeDate } from '../../components/dates.ts';
import type { TimelineSearch } from '../../router.tsx';
import { histogramQuery, MAX_MARKS, windowEventsQuery } from './timeline-api.ts';

use([CustomChart, GridComponent, DataZoomInsideComponent, DataZoomSliderComponent]);

const DAY = 86_400_000;
/** How long the filters must stay the same before the strip asks for their counts. */
const SETTLE_MS = 250;
const FIRST_DAY = new Date(0).setUTCFullYear(1, 0, 1);
const LAST_DAY = Date.UTC(9999, 11, 31);
const LANES = 8;
const HELD = '#1864ab';
const CANCELLED = '#868e96';

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
/** "23 Nov 2025" for the UTC day of `ms`. */
const dayText = (ms: number) => dayFormat.format(ms);
/** "2025-11-23" for the UTC day of `ms` (as the URL takes it). */
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Shape = 'point' | 'approximate' | 'range';
const SHAPE_CODE: Record<Shape, number> = { point: 0, approximate: 1, range: 2 };
const STATUS_CODE = { held: 0, scheduled: 1, cancelled: 2 } as const;

function shapeOf(event: NegotiationEvent): Shape {
  const { precision, start, end } = event.date;
  if (start === null || end === null) return 'range';
  if (precision === 'instant' || precision === 'day') return 'point';
  if (precision === 'approximate') return 'approximate';
  return 'range';
}

interface Mark {
  readonly event: NegotiationEvent;
  readonly start: number;
  readonly end: number;
  readonly shape: Shape;
  readonly lane: number;
}

/** The events as marks clipped to the window, in lanes so that they overlap as little as may be. */
function marksOf(events: readonly NegotiationEvent[], start: number, end: number): Mark[] {
  // A point takes about 1/60 of the strip's width.
  const minWidth = (end - start) / 60;
  const laneEnds = new Array<number>(LANES).fill(Number.NEGATIVE_INFINITY);
  return events.map((event) => {
    const from = Math.max(event.date.start === null ? start : Date.parse(event.date.start), start);
    const to = Math.min(event.date.end === null ? end : Date.parse(event.date.end), end);
    const shape = shapeOf(event);
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= from);
    if (lane === -1) lane = laneEnds.indexOf(Math.min(...laneEnds));
    laneEnds[lane] = Math.max(to, from + minWidth);
    return { event, start: from, end: Math.max(to, from + 1), shape, lane };
  });
}

interface CustomApi {
  value(dimension: number): number;
  coord(point: [number, number]): [number, number];
  size(size: [number, number]): [number, number];
}
interface CustomParams {
  coordSys: { x: number; y: number; width: number; height: number };
}

/** One event's mark: its shape from the date's precision, its style from the status. */
function renderMark(params: CustomParams, api: CustomApi) {
  const shape = api.value(3);
  const status = api.value(4);
  const [x0, y] = api.coord([api.value(0), api.value(2)]);
  const [x1] = api.coord([api.value(1), api.value(2)]);
  const { x: left, width } = params.coordSys;
  const from = Math.max(x0, left);
  const to = Math.min(x1, left + width);
  const mid = (from + to) / 2;
  const colour = status === STATUS_CODE.cancelled ? CANCELLED : HELD;
  const hollow = status !== STATUS_CODE.held;
  const style = {
    fill: hollow ? '#ffffff' : colour,
    stroke: colour,
    lineWidth: 2,
    ...(status === STATUS_CODE.cancelled ? { lineDash: [3, 2] } : {}),
  };
  const children: object[] = [];
  if (shape === SHAPE_CODE.range) {
    children.push({
      type: 'rect',
      shape: { x: from, y: y - 5, width: Math.max(to - from, 4), height: 10, r: 2 },
      style,
    });
  } else {
    if (shape === SHAPE_CODE.approximate)
      children.push(
        { type: 'line', shape: { x1: from, y1: y, x2: to, y2: y }, style: { stroke: colour } },
        {
          type: 'line',
          shape: { x1: from, y1: y - 4, x2: from, y2: y + 4 },
          style: { stroke: colour },
        },
        {
          type: 'line',
          shape: { x1: to, y1: y - 4, x2: to, y2: y + 4 },
          style: { stroke: colour },
        },
      );
    children.push({ type: 'circle', shape: { cx: mid, cy: y, r: 5 }, style });
  }
  if (status === STATUS_CODE.cancelled)
    children.push({
      type: 'line',
      shape: { x1: mid - 7, y1: y + 7, x2: mid + 7, y2: y - 7 },
      style: { stroke: CANCELLED, lineWidth: 2 },
    });
  return { type: 'group', children };
}

/** One bucket of the counts: a bar, its scheduled part hollow on top. */
function renderBucket(_params: CustomParams, api: CustomApi) {
  const [x0, y0] = api.coord([api.value(0), 0]);
  const [x1, yTotal] = api.coord([api.value(1), api.value(2)]);
  const [, yHeld] = api.coord([api.value(0), api.value(2) - api.value(3)]);
  const width = Math.max(x1 - x0 - 1, 1);
  const children: object[] = [];
  if (api.value(2) > api.value(3))
    children.push({
      type: 'rect',
      shape: { x: x0, y: yHeld, width, height: y0 - yHeld },
      style: { fill: HELD },
    });
  if (api.value(3) > 0)
    children.push({
      type: 'rect',
      shape: { x: x0, y: yTotal, width, height: yHeld - yTotal },
      style: { fill: '#ffffff', stroke: HELD, lineWidth: 1 },
    });
  return { type: 'group', children };
}

function zoomOf(start: number, end: number) {
  return [
    { type: 'inside', xAxisIndex: 0, filterMode: 'none', start: 0, end: 100 },
    {
      type: 'slider',
      xAxisIndex: 0,
      filterMode: 'none',
      start: 0,
      end: 100,
      height: 18,
      bottom: 6,
      showDetail: false,
      brushSelect: false,
      minValueSpan: Math.min(DAY, end - start),
    },
  ];
}

const LEGEND: readonly { label: string; icon: React.ReactNode }[] = [
  { label: 'held', icon: <circle cx="8" cy="8" r="5" fill={HELD} stroke={HELD} strokeWidth="2" /> },
  {
    label: 'scheduled (hollow)',
    icon: <circle cx="8" cy="8" r="5" fill="#fff" stroke={HELD} strokeWidth="2" />,
  },
  {
    label: 'cancelled (grey, struck)',
    icon: (
      <>
        <circle
          cx="8"
          cy="8"
          r="5"
          fill="#fff"
          stroke={CANCELLED}
          strokeWidth="2"
          strokeDasharray="3 2"
        />
        <line x1="2" y1="14" x2="14" y2="2" stroke={CANCELLED} strokeWidth="2" />
      </>
    ),
  },
  {
    label: 'approximate day (± range)',
    icon: (
      <>
        <line x1="1" y1="8" x2="15" y2="8" stroke={HELD} />
        <line x1="1" y1="4" x2="1" y2="12" stroke={HELD} />
        <line x1="15" y1="4" x2="15" y2="12" stroke={HELD} />
        <circle cx="8" cy="8" r="4" fill={HELD} />
      </>
    ),
  },
  {
    label: 'week, month or window (bar)',
    icon: <rect x="1" y="4" width="14" height="8" rx="2" fill={HELD} />,
  },
];

export function TimelineOverview({
  process,
  filters,
  onWindow,
  listLoading,
}: {
  process: string;
  /** The filters in force, with the window (`from`, `to`). */
  filters: TimelineSearch;
  /** Sets the window (UTC days, both included); none: fit all. */
  onWindow: (window: { from: string; to: string } | undefined) => void;
  /**
   * The list's events for these filters are on their way: the overview asks
   * for its counts after them (one SQLite connection serves requests in
   * turn, and the list is what the reader waits for), showing the previous
   * ones meanwhile.
   */
  listLoading: boolean;
}) {
  // The strip follows the filters once they have stayed the same for a moment: someone
  // trying filters one after another waits for the list, never for counts of filters
  // already left behind (the server counts a whole large timeline in a tenth of a second).
  const [settled] = useDebouncedValue(filters, SETTLE_MS);
  const isSettled = useMemo(
    () => JSON.stringify(settled) === JSON.stringify(filters),
    [settled, filters],
  );
  const histogram = useQuery({
    ...histogramQuery(process, settled),
    enabled: !listLoading && isSettled,
    placeholderData: keepPreviousData,
  });
  const counts = histogram.data;
  const drawEvents = counts !== undefined && counts.total > 0 && counts.total <= MAX_MARKS;
  const events = useQuery({
    ...windowEventsQuery(process, settled),
    enabled: drawEvents && isSettled && !histogram.isPlaceholderData,
    placeholderData: keepPreviousData,
  });
  const start = counts?.from == null ? undefined : Date.parse(counts.from);
  const end = counts?.to == null ? undefined : Date.parse(counts.to);

  const marks = useMemo(
    () =>
      drawEvents && events.data !== undefined && start !== undefined && end !== undefined
        ? marksOf(events.data.items.slice(0, MAX_MARKS), start, end)
        : undefined,
    [drawEvents, events.data, start, end],
  );
  const lanes = marks === undefined ? 0 : Math.max(1, ...marks.map((m) => m.lane + 1));
  const mode = drawEvents ? 'events' : 'counts';

  const option = useMemo((): EChartsCoreOption | undefined => {
    if (start === undefined || end === undefined || counts === undefined) return undefined;
    const common = {
      animation: false,
      grid: { left: 12, right: 12, top: 10, bottom: 52, containLabel: mode === 'counts' },
      xAxis: {
        type: 'time',
        min: start,
        max: end,
        axisLine: { onZero: false },
        axisLabel: { hideOverlap: true, fontSize: 11 },
        splitLine: { show: true, lineStyle: { color: '#eee' } },
      },
      dataZoom: zoomOf(start, end),
    };
    if (mode === 'events')
      return {
        ...common,
        yAxis: {
          type: 'value',
          min: -0.5,
          max: Math.max(lanes, 1) - 0.5,
          inverse: true,
          show: false,
        },
        series: [
          {
            type: 'custom',
            renderItem: renderMark,
            silent: true,
            clip: true,
            encode: { x: [0, 1], y: 2 },
            data: (marks ?? []).map((m) => [
              m.start,
              m.end,
              m.lane,
              SHAPE_CODE[m.shape],
              STATUS_CODE[m.event.status],
            ]),
          },
        ],
      };
    return {
      ...common,
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 }, splitNumber: 3 },
      series: [
        {
          type: 'custom',
          renderItem: renderBucket,
          silent: true,
          clip: true,
          encode: { x: [0, 1], y: 2 },
          data: counts.buckets.map((b) => [
            Date.parse(b.start),
            Date.parse(b.end),
            b.count,
            b.scheduled,
          ]),
        },
      ],
    };
  }, [counts, start, end, mode, marks, lanes]);

  // Zooming on the chart (scroll, pinch, drag on the slider) sets the window once it rests.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onEvents = useMemo(
    () => ({
      datazoom: (params: unknown) => {
        if (start === undefined || end === undefined) return;
        const p = params as {
          start?: number;
          end?: number;
          batch?: { start?: number; end?: number }[];
        };
        const from = p.batch?.[0]?.start ?? p.start;
        const to = p.batch?.[0]?.end ?? p.end;
        if (from === undefined || to === undefined) return;
        clearTimeout(timer.current);
        timer.current = setTimeout(() => {
          const a = start + ((end - start) * from) / 100;
          const b = start + ((end - start) * to) / 100;
          const first = isoDay(a);
          const last = isoDay(Math.max(b - 1, a));
          if (first !== isoDay(start) || last !== isoDay(end - 1))
            onWindow({ from: first, to: last });
        }, 400);
      },
    }),
    [start, end, onWindow],
  );

  const setWindow = (a: number, b: number) => {
    // Within the years 1–9999 that the URL's days can name.
    const first = Math.max(a, FIRST_DAY);
    const last = Math.min(b - 1, LAST_DAY);
    onWindow({ from: isoDay(first), to: isoDay(Math.max(last, first)) });
  };
  const zoom = (factor: number) => {
    if (start === undefined || end === undefined) return;
    const centre = (start + end) / 2;
    const half = Math.max(((end - start) * factor) / 2, DAY / 2);
    setWindow(Math.floor((centre - half) / DAY) * DAY, Math.ceil((centre + half) / DAY) * DAY);
  };
  const windowed = filters.from !== undefined || filters.to !== undefined;

  const summary =
    counts === undefined
      ? 'Counting the events…'
      : start === undefined || end === undefined
        ? 'No event matches these filters.'
        : `${counts.total} event${counts.total === 1 ? '' : 's'} from ${dayText(start)} to ${dayText(end - 1)}, ${counts.scheduled} scheduled` +
          (mode === 'counts'
            ? counts.total === 0
              ? '.'
              : ` — too many to draw one by one: counts per ${counts.step > 1 ? `${counts.step} ${counts.unit}s` : counts.unit}, scheduled ones hollow.`
            : marks === undefined
              ? '.'
              : `: ${marks.filter((m) => m.shape === 'point').length} drawn as points, ${marks.filter((m) => m.shape === 'approximate').length} as approximate days (±), ${marks.filter((m) => m.shape === 'range').length} as ranges.`);

  return (
    <Stack gap={4} component="section" aria-label="Overview of the timeline">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" id="overview-summary" data-testid="overview-summary" aria-live="polite">
          {summary}
        </Text>
        <Group gap={6} wrap="nowrap">
          {(!isSettled || histogram.isPlaceholderData || events.isFetching) && (
            <Loader size="xs" aria-hidden />
          )}
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => zoom(0.5)}
            disabled={start === undefined || end === undefined || end - start <= DAY}
          >
            Zoom in
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => zoom(2)}
            disabled={start === undefined}
          >
            Zoom out
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => onWindow(undefined)}
            disabled={!windowed}
          >
            Fit all
          </Button>
        </Group>
      </Group>
      {option !== undefined && (
        <Box
          data-testid="overview-chart"
          data-mode={mode}
          data-marks={marks?.length ?? 0}
          data-ranges={marks
            ?.filter((m) => m.shape === 'range')
            .map((m) => m.event.id)
            .join(' ')}
        >
          <Chart
            option={option}
            label={summary}
            height={mode === 'events' ? Math.max(120, 70 + lanes * 18) : 150}
            onEvents={onEvents}
          />
        </Box>
      )}
      {marks !== undefined && (
        <VisuallyHidden>
          <ul aria-label="Marks of the overview">
            {marks.slice(0, 200).map((m) => (
              <li key={m.event.id}>
                {`${m.event.title}: ${m.shape === 'range' ? 'a range' : m.shape === 'approximate' ? 'a point with a ± range' : 'a point'}, ${describeDate(m.event.date)}, ${m.event.status}`}
              </li>
            ))}
          </ul>
        </VisuallyHidden>
      )}
      <Group gap="md" wrap="wrap" aria-label="Legend" role="list">
        {LEGEND.map((item) => (
          <Group key={item.label} gap={4} wrap="nowrap" role="listitem">
            <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
              {item.icon}
            </svg>
            <Text size="xs">{item.label}</Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}
