/**
 * Accounts: users with argon2id password hashes, sessions and API tokens
 * (random 32-byte secrets; only their SHA-256 is stored), and team
 * memberships per process. Sessions end after `SESSION_IDLE_MS` without use
 * or `SESSION_ABSOLUTE_MS` after sign-in, whichever comes first; signing out,
 * disabling a user or changing a password revokes them. On a server's first
 * start `ensureAdmin` creates an administrator with a one-time password.
 */

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { digestOf } from '../core/audit.ts';
import { ConflictError, InvalidError, NotFoundError } from '../core/errors.ts';
import { isSlug, type ProcessId } from '../core/ids.ts';
import type { Process } from '../core/process.ts';
import { type Membership, type Team, type TeamRole, teamObject } from '../core/team.ts';
import type { UserRow } from '../store/account-repository.ts';
import { cachedRead } from '../store/read-cache.ts';
import type { Store } from '../store/store.ts';
import { OPERATOR_ACTOR } from './actor.ts';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/**
 * A session's last use is written at most this often: a write per request
 * (made durable on disk) would cost more than the request. The idle timeout
 * is thus judged to within a minute.
 */
export const SESSION_TOUCH_MS = 60_000;
export const MIN_PASSWORD_LENGTH = 12;

/** Who a request comes from. */
export interface Principal {
  readonly user: { readonly id: number; readonly name: string; readonly isAdmin: boolean };
  readonly sessionId: number;
  /** A cookie session, an API token, or a calendar token (good for calendar feeds only). */
  readonly via: 'session' | 'token' | 'calendar';
  /** For cookie sessions: the token unsafe requests must echo in `x-csrf-token`. */
  readonly csrfToken?: string;
}

/** argon2id (`Algorithm.Argon2id` is a const enum, which this build cannot import: its value is 2). */
const ARGON2 = { algorithm: 2 as const };

export class AccountService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  private get accounts() {
    return this.store.repositories.accounts;
  }

  /** Adds a user; without a password one is generated and returned (shown once). */
  async addUser(
    name: string,
    options: { displayName?: string; admin?: boolean; password?: string } = {},
  ): Promise<{ name: string; password: string }> {
    if (!isSlug(name))
      throw InvalidError.of(
        `"${name}" is not a user name: use lower-case letters, digits and hyphens`,
      );
    const password = options.password ?? newSecret(18);
    if (password.length < MIN_PASSWORD_LENGTH)
      throw InvalidError.of(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
    const passwordHash = await hash(password, ARGON2);
    await this.store.transaction(async ({ accounts }) => {
      if ((await accounts.getUser(name)) !== undefined)
        throw new ConflictError(`there is already a user "${name}"`);
      await accounts.addUser({
        name,
        ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
        passwordHash,
        isAdmin: options.admin === true,
        now: this.now(),
      });
    });
    return { name, password };
  }

  /** Creates the administrator `admin` with a one-time password when there is no user yet. */
  async ensureAdmin(): Promise<{ name: string; password: string } | undefined> {
    if ((await this.accounts.countUsers()) > 0) return undefined;
    return this.addUser('admin', { admin: true, displayName: 'Administrator' });
  }

  /**
   * Sets a user's password (generated when not given) and revokes their
   * sessions and tokens; resolves to the password. `concord serve --demo`
   * resets the demo users' passwords this way at each start.
   */
  async setPassword(name: string, password: string = newSecret(18)): Promise<string> {
    if (password.length < MIN_PASSWORD_LENGTH)
      throw InvalidError.of(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
    const user = await this.accounts.getUser(name);
    if (user === undefined) throw new NotFoundError('user', name);
    await this.accounts.setPassword(user.id, await hash(password, ARGON2), this.now());
    return password;
  }

  /**
   * Disables a user and revokes every session and token of theirs; each
   * process they are a member of records it in its audit chain.
   */
  async disableUser(name: string, actor: string = OPERATOR_ACTOR): Promise<void> {
    await this.store.transaction(async ({ accounts, audit }) => {
      const user = await accounts.getUser(name);
      if (user === undefined) throw new NotFoundError('user', name);
      await accounts.disableUser(user.id, this.now());
      for (const { process, membership } of await accounts.membershipsOf(user.id))
        await audit.append(process, {
          at: this.now(),
          actor,
          object: teamObject(membership.team),
          operation: 'disable-member',
          after: digestOf({ user: name, ...membership }),
        });
    });
  }

  /** Checks a password and opens a cookie session. The same error for an unknown user as for a wrong password. */
  async signIn(
    name: string,
    password: string,
  ): Promise<{ token: string; csrfToken: string; user: string }> {
    const user = await this.accounts.getUser(name);
    // Verify against a real hash even for unknown users, so timing does not tell them apart.
    const ok = await verify(user?.passwordHash ?? (await dummyHash()), password).catch(() => false);
    if (user === undefined || !ok || user.disabledAt !== undefined)
      throw new InvalidError([{ path: '', message: 'wrong user name or password' }]);
    const token = newSecret(32);
    const csrfToken = newSecret(32);
    const now = this.now();
    await this.accounts.addSession({
      userId: user.id,
      kind: 'session',
      tokenHash: digest(token),
      csrfToken,
      now,
      expiresAt: now + SESSION_ABSOLUTE_MS,
    });
    return { token, csrfToken, user: user.name };
  }

  /** An API token for scripts (`Authorization: Bearer …`), shown once; it lasts until revoked or `expiresAt`. */
  async createToken(name: string, label: string, expiresAt?: number): Promise<string> {
    const user = await this.accounts.getUser(name);
    if (user === undefined || user.disabledAt !== undefined) throw new NotFoundError('user', name);
    const token = newSecret(32);
    await this.accounts.addSession({
      userId: user.id,
      kind: 'token',
      tokenHash: digest(token),
      label,
      now: this.now(),
      ...(expiresAt === undefined ? {} : { expiresAt }),
    });
    return token;
  }

  /**
   * A calendar token for a user: it reads calendar feeds (`…/calendar.ics?token=…`)
   * as the user and nothing else, so it may sit in a URL that calendar apps
   * keep. Shown once; it lasts until revoked (or the user is disabled).
   */
  async createCalendarToken(userId: number, label: string): Promise<string> {
    const token = newSecret(32);
    await this.accounts.addSession({
      userId,
      kind: 'calendar',
      tokenHash: digest(token),
      label,
      now: this.now(),
    });
    return token;
  }

  /** The principal behind a session cookie or a token, or undefined when it is unknown, revoked or expired. */
  async authenticate(
    secret: string,
    via: 'session' | 'token' | 'calendar',
  ): Promise<Principal | undefined> {
    // Kept while the database is unchanged: revoking, disabling or a new sign-in changes it.
    const hash = digest(secret);
    const found = await cachedRead(this.store, `session:${hash}`, () =>
      this.accounts.sessionWithUser(hash),
    );
    const now = this.now();
    if (found === undefined) return undefined;
    const { session, user } = found;
    if (session.kind !== via || session.revokedAt !== undefined) return undefined;
    if (session.expiresAt !== undefined && now >= session.expiresAt) return undefined;
    if (via === 'session' && now - session.lastUsedAt >= SESSION_IDLE_MS) return undefined;
    if (user.disabledAt !== undefined) return undefined;
    if (now - session.lastUsedAt >= SESSION_TOUCH_MS)
      await this.accounts.touchSession(session.id, now);
    return {
      user: { id: user.id, name: user.name, isAdmin: user.isAdmin },
      sessionId: session.id,
      via,
      ...(session.csrfToken === undefined ? {} : { csrfToken: session.csrfToken }),
    };
  }

  async signOut(principal: Principal): Promise<void> {
    await this.accounts.revokeSession(principal.sessionId, this.now());
  }

  /** Puts a user in a team of a process with a role (recorded in the process's audit chain). */
  async addMember(
    process: ProcessId,
    userName: string,
    team: Team,
    role: TeamRole,
    actor: string = OPERATOR_ACTOR,
  ): Promise<void> {
    await this.store.transaction(async ({ accounts, record, audit }) => {
      const user = await accounts.getUser(userName);
      if (user === undefined) throw new NotFoundError('user', userName);
      if (team.kind === 'delegation') {
        const parties = await record.listParties(process);
        if (!parties.some((p) => p.id === team.party))
          throw new NotFoundError(
            'party',
            team.party,
            `teams: mediator, observers, or a party: ${parties.map((p) => p.id).join(', ')}`,
          );
      }
      const before = await accounts.membership(process, user.id);
      await accounts.setMembership(process, user.id, team, role);
      await audit.append(process, {
        at: this.now(),
        actor,
        object: teamObject(team),
        operation: 'set-member',
        ...(before === undefined ? {} : { before: digestOf({ user: userName, ...before }) }),
        after: digestOf({ user: userName, team, role }),
      });
    });
  }

  /** A process and the user's membership in it (none without a user), or undefined without such a process. */
  processWithMembership(
    process: ProcessId,
    userId: number | undefined,
  ): Promise<{ process: Process; membership: Membership | undefined } | undefined> {
    return cachedRead(this.store, `process:${process}:${userId ?? ''}`, () =>
      this.accounts.processWithMembership(process, userId),
    );
  }

  membership(process: ProcessId, userId: number): Promise<Membership | undefined> {
    return this.accounts.membership(process, userId);
  }

  getUser(name: string): Promise<UserRow | undefined> {
    return this.accounts.getUser(name);
  }
}

/** Whether two secrets are equal, in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function newSecret(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

let dummy: Promise<string> | undefined;
/** The argon2id hash of a random password nobody knows (made once, when first needed). */
function dummyHash(): Promise<string> {
  dummy ??= hash(newSecret(18), ARGON2);
  return dummy;
}
