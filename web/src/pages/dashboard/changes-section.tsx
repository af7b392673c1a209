import { Accordion, List, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Counted, Dashboard } from '../../api/types.ts';
import { DateText } from '../../components/date-text.tsx';
import { describeInstant } from '../../components/dates.ts';
import { EventItem } from '../../components/event-item.tsx';
import { Section } from '../../components/section.tsx';
import { StatementItem } from './statement-item.tsx';

/** One kind of change: how many (the accordion's button), the first few (its panel). */
function ChangeList<T>({
  title,
  list,
  render,
}: {
  title: string;
  list: Counted<T>;
  render: (item: T) => ReactNode;
}) {
  if (list.total === 0) return null;
  return (
    <Accordion.Item value={title}>
      <Accordion.Control>
        {title} ({list.total})
      </Accordion.Control>
      <Accordion.Panel>
        <List listStyleType="none" spacing="xs" p={0}>
          {list.items.map((item, index) => (
            // Items of one list never move: their place is their key.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <List.Item key={index}>{render(item)}</List.Item>
          ))}
        </List>
        {list.total > list.items.length && (
          <Text size="xs" c="dimmed" mt="xs">
            and {list.total - list.items.length} more
          </Text>
        )}
      </Accordion.Panel>
    </Accordion.Item>
  );
}

/** What changed since the last visit (by the items' own dates, up to the dashboard's day). */
export function ChangesSection({
  changes,
  since,
  partyName,
}: {
  changes: Dashboard['changes'];
  since: string | undefined;
  partyName: (id: string) => string;
}) {
  if (since === undefined || changes === undefined)
    return (
      <Section title="Since your last visit">
        <Text size="sm" c="dimmed">
          Your first visit here (in this browser): next time, this lists what changed since.
        </Text>
      </Section>
    );
  const total =
    changes.versions.total +
    changes.events.total +
    changes.statements.total +
    changes.positions.total;
  return (
    <Section title={`Since your last visit (${describeInstant(since)})`}>
      {total === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing new up to the dashboard’s day.
        </Text>
      ) : (
        <Accordion multiple variant="contained" chevronPosition="left">
          <ChangeList
            title="Versions"
            list={changes.versions}
            render={({ text, version }) => (
              <Text size="sm">
                {version.label} ({text}, {version.status}){' '}
                {version.date && <DateText date={version.date} size="xs" />}
              </Text>
            )}
          />
          <ChangeList
            title="Events"
            list={changes.events}
            render={(event) => <EventItem event={event} partyName={partyName} />}
          />
          <ChangeList
            title="Statements"
            list={changes.statements}
            render={(statement) => <StatementItem statement={statement} partyName={partyName} />}
          />
          <ChangeList
            title="Positions"
            list={changes.positions}
            render={(position) => (
              <div>
                <Text size="sm">
                  {partyName(position.party)}: {position.stance.replaceAll('-', ' ')} on “
                  {position.provision}” ({position.text} {position.version}) ·{' '}
                  <DateText date={position.recorded} size="xs" />
                </Text>
                {position.note && (
                  <Text size="xs" c="dimmed">
                    {position.note}
                  </Text>
                )}
              </div>
            )}
          />
        </Accordion>
      )}
    </Section>
  );
}
