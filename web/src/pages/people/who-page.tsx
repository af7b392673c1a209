/**
 * Who's who as of a day: each party's people with the title and role they
 * held that day, the head of delegation first and marked. `?asOf=YYYY-MM-DD`
 * is the day (default: today).
 */

import { Badge, Container, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { DateText } from '../../components/date-text.tsx';
import { describeDate } from '../../components/dates.ts';
import { AnchorLink } from '../../components/links.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { AsOfForm } from '../dashboard/as-of-form.tsx';
import { appointmentText, isHead } from './appointment-text.ts';
import { type WhoEntry, whoQuery } from './people-api.ts';

const route = getRouteApi('/processes/$process/people');

export function WhoPage() {
  useDocumentTitle("Who's who · Concord");
  const { process } = route.useParams();
  const { asOf } = route.useSearch();
  const navigate = route.useNavigate();
  const who = useQuery(whoQuery(process, asOf));
  return (
    <Container size="xl" px={0}>
      <Group justify="space-between" align="flex-end" mb="md" gap="sm">
        <div>
          <Title order={1}>Who's who</Title>
          <Text c="dimmed" size="sm">
            {who.data ? `As of ${describeDate(who.data.asOf)}` : ' '}
          </Text>
        </div>
        <AsOfForm value={asOf} onChange={(day) => navigate({ search: day ? { asOf: day } : {} })} />
      </Group>
      <QueryState query={who} label="Loading who held what">
        {(data) =>
          data.groups.length === 0 ? (
            <Text c="dimmed">Nobody on record held a title or role that day.</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {data.groups.map((group) => (
                <Section key={group.party?.id ?? '(none)'} title={group.party?.name ?? 'No party'}>
                  <List listStyleType="none" spacing="sm" p={0}>
                    {group.entries.map((entry) => (
                      <List.Item key={entry.tenure.appointment.key}>
                        <EntryItem entry={entry} process={process} />
                      </List.Item>
                    ))}
                  </List>
                </Section>
              ))}
            </SimpleGrid>
          )
        }
      </QueryState>
    </Container>
  );
}

function EntryItem({ entry, process }: { entry: WhoEntry; process: string }) {
  const { appointment, certainty } = entry.tenure;
  const head = isHead(appointment);
  return (
    <Stack
      gap={2}
      p={head ? 'xs' : 0}
      bg={head ? 'var(--mantine-color-grape-light)' : undefined}
      bdrs="sm"
      data-head={head ? 'true' : undefined}
    >
      <Group gap="xs" wrap="wrap">
        <AnchorLink
          to="/processes/$process/people/$person"
          params={{ process, person: entry.person.id }}
          fw={head ? 700 : 500}
        >
          {entry.person.name}
        </AnchorLink>
        {head && (
          <Badge size="sm" color="grape">
            head of delegation
          </Badge>
        )}
        {certainty === 'possible' && (
          <Badge size="xs" variant="outline" color="orange">
            possibly (dates uncertain)
          </Badge>
        )}
      </Group>
      <Text size="sm">{appointmentText(appointment)}</Text>
      <Text size="xs" c="dimmed">
        Since <DateText date={appointment.from} size="xs" />
      </Text>
    </Stack>
  );
}
