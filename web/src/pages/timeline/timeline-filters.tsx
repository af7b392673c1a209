import { Chip, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { memo } from 'react';
import { EVENT_KINDS, EVENT_STATUSES, type Party } from '../../api/types.ts';
import type { TimelineSearch } from '../../router.tsx';

const split = (list: string | undefined) => (list ? list.split(',') : []);
const join = (values: string[]) => (values.length === 0 ? undefined : values.join(','));

/**
 * Filters by party, kind and status; they live in the URL (comma-separated, as
 * the API takes them). Drawn again only when they or the parties change, not
 * when events arrive.
 */
export const TimelineFilters = memo(function TimelineFilters({
  search,
  parties,
  onChange,
}: {
  search: TimelineSearch;
  parties: readonly Party[];
  onChange: (search: TimelineSearch) => void;
}) {
  const set = (key: keyof TimelineSearch, values: string[]) => {
    const next = { ...search, [key]: join(values) };
    if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <MultiSelect
        label="Parties"
        placeholder={search.party ? undefined : 'Any party'}
        data={parties.map((party) => ({ value: party.id, label: party.name }))}
        value={split(search.party)}
        onChange={(values) => set('party', values)}
        clearable
        w={{ base: '100%', sm: 260 }}
      />
      <MultiSelect
        label="Kinds"
        placeholder={search.kind ? undefined : 'Any kind'}
        data={[...EVENT_KINDS]}
        value={split(search.kind)}
        onChange={(values) => set('kind', values)}
        clearable
        w={{ base: '100%', sm: 260 }}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="status-filter">
          Status
        </Text>
        <Chip.Group
          multiple
          value={split(search.status)}
          onChange={(values) => set('status', values)}
        >
          <Group gap="xs" role="group" aria-labelledby="status-filter">
            {EVENT_STATUSES.map((status) => (
              <Chip key={status} value={status} size="sm">
                {status}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>
    </Group>
  );
});
