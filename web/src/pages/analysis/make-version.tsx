/**
 * "Make a new draft version from this package" (mediator team, lead or
 * member): asks for the new version's slug and label, POSTs the package, then
 * says what was made with a link to it — or why not (slug taken, refused).
 */

import { Alert, Anchor, Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { AnalysisPackage, MadeVersion } from '../../api/analysis-types.ts';
import { makeVersionFromPackage } from '../../api/endpoints.ts';
import { ApiError } from '../../api/errors.ts';
import { AnchorLink } from '../../components/links.tsx';
import { errorText } from '../../components/query-state.tsx';
import { SLUG_PATTERN } from './analysis-format.ts';

export interface MakeVersionTarget {
  /** What the package is, in words ("improvement 1", "top package 2"). */
  readonly what: string;
  readonly package: AnalysisPackage;
}

/** The version's URL in the API, as a plain numbered draft. */
export const versionUrl = (process: string, text: string, version: string) =>
  `/api/v1/processes/${encodeURIComponent(process)}/texts/${encodeURIComponent(text)}/versions/${encodeURIComponent(version)}?format=plain`;

function failure(
  error: unknown,
  slug: string,
): { title: string; message: string; problems: string[] } {
  if (error instanceof ApiError && error.status === 409)
    return {
      title: 'This slug is taken',
      message: `The text already has a version “${slug}”: choose another slug.`,
      problems: [],
    };
  const { title, message } = errorText(error);
  return {
    title,
    message,
    problems: error instanceof ApiError ? error.problems.map((p) => `${p.path}: ${p.message}`) : [],
  };
}

export function MakeVersionDialog({
  process,
  text,
  from,
  target,
  suggestedSlug,
  onClose,
  onAnalyse,
}: {
  process: string;
  text: string;
  /** The version the new one derives from (the draft's). */
  from: string | undefined;
  /** Mount with a `key` per target: the fields start from `suggestedSlug`. */
  target: MakeVersionTarget;
  suggestedSlug: string;
  onClose: () => void;
  /** Makes the new version the page's draft. */
  onAnalyse: (version: string) => void;
}) {
  const queryClient = useQueryClient();
  const [slug, setSlug] = useState(suggestedSlug);
  const [label, setLabel] = useState('');
  const [made, setMade] = useState<MadeVersion | undefined>(undefined);
  const mutation = useMutation({
    mutationFn: (body: { version: string; label?: string; from?: string }) =>
      makeVersionFromPackage(process, text, { ...body, package: target.package }),
    onSuccess: async (result) => {
      setMade(result);
      await queryClient.invalidateQueries({ queryKey: ['texts', process] });
      await queryClient.invalidateQueries({ queryKey: ['dashboard', process] });
    },
  });
  const slugError =
    slug === ''
      ? undefined
      : !SLUG_PATTERN.test(slug) || slug.length > 64
        ? 'Lower-case letters, digits and single dashes (at most 64), e.g. v3-improved'
        : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (slug === '' || slugError !== undefined) return;
    mutation.mutate({
      version: slug,
      ...(label.trim() === '' ? {} : { label: label.trim() }),
      ...(from === undefined ? {} : { from }),
    });
  };
  const close = () => {
    setMade(undefined);
    mutation.reset();
    onClose();
  };
  const problem = mutation.isError ? failure(mutation.error, slug) : undefined;
  return (
    <Modal opened onClose={close} title="Make a new draft version from this package" size="lg">
      {made === undefined ? (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              From {target.what}: a private draft of “{text}”
              {from === undefined ? '' : `, derived from version “${from}”`}, in which each
              provision tied to an issue proposes the package’s option.
            </Text>
            <TextInput
              label="New version slug"
              description="Its identity in the text, e.g. v3-improved"
              required
              data-autofocus
              value={slug}
              onChange={(event) => setSlug(event.currentTarget.value)}
              error={slugError}
              maxLength={64}
            />
            <TextInput
              label="Label"
              description="Optional: what people will call it (default: the slug)"
              value={label}
              onChange={(event) => setLabel(event.currentTarget.value)}
              maxLength={500}
            />
            {problem !== undefined && (
              <Alert color="red" title={problem.title} role="alert">
                <Text size="sm">{problem.message}</Text>
                {problem.problems.length > 0 && (
                  <List size="sm" mt="xs">
                    {problem.problems.map((p) => (
                      <List.Item key={p}>{p}</List.Item>
                    ))}
                  </List>
                )}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={mutation.isPending}
                disabled={slug === '' || slugError !== undefined}
              >
                Make the version
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack>
          <Alert color="green" title="Version made" role="status">
            <Text size="sm">
              Version “{made.version}” of “{made.text}” is a private draft for the mediator team.
              {made.written.length > 0 && ` Provisions written: ${made.written.join(', ')}.`}
              {made.skipped.length > 0 &&
                ` Issues not tied to a provision of the text (not written): ${made.skipped.join(', ')}.`}
            </Text>
            <Group gap="md" mt="xs">
              <AnchorLink
                to="/processes/$process/text"
                params={{ process }}
                search={{ text: made.text, version: made.version }}
                size="sm"
              >
                Open version “{made.version}”
              </AnchorLink>
              {from !== undefined && (
                <AnchorLink
                  to="/processes/$process/text/compare"
                  params={{ process }}
                  search={{ text: made.text, from, to: made.version }}
                  size="sm"
                >
                  Compare with “{from}”
                </AnchorLink>
              )}
              <Anchor
                href={versionUrl(process, made.text, made.version)}
                target="_blank"
                rel="noopener"
                size="sm"
              >
                Read version “{made.version}” (plain text)
              </Anchor>
            </Group>
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Close
            </Button>
            <Button
              onClick={() => {
                onAnalyse(made.version);
                close();
              }}
            >
              Analyse “{made.version}”
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
