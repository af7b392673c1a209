import { Badge, Box, Button, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Dashboard } from '../../api/types.ts';
import { DateText } from '../../components/date-text.tsx';

const words = (slug: string) => slug.replaceAll('-', ' ');

/** Leads shown per party: when the record cannot tell which of many leads, the rest are counted. */
const LEADS_SHOWN = 3;
/** Parties shown at first; beyond them the list scrolls in its own box and more are shown on demand. */
const PARTIES_SHOWN = 12;

/**
 * Each party and who leads its side on the dashboard's day (and since when).
 * The page's size does not grow with the record: at most a few leads per
 * party, and a long list of parties shows its first few, all of them on
 * demand, in a box of its own that scrolls (it takes the focus, so the
 * keyboard scrolls it too).
 */
export function PartyLeads({ parties }: { parties: Dashboard['parties'] }) {
  const [all, setAll] = useState(false);
  const shown = all ? parties : parties.slice(0, PARTIES_SHOWN);
  const list = (
    <List listStyleType="none" spacing="sm" p={0}>
      {shown.map(({ party, leads }) => (
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
              leads.slice(0, LEADS_SHOWN).map(({ person, tenure }) => (
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
            {leads.length > LEADS_SHOWN && (
              <Text size="xs" c="dimmed">
                and {leads.length - LEADS_SHOWN} more on record in the same role that day
              </Text>
            )}
          </Stack>
        </List.Item>
      ))}
    </List>
  );
  if (parties.length <= PARTIES_SHOWN) return list;
  return (
    <Stack gap="xs" align="flex-start">
      <Box
        tabIndex={0}
        role="region"
        aria-label={`Parties (${shown.length} of ${parties.length})`}
        mah={560}
        w="100%"
        style={{ overflowY: 'auto' }}
        pr="xs"
      >
        {list}
      </Box>
      <Button variant="subtle" size="xs" onClick={() => setAll(!all)}>
        {all ? `Show the first ${PARTIES_SHOWN} parties` : `Show all ${parties.length} parties`}
      </Button>
    </Stack>
  );
}
