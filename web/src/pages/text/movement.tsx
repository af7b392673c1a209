/** How stances moved between two dates (GET …/positions/movement), the dates in the URL. */

import { Badge, Group, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Party } from '../../api/types.ts';
import { ErrorAlert, Loading } from '../../components/query-state.tsx';
import { stanceWords } from './stance.tsx';
import { historyQuery, movementQuery } from './text-api.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CHANGE_WORDS = { moved: 'moved', new: 'new', dropped: 'dropped', same: 'same' } as const;

/** The last day (YYYY-MM-DD) of a date's interval [start, end); its start's day when it has no end. */
function lastDay(start: string | null, end: string | null): string | undefined {
  if (end !== null) return new Date(Date.parse(end) - 1).toISOString().slice(0, 10);
  return start === null ? undefined : start.slice(0, 10);
}

export function MovementView({
  process,
  text,
  from,
  to,
  parties,
  provisionTitle,
  onDates,
}: {
  process: string;
  text: string;
  from: string | undefined;
  to: string | undefined;
  parties: readonly Party[];
  provisionTitle: (id: string) => string;
  onDates: (dates: { from?: string; to?: string }) => void;
}) {
  // Without dates in the URL: from the first stance the user may see, to today.
  const all = useQuery({ ...historyQuery(process, text, {}), enabled: from === undefined });
  // The first day a stance counts on: the last day of its recorded date (which may have no start).
  const first = all.data
    ?.map((p) => lastDay(p.recorded.start, p.recorded.end))
    .filter((day) => day !== undefined)
    .sort()[0];
  const today = new Date().toISOString().slice(0, 10);
  const fromDay = from ?? first;
  const toDay = to ?? today;
  const [fromInput, setFromInput] = useState<string | undefined>();
  const [toInput, setToInput] = useState<string | undefined>();
  const valid = fromDay !== undefined && DAY.test(fromDay) && DAY.test(toDay);
  const movement = useQuery({
    ...movementQuery(process, text, fromDay ?? '', toDay),
    enabled: valid,
  });
  const partyName = (id: string) => parties.find((p) => p.id === id)?.name ?? id;
  return (
    <>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label="From"
          value={fromInput ?? fromDay ?? ''}
          onChange={(event) => setFromInput(event.currentTarget.value)}
          onBlur={() => fromInput && DAY.test(fromInput) && onDates({ from: fromInput, to: toDay })}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && fromInput && DAY.test(fromInput))
              onDates({ from: fromInput, to: toDay });
          }}
        />
        <TextInput
          type="date"
          label="To"
          value={toInput ?? toDay}
          onChange={(event) => setToInput(event.currentTarget.value)}
          onBlur={() =>
            toInput && DAY.test(toInput) && fromDay && onDates({ from: fromDay, to: toInput })
          }
          onKeyDown={(event) => {
            if (event.key === 'Enter' && toInput && DAY.test(toInput) && fromDay)
              onDates({ from: fromDay, to: toInput });
          }}
        />
      </Group>
      {from === undefined && all.isPending ? (
        <Loading label="Finding the first stance" />
      ) : from === undefined && all.isError ? (
        <ErrorAlert error={all.error} onRetry={() => all.refetch()} />
      ) : fromDay === undefined ? (
        <Text c="dimmed">No stance you may see has been recorded on this text.</Text>
      ) : !valid ? (
        <Text c="red">Give both dates as YYYY-MM-DD.</Text>
      ) : movement.isPending ? (
        <Loading label="Loading the movement" />
      ) : movement.isError ? (
        <ErrorAlert error={movement.error} onRetry={() => movement.refetch()} />
      ) : movement.data.rows.length === 0 ? (
        <Text c="dimmed">
          No stance you may see moved between {fromDay} and {toDay}.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={`Stances that moved between ${fromDay} and ${toDay}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Provision</Table.Th>
                <Table.Th scope="col">Party</Table.Th>
                <Table.Th scope="col">On {fromDay}</Table.Th>
                <Table.Th scope="col">On {toDay}</Table.Th>
                <Table.Th scope="col">Change</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {movement.data.rows.map((row) => (
                <Table.Tr key={`${row.provision}/${row.party}`}>
                  <Table.Td>{provisionTitle(row.provision)}</Table.Td>
                  <Table.Td>{partyName(row.party)}</Table.Td>
                  <Table.Td>{row.before ? stanceWords(row.before.stance) : '—'}</Table.Td>
                  <Table.Td>{row.after ? stanceWords(row.after.stance) : '—'}</Table.Td>
                  <Table.Td>
                    <Badge
                      size="sm"
                      variant="light"
                      color={row.change === 'moved' ? 'orange' : 'blue'}
                    >
                      {CHANGE_WORDS[row.change]}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
