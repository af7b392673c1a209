import { Badge, Group, List, Stack, Text } from '@mantine/core';
import type { TextStatus } from '../../api/types.ts';
import { DateText } from '../../components/date-text.tsx';

/** Each text's current version (the newest the user may read) and its open provisions. */
export function TextStatusList({ texts }: { texts: readonly TextStatus[] }) {
  if (texts.length === 0) return <Text c="dimmed">No text yet.</Text>;
  return (
    <List listStyleType="none" spacing="sm" p={0}>
      {texts.map((text) => (
        <List.Item key={text.id}>
          <Stack gap={2}>
            <Text fw={600}>{text.title}</Text>
            {text.current === null ? (
              <Text size="sm" c="dimmed">
                No version you may read yet.
              </Text>
            ) : (
              <>
                <Group gap="xs">
                  <Text size="sm">{text.current.label}</Text>
                  <Badge size="xs" variant="light">
                    {text.current.status}
                  </Badge>
                  <Badge
                    size="xs"
                    variant="outline"
                    color={text.current.audience === 'public' ? 'green' : 'orange'}
                  >
                    {text.current.audience === 'public' ? 'published' : 'not published'}
                  </Badge>
                </Group>
                {text.current.date && <DateText date={text.current.date} size="xs" />}
                <Text size="sm">
                  {text.current.openProvisions === 0
                    ? `No open provision (of ${text.current.provisionCount})`
                    : `${text.current.openProvisions} of ${text.current.provisionCount} provisions open`}
                  {` · ${text.versions} version${text.versions === 1 ? '' : 's'} you may read`}
                </Text>
              </>
            )}
          </Stack>
        </List.Item>
      ))}
    </List>
  );
}
