/** Reading a version of a text: its provision tree, open alternatives in brackets, how it stands. */

import './text.css';
import { Badge, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { processQuery } from '../../api/queries.ts';
import { DateText } from '../../components/date-text.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorAlert, Loading } from '../../components/query-state.tsx';
import { ProvisionWording, provisionTitle } from './provision-view.tsx';
import { type Provision, type TextVersion, versionQuery } from './text-api.ts';
import {
  chosenText,
  newestVersion,
  TextSelect,
  useTextChoice,
  VersionSelect,
} from './text-choice.tsx';

const route = getRouteApi('/processes/$process/text');

export function TextPage() {
  useDocumentTitle('Text · Concord');
  const { process } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const choice = useTextChoice(process, search.text);
  const { text, state } = chosenText(choice, search.text);
  const versionId =
    search.version !== undefined && text?.versions.some((v) => v.id === search.version)
      ? search.version
      : newestVersion(text)?.id;
  const version = useQuery({
    ...versionQuery(process, text?.id ?? '', versionId ?? ''),
    enabled: text !== undefined && versionId !== undefined,
  });
  const info = useQuery(processQuery(process));
  const partyName = (id: string) => info.data?.parties.find((p) => p.id === id)?.name ?? id;
  return (
    <Container size="lg" px={0}>
      <Stack>
        <Title order={1}>Text</Title>
        {text === undefined ? (
          state
        ) : (
          <>
            <Group align="flex-end" wrap="wrap">
              <TextSelect
                texts={choice.texts}
                value={text.id}
                onChange={(next) => navigate({ search: { text: next } })}
              />
              {versionId !== undefined && (
                <VersionSelect
                  label="Version"
                  text={text}
                  value={versionId}
                  onChange={(next) => navigate({ search: { ...search, version: next } })}
                />
              )}
            </Group>
            {search.version !== undefined && search.version !== versionId && (
              <Text c="dimmed" role="note">
                There is no version “{search.version}” you may read: showing the newest.
              </Text>
            )}
            {versionId === undefined ? (
              <Text c="dimmed">No version of this text you may read yet.</Text>
            ) : version.isPending ? (
              <Loading label="Loading the version" />
            ) : version.isError ? (
              <ErrorAlert error={version.error} onRetry={() => version.refetch()} />
            ) : (
              <VersionView
                process={process}
                textId={text.id}
                title={text.title}
                version={version.data}
                partyName={partyName}
              />
            )}
          </>
        )}
      </Stack>
    </Container>
  );
}

function VersionView({
  process,
  textId,
  title,
  version,
  partyName,
}: {
  process: string;
  textId: string;
  title: string;
  version: TextVersion;
  partyName: (id: string) => string;
}) {
  return (
    <Stack>
      <Card withBorder component="section" aria-label="How this version stands">
        <Stack gap={6}>
          <Title order={2} size="h3">
            {title}: {version.label}
          </Title>
          <Group gap="xs">
            <Badge variant="light">{version.status}</Badge>
            <Badge variant="outline" color={version.audience === 'public' ? 'green' : 'orange'}>
              {version.audience === 'public' ? 'published' : 'not published'}
            </Badge>
          </Group>
          {version.date && <DateText date={version.date} />}
          <Text size="sm">
            {version.proposedBy === undefined
              ? ''
              : `Proposed by ${partyName(version.proposedBy)}. `}
            {version.circulatedTo.length === 0
              ? 'Circulated to no party.'
              : `Circulated to ${version.circulatedTo.map(partyName).join(', ')}.`}
          </Text>
          {version.note && (
            <Text size="sm" c="dimmed">
              {version.note}
            </Text>
          )}
          <Group gap="md">
            {version.derivedFrom !== undefined && (
              <AnchorLink
                to="/processes/$process/text/compare"
                params={{ process }}
                search={{ text: textId, from: version.derivedFrom, to: version.id }}
                size="sm"
              >
                Compare with the version it came from
              </AnchorLink>
            )}
            <AnchorLink
              to="/processes/$process/text/positions"
              params={{ process }}
              search={{ text: textId, version: version.id }}
              size="sm"
            >
              Positions on this version
            </AnchorLink>
          </Group>
        </Stack>
      </Card>
      <section aria-label="Provisions">
        <ProvisionList
          provisions={version.provisions}
          numbers={version.numbers}
          process={process}
          textId={textId}
          depth={0}
        />
      </section>
    </Stack>
  );
}

function ProvisionList({
  provisions,
  numbers,
  process,
  textId,
  depth,
}: {
  provisions: readonly Provision[];
  numbers: Readonly<Record<string, string>>;
  process: string;
  textId: string;
  depth: number;
}) {
  if (provisions.length === 0) return depth === 0 ? <Text c="dimmed">No provisions.</Text> : null;
  return (
    <Stack gap="sm" pl={depth === 0 ? 0 : 'md'} component="ol" m={0} style={{ listStyle: 'none' }}>
      {provisions.map((provision) => (
        <li key={provision.id}>
          <Stack gap={4}>
            <Group gap="xs" wrap="wrap" align="baseline">
              <Title order={Math.min(3 + depth, 6) as 3 | 4 | 5 | 6} size="h5">
                {provisionTitle(numbers[provision.id], provision.heading, provision.id)}
              </Title>
              <AnchorLink
                to="/processes/$process/text/provision"
                params={{ process }}
                search={{ text: textId, provision: provision.id }}
                size="xs"
                aria-label={`History of ${provisionTitle(numbers[provision.id], provision.heading, provision.id)}`}
              >
                History
              </AnchorLink>
            </Group>
            <ProvisionWording provision={provision} />
            {provision.note && (
              <Text size="xs" c="dimmed">
                Note: {provision.note}
              </Text>
            )}
            <ProvisionList
              provisions={provision.children}
              numbers={numbers}
              process={process}
              textId={textId}
              depth={depth + 1}
            />
          </Stack>
        </li>
      ))}
    </Stack>
  );
}
