/**
 * A provision's history: its wording in each version the user may read, what
 * changed from one to the next (the server's diff), and every stance on it
 * the user may see, oldest first.
 */

import './text.css';
import { Badge, Card, Container, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueries, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { processQuery } from '../../api/queries.ts';
import type { VersionSummary } from '../../api/types.ts';
import { DateText } from '../../components/date-text.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorAlert, Loading } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { ProvisionWording, provisionTitle } from './provision-view.tsx';
import { ChangeBadges, HeadingOps, WordingOps } from './redline.tsx';
import { stanceWords } from './stance.tsx';
import {
  diffQuery,
  historyQuery,
  type Provision,
  type TextSummary,
  type TextVersion,
  versionQuery,
} from './text-api.ts';
import { chosenText, TextSelect, useTextChoice } from './text-choice.tsx';

const route = getRouteApi('/processes/$process/text/provision');

function walk(list: readonly Provision[]): Provision[] {
  return list.flatMap((p) => [p, ...walk(p.children)]);
}

export function ProvisionPage() {
  useDocumentTitle('Provision history · Concord');
  const { process } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const choice = useTextChoice(process, search.text);
  const { text, state } = chosenText(choice, search.text);
  return (
    <Container size="lg" px={0}>
      <Stack>
        <Title order={1}>Provision history</Title>
        {text === undefined ? (
          state
        ) : text.versions.length === 0 ? (
          <Text c="dimmed">No version of this text you may read yet.</Text>
        ) : (
          <>
            <TextSelect
              texts={choice.texts}
              value={text.id}
              onChange={(next) => navigate({ search: { text: next } })}
            />
            <History
              process={process}
              text={text}
              provision={search.provision}
              onProvision={(provision) => navigate({ search: { text: text.id, provision } })}
            />
          </>
        )}
      </Stack>
    </Container>
  );
}

function History({
  process,
  text,
  provision,
  onProvision,
}: {
  process: string;
  text: TextSummary;
  provision: string | undefined;
  onProvision: (provision: string) => void;
}) {
  const versions = useQueries({
    queries: text.versions.map((v) => versionQuery(process, text.id, v.id)),
  });
  const failed = versions.find((q) => q.isError);
  if (failed) return <ErrorAlert error={failed.error} onRetry={() => failed.refetch()} />;
  if (versions.some((q) => !q.isSuccess)) return <Loading label="Loading the versions" />;
  const loaded = versions.map((q) => q.data as TextVersion);
  // Every provision of any version, newest versions first, once each.
  const options = new Map<string, string>();
  for (const version of [...loaded].reverse())
    for (const p of walk(version.provisions))
      if (!options.has(p.id))
        options.set(p.id, provisionTitle(version.numbers[p.id], p.heading, p.id));
  return (
    <Stack>
      <Select
        label="Provision"
        placeholder="Choose a provision"
        data={[...options].map(([value, label]) => ({ value, label }))}
        value={provision ?? null}
        onChange={(next) => next !== null && onProvision(next)}
        searchable
        allowDeselect={false}
        w={{ base: '100%', sm: 420 }}
      />
      {provision === undefined ? (
        <Text c="dimmed">Choose a provision to see how it changed and where parties stood.</Text>
      ) : !options.has(provision) ? (
        <Text c="dimmed">No version you may read has a provision “{provision}”.</Text>
      ) : (
        <>
          <Section title="Wording, version by version">
            <Versions
              process={process}
              text={text.id}
              versions={text.versions}
              loaded={loaded}
              provision={provision}
            />
          </Section>
          <Section title="Stances, oldest first">
            <Stances process={process} text={text} provision={provision} />
          </Section>
        </>
      )}
    </Stack>
  );
}

function Versions({
  process,
  text,
  versions,
  loaded,
  provision,
}: {
  process: string;
  text: string;
  versions: readonly VersionSummary[];
  loaded: readonly TextVersion[];
  provision: string;
}) {
  const present = loaded
    .map((version, i) => ({
      version,
      summary: versions[i] as VersionSummary,
      provision: walk(version.provisions).find((p) => p.id === provision),
    }))
    .filter((entry) => entry.provision !== undefined);
  const pairs = present
    .slice(1)
    .map((entry, i) => [present[i]?.version.id ?? '', entry.version.id]);
  const diffs = useQueries({
    queries: pairs.map(([from, to]) => diffQuery(process, text, from as string, to as string)),
  });
  return (
    <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
      {present.map((entry, i) => {
        const diff = i === 0 ? undefined : diffs[i - 1];
        const change = diff?.data?.provisions.find((d) => d.id === provision);
        const fields = entry.provision as Provision;
        return (
          <li key={entry.version.id}>
            <Card withBorder padding="sm">
              <Stack gap={4}>
                <Group gap="xs" wrap="wrap">
                  <AnchorLink
                    to="/processes/$process/text"
                    params={{ process }}
                    search={{ text, version: entry.version.id }}
                    fw={600}
                  >
                    {entry.summary.label}
                  </AnchorLink>
                  <Badge size="sm" variant="light">
                    {entry.summary.status}
                  </Badge>
                  {entry.summary.date && <DateText date={entry.summary.date} size="xs" />}
                </Group>
                {i > 0 &&
                  (diff?.isPending ? (
                    <Loading label="Comparing with the previous version" />
                  ) : diff?.isError ? (
                    <ErrorAlert error={diff.error} onRetry={() => diff.refetch()} />
                  ) : change ? (
                    <ChangeBadges diff={change} />
                  ) : (
                    <Badge size="sm" variant="outline" color="gray">
                      unchanged
                    </Badge>
                  ))}
                <Text size="sm" fw={600} className="redline">
                  <span className="provision-number">{entry.version.numbers[provision]}</span>
                  <HeadingOps diff={change} fields={fields} side={change ? 'inline' : 'after'} />
                </Text>
                {change && (change.body || change.alternatives) ? (
                  <WordingOps diff={change} fields={fields} side="inline" />
                ) : (
                  <ProvisionWording provision={fields} />
                )}
              </Stack>
            </Card>
          </li>
        );
      })}
    </Stack>
  );
}

function Stances({
  process,
  text,
  provision,
}: {
  process: string;
  text: TextSummary;
  provision: string;
}) {
  const history = useQuery(historyQuery(process, text.id, { provision }));
  const info = useQuery(processQuery(process));
  const partyName = (id: string) => info.data?.parties.find((p) => p.id === id)?.name ?? id;
  const versionLabel = (id: string) => text.versions.find((v) => v.id === id)?.label ?? id;
  if (history.isPending) return <Loading label="Loading the stances" />;
  if (history.isError)
    return <ErrorAlert error={history.error} onRetry={() => history.refetch()} />;
  if (history.data.length === 0)
    return <Text c="dimmed">No stance on this provision that you may see.</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-label="Stances on this provision">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Recorded</Table.Th>
            <Table.Th scope="col">Party</Table.Th>
            <Table.Th scope="col">Stance</Table.Th>
            <Table.Th scope="col">On version</Table.Th>
            <Table.Th scope="col">Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.data.map((position) => (
            <Table.Tr key={position.key}>
              <Table.Td>
                <DateText date={position.recorded} size="xs" />
              </Table.Td>
              <Table.Td>{partyName(position.party)}</Table.Td>
              <Table.Td>
                {stanceWords(position.stance)}
                {position.wording ? `: “${position.wording}”` : ''}
              </Table.Td>
              <Table.Td>{versionLabel(position.version)}</Table.Td>
              <Table.Td>{position.note ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
