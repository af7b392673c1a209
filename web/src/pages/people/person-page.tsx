/**
 * A person: their titles and roles over time (and how each ended: resigned,
 * replaced by whom, with the source), their statements, the events they took
 * part in, and a graph of the people and parties around them.
 */

import { Badge, Container, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { DateText } from '../../components/date-text.tsx';
import { EventItem } from '../../components/event-item.tsx';
import { AnchorLink, BriefingLink } from '../../components/links.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { appointmentText, isHead } from './appointment-text.ts';
import { type AppointmentWithEnd, type PersonReport, personQuery } from './people-api.ts';
import { PersonGraph } from './person-graph.tsx';

const route = getRouteApi('/processes/$process/people/$person');

export function PersonPage() {
  const { process, person } = route.useParams();
  const report = useQuery(personQuery(process, person));
  useDocumentTitle(report.data ? `${report.data.person.name} · Concord` : 'Person · Concord');
  return (
    <Container size="xl" px={0}>
      <QueryState query={report} label="Loading the person">
        {(data) => <PersonView report={data} process={process} />}
      </QueryState>
    </Container>
  );
}

function PersonView({ report, process }: { report: PersonReport; process: string }) {
  const { person } = report;
  const partyName = (id: string) => report.parties[id]?.name ?? id;
  const appointments = [...report.appointments].sort(
    (a, b) => Date.parse(b.from.start ?? '') - Date.parse(a.from.start ?? '') || 0,
  );
  return (
    <Stack gap="md">
      <div>
        <AnchorLink to="/processes/$process/people" params={{ process }} size="sm">
          ← Who's who
        </AnchorLink>
        <Title order={1}>{person.name}</Title>
        {person.aliases.length > 0 && (
          <Text size="sm" c="dimmed">
            Also written {person.aliases.join(', ')}
          </Text>
        )}
        {person.description && <Text mt={4}>{person.description}</Text>}
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title="Titles and roles over time">
          {appointments.length === 0 ? (
            <Text size="sm" c="dimmed">
              No title or role on record.
            </Text>
          ) : (
            <List listStyleType="none" spacing="sm" p={0}>
              {appointments.map((appointment) => (
                <List.Item key={appointment.key}>
                  <AppointmentItem
                    appointment={appointment}
                    report={report}
                    process={process}
                    partyName={partyName}
                  />
                </List.Item>
              ))}
            </List>
          )}
        </Section>
        <Section title="People, parties and events around them">
          <PersonGraph report={report} process={process} />
        </Section>
        <Section title="Statements">
          {report.statements.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No statements on record.
            </Text>
          ) : (
            <List listStyleType="none" spacing="sm" p={0}>
              {[...report.statements.items].reverse().map((statement) => (
                <List.Item key={statement.id}>
                  <Stack gap={2}>
                    <DateText date={statement.date} size="xs" />
                    <Text size="sm">
                      {statement.form === 'quotation' ? `“${statement.text}”` : statement.text}
                    </Text>
                    {statement.channel && (
                      <Text size="xs" c="dimmed">
                        {statement.channel}
                      </Text>
                    )}
                  </Stack>
                </List.Item>
              ))}
            </List>
          )}
        </Section>
        <Section title="Events">
          {report.events.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No events on record.
            </Text>
          ) : (
            <List listStyleType="none" spacing="sm" p={0}>
              {[...report.events.items].reverse().map((event) => (
                <List.Item key={event.id}>
                  <EventItem event={event} partyName={partyName} />
                  <BriefingLink process={process} event={event.id} />
                </List.Item>
              ))}
            </List>
          )}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

const REASONS: Record<string, string> = {
  resigned: 'Resigned',
  replaced: 'Replaced',
  dismissed: 'Dismissed',
  'term-ended': 'Term ended',
  died: 'Died',
  other: 'Ended',
};

function AppointmentItem({
  appointment,
  report,
  process,
  partyName,
}: {
  appointment: AppointmentWithEnd;
  report: PersonReport;
  process: string;
  partyName: (id: string) => string;
}) {
  const ended = appointment.ended;
  const successor = ended?.replacedBy;
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="wrap">
        <Text fw={isHead(appointment) ? 700 : 500}>{appointmentText(appointment)}</Text>
        {appointment.party && (
          <Badge size="xs" variant="light">
            {partyName(appointment.party)}
          </Badge>
        )}
        {appointment.to === undefined && (
          <Badge size="xs" variant="outline" color="green">
            current
          </Badge>
        )}
      </Group>
      <Text size="xs">
        From <DateText date={appointment.from} size="xs" />
        {appointment.to && (
          <>
            {' '}
            to <DateText date={appointment.to} size="xs" />
          </>
        )}
      </Text>
      {ended && (
        <Text size="sm">
          {REASONS[ended.reason] ?? ended.reason}
          {successor && (
            <>
              {ended.reason === 'replaced' ? ' by ' : '; replaced by '}
              <AnchorLink
                to="/processes/$process/people/$person"
                params={{ process, person: successor }}
              >
                {report.people[successor]?.name ?? successor}
              </AnchorLink>
            </>
          )}
          {ended.note && `: ${ended.note}`}
          {ended.source && (
            <Text span size="xs" c="dimmed">
              {` (source: ${ended.source})`}
            </Text>
          )}
        </Text>
      )}
      {appointment.note && (
        <Text size="xs" c="dimmed">
          {appointment.note}
        </Text>
      )}
      {appointment.source && !ended && (
        <Text size="xs" c="dimmed">
          Source: {appointment.source}
        </Text>
      )}
    </Stack>
  );
}
