/**
 * A briefing for an event, to read or print: who takes part and in which
 * capacity that day (heads of delegation first, marked), what each said
 * recently, the open provisions of the current text and the positions on
 * them — all as the server filtered them for the user's team. The PDF is the
 * same briefing printed by the server.
 */

import {
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  List,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { Position } from '../../api/types.ts';
import { DateText } from '../../components/date-text.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { appointmentText, isHead } from '../people/appointment-text.ts';
import {
  type Briefing,
  type BriefingParticipant,
  type BriefingText,
  briefingPdfUrl,
  briefingQuery,
} from './briefing-api.ts';
import './briefing.css';

const route = getRouteApi('/processes/$process/briefing/$event');

export function BriefingPage() {
  const { process, event } = route.useParams();
  const briefing = useQuery(briefingQuery(process, event));
  useDocumentTitle(
    briefing.data ? `Briefing: ${briefing.data.event.title} · Concord` : 'Briefing · Concord',
  );
  return (
    <Container size="lg" px={0} className="briefing">
      <QueryState query={briefing} label="Preparing the briefing">
        {(data) => <BriefingView briefing={data} process={process} />}
      </QueryState>
    </Container>
  );
}

function BriefingView({ briefing, process }: { briefing: Briefing; process: string }) {
  const { event } = briefing;
  const partyName = (id: string | undefined) =>
    id === undefined
      ? 'No party recorded'
      : (briefing.parties.find((p) => p.id === id)?.name ?? id);
  const groups = new Map<string | undefined, BriefingParticipant[]>();
  for (const participant of briefing.participants)
    groups.set(participant.party, [...(groups.get(participant.party) ?? []), participant]);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Text size="sm" c="dimmed">
            Briefing · {briefing.process.title}
          </Text>
          <Title order={1}>{event.title}</Title>
          <Group gap="xs" mt={4} wrap="wrap">
            <DateText date={event.date} />
            <Badge size="sm" variant="light">
              {event.kind}
            </Badge>
            <Badge size="sm" variant="outline">
              {event.status}
            </Badge>
            {event.place && <Text size="sm">{event.place}</Text>}
            {briefing.ledBy && <Text size="sm">led by {briefing.ledBy.name}</Text>}
          </Group>
        </div>
        <Group gap="xs" className="briefing-actions">
          <Button component="a" href={briefingPdfUrl(process, event.id)} variant="filled">
            Download PDF
          </Button>
          <Button variant="default" onClick={() => window.print()}>
            Print
          </Button>
        </Group>
      </Group>
      {(event.description ?? event.outcome) && (
        <Text>
          {event.description}
          {event.outcome && ` Outcome: ${event.outcome}`}
        </Text>
      )}
      <Section title="Participants">
        {briefing.participants.length === 0 ? (
          <Text size="sm" c="dimmed">
            No participants recorded.
          </Text>
        ) : (
          <Stack gap="md">
            {[...groups.entries()].map(([party, people]) => (
              <div key={party ?? '(none)'}>
                <Title order={3} size="h5" mb={4}>
                  {partyName(party)}
                </Title>
                <List listStyleType="none" spacing="sm" p={0}>
                  {people.map((participant) => (
                    <List.Item key={participant.person.id}>
                      <ParticipantItem participant={participant} process={process} />
                    </List.Item>
                  ))}
                </List>
              </div>
            ))}
          </Stack>
        )}
      </Section>
      {briefing.texts.map((text) => (
        <TextSection key={text.text.id} text={text} partyName={partyName} />
      ))}
      {briefing.sources.length > 0 && (
        <Section title="Sources">
          <List size="sm">
            {briefing.sources.map((source) => (
              <List.Item key={source.id}>
                {source.url && /^https?:\/\//i.test(source.url) ? (
                  <Anchor href={source.url} target="_blank" rel="noreferrer noopener">
                    {source.title}
                  </Anchor>
                ) : (
                  source.title
                )}
                {source.outlet && `, ${source.outlet}`}
              </List.Item>
            ))}
          </List>
        </Section>
      )}
    </Stack>
  );
}

function ParticipantItem({
  participant,
  process,
}: {
  participant: BriefingParticipant;
  process: string;
}) {
  const head = participant.tenures.some((t) => isHead(t.appointment));
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="wrap">
        <AnchorLink
          to="/processes/$process/people/$person"
          params={{ process, person: participant.person.id }}
          fw={head ? 700 : 500}
        >
          {participant.person.name}
        </AnchorLink>
        {head && (
          <Badge size="sm" color="grape">
            head of delegation
          </Badge>
        )}
        <Text size="sm" c="dimmed">
          {participant.tenures.length === 0
            ? 'no title or role recorded that day'
            : participant.tenures
                .map(
                  (t) =>
                    appointmentText(t.appointment) +
                    (t.certainty === 'possible' ? ' (possibly)' : ''),
                )
                .join('; ')}
        </Text>
      </Group>
      {participant.statements.length === 0 ? (
        <Text size="sm" c="dimmed">
          No recent statements recorded.
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {participant.statements.map((statement) => (
            <List.Item key={statement.id}>
              <DateText date={statement.date} size="xs" />{' '}
              {statement.form === 'quotation' ? `“${statement.text}”` : statement.text}
              {statement.audience === 'private' && (
                <Badge size="xs" ml={4} variant="outline">
                  private
                </Badge>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function TextSection({
  text,
  partyName,
}: {
  text: BriefingText;
  partyName: (id: string | undefined) => string;
}) {
  const version = text.version;
  return (
    <Section title={`${text.text.title}: open provisions`}>
      {version === undefined ? (
        <Text size="sm" c="dimmed">
          No version you may see before this event.
        </Text>
      ) : (
        <Stack gap="md">
          <Text size="sm">
            Current version: <strong>{version.label}</strong> ({version.status}
            {version.audience === 'private' ? ', not published' : ''})
            {version.date && (
              <>
                {' · '}
                <DateText date={version.date} size="sm" />
              </>
            )}
          </Text>
          {text.openProvisions.length === 0 ? (
            <Text size="sm" c="dimmed">
              No open provisions in this version.
            </Text>
          ) : (
            text.openProvisions.map((provision) => (
              <Stack key={provision.id} gap={4} component="section">
                <Title order={3} size="h5">
                  {[provision.number, provision.heading].filter(Boolean).join(' ')}
                </Title>
                <List size="sm">
                  {provision.alternatives.map((alternative) => (
                    <List.Item key={alternative.id}>
                      {alternative.text}
                      {alternative.id === provision.proposed && (
                        <Badge size="xs" ml={4}>
                          proposed
                        </Badge>
                      )}
                    </List.Item>
                  ))}
                </List>
                <PositionTable positions={provision.positions} partyName={partyName} />
              </Stack>
            ))
          )}
          {text.otherPositions.length > 0 && (
            <Stack gap={4}>
              <Title order={3} size="h5">
                Positions on other provisions
              </Title>
              <PositionTable positions={text.otherPositions} partyName={partyName} withProvision />
            </Stack>
          )}
        </Stack>
      )}
    </Section>
  );
}

function PositionTable({
  positions,
  partyName,
  withProvision = false,
}: {
  positions: readonly (Position & { number?: string })[];
  partyName: (id: string | undefined) => string;
  withProvision?: boolean;
}) {
  if (positions.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No positions you may see.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table withTableBorder fz="sm">
        <Table.Thead>
          <Table.Tr>
            {withProvision && <Table.Th>Provision</Table.Th>}
            <Table.Th>Party</Table.Th>
            <Table.Th>Stance</Table.Th>
            <Table.Th>Note</Table.Th>
            <Table.Th>Shared with</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {positions.map((position) => (
            <Table.Tr key={position.key}>
              {withProvision && <Table.Td>{position.number ?? position.provision}</Table.Td>}
              <Table.Td>{partyName(position.party)}</Table.Td>
              <Table.Td>
                {position.stance.replaceAll('-', ' ')}
                {position.alternative && ` (${position.alternative})`}
                {position.wording && `: “${position.wording}”`}
              </Table.Td>
              <Table.Td>{position.note}</Table.Td>
              <Table.Td>
                {position.audience === 'party' ? 'own delegation only' : position.audience}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
