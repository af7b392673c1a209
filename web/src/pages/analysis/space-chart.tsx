/**
 * The utility space: two parties — one chart (packages, the frontier as a
 * staircase, reservation values, the solutions and the draft); three or more
 * — one small chart per pair of parties. Beside it, the same facts as a table
 * (the marked packages) and a list of frontier points, for keyboards and
 * screen readers.
 */

import { Anchor, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { type EChartsCoreOption, use } from 'echarts/core';
import { useMemo, useState } from 'react';
import type { AnalysisResult, SpacePoints } from '../../api/analysis-types.ts';
import { Chart } from '../../components/chart.tsx';
import { CRITERION_NAMES, utility } from './analysis-format.ts';

use([ScatterChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent]);

/** A package pointed out on the chart. */
export interface Mark {
  readonly label: string;
  readonly symbol: string;
  readonly color: string;
  readonly utilities: readonly number[];
}

/** Okabe–Ito colours and a distinct shape per kind: readable in greyscale. */
export function marksOf(analysis: AnalysisResult): Mark[] {
  const style: Record<string, { symbol: string; color: string }> = {
    nash: { symbol: 'diamond', color: '#D55E00' },
    'kalai-smorodinsky': { symbol: 'triangle', color: '#009E73' },
  };
  const marks: Mark[] = analysis.solutions.flatMap((s) => {
    const point = s.points[0];
    const look = style[s.criterion];
    return point === undefined || look === undefined
      ? []
      : [{ label: CRITERION_NAMES[s.criterion], ...look, utilities: point.utilities }];
  });
  if (analysis.draft !== undefined)
    marks.push({
      label: `Draft (${analysis.draftSource?.version ?? 'package'})`,
      symbol: 'rect',
      color: '#0072B2',
      utilities: analysis.draft.utilities,
    });
  return marks;
}

/** The option of one panel: party `x` across, party `y` up. */
function panelOption(
  space: SpacePoints,
  marks: readonly Mark[],
  reservations: readonly number[],
  names: readonly string[],
  x: number,
  y: number,
  staircase: boolean,
): EChartsCoreOption {
  const pair = (v: readonly number[]) => [v[x] as number, v[y] as number];
  const frontier = space.frontier.points
    .map(pair)
    .sort((a, b) => (a[0] as number) - (b[0] as number));
  const tooltip = (name: string, v: readonly number[]) =>
    `${name}: ${names[x]} ${utility(v[0])}, ${names[y]} ${utility(v[1])}`;
  return {
    animation: false,
    aria: { enabled: false },
    grid: { left: 48, right: 16, top: 40, bottom: 48 },
    legend: { top: 0, type: 'scroll', itemWidth: 14, itemHeight: 10 },
    tooltip: {
      trigger: 'item',
      // Plain text only: the page's CSP refuses inline style attributes in tooltip HTML.
      formatter: (p: { seriesName: string; value: number[] }) => tooltip(p.seriesName, p.value),
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: `${names[x]} utility`,
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: `${names[y]} utility`,
      nameLocation: 'middle',
      nameGap: 34,
    },
    series: [
      {
        name: space.packages.kind === 'all' ? 'Packages' : 'Packages (sample)',
        type: 'scatter',
        symbolSize: 4,
        itemStyle: { color: '#999999', opacity: 0.45 },
        data: space.packages.points.map(pair),
        large: true,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#666666' },
          label: { formatter: 'reservation', fontSize: 10, position: 'insideEndTop' },
          data: [{ xAxis: reservations[x] ?? 0 }, { yAxis: reservations[y] ?? 0 }],
        },
      },
      {
        name: 'Pareto frontier',
        type: staircase ? 'line' : 'scatter',
        ...(staircase ? { step: 'end', showSymbol: true } : {}),
        symbolSize: 5,
        itemStyle: { color: '#CC79A7' },
        lineStyle: { color: '#CC79A7', width: 2 },
        data: frontier,
      },
      ...marks.map((mark) => ({
        name: mark.label,
        type: 'scatter',
        symbol: mark.symbol,
        symbolSize: 14,
        z: 5,
        itemStyle: { color: mark.color, borderColor: '#000000', borderWidth: 1 },
        data: [pair(mark.utilities)],
      })),
    ],
  };
}

export function SpaceChart({
  analysis,
  space,
  partyName,
}: {
  analysis: AnalysisResult;
  space: SpacePoints;
  partyName: (id: string) => string;
}) {
  const namesKey = analysis.parties.map(partyName).join('\n');
  const names = useMemo(() => namesKey.split('\n'), [namesKey]);
  const marks = useMemo(() => marksOf(analysis), [analysis]);
  const pairs = useMemo(() => {
    const result: [number, number][] = [];
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) result.push([i, j]);
    return result;
  }, [names.length]);
  const options = useMemo(
    () =>
      pairs.map(([x, y]) =>
        panelOption(space, marks, analysis.reservations, names, x, y, names.length === 2),
      ),
    [pairs, space, marks, analysis.reservations, names],
  );
  const what =
    space.packages.kind === 'all'
      ? `all ${space.packages.points.length.toLocaleString('en')} distinct package utilities`
      : `a sample of ${space.packages.points.length.toLocaleString('en')} packages`;
  const frontierWhat = space.frontier.complete
    ? `the whole Pareto frontier (${space.frontier.total.toLocaleString('en')} points)`
    : `${space.frontier.points.length.toLocaleString('en')} of the frontier's ${space.frontier.total.toLocaleString('en')} points, evenly spread`;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Shows {what}, {frontierWhat}, the reservation values (dashed), the Nash and
        Kalai–Smorodinsky solutions and the draft.
        {names.length > 2 &&
          ' One panel per pair of parties: the other parties’ utilities are not shown.'}
      </Text>
      {names.length === 2 ? (
        <Chart
          option={options[0] as EChartsCoreOption}
          height="min(70vh, 460px)"
          label={`Utility space of ${names[0]} and ${names[1]}: packages, frontier, solutions and draft. The table below gives the same points.`}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
          {pairs.map(([x, y], k) => (
            <Chart
              key={`${x}-${y}`}
              option={options[k] as EChartsCoreOption}
              height={320}
              label={`Utilities of ${names[x]} and ${names[y]}: packages, frontier, solutions and draft. The table below gives the same points.`}
            />
          ))}
        </SimpleGrid>
      )}
      <MarksTable marks={marks} names={names} reservations={analysis.reservations} />
      <FrontierList space={space} names={names} />
    </Stack>
  );
}

/** The marked packages and the reservation values, as a table. */
function MarksTable({
  marks,
  names,
  reservations,
}: {
  marks: readonly Mark[];
  names: readonly string[];
  reservations: readonly number[];
}) {
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table striped withTableBorder>
        <Table.Caption>Marked points: each party’s utility (0–1)</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Point</Table.Th>
            {names.map((name) => (
              <Table.Th scope="col" key={name}>
                {name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {marks.map((mark) => (
            <Table.Tr key={mark.label}>
              <Table.Th scope="row">{mark.label}</Table.Th>
              {names.map((name, p) => (
                <Table.Td key={name}>{utility(mark.utilities[p])}</Table.Td>
              ))}
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">Reservation value</Table.Th>
            {names.map((name, p) => (
              <Table.Td key={name}>{utility(reservations[p])}</Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const FRONTIER_ROWS = 25;

/** The frontier's points as a table, a few at a time (evenly spread), all on request. */
function FrontierList({ space, names }: { space: SpacePoints; names: readonly string[] }) {
  const [all, setAll] = useState(false);
  const points = space.frontier.points;
  const shown =
    all || points.length <= FRONTIER_ROWS
      ? points
      : Array.from(
          { length: FRONTIER_ROWS },
          (_, i) => points[Math.round((i * (points.length - 1)) / (FRONTIER_ROWS - 1))] as number[],
        );
  return (
    <details>
      <summary>
        <Text span size="sm">
          The frontier’s points as a table ({points.length.toLocaleString('en')})
        </Text>
      </summary>
      <Table.ScrollContainer minWidth={280} mt="xs">
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              {names.map((name) => (
                <Table.Th scope="col" key={name}>
                  {name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((v, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: points may repeat; the order is fixed
              <Table.Tr key={i}>
                {names.map((name, p) => (
                  <Table.Td key={name}>{utility(v[p])}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown.length < points.length && (
        <Group mt="xs">
          <Anchor component="button" type="button" size="sm" onClick={() => setAll(true)}>
            Show all {points.length.toLocaleString('en')} points
          </Anchor>
        </Group>
      )}
    </details>
  );
}
