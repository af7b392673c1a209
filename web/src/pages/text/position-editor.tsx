/**
 * A delegation records its stance on a provision in place. The write names
 * the latest position the user saw (If-Match); when another was recorded
 * meanwhile the server answers 412 with it, and the user sees both, their
 * unsaved edit and the stored position, and chooses: record theirs over it,
 * or discard theirs. Nothing typed is lost until they choose.
 */

import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DateText } from '../../components/date-text.tsx';
import { ErrorAlert } from '../../components/query-state.tsx';
import { stanceWords } from './stance.tsx';
import {
  type Alternative,
  POSITION_AUDIENCES,
  type PositionAudience,
  PositionConflict,
  type PositionDraft,
  recordPosition,
  STANCES,
  type Stance,
  type TaggedPosition,
} from './text-api.ts';

export interface EditTarget {
  readonly provision: string;
  readonly title: string;
  readonly wording: string;
  readonly alternatives: readonly Alternative[];
  readonly party: string;
  readonly partyName: string;
  /** The latest position the user saw there (its tag goes in If-Match). */
  readonly seen: TaggedPosition | undefined;
}

interface Draft {
  stance: Stance;
  wording: string;
  alternative: string | null;
  note: string;
  audience: PositionAudience;
}

const AUDIENCE_WORDS: Record<PositionAudience, string> = {
  party: 'Our delegation only',
  mediator: 'Us and the mediator',
  public: 'Everyone',
};

function draftOf(seen: TaggedPosition | undefined): Draft {
  return {
    stance: (seen?.stance as Stance | undefined) ?? 'undecided',
    wording: seen?.wording ?? '',
    alternative: seen?.alternative ?? null,
    note: '',
    audience: seen?.audience ?? 'party',
  };
}

export function PositionEditor({
  process,
  text,
  version,
  target,
  onClose,
  onRecorded,
}: {
  process: string;
  text: string;
  version: string;
  target: EditTarget;
  onClose: () => void;
  onRecorded: (position: TaggedPosition) => void;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(target.seen));
  const [seen, setSeen] = useState<TaggedPosition | undefined>(target.seen);
  const [conflict, setConflict] = useState<PositionConflict | undefined>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['positions', process, text] });
  const save = useMutation({
    mutationFn: (over: TaggedPosition | undefined) => {
      const body: PositionDraft = {
        version,
        provision: target.provision,
        party: target.party,
        stance: draft.stance,
        audience: draft.audience,
        ...(draft.stance === 'accepts-with-changes' && draft.wording.trim() !== ''
          ? { wording: draft.wording.trim() }
          : {}),
        ...(draft.alternative === null ? {} : { alternative: draft.alternative }),
        ...(draft.note.trim() === '' ? {} : { note: draft.note.trim() }),
      };
      return recordPosition(process, text, body, over?.tag ?? '*');
    },
    onSuccess: (position) => {
      void refresh();
      onRecorded(position);
    },
    onError: (error) => {
      if (error instanceof PositionConflict) {
        setConflict(error);
        void refresh();
      }
    },
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const needsWording = draft.stance === 'accepts-with-changes' && draft.wording.trim() === '';
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={
        <Text fw={700} component="span">
          {target.partyName}’s stance on {target.title}
        </Text>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!needsWording) save.mutate(seen);
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {target.wording}
          </Text>
          {conflict && (
            <ConflictPanel
              conflict={conflict}
              draft={draft}
              onReapply={() => {
                const current = conflict.current;
                setSeen(current);
                setConflict(undefined);
                save.mutate(current);
              }}
              onDiscard={onClose}
            />
          )}
          <Select
            label="Stance"
            data={STANCES.map((s) => ({ value: s, label: stanceWords(s) }))}
            value={draft.stance}
            onChange={(value) => value !== null && set('stance', value as Stance)}
            allowDeselect={false}
            data-autofocus
          />
          {draft.stance === 'accepts-with-changes' && (
            <Textarea
              label="The wording you propose"
              value={draft.wording}
              onChange={(event) => set('wording', event.currentTarget.value)}
              autosize
              minRows={2}
              required
              error={needsWording ? 'Say which wording you would accept' : undefined}
            />
          )}
          {target.alternatives.length >= 2 && (
            <Select
              label="About the alternative"
              placeholder="The provision as a whole"
              data={target.alternatives.map((a) => ({ value: a.id, label: a.text }))}
              value={draft.alternative}
              onChange={(value) => set('alternative', value)}
              clearable
            />
          )}
          <Textarea
            label="Note"
            value={draft.note}
            onChange={(event) => set('note', event.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="audience-label">
              Who may read it
            </Text>
            <SegmentedControl
              aria-labelledby="audience-label"
              value={draft.audience}
              onChange={(value) => set('audience', value as PositionAudience)}
              data={POSITION_AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_WORDS[a] }))}
              fullWidth
              orientation="horizontal"
            />
          </Stack>
          {save.isError && !(save.error instanceof PositionConflict) && (
            <ErrorAlert error={save.error} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={conflict !== undefined}>
              Record stance
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PositionSummary({
  stance,
  wording,
  alternative,
  note,
  audience,
}: {
  stance: string;
  wording?: string | undefined;
  alternative?: string | null | undefined;
  note?: string | undefined;
  audience: string;
}) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={700}>
        {stanceWords(stance)}
      </Text>
      {wording && <Text size="sm">Wording: {wording}</Text>}
      {alternative && <Text size="sm">On alternative: {alternative}</Text>}
      {note && <Text size="sm">Note: {note}</Text>}
      <Text size="xs" c="dimmed">
        Read by: {AUDIENCE_WORDS[audience as PositionAudience] ?? audience}
      </Text>
    </Stack>
  );
}

function ConflictPanel({
  conflict,
  draft,
  onReapply,
  onDiscard,
}: {
  conflict: PositionConflict;
  draft: Draft;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const current = conflict.current;
  return (
    <Alert color="orange" role="alert" title="Another stance was recorded meanwhile">
      <Stack gap="sm">
        <Text size="sm">
          Your edit is not saved yet. Compare it with the stance recorded since you opened this,
          then record yours over it or discard yours.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Card withBorder padding="xs" component="section" aria-label="Your unsaved edit">
            <Title order={3} size="h6" mb={4}>
              Your unsaved edit
            </Title>
            <PositionSummary
              stance={draft.stance}
              wording={draft.stance === 'accepts-with-changes' ? draft.wording : undefined}
              alternative={draft.alternative}
              note={draft.note}
              audience={draft.audience}
            />
          </Card>
          <Card withBorder padding="xs" component="section" aria-label="Recorded meanwhile">
            <Title order={3} size="h6" mb={4}>
              Recorded meanwhile
            </Title>
            {current === undefined ? (
              <Text size="sm">{conflict.message}</Text>
            ) : (
              <>
                <PositionSummary
                  stance={current.stance}
                  wording={current.wording}
                  alternative={current.alternative}
                  note={current.note}
                  audience={current.audience}
                />
                <DateText date={current.recorded} size="xs" />
              </>
            )}
          </Card>
        </SimpleGrid>
        <Group gap="xs">
          <Button size="xs" color="orange" onClick={onReapply}>
            Record mine over it
          </Button>
          <Button size="xs" variant="default" onClick={onDiscard}>
            Discard mine
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
