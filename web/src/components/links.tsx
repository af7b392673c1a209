/** Router links styled as Mantine components (typed routes, preloading, keyboard and screen-reader friendly). */

import {
  Anchor,
  type AnchorProps,
  Button,
  type ButtonProps,
  NavLink,
  type NavLinkProps,
} from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { AnchorHTMLAttributes } from 'react';

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

/** The link to the briefing for an event (the page, which links its PDF). */
export function BriefingLink({ process, event }: { process: string; event: string }) {
  return (
    <AnchorLink to="/processes/$process/briefing/$event" params={{ process, event }} size="xs">
      Briefing
    </AnchorLink>
  );
}
