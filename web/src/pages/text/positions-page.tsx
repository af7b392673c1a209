/**
 * Where the parties stand on a version: the positions matrix as a heat map
 * (the positions the user may see), the user's delegation recording its own
 * stance in place, and how stances moved between two dates.
 */

import './text.css';
import { Container, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { meQuery } from '../../api/queries.ts';
import type { Membership } from '../../api/types.ts';
import { ErrorAlert, Loading } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { HeatMap } from './heat-map.tsx';
import { MovementView } from './movement.tsx';
import { type EditTarget, PositionEditor } from './position-editor.tsx';
import { provisionTitle } from './provision-view.tsx';
import { StanceLegend } from './stance.tsx';
import { matrixQuery, type Provision, versionQuery } from './text-api.ts';
import {
  chosenText,
  newestVersion,
  TextSelect,
  useTextChoice,
  VersionSelect,
} from './text-choice.tsx';

const route = getRouteApi('/processes/$process/text/positions');

/** The party a lead or member of a delegation records stances for. */
function writableParty(membership: Membership | undefined): string | undefined {
  if (membership?.team.kind !== 'delegation' || membership.role === 'viewer') return undefined;
  return membership.team.party;
}

function findProvision(list: readonly Provision[], id: string): Provision | undefined {
  for (const provision of list) {
    if (provision.id === id) return provision;
    const child = findProvision(provision.children, id);
    if (child) return child;
  }
  return undefined;
}

export function PositionsPage() {
  useDocumentTitle('Positions · Concord');
  const { process } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const me = useQuery(meQuery(process));
  const choice = useTextChoice(process, search.text);
  const { text, state } = chosenText(choice, search.text);
  const versionId =
    search.version !== undefined && text?.versions.some((v) => v.id === search.version)
      ? search.version
      : newestVersion(text)?.id;
  const ready = text !== undefined && versionId !== undefined;
  const matrix = useQuery({
    ...matrixQuery(process, text?.id ?? '', versionId ?? ''),
    enabled: ready,
  });
  const version = useQuery({
    ...versionQuery(process, text?.id ?? '', versionId ?? ''),
    enabled: ready,
  });
  const [editing, setEditing] = useState<EditTarget | undefined>();
  const [recorded, setRecorded] = useState<string | undefined>();
  const party = writableParty(me.data?.membership);
  const titleOf = (id: string) => {
    const row = matrix.data?.matrix.rows.find((r) => r.provision === id);
    return row ? provisionTitle(row.number, row.heading, id) : id;
  };
  return (
    <Container size="xl" px={0}>
      <Stack>
        <Title order={1}>Positions</Title>
        {text === undefined ? (
          state
        ) : versionId === undefined ? (
          <Text c="dimmed">No version of this text you may read yet.</Text>
        ) : (
          <>
            <Group align="flex-end" wrap="wrap">
              <TextSelect
                texts={choice.texts}
                value={text.id}
                onChange={(next) => navigate({ search: { text: next } })}
              />
              <VersionSelect
                label="Version"
                text={text}
                value={versionId}
                onChange={(next) => navigate({ search: { ...search, version: next } })}
              />
            </Group>
            <Section title="Stances on this version">
              <Stack gap="sm">
                <StanceLegend />
                <Text role="status" aria-live="polite" size="sm" c="green.8">
                  {recorded ?? ''}
                </Text>
                {matrix.isPending ? (
                  <Loading label="Loading the positions" />
                ) : matrix.isError ? (
                  <ErrorAlert error={matrix.error} onRetry={() => matrix.refetch()} />
                ) : (
                  <HeatMap
                    report={matrix.data}
                    writableParty={party}
                    onEdit={(row, column) =>
                      setEditing({
                        provision: row.provision,
                        title: provisionTitle(row.number, row.heading, row.provision),
                        wording: row.wording,
                        alternatives:
                          (version.data &&
                            findProvision(version.data.provisions, row.provision)?.alternatives) ??
                          [],
                        party: column.id,
                        partyName: column.name,
                        seen: row.cells[column.id],
                      })
                    }
                  />
                )}
              </Stack>
            </Section>
            <Section title="Movement between two dates">
              <Stack gap="sm">
                <MovementView
                  process={process}
                  text={text.id}
                  from={search.from}
                  to={search.to}
                  parties={matrix.data?.parties ?? []}
                  provisionTitle={titleOf}
                  onDates={(dates) => navigate({ search: { ...search, ...dates }, replace: true })}
                />
              </Stack>
            </Section>
            {editing && (
              <PositionEditor
                process={process}
                text={text.id}
                version={versionId}
                target={editing}
                onClose={() => setEditing(undefined)}
                onRecorded={(position) => {
                  setEditing(undefined);
                  setRecorded(
                    `Recorded: ${editing.partyName} ${position.stance.replace(/-/g, ' ')} on ${editing.title}.`,
                  );
                }}
              />
            )}
          </>
        )}
      </Stack>
    </Container>
  );
}
