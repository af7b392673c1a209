/**
 * The dashboard of a process: in one answer, what a member of a team needs
 * when they open it — the process, each party with who leads its delegation
 * on the day, the next events, the latest statements, each text's current
 * version with its open provisions, and, given the time of their last visit,
 * what changed since. Everything is filtered by the viewer, as every read is.
 *
 * Concord does not keep when an item was entered, so "changed since" goes by
 * the items' own dates: versions, events and statements dated, and positions
 * recorded, at or after `since` (possibly: a fuzzy date counts when it may
 * fall then) and no later than the dashboard's date.
 */

import { type AppointmentRole, compareAppointmentsByRank, tenuresAt } from '../core/appointment.ts';
import { canSeeVersion, OPERATOR, type Viewer } from '../core/audience.ts';
import { NotFoundError } from '../core/errors.ts';
import { type FuzzyDate, formatFuzzyDate } from '../core/fuzzy-date.ts';
import type { PersonId, ProcessId, TextId } from '../core/ids.ts';
import type { NegotiationEvent } from '../core/negotiation-event.ts';
import type { Party } from '../core/party.ts';
import type { Person } from '../core/person.ts';
import type { Process } from '../core/process.ts';
import type { Statement } from '../core/statement.ts';
import type { TextKind } from '../core/text/negotiating-text.ts';
import type { Position } from '../core/text/position.ts';
import { cachedRead, viewerKey } from '../store/read-cache.ts';
import type { Counted, Page } from '../store/record-repository.ts';
import type { Repositories, Store } from '../store/store.ts';
import type { TextSummary } from '../store/text-repository.ts';
import type { WhoEntry } from './record-service.ts';

/** Roles that lead a party's side, best first: the head of delegation, else a deputy, else an envoy. */
export const LEAD_ROLES: readonly AppointmentRole[] = [
  'head-of-delegation',
  'deputy-head-of-delegation',
  'envoy',
];

export const DEFAULT_DASHBOARD_LIMIT = 5;

export interface DashboardOptions {
  /** The day the dashboard is for: who leads, what is upcoming, the latest statements and versions. */
  readonly asOf: FuzzyDate;
  /** The last visit: report what changed since (at the start of this date). */
  readonly since?: FuzzyDate;
  /** How many upcoming events, latest statements and changed items of each kind (default 5). */
  readonly limit?: number;
}

/** A version without its provisions, with how many provisions it has and how many are open. */
export type CurrentVersion = TextSummary['versions'][number] & { readonly openProvisions: number };

export interface PartyLead {
  readonly party: Party;
  /** Who leads the party's side on the day (more than one when the record cannot tell which). */
  readonly leads: WhoEntry[];
}

export interface TextStatus {
  readonly id: TextId;
  readonly title: string;
  readonly kind: TextKind;
  /** How many versions the viewer may see. */
  readonly versions: number;
  /** The newest version the viewer may see, by the dashboard's date; none when there is none. */
  readonly current: CurrentVersion | null;
}

export interface VersionChange {
  readonly text: TextId;
  readonly version: TextSummary['versions'][number];
}

export interface DashboardChanges {
  readonly since: FuzzyDate;
  readonly versions: Counted<VersionChange>;
  readonly events: Counted<NegotiationEvent>;
  readonly statements: Counted<Statement>;
  readonly positions: Counted<Position>;
}

export interface Dashboard {
  readonly process: Process;
  readonly asOf: FuzzyDate;
  /** Who the answer was filtered for. */
  readonly viewer: Viewer;
  readonly parties: PartyLead[];
  /** The next events not cancelled, soonest first. */
  readonly upcoming: Page<NegotiationEvent>;
  /** The latest statements made by the dashboard's date, newest first. */
  readonly statements: Page<Statement>;
  readonly texts: TextStatus[];
  /** What changed since `since` (only when it is given). */
  readonly changes?: DashboardChanges;
}

export class DashboardService {
  constructor(
    private readonly store: Store,
    private readonly viewer: Viewer = OPERATOR,
  ) {
    this.store = store.forViewer(viewer);
  }

  /** The dashboard (kept while the database is unchanged: it is asked for often, and changes rarely). */
  dashboard(process: ProcessId, options: DashboardOptions): Promise<Dashboard> {
    const { asOf, since } = options;
    const limit = options.limit ?? DEFAULT_DASHBOARD_LIMIT;
    const key = [
      'dashboard',
      process,
      viewerKey(this.viewer),
      formatFuzzyDate(asOf),
      since === undefined ? '' : formatFuzzyDate(since),
      limit,
    ].join('\u0000');
    // On PostgreSQL, in one transaction: the viewer is named once, on one pooled connection,
    // rather than for each of the dozen queries. (On SQLite a transaction would take the write lock.)
    return cachedRead(this.store, key, () =>
      this.store.dialect === 'postgres'
        ? this.store.transaction((repositories) =>
            this.compute(repositories, process, asOf, since, limit),
          )
        : this.compute(this.store.repositories, process, asOf, since, limit),
    );
  }

  private async compute(
    { record, text }: Repositories,
    process: ProcessId,
    asOf: FuzzyDate,
    since: FuzzyDate | undefined,
    limit: number,
  ): Promise<Dashboard> {
    const until = asOf.end;
    const [info, parties, leads, upcoming, statements, texts, open] = await Promise.all([
      record.getProcess(process),
      record.listParties(process),
      record.appointmentsAround(process, { at: until - 1, roles: LEAD_ROLES }),
      record.timeline(process, { upcomingAsOf: asOf }, this.viewer, { limit, offset: 0 }),
      record.recentStatements(process, { to: until }, this.viewer, limit + 1, false),
      text.listTexts(process),
      text.openProvisionCounts(process),
    ]);
    if (info === undefined) throw new NotFoundError('process', process);
    const visibleTexts = texts.map((text) => ({
      ...text,
      versions: text.versions.filter((version) => canSeeVersion(this.viewer, version)),
    }));
    const dashboard: Dashboard = {
      process: info,
      asOf,
      viewer: this.viewer,
      parties: await this.partyLeads(record, process, parties, tenuresAt(leads, asOf)),
      upcoming,
      statements: {
        items: statements.items.slice(0, limit),
        hasMore: statements.items.length > limit,
      },
      texts: visibleTexts.map((text) => {
        const dated = text.versions.filter((v) => v.date === undefined || v.date.start < until);
        const current = dated[dated.length - 1];
        return {
          id: text.id,
          title: text.title,
          kind: text.kind,
          versions: text.versions.length,
          current:
            current === undefined
              ? null
              : { ...current, openProvisions: open.get(`${text.id}/${current.id}`) ?? 0 },
        };
      }),
    };
    if (since === undefined) return dashboard;
    return {
      ...dashboard,
      changes: await this.changes({ record, text }, process, visibleTexts, since, until, limit),
    };
  }

  /** Every party with who leads its side: the best-ranked leading role held on the day. */
  private async partyLeads(
    record: Repositories['record'],
    process: ProcessId,
    parties: readonly Party[],
    tenures: ReturnType<typeof tenuresAt>,
  ): Promise<PartyLead[]> {
    const people = new Map<string, Person>(
      (
        await record.getPeople(
          process,
          tenures.map((tenure) => tenure.appointment.person as PersonId),
        )
      ).map((person) => [person.id, person]),
    );
    return parties.map((party) => {
      const held = tenures
        .filter((tenure) => tenure.appointment.party === party.id)
        .sort((a, b) => compareAppointmentsByRank(a.appointment, b.appointment));
      const best = held[0]?.appointment.role;
      return {
        party,
        leads: held
          .filter((tenure) => tenure.appointment.role === best)
          .map((tenure) => ({
            person: people.get(tenure.appointment.person) as Person,
            tenure,
          })),
      };
    });
  }

  private async changes(
    { record, text }: Pick<Repositories, 'record' | 'text'>,
    process: ProcessId,
    texts: readonly TextSummary[],
    since: FuzzyDate,
    until: number,
    limit: number,
  ): Promise<DashboardChanges> {
    const range = { from: since.start, to: until };
    const visible = texts.flatMap((text) =>
      text.versions.map((version) => ({ text: text.id, version: version.id })),
    );
    const [events, statements, positions] = await Promise.all([
      record.recentEvents(process, range, this.viewer, limit),
      record.recentStatements(process, range, this.viewer, limit),
      text.recentPositions(process, visible, range, this.viewer, limit),
    ]);
    const versions = texts
      .flatMap((text) => text.versions.map((version) => ({ text: text.id, version })))
      .filter(
        ({ version }) =>
          version.date !== undefined &&
          version.date.end > range.from &&
          version.date.start < range.to,
      )
      .sort((a, b) => newestFirst(a.version.date as FuzzyDate, b.version.date as FuzzyDate));
    return {
      since,
      versions: { items: versions.slice(0, limit), total: versions.length },
      events,
      statements,
      positions,
    };
  }
}

/** Newest first: by the end of the date, then by its start. */
function newestFirst(a: FuzzyDate, b: FuzzyDate): number {
  return b.end - a.end || b.start - a.start;
}
