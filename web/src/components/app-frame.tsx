/** The frame of every page: a header (Concord, who is signed in), an optional navigation bar, the content. */

import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { AnchorLink } from './links.tsx';
import { UserMenu } from './user-menu.tsx';

export function AppFrame({
  nav,
  children,
}: {
  /** The navigation bar's content; `close` hides it again on a phone. */
  nav?: (close: () => void) => ReactNode;
  children: ReactNode;
}) {
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below the `sm` breakpoint (48em) the bar slides out of view when closed: then it is inert,
  // so that Tab and screen readers skip what cannot be seen.
  const phone = useMediaQuery('(max-width: 47.99em)');
  return (
    <AppShell
      header={{ height: 56 }}
      {...(nav ? { navbar: { width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } } } : {})}
      padding="md"
    >
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {nav && (
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? 'Close navigation' : 'Open navigation'}
                aria-expanded={opened}
              />
            )}
            <AnchorLink to="/processes" fw={700} size="lg" underline="never">
              Concord
            </AnchorLink>
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      {nav && (
        <AppShell.Navbar p="xs" aria-label="Process" inert={phone === true && !opened}>
          {nav(close)}
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
