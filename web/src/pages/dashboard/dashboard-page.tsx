/**
 * The dashboard: who leads each party today, what is next, the latest
 * statements, each text's current version and its open provisions, and what
 * changed since the last visit. `?asOf=YYYY-MM-DD` shows another day.
 */

import { Container, Group, List, SimpleGrid, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { dashboardQuery } from '../../api/queries.ts';
import { describeDate } from '../../components/dates.ts';
import { EventItem } from '../../components/event-item.tsx';
import { BriefingLink } from '../../components/links.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { AsOfForm } from './as-of-form.tsx';
import { ChangesSection } from './changes-section.tsx';
import { useLastVisit } from './last-visit.ts';
import { PartyLeads } from './party-leads.tsx';
import { StatementItem } from './statement-item.tsx';
import { TextStatusList } from './text-status.tsx';

const route = getRouteApi('/processes/$process/');

export function DashboardPage() {
  const { process } = route.useParams();
  // A new process is a new visit.
  return <ProcessDashboard key={process} process={process} />;
}

function ProcessDashboard({ process }: { process: string }) {
  useDocumentTitle('Dashboard · Concord');
  const { asOf } = route.useSearch();
  const navigate = route.useNavigate();
  const since = useLastVisit(process);
  const dashboard = useQuery(
    dashboardQuery(process, {
      ...(asOf === undefined ? {} : { asOf }),
      ...(since === undefined ? {} : { since }),
    }),
  );
  return (
    <Container size="xl" px={0}>
      <Group justify="space-between" align="flex-end" mb="md" gap="sm">
        <div>
          <Title order={1}>Dashboard</Title>
          <Text c="dimmed" size="sm">
            {dashboard.data
              ? `${dashboard.data.process.title} · ${describeDate(dashboard.data.asOf)}`
              : ' '}
          </Text>
        </div>
        <AsOfForm value={asOf} onChange={(day) => navigate({ search: day ? { asOf: day } : {} })} />
      </Group>
      <QueryState query={dashboard} label="Loading the dashboard">
        {(data) => {
          const partyName = (id: string) =>
            data.parties.find((p) => p.party.id === id)?.party.name ?? id;
          return (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <ChangesSection changes={data.changes} since={since} partyName={partyName} />
              <Section title="Parties and who leads them">
                <PartyLeads parties={data.parties} />
              </Section>
              <Section title="Next events">
                {data.upcoming.items.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Nothing scheduled after this day.
                  </Text>
                ) : (
                  <List listStyleType="none" spacing="sm" p={0}>
                    {data.upcoming.items.map((event) => (
                      <List.Item key={event.id}>
                        <EventItem event={event} partyName={partyName} />
                        <BriefingLink process={process} event={event.id} />
                      </List.Item>
                    ))}
                  </List>
                )}
              </Section>
              <Section title="Texts">
                <TextStatusList texts={data.texts} />
              </Section>
              <Section title="Latest statements">
                {data.statements.items.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No statement by this day.
                  </Text>
                ) : (
                  <List listStyleType="none" spacing="sm" p={0}>
                    {data.statements.items.map((statement) => (
                      <List.Item key={statement.id}>
                        <StatementItem statement={statement} partyName={partyName} />
                      </List.Item>
                    ))}
                  </List>
                )}
              </Section>
            </SimpleGrid>
          );
        }}
      </QueryState>
    </Container>
  );
}
