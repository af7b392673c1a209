/**
 * Comparing two versions the user may read: side by side or inline (a
 * redline), from the diff the server computes (GET …/texts/{text}/diff).
 */

import './text.css';
import {
  Alert,
  Badge,
  Container,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorAlert, Loading } from '../../components/query-state.tsx';
import { type CompareRow, compareRows, type Side as RowSide } from './compare-rows.ts';
import { provisionTitle } from './provision-view.tsx';
import { ChangeBadges, HeadingOps, type Side, WordingOps } from './redline.tsx';
import { diffQuery, type TextSummary, versionQuery } from './text-api.ts';
import {
  chosenText,
  newestVersion,
  TextSelect,
  useTextChoice,
  VersionSelect,
} from './text-choice.tsx';

const route = getRouteApi('/processes/$process/text/compare');

/** The versions to compare: those named (if readable), else the newest and the one it came from. */
function pair(text: TextSummary, from: string | undefined, to: string | undefined) {
  const readable = (id: string | undefined) =>
    id !== undefined && text.versions.some((v) => v.id === id) ? id : undefined;
  const newest = newestVersion(text);
  const toId = readable(to) ?? newest?.id;
  const toVersion = text.versions.find((v) => v.id === toId);
  const before = text.versions[text.versions.findIndex((v) => v.id === toId) - 1];
  const fromId = readable(from) ?? readable(toVersion?.derivedFrom) ?? before?.id;
  return { fromId, toId };
}

export function ComparePage() {
  useDocumentTitle('Compare versions · Concord');
  const { process } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const choice = useTextChoice(process, search.text);
  const { text, state } = chosenText(choice, search.text);
  return (
    <Container size="xl" px={0}>
      <Stack>
        <Title order={1}>Compare versions</Title>
        {text === undefined ? (
          state
        ) : text.versions.length < 2 ? (
          <Text c="dimmed">
            You may read only {text.versions.length === 0 ? 'no version' : 'one version'} of “
            {text.title}”: there is nothing to compare.
          </Text>
        ) : (
          (() => {
            const { fromId, toId } = pair(text, search.from, search.to);
            return (
              <>
                <Group align="flex-end" wrap="wrap">
                  <TextSelect
                    texts={choice.texts}
                    value={text.id}
                    onChange={(next) => navigate({ search: { text: next } })}
                  />
                  <VersionSelect
                    label="From"
                    text={text}
                    value={fromId}
                    onChange={(from) => navigate({ search: { ...search, from, to: toId } })}
                  />
                  <VersionSelect
                    label="To"
                    text={text}
                    value={toId}
                    onChange={(to) => navigate({ search: { ...search, from: fromId, to } })}
                  />
                  <SegmentedControl
                    aria-label="Show"
                    value={search.view ?? 'side'}
                    onChange={(view) =>
                      navigate({
                        search: { ...search, view: view === 'inline' ? 'inline' : undefined },
                        replace: true,
                      })
                    }
                    data={[
                      { value: 'side', label: 'Side by side' },
                      { value: 'inline', label: 'Inline' },
                    ]}
                  />
                </Group>
                {fromId !== undefined && toId !== undefined && (
                  <Comparison
                    process={process}
                    text={text}
                    fromId={fromId}
                    toId={toId}
                    inline={search.view === 'inline'}
                  />
                )}
              </>
            );
          })()
        )}
      </Stack>
    </Container>
  );
}

function Comparison({
  process,
  text,
  fromId,
  toId,
  inline,
}: {
  process: string;
  text: TextSummary;
  fromId: string;
  toId: string;
  inline: boolean;
}) {
  const diff = useQuery(diffQuery(process, text.id, fromId, toId));
  const from = useQuery(versionQuery(process, text.id, fromId));
  const to = useQuery(versionQuery(process, text.id, toId));
  const failed = [diff, from, to].find((q) => q.isError);
  if (failed)
    return (
      <ErrorAlert
        error={failed.error}
        onRetry={() => {
          for (const q of [diff, from, to]) if (q.isError) q.refetch();
        }}
      />
    );
  if (!diff.isSuccess || !from.isSuccess || !to.isSuccess)
    return <Loading label="Comparing the versions" />;
  const label = (id: string) => text.versions.find((v) => v.id === id)?.label ?? id;
  if (fromId === toId) return <Text c="dimmed">Pick two different versions.</Text>;
  const rows = compareRows(from.data, to.data, diff.data);
  const summary = diff.data.summary;
  const counted = Object.entries(summary).filter(
    ([kind, n]) => n > 0 && kind !== 'changed' && kind !== 'unchanged',
  );
  return (
    <Stack gap="sm">
      <Alert color="blue" variant="light" role="status" title="What changed">
        <Text size="sm">
          From “{label(fromId)}” to “{label(toId)}”: {summary.changed ?? 0} provision
          {summary.changed === 1 ? '' : 's'} changed, {summary.unchanged ?? 0} unchanged
          {counted.length > 0 ? ` (${counted.map(([k, n]) => `${n} ${k}`).join(', ')})` : ''}.
          {diff.data.matching === 'similarity'
            ? ' These versions share no identities: provisions were paired by their wording, and only the changed ones are shown.'
            : ''}
        </Text>
      </Alert>
      <section
        aria-label={inline ? 'Redline' : 'Side by side'}
        className={inline ? 'redline-inline' : ''}
      >
        {!inline && (
          <div className="compare-row compare-head" aria-hidden>
            <Text fw={700}>{label(fromId)}</Text>
            <Text fw={700}>{label(toId)}</Text>
          </div>
        )}
        {rows.map((row) => (
          <RowView
            key={row.id}
            row={row}
            inline={inline}
            process={process}
            text={text.id}
            labels={[label(fromId), label(toId)]}
          />
        ))}
      </section>
    </Stack>
  );
}

function rowClass(row: CompareRow): string {
  if (row.before === undefined) return 'redline-added';
  if (row.after === undefined) return 'redline-removed';
  return row.diff ? 'redline-changed' : '';
}

function SideView({
  row,
  side,
  label,
  version,
}: {
  row: CompareRow;
  side: Side;
  label: string;
  /** The version's label, shown above the side on a phone (where the sides are stacked). */
  version: string;
}) {
  const at: RowSide | undefined = side === 'before' ? row.before : row.after;
  if (at === undefined)
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {side === 'before' ? 'Not in this version (added)' : 'Removed in this version'}
      </Text>
    );
  return (
    <div>
      <VisuallyHidden>{label}: </VisuallyHidden>
      <Text size="xs" c="dimmed" className="compare-side-label" aria-hidden>
        {version}
      </Text>
      <Text size="sm" fw={600}>
        <span className="provision-number">{at.number}</span>
        <HeadingOps diff={row.diff} fields={at.fields} side={side} />
      </Text>
      {row.diff === undefined || row.diff.changes.some((c) => c === 'added' || c === 'removed') ? (
        <WordingOps diff={undefined} fields={at.fields} side={side} />
      ) : (
        <WordingOps diff={row.diff} fields={at.fields} side={side} />
      )}
    </div>
  );
}

function RowView({
  row,
  inline,
  process,
  text,
  labels,
}: {
  row: CompareRow;
  inline: boolean;
  process: string;
  text: string;
  labels: readonly [string, string];
}) {
  const title = provisionTitle(
    row.after?.number ?? row.before?.number,
    row.after?.fields.heading ?? row.before?.fields.heading,
    row.id,
  );
  const head = (
    <Group gap="xs" wrap="wrap">
      {row.diff ? (
        <ChangeBadges diff={row.diff} />
      ) : (
        <Badge size="sm" variant="outline" color="gray">
          unchanged
        </Badge>
      )}
      <AnchorLink
        to="/processes/$process/text/provision"
        params={{ process }}
        search={{ text, provision: row.id }}
        size="xs"
        aria-label={`History of ${title}`}
      >
        History
      </AnchorLink>
    </Group>
  );
  if (inline)
    return (
      <article className={`compare-row ${rowClass(row)}`} aria-label={title}>
        <Stack gap={4} style={{ gridColumn: '1 / -1' }}>
          {head}
          <InlineView row={row} />
        </Stack>
      </article>
    );
  return (
    <article className={`compare-row ${rowClass(row)}`} aria-label={title}>
      <div style={{ gridColumn: '1 / -1' }}>{head}</div>
      <SideView row={row} side="before" label="Before" version={labels[0]} />
      <SideView row={row} side="after" label="After" version={labels[1]} />
    </article>
  );
}

/** One column: the old wording struck where it went, the new underlined where it came. */
function InlineView({ row }: { row: CompareRow }) {
  const { before, after, diff } = row;
  const number =
    before?.number !== undefined &&
    after?.number !== undefined &&
    before.number !== after.number ? (
      <span className="provision-number">
        <del>{before.number}</del> <ins>{after.number}</ins>
      </span>
    ) : (
      <span className="provision-number">{after?.number ?? before?.number}</span>
    );
  const shared = before !== undefined && after !== undefined;
  // Opened or closed: one wording became alternatives (or back); shown as a whole, struck and inserted.
  const reshaped = diff?.changes.some((c) => c === 'opened' || c === 'closed') ?? false;
  return (
    <div>
      <Text size="sm" fw={600} className="redline">
        {number}
        <HeadingOps
          diff={diff}
          fields={after?.fields ?? before?.fields}
          side={shared ? 'inline' : after ? 'after' : 'before'}
        />
      </Text>
      {shared && !reshaped ? (
        <WordingOps diff={diff} fields={after.fields} side="inline" />
      ) : (
        <div className="redline">
          {before && (
            <del>
              <WordingOps diff={undefined} fields={before.fields} side="before" />
            </del>
          )}
          {after && (
            <ins>
              <WordingOps diff={undefined} fields={after.fields} side="after" />
            </ins>
          )}
        </div>
      )}
    </div>
  );
}
