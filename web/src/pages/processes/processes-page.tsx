/** The processes on this server: pick one. */

import { Badge, Card, Container, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { processesQuery } from '../../api/queries.ts';
import { AppFrame } from '../../components/app-frame.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { QueryState } from '../../components/query-state.tsx';

export function ProcessesPage() {
  useDocumentTitle('Processes · Concord');
  const processes = useQuery(processesQuery());
  return (
    <AppFrame>
      <Container size="lg">
        <Title order={1} mb="md">
          Processes
        </Title>
        <QueryState query={processes} label="Loading the processes">
          {(list) =>
            list.length === 0 ? (
              <Text c="dimmed">No process yet: import one with `concord import FILE`.</Text>
            ) : (
              <SimpleGrid
                cols={{ base: 1, md: 2 }}
                component="ul"
                p={0}
                m={0}
                style={{ listStyle: 'none' }}
              >
                {list.map(({ process, counts }) => (
                  <Card component="li" withBorder key={process.id} padding="lg">
                    <Stack gap="xs">
                      <Group justify="space-between" wrap="nowrap" align="flex-start">
                        <AnchorLink
                          to="/processes/$process"
                          params={{ process: process.id }}
                          fw={600}
                          size="lg"
                        >
                          {process.title}
                        </AnchorLink>
                        <Badge variant="light">{process.status}</Badge>
                      </Group>
                      {process.description && (
                        <Text size="sm" lineClamp={4}>
                          {process.description}
                        </Text>
                      )}
                      <Text size="xs" c="dimmed">
                        {counts.parties} parties · {counts.people} people · {counts.events} events ·{' '}
                        {counts.statements} statements
                      </Text>
                    </Stack>
                  </Card>
                ))}
              </SimpleGrid>
            )
          }
        </QueryState>
      </Container>
    </AppFrame>
  );
}
