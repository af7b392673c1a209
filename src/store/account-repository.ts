/** Users, sessions and API tokens (hashes only), and team memberships. */

import type { Kysely } from 'kysely';
import type { PartyId, ProcessId } from '../core/ids.ts';
import type { Process } from '../core/process.ts';
import type { Membership, Team, TeamRole } from '../core/team.ts';
import type { Database } from './database.ts';
import { toProcess } from './record-rows.ts';

export interface UserRow {
  readonly id: number;
  readonly name: string;
  readonly displayName?: string;
  readonly passwordHash: string;
  readonly isAdmin: boolean;
  readonly disabledAt?: number;
}

/** A cookie session, an API token, or a calendar token (reads calendar feeds only). */
export type SessionKind = 'session' | 'token' | 'calendar';

export interface SessionRow {
  readonly id: number;
  readonly userId: number;
  readonly kind: SessionKind;
  readonly csrfToken?: string;
  readonly createdAt: number;
  readonly lastUsedAt: number;
  readonly expiresAt?: number;
  readonly revokedAt?: number;
}

export class AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async getUser(name: string): Promise<UserRow | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row === undefined ? undefined : toUser(row);
  }

  async getUserById(id: number): Promise<UserRow | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toUser(row);
  }

  async addUser(user: {
    name: string;
    displayName?: string;
    passwordHash: string;
    isAdmin: boolean;
    now: number;
  }): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        name: user.name,
        display_name: user.displayName ?? null,
        password_hash: user.passwordHash,
        is_admin: user.isAdmin ? 1 : 0,
        created_at: user.now,
      })
      .execute();
  }

  async disableUser(id: number, now: number): Promise<void> {
    await this.db.updateTable('users').set({ disabled_at: now }).where('id', '=', id).execute();
    await this.revokeAll(id, now);
  }

  async setPassword(id: number, passwordHash: string, now: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', id)
      .execute();
    await this.revokeAll(id, now);
  }

  async addSession(session: {
    userId: number;
    kind: SessionKind;
    tokenHash: string;
    csrfToken?: string;
    label?: string;
    now: number;
    expiresAt?: number;
  }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        user_id: session.userId,
        kind: session.kind,
        token_hash: session.tokenHash,
        csrf_token: session.csrfToken ?? null,
        label: session.label ?? null,
        created_at: session.now,
        last_used_at: session.now,
        expires_at: session.expiresAt ?? null,
      })
      .execute();
  }

  async getSession(tokenHash: string): Promise<SessionRow | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      id: row.id,
      userId: row.user_id,
      kind: row.kind as SessionRow['kind'],
      ...(row.csrf_token === null ? {} : { csrfToken: row.csrf_token }),
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
      ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    };
  }

  async touchSession(id: number, now: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_used_at: now }).where('id', '=', id).execute();
  }

  async revokeSession(id: number, now: number): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async revokeAll(userId: number, now: number): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Puts a user in a team of a process (replacing any membership there). */
  async setMembership(
    process: ProcessId,
    userId: number,
    team: Team,
    role: TeamRole,
  ): Promise<void> {
    const processRow = await this.db
      .selectFrom('processes')
      .select('id')
      .where('slug', '=', process)
      .executeTakeFirstOrThrow();
    let partyId: number | null = null;
    if (team.kind === 'delegation') {
      const party = await this.db
        .selectFrom('parties')
        .select('id')
        .where('process_id', '=', processRow.id)
        .where('slug', '=', team.party)
        .executeTakeFirstOrThrow();
      partyId = party.id;
    }
    await this.db
      .deleteFrom('team_members')
      .where('process_id', '=', processRow.id)
      .where('user_id', '=', userId)
      .execute();
    await this.db
      .insertInto('team_members')
      .values({
        process_id: processRow.id,
        user_id: userId,
        team: team.kind,
        party_id: partyId,
        role,
      })
      .execute();
  }

  /** The processes a user is a member of, with the team. */
  async membershipsOf(userId: number): Promise<{ process: ProcessId; membership: Membership }[]> {
    const rows = await this.db
      .selectFrom('team_members as m')
      .innerJoin('processes as p', 'p.id', 'm.process_id')
      .leftJoin('parties as pa', 'pa.id', 'm.party_id')
      .select(['p.slug as process', 'm.team', 'm.role', 'pa.slug as party'])
      .where('m.user_id', '=', userId)
      .orderBy('p.slug')
      .execute();
    return rows.map((row) => ({
      process: row.process as ProcessId,
      membership: membershipOf(row),
    }));
  }

  /**
   * A session or token with its user, in one query (every request asks):
   * undefined when there is no such session.
   */
  async sessionWithUser(
    tokenHash: string,
  ): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.id',
        's.user_id',
        's.kind',
        's.csrf_token',
        's.created_at',
        's.last_used_at',
        's.expires_at',
        's.revoked_at',
        'u.name',
        'u.display_name',
        'u.password_hash',
        'u.is_admin',
        'u.disabled_at',
      ])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      session: {
        id: row.id,
        userId: row.user_id,
        kind: row.kind as SessionRow['kind'],
        ...(row.csrf_token === null ? {} : { csrfToken: row.csrf_token }),
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
        ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
        ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
      },
      user: toUser({ ...row, id: row.user_id }),
    };
  }

  /**
   * A process and the user's membership in it (none without a user), in one
   * query (every request on a process asks); undefined when there is no such process.
   */
  async processWithMembership(
    process: ProcessId,
    userId: number | undefined,
  ): Promise<{ process: Process; membership: Membership | undefined } | undefined> {
    const row = await this.db
      .selectFrom('processes as p')
      .leftJoin('team_members as m', (join) =>
        join.onRef('m.process_id', '=', 'p.id').on('m.user_id', '=', userId ?? -1),
      )
      .leftJoin('parties as pa', 'pa.id', 'm.party_id')
      .select([
        'p.slug',
        'p.title',
        'p.description',
        'p.started',
        'p.status',
        'm.team',
        'm.role',
        'pa.slug as party',
      ])
      .where('p.slug', '=', process)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const { team, role, party } = row;
    return {
      process: toProcess(row),
      membership: team === null || role === null ? undefined : membershipOf({ team, role, party }),
    };
  }

  async membership(process: ProcessId, userId: number): Promise<Membership | undefined> {
    const row = await this.db
      .selectFrom('team_members as m')
      .innerJoin('processes as p', 'p.id', 'm.process_id')
      .leftJoin('parties as pa', 'pa.id', 'm.party_id')
      .select(['m.team', 'm.role', 'pa.slug as party'])
      .where('p.slug', '=', process)
      .where('m.user_id', '=', userId)
      .executeTakeFirst();
    return row === undefined ? undefined : membershipOf(row);
  }
}

function membershipOf(row: { team: string; role: string; party: string | null }): Membership {
  const team: Team =
    row.team === 'delegation'
      ? { kind: 'delegation', party: row.party as PartyId }
      : { kind: row.team as 'mediator' | 'observers' };
  return { team, role: row.role as TeamRole };
}

function toUser(row: {
  id: number;
  name: string;
  display_name: string | null;
  password_hash: string;
  is_admin: number;
  disabled_at: number | null;
}): UserRow {
  return {
    id: row.id,
    name: row.name,
    ...(row.display_name === null ? {} : { displayName: row.display_name }),
    passwordHash: row.password_hash,
    isAdmin: row.is_admin === 1,
    ...(row.disabled_at === null ? {} : { disabledAt: row.disabled_at }),
  };
}
