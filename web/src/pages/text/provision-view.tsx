/** A provision's wording: its body, or its open alternatives in brackets (the proposed one marked). */

import { Badge, Text } from '@mantine/core';
import type { Provision } from './text-api.ts';

export function ProvisionWording({ provision }: { provision: Omit<Provision, 'children'> }) {
  const alternatives = provision.alternatives ?? [];
  if (alternatives.length < 2) return <Text size="sm">{provision.body}</Text>;
  return (
    <div>
      <Text size="sm" c="dimmed">
        Open: {alternatives.length} alternatives in brackets
      </Text>
      <ul className="alternatives" aria-label="Alternatives">
        {alternatives.map((alternative, i) => (
          <li key={alternative.id}>
            <Text size="sm" span>
              {i === 0 ? '[ ' : '/ '}
              {alternative.text}
              {i === alternatives.length - 1 ? ' ]' : ''}
            </Text>
            {provision.proposed === alternative.id && (
              <Badge size="xs" variant="light" ml="xs">
                proposed
              </Badge>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "4. Elections" — the displayed number and the heading, either of which may be missing. */
export function provisionTitle(
  number: string | undefined,
  heading: string | undefined,
  id: string,
) {
  const parts = [number, heading].filter((part) => part !== undefined && part !== '');
  return parts.length === 0 ? id : parts.join(' ');
}
