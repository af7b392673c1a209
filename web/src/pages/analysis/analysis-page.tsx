/**
 * The analysis, for the mediator team and the parties' delegations, on the
 * profiles the user's team may see (docs/access.md): the utility space, the
 * acceptable-package count, the top packages, the improvements on the draft
 * (the mediator team may make a new version from any of them), and a
 * sensitivity run. The draft's version and the run are search parameters
 * (`?version=v1&samples=2000&seed=1`), so every view has a URL.
 */

import { Alert, Container, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import type { AnalysisInputs, AnalysisResult } from '../../api/analysis-types.ts';
import {
  analysisInputsQuery,
  analysisQuery,
  meQuery,
  processQuery,
  textsQuery,
} from '../../api/queries.ts';
import type { Membership } from '../../api/types.ts';
import { QueryState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { mayOpenAnalysis } from '../../components/team.ts';
import { acceptableText, bigCount, freeSlug, issueName, utility } from './analysis-format.ts';
import { MakeVersionDialog, type MakeVersionTarget } from './make-version.tsx';
import { Improvements, TopPackages } from './package-tables.tsx';
import { SensitivitySection } from './sensitivity-section.tsx';
import { SpaceChart } from './space-chart.tsx';
import { VersionPicker } from './version-picker.tsx';

const route = getRouteApi('/processes/$process/analysis');

/** A lead or member of the mediator team writes versions (docs/access.md). */
const mayWriteVersions = (membership: Membership | undefined) =>
  membership?.team.kind === 'mediator' && membership.role !== 'viewer';

export function AnalysisPage() {
  useDocumentTitle('Analysis · Concord');
  const { process } = route.useParams();
  const me = useQuery(meQuery(process));
  return (
    <Container size="xl" px={0}>
      <Title order={1} mb="md">
        Analysis
      </Title>
      <QueryState query={me}>
        {(who) =>
          mayOpenAnalysis(who.membership) ? (
            <AnalysisInputsView process={process} mayWrite={mayWriteVersions(who.membership)} />
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

function AnalysisInputsView({ process, mayWrite }: { process: string; mayWrite: boolean }) {
  const inputs = useQuery(analysisInputsQuery(process));
  const info = useQuery(processQuery(process));
  const partyName = (id: string) =>
    info.data?.parties.find((p) => p.id === id)?.shortName ??
    info.data?.parties.find((p) => p.id === id)?.name ??
    id;
  return (
    <QueryState query={inputs} label="Loading what the analysis rests on">
      {(data) =>
        data.ready ? (
          <ReadyAnalysis
            process={process}
            inputs={data}
            mayWrite={mayWrite}
            partyName={partyName}
          />
        ) : (
          <Alert color="gray" role="note" title="No analysis for your team yet">
            {data.issues.length === 0
              ? 'This process has no issues to analyse.'
              : `An analysis needs the profiles of at least two parties, and your team may see ${
                  data.profiles.length === 0
                    ? 'none'
                    : `only ${data.profiles.map((p) => partyName(p.party)).join(', ')}’s`
                }. It never uses a profile your team may not see.`}
          </Alert>
        )
      }
    </QueryState>
  );
}

function ReadyAnalysis({
  process,
  inputs,
  mayWrite,
  partyName,
}: {
  process: string;
  inputs: AnalysisInputs;
  mayWrite: boolean;
  partyName: (id: string) => string;
}) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const text = inputs.text;
  const analysis = useQuery(
    analysisQuery(process, {
      ...(text === undefined ? {} : { text }),
      ...(search.version === undefined ? {} : { version: search.version }),
      points: 'true',
    }),
  );
  const version = search.version ?? analysis.data?.draftSource?.version;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        {text !== undefined && (
          <VersionPicker
            process={process}
            text={text}
            value={version}
            onChange={(v) =>
              navigate({ search: (s) => ({ ...s, version: v, samples: undefined }), replace: true })
            }
          />
        )}
        <Group gap="xs">
          {inputs.mediatorOnly && (
            <Text size="sm" c="red.8" fw={600}>
              Mediator team only: built on profiles shared with the mediator
            </Text>
          )}
          <Text size="sm" c="dimmed">
            Profiles used: {inputs.profiles.map((p) => partyName(p.party)).join(', ')}
            {inputs.leftOut.length > 0 &&
              ` · left out (no profile you may see): ${inputs.leftOut.map(partyName).join(', ')}`}
          </Text>
        </Group>
      </Group>
      <QueryState query={analysis} label="Analysing">
        {(data) => (
          <AnalysisView
            process={process}
            inputs={inputs}
            analysis={data}
            mayWrite={mayWrite}
            partyName={partyName}
            onVersion={(v) =>
              navigate({ search: (s) => ({ ...s, version: v, samples: undefined }) })
            }
          />
        )}
      </QueryState>
      <Section title="Sensitivity">
        <SensitivitySection
          process={process}
          text={text}
          version={search.version}
          samples={search.samples}
          seed={search.seed ?? 1}
          perturbation={search.perturbation}
          partyName={partyName}
          onRun={(samples, seed, perturbation) =>
            navigate({ search: (s) => ({ ...s, samples, seed, perturbation }) })
          }
        />
      </Section>
    </Stack>
  );
}

/** "Improvement 1" → "improvement-1". */
const slugOf = (words: string) =>
  words
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={600}>
        {value}
      </Text>
      {detail !== undefined && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Stack>
  );
}

function AnalysisView({
  process,
  inputs,
  analysis,
  mayWrite,
  partyName,
  onVersion,
}: {
  process: string;
  inputs: AnalysisInputs;
  analysis: AnalysisResult;
  mayWrite: boolean;
  partyName: (id: string) => string;
  onVersion: (version: string) => void;
}) {
  const [target, setTarget] = useState<MakeVersionTarget | undefined>(undefined);
  const [made, setMade] = useState(0);
  const names = analysis.parties.map(partyName);
  const draft = analysis.draft;
  const text = analysis.draftSource?.text ?? inputs.text;
  const from = analysis.draftSource?.version;
  const onMake = mayWrite && text !== undefined ? setTarget : undefined;
  const unsettled = analysis.draftSource?.found.unsettled ?? [];
  const texts = useQuery(textsQuery(process));
  const taken = texts.data?.find((t) => t.id === text)?.versions.map((v) => v.id) ?? [];
  return (
    <Stack>
      <Section title="Summary">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Figure
            label="Acceptable packages"
            value={
              analysis.acceptable.kind === 'exact'
                ? bigCount(analysis.acceptable.count)
                : `≈ ${Math.round(analysis.acceptable.estimate * Number(analysis.acceptable.total)).toLocaleString('en')}`
            }
            detail={acceptableText(analysis.acceptable)}
          />
          <Figure
            label="Packages"
            value={bigCount(analysis.packages.all)}
            detail={`${bigCount(analysis.packages.withinRedLines)} within every red line · ${analysis.issues} issues`}
          />
          <Figure
            label="Pareto frontier"
            value={`${analysis.frontier.points.toLocaleString('en')} points`}
            detail={`${analysis.frontier.acceptablePoints.toLocaleString('en')} acceptable to all${analysis.frontier.exact ? '' : ` · approximate (ε = ${analysis.frontier.epsilon.toExponential(1)})`}`}
          />
          <Figure
            label={`Draft${from === undefined ? '' : ` (${from})`}`}
            value={
              draft === undefined
                ? 'not analysed'
                : draft.acceptable
                  ? draft.efficient
                    ? 'acceptable, efficient'
                    : 'acceptable'
                  : 'not acceptable'
            }
            detail={
              draft === undefined
                ? `${unsettled.length} issue(s) unsettled: ${unsettled.map((u) => u.issue).join(', ')}`
                : `${names.map((n, p) => `${n} ${utility(draft.utilities[p])}`).join(' · ')}${draft.efficient ? '' : ` · everyone can gain ${utility(draft.gainToFrontier ?? undefined)}`}`
            }
          />
        </SimpleGrid>
      </Section>
      <Section title="Utility space">
        {analysis.space === undefined ? (
          <Text size="sm">The server sent no points to draw.</Text>
        ) : (
          <SpaceChart analysis={analysis} space={analysis.space} partyName={partyName} />
        )}
      </Section>
      <Section title="Top packages">
        <TopPackages analysis={analysis} inputs={inputs} names={names} onMake={onMake} />
      </Section>
      <Section title="Improvements on the draft">
        {draft === undefined ? (
          <Text size="sm">
            {`Version “${from ?? '?'}” leaves ${unsettled.map((u) => issueName(inputs, u.issue)).join(', ')} unsettled (${unsettled.map((u) => u.reason).join('; ')}), so it is no package to improve on: choose another version, or make one from a top package.`}
          </Text>
        ) : (
          <Improvements
            draft={draft}
            inputs={inputs}
            names={names}
            onMake={onMake}
            partyName={partyName}
          />
        )}
      </Section>
      {target !== undefined && text !== undefined && (
        <MakeVersionDialog
          key={`${target.what}-${made}`}
          process={process}
          text={text}
          from={from}
          target={target}
          suggestedSlug={freeSlug(`${from ?? 'draft'}-${slugOf(target.what)}`, taken)}
          onClose={() => {
            setTarget(undefined);
            setMade((n) => n + 1);
          }}
          onAnalyse={onVersion}
        />
      )}
    </Stack>
  );
}
