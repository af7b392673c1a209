import { Blockquote, Stack, Text } from '@mantine/core';
import type { Statement } from '../../api/types.ts';
import { DateText } from '../../components/date-text.tsx';

/** Who said what, when, where. */
export function StatementItem({
  statement,
  partyName,
}: {
  statement: Statement;
  partyName: (id: string) => string;
}) {
  const who = [statement.speaker, statement.party && partyName(statement.party)]
    .filter(Boolean)
    .join(', ');
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {who || 'Unnamed'}
        {statement.channel ? ` · ${statement.channel}` : ''}
      </Text>
      <DateText date={statement.date} size="xs" />
      {statement.form === 'quotation' ? (
        <Blockquote p="xs" mt={4}>
          {statement.text}
        </Blockquote>
      ) : (
        <Text size="sm">{statement.text}</Text>
      )}
    </Stack>
  );
}
