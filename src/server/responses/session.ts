/** The answers of the account routes (`routes/session.ts`): signing in, and who am I. */

import { z } from 'zod';
import { TEAM_ROLES } from '../../core/team.ts';

/** POST /api/v1/session */
export const signedInJson = z
  .strictObject({
    user: z.string(),
    csrfToken: z
      .string()
      .meta({ description: 'Send it as `x-csrf-token` with every unsafe request.' }),
  })
  .meta({ id: 'SignedIn' });

/** A team of a process (`core/team.ts`). */
export const teamJson = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('mediator') }),
    z.strictObject({ kind: z.literal('delegation'), party: z.string() }),
    z.strictObject({ kind: z.literal('observers') }),
  ])
  .meta({
    id: 'Team',
    description: "The mediator team, a party's delegation, or the observers.",
  });

export const membershipJson = z
  .strictObject({ team: teamJson, role: z.enum(TEAM_ROLES) })
  .meta({ id: 'Membership', description: "A user's team in a process, and their role in it." });

/** GET /api/v1/me */
export const meJson = z
  .strictObject({
    user: z
      .strictObject({ name: z.string(), admin: z.boolean() })
      .nullable()
      .meta({ description: 'Null when not signed in (then nothing else is given).' }),
    via: z.enum(['session', 'token', 'calendar']).optional().meta({
      description:
        'How the request was authenticated: a session cookie, an API token, a calendar token.',
    }),
    csrfToken: z.string().optional().meta({
      description: 'For cookie sessions: the token unsafe requests must echo in `x-csrf-token`.',
    }),
    membership: membershipJson
      .optional()
      .meta({ description: 'Your team in the process asked about (?process=), if any.' }),
  })
  .meta({ id: 'Me' });
