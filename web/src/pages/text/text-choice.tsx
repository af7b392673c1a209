/**
 * Which text and version a text page shows: the texts the user may read
 * (GET …/texts) and pickers that write the choice into the URL. A version the
 * user may not read is simply not offered.
 */

import { Select, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import type { VersionSummary } from '../../api/types.ts';
import { ErrorAlert, Loading } from '../../components/query-state.tsx';
import { type TextSummary, textsQuery } from './text-api.ts';

/** The texts, and the one named in the URL (the first by default). */
export function useTextChoice(process: string, slug: string | undefined) {
  const texts = useQuery(textsQuery(process));
  const list = texts.data ?? [];
  const text = slug === undefined ? list[0] : list.find((t) => t.id === slug);
  return { query: texts, texts: list, text };
}

/**
 * The chosen text, or what a page shows instead: the texts loading, a
 * failure to load them, or that there is no (such) text the user may read.
 */
export function chosenText(
  choice: ReturnType<typeof useTextChoice>,
  named: string | undefined,
): { text: TextSummary; state?: undefined } | { text?: undefined; state: ReactElement } {
  const { query, text } = choice;
  if (query.isPending) return { state: <Loading label="Loading the texts" /> };
  if (query.isError)
    return { state: <ErrorAlert error={query.error} onRetry={() => query.refetch()} /> };
  return text === undefined ? { state: <NoText named={named} /> } : { text };
}

/** The newest version the user may read (versions come oldest first). */
export function newestVersion(text: TextSummary | undefined): VersionSummary | undefined {
  return text?.versions.at(-1);
}

export function versionLabel(version: VersionSummary): string {
  const state = version.audience === 'public' ? 'published' : 'not published';
  return `${version.label} · ${version.status}, ${state}`;
}

/** A select of the texts (shown only when there are several). */
export function TextSelect({
  texts,
  value,
  onChange,
}: {
  texts: readonly TextSummary[];
  value: string | undefined;
  onChange: (text: string) => void;
}) {
  if (texts.length < 2) return null;
  return (
    <Select
      label="Text"
      data={texts.map((t) => ({ value: t.id, label: t.title }))}
      value={value ?? null}
      onChange={(next) => next !== null && onChange(next)}
      allowDeselect={false}
      w={{ base: '100%', sm: 280 }}
    />
  );
}

/** A select of the versions of `text` the user may read. */
export function VersionSelect({
  label,
  text,
  value,
  onChange,
}: {
  label: string;
  text: TextSummary;
  value: string | undefined;
  onChange: (version: string) => void;
}) {
  return (
    <Select
      label={label}
      data={[...text.versions].reverse().map((v) => ({ value: v.id, label: versionLabel(v) }))}
      value={value ?? null}
      onChange={(next) => next !== null && onChange(next)}
      allowDeselect={false}
      w={{ base: '100%', sm: 380 }}
    />
  );
}

/** Said when the user may read no text, or not the one named. */
export function NoText({ named }: { named: string | undefined }) {
  return (
    <Text c="dimmed">
      {named === undefined
        ? 'There is no text you may read in this process yet.'
        : `There is no text “${named}” you may read.`}
    </Text>
  );
}
