import { Badge, Group, List, Stack, Text } from '@mantine/core';
import type { Dashboard } from '../../api/types.ts';
import { DateText } from '../../components/date-text.tsx';

const words = (slug: string) => slug.replaceAll('-', ' ');

/** Each party and who leads its side on the dashboard's day (and since when). */
export function PartyLeads({ parties }: { parties: Dashboard['parties'] }) {
  return (
    <List listStyleType="none" spacing="sm" p={0}>
      {parties.map(({ party, leads }) => (
        <List.Item key={party.id}>
          <Stack gap={2}>
            <Group gap="xs">
              <Text fw={600}>{party.name}</Text>
              <Badge size="xs" variant="outline">
                {party.role}
              </Badge>
            </Group>
            {leads.length === 0 ? (
              <Text size="sm" c="dimmed">
                No one on record as leading its side that day.
              </Text>
            ) : (
              leads.map(({ person, tenure }) => (
                <div key={tenure.appointment.key}>
                  <Text size="sm">
                    {person.name}, {words(tenure.appointment.role ?? 'lead')}
                    {tenure.certainty === 'possible' ? ' (possibly: the dates overlap)' : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Started: <DateText date={tenure.appointment.from} size="xs" />
                  </Text>
                </div>
              ))
            )}
          </Stack>
        </List.Item>
      ))}
    </List>
  );
}
