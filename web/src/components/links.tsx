/** Router links styled as Mantine components (typed routes, preloading, keyboard and screen-reader friendly). */

import {
  Anchor,
  type AnchorProps,
  Button,
  type ButtonProps,
  NavLink,
  type NavLinkProps,
} from '@mantine/core';
import { createLink, useRouter } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';

type AnchorAttributes = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'>;

/** A text link to a route. */
export const AnchorLink = createLink((props: AnchorProps & AnchorAttributes) => (
  <Anchor component="a" {...props} />
));

/** A button-looking link to a route. */
export const ButtonLink = createLink((props: ButtonProps & AnchorAttributes) => (
  <Button component="a" {...props} />
));

/** An entry of a navigation bar; give it `activeProps={{ active: true }}`. */
export const NavLinkItem = createLink(
  (props: Omit<NavLinkProps, 'style'> & Omit<AnchorAttributes, 'onChange'>) => (
    <NavLink component="a" {...props} />
  ),
);

/**
 * The link to the briefing for an event (the page, which links its PDF). Lists
 * show one per upcoming event, so it is a plain anchor that the router follows
 * on a plain click: a router link computes its location and watches the
 * router's state, which costs a visible moment when a list of them is drawn.
 */
export function BriefingLink({ process, event }: { process: string; event: string }) {
  const router = useRouter();
  const href = `/processes/${encodeURIComponent(process)}/briefing/${encodeURIComponent(event)}`;
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    // New tabs and windows (modifier keys, other buttons) are the browser's.
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void router.navigate({ to: '/processes/$process/briefing/$event', params: { process, event } });
  };
  return (
    <Anchor href={href} onClick={follow} size="xs">
      Briefing
    </Anchor>
  );
}
