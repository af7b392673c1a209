/**
 * A person's neighbourhood as a graph: the person, the parties they held
 * appointments for, their most recent events, and the others at those
 * events. Bounded (`GRAPH_EVENTS` events), so it stays legible whatever the
 * record's size. The same facts follow as text, for screen readers and the
 * keyboard.
 */

import { List, Stack, Text } from '@mantine/core';
import { GraphChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, use } from 'echarts/core';
import { useMemo } from 'react';
import { Chart } from '../../components/chart.tsx';
import { AnchorLink } from '../../components/links.tsx';
import type { PersonReport } from './people-api.ts';

use([GraphChart, TooltipComponent]);

/** Events shown in the graph: the person's latest. */
export const GRAPH_EVENTS = 12;

const CATEGORIES = [{ name: 'Person' }, { name: 'Party' }, { name: 'Event' }, { name: 'Others' }];

interface Neighbourhood {
  readonly option: EChartsCoreOption;
  readonly parties: readonly string[];
  readonly events: PersonReport['events']['items'];
  /** The others at the events, and at how many each. */
  readonly others: ReadonlyMap<string, number>;
}

/** The graph of a person's report, and its facts. */
function neighbourhoodOf(report: PersonReport): Neighbourhood {
  const { person } = report;
  const events = report.events.items.slice(-GRAPH_EVENTS);
  const parties = [
    ...new Set(report.appointments.flatMap((a) => (a.party === undefined ? [] : [a.party]))),
  ];
  const others = new Map<string, number>();
  for (const event of events)
    for (const other of new Set([
      ...event.participants,
      ...(event.ledBy === undefined ? [] : [event.ledBy]),
    ]))
      if (other !== person.id) others.set(other, (others.get(other) ?? 0) + 1);
  const name = (slug: string) => report.people[slug]?.name ?? slug.replaceAll('-', ' ');
  const partyName = (slug: string) => report.parties[slug]?.name ?? slug;
  const option = {
    tooltip: { show: true },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        force: { repulsion: 220, edgeLength: [60, 120] },
        label: { show: true, position: 'right', fontSize: 11 },
        categories: CATEGORIES,
        data: [
          { id: `p:${person.id}`, name: person.name, category: 0, symbolSize: 34 },
          ...parties.map((p) => ({
            id: `party:${p}`,
            name: partyName(p),
            category: 1,
            symbol: 'roundRect',
            symbolSize: 24,
          })),
          ...events.map((event) => ({
            id: `e:${event.id}`,
            name: event.title.length > 40 ? `${event.title.slice(0, 38)}…` : event.title,
            category: 2,
            symbol: 'diamond',
            symbolSize: 16,
          })),
          ...[...others.keys()].map((other) => ({
            id: `p:${other}`,
            name: name(other),
            category: 3,
            symbolSize: 14,
          })),
        ],
        links: [
          ...parties.map((p) => ({ source: `p:${person.id}`, target: `party:${p}` })),
          ...events.flatMap((event) => [
            { source: `p:${person.id}`, target: `e:${event.id}` },
            ...[...new Set(event.participants)]
              .filter((other) => other !== person.id)
              .map((other) => ({ source: `e:${event.id}`, target: `p:${other}` })),
          ]),
        ],
      },
    ],
  };
  return { option, parties, events, others };
}

export function PersonGraph({ report, process }: { report: PersonReport; process: string }) {
  const { person } = report;
  const { option, parties, events, others } = useMemo(() => neighbourhoodOf(report), [report]);
  const name = (slug: string) => report.people[slug]?.name ?? slug.replaceAll('-', ' ');
  const partyName = (slug: string) => report.parties[slug]?.name ?? slug;
  const label = `Graph of ${person.name}: ${parties.length} parties, ${events.length} events, ${others.size} other people at those events (described below).`;
  return (
    <Stack gap="sm">
      <Chart option={option} label={label} height={360} />
      <Text size="sm" fw={500}>
        In words
      </Text>
      <Text size="sm">
        {person.name} held appointments for{' '}
        {parties.length === 0 ? 'no party' : parties.map(partyName).join(', ')}, and took part in{' '}
        {events.length} {events.length === 1 ? 'event' : 'events'}
        {report.events.items.length > events.length ? ' (the latest shown)' : ''}
        {others.size === 0 ? '.' : ' with:'}
      </Text>
      {others.size > 0 && (
        <List size="sm">
          {[...others.entries()]
            .sort((a, b) => b[1] - a[1] || name(a[0]).localeCompare(name(b[0])))
            .map(([other, count]) => (
              <List.Item key={other}>
                <AnchorLink
                  to="/processes/$process/people/$person"
                  params={{ process, person: other }}
                >
                  {name(other)}
                </AnchorLink>{' '}
                ({count} {count === 1 ? 'event' : 'events'})
              </List.Item>
            ))}
        </List>
      )}
    </Stack>
  );
}
