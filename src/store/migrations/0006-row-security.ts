/**
 * The second wall (PostgreSQL only; nothing on SQLite): row-level security
 * policies that mirror the read rules of `core/audience.ts`, so that a query
 * which forgets its viewer's filter still cannot return another party's
 * confidential rows. Policies read the viewer from settings local to the
 * transaction (`store/postgres-store.ts`): `concord.viewer` (operator, public,
 * mediator or party) and `concord.party` (the party's slug). A transaction that
 * sets nothing reads as the public. FORCE makes the tables' owner (the role
 * Concord connects as) subject to the policies too; superusers and BYPASSRLS
 * roles are not, which is why `concord serve` refuses them.
 *
 * - events: public ones, or all for the operator; their participants, parties
 *   and sources (which tell who met) go with them.
 * - statements: public ones not made at a hidden event.
 * - text_versions: published ones; the mediator's; a party's when circulated
 *   to it. provisions go with their version (its policy applies in the check).
 * - positions, profiles: own party's (any audience), the mediator's
 *   (`mediator` and `public`), everyone's `public` ones.
 * - version_circulation is readable by all: the policy of text_versions reads
 *   it (a policy reading it back would recurse) and it holds row ids only.
 *   Writes to it, as to versions and provisions, are the operator's and the
 *   mediator's.
 * Writes: the operator everywhere; the mediator on texts' versions; a party's
 * delegation its own positions (on versions it sees) and its own profile.
 * Processes, parties, people, sources, appointments, texts, issues, accounts
 * and the audit chain hold nothing confidential to a party: no policies.
 */

import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

// In a scalar subquery: read once per query (an InitPlan), not once per row.
const VIEWER = "(select current_setting('concord.viewer', true))";
const OPERATOR = `${VIEWER} = 'operator'`;
const MEDIATOR = `${VIEWER} = 'mediator'`;
const PARTY_IDS =
  "select p.id from parties p where p.slug = (select current_setting('concord.party', true))";

/** The viewer is `column`'s party's delegation. */
const ownParty = (column: string) => `(${VIEWER} = 'party' and ${column} in (${PARTY_IDS}))`;

/** `canSeePosition` (positions and profiles alike). */
const partyMaterial = (table: string) =>
  `${OPERATOR} or ${table}.audience = 'public' or (${MEDIATOR} and ${table}.audience <> 'party') or ${ownParty(`${table}.party_id`)}`;

/**
 * A scalar subquery rather than EXISTS: probed through the key row by row,
 * never hashed over every event, so joins on the link tables keep their
 * index plans (a hashed subplan made the planner give them up).
 */
const publicEvent = (column: string) =>
  `(select e.audience from events e where e.id = ${column}) = 'public'`;

interface TablePolicies {
  /** Which rows the viewer reads. */
  readonly read: string;
  /** Which rows the viewer may insert, update and delete. */
  readonly write: string;
  /** Which rows the viewer may insert, if not `write` (append-only material). */
  readonly insert?: string;
}

export const ROW_SECURITY: Readonly<Record<string, TablePolicies>> = {
  events: { read: `${OPERATOR} or events.audience = 'public'`, write: OPERATOR },
  event_participants: {
    read: `${OPERATOR} or ${publicEvent('event_participants.event_id')}`,
    write: OPERATOR,
  },
  event_parties: {
    read: `${OPERATOR} or ${publicEvent('event_parties.event_id')}`,
    write: OPERATOR,
  },
  event_sources: {
    read: `${OPERATOR} or ${publicEvent('event_sources.event_id')}`,
    write: OPERATOR,
  },
  statements: {
    read: `${OPERATOR} or (statements.audience = 'public' and (statements.event_id is null or ${publicEvent('statements.event_id')}))`,
    write: OPERATOR,
  },
  text_versions: {
    read: `${OPERATOR} or ${MEDIATOR} or text_versions.audience = 'public' or (${VIEWER} = 'party' and exists (select 1 from version_circulation c where c.version_id = text_versions.id and c.party_id in (${PARTY_IDS})))`,
    write: `${OPERATOR} or ${MEDIATOR}`,
  },
  version_circulation: { read: 'true', write: `${OPERATOR} or ${MEDIATOR}` },
  provisions: {
    // The policy of text_versions applies inside: a provision is seen with its version.
    read: `${OPERATOR} or ${MEDIATOR} or exists (select 1 from text_versions v where v.id = provisions.version_id)`,
    write: `${OPERATOR} or ${MEDIATOR}`,
  },
  positions: {
    read: partyMaterial('positions'),
    write: OPERATOR,
    insert: `${OPERATOR} or (${ownParty('positions.party_id')} and exists (select 1 from text_versions v where v.id = positions.version_id))`,
  },
  profiles: {
    read: partyMaterial('profiles'),
    write: `${OPERATOR} or ${ownParty('profiles.party_id')}`,
  },
};

/** The statements that put the policies in place, in order. */
export function rowSecurityStatements(): string[] {
  return Object.entries(ROW_SECURITY).flatMap(([table, policy]) => [
    `alter table ${table} enable row level security`,
    `alter table ${table} force row level security`,
    `create policy ${table}_read on ${table} for select using (${policy.read})`,
    `create policy ${table}_insert on ${table} for insert with check (${policy.insert ?? policy.write})`,
    `create policy ${table}_update on ${table} for update using (${policy.write}) with check (${policy.write})`,
    `create policy ${table}_delete on ${table} for delete using (${policy.write})`,
  ]);
}

export function rowSecurityMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      for (const statement of rowSecurityStatements()) await sql.raw(statement).execute(db);
    },
  };
}
