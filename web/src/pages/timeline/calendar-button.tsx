/**
 * The events in a calendar app: download the .ics file (with the session),
 * or, signed in, make a subscription link that carries a calendar token
 * (calendar apps cannot send the session cookie). The token only reads
 * calendar feeds, and is shown once.
 */

import { Button, CopyButton, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client.ts';
import { meQuery } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/query-state.tsx';

function feedPath(process: string): string {
  return `/api/v1/processes/${encodeURIComponent(process)}/calendar.ics`;
}

export function CalendarButton({ process }: { process: string }) {
  const me = useQuery(meQuery(process));
  const [opened, setOpened] = useState(false);
  const link = useMutation({
    mutationFn: (): Promise<{ token: string; path: string }> =>
      call(
        api.POST('/api/v1/processes/{process}/calendar/tokens', {
          params: { path: { process } },
        }),
      ),
  });
  const url = link.data ? `${window.location.origin}${link.data.path}` : '';
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="xs">
            Calendar
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item component="a" href={feedPath(process)} download={`${process}.ics`}>
            Download .ics
          </Menu.Item>
          <Menu.Item
            disabled={!me.data?.user}
            onClick={() => {
              setOpened(true);
              link.mutate();
            }}
          >
            {me.data?.user ? 'Subscribe in a calendar app…' : 'Subscribe (sign in first)'}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {/* Without scroll locking: it writes a <style> element the page's CSP refuses (no nonce). */}
      <Modal opened={opened} onClose={() => setOpened(false)} title="Subscribe to the events">
        {link.isError ? (
          <ErrorAlert error={link.error} onRetry={() => link.mutate()} />
        ) : link.isPending || !link.data ? (
          <Text size="sm">Making a link…</Text>
        ) : (
          <Stack gap="sm">
            <Text size="sm">
              Add this address to your calendar app as a subscription. It shows the events you may
              see, and only reads the calendar. It is shown once: keep it private.
            </Text>
            <TextInput label="Calendar address" value={url} readOnly />
            <Group gap="xs">
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Button size="xs" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
              <Button
                size="xs"
                variant="light"
                component="a"
                href={url.replace(/^https?:/, 'webcal:')}
              >
                Open in calendar app
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
