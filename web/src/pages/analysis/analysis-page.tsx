/** The analysis (for the mediator team and the delegations): to come in the web app's next step. */

import { Alert, Container, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { meQuery } from '../../api/queries.ts';
import { QueryState } from '../../components/query-state.tsx';
import { mayOpenAnalysis } from '../../components/team.ts';

const route = getRouteApi('/processes/$process/analysis');

export function AnalysisPage() {
  useDocumentTitle('Analysis · Concord');
  const { process } = route.useParams();
  const me = useQuery(meQuery(process));
  return (
    <Container size="lg">
      <Title order={1} mb="md">
        Analysis
      </Title>
      <QueryState query={me}>
        {(who) =>
          mayOpenAnalysis(who.membership) ? (
            <Text>
              Acceptability of the draft, the frontier, bargaining solutions and improvements will
              appear here. Meanwhile: <code>concord analyze --version v1</code>.
            </Text>
          ) : (
            <Alert color="gray" role="note">
              The analysis is for the mediator team and the parties’ delegations.
            </Alert>
          )
        }
      </QueryState>
    </Container>
  );
}
