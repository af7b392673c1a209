/**
 * Reading and writing the negotiation record. Every method names its process
 * by slug; queries that return events or statements take the viewer and leave
 * out what the viewer may not see (and any reference to it).
 */

import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Appointment, AppointmentRole } from '../core/appointment.ts';
import type { Viewer } from '../core/audience.ts';
import { OPEN_END } from '../core/fuzzy-date.ts';
import type { EventId, PartyId, PersonId, ProcessId, SourceId } from '../core/ids.ts';
import type { NegotiationEvent } from '../core/negotiation-event.ts';
import { compareParties, type Party } from '../core/party.ts';
import type { Person } from '../core/person.ts';
import type { Process } from '../core/process.ts';
import type { ProcessRecord, RecordChanges } from '../core/process-record.ts';
import type { Source } from '../core/source.ts';
import type { Statement } from '../core/statement.ts';
import { type DayCount, dayCountsOfStarts, type TimelineQuery } from '../core/timeline.ts';
import { AnalysisRepository } from './analysis-repository.ts';
import type { BulkWriter } from './bulk-writer.ts';
import type { Database, DialectName } from './database.ts';
import { planEachRun } from './plan-hint.ts';
import {
  type EventLinks,
  toAppointment,
  toEvent,
  toParty,
  toPerson,
  toProcess,
  toSource,
  toStatement,
} from './record-rows.ts';
import { type Progress, RecordWriter } from './record-writer.ts';
import { TextRepository } from './text-repository.ts';

export interface ProcessSummary {
  readonly process: Process;
  readonly counts: { parties: number; people: number; events: number; statements: number };
}

/** A page of results: `hasMore` says whether another page follows. */
export interface Page<T> {
  readonly items: T[];
  readonly hasMore: boolean;
}

export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

export interface StatementQuery {
  readonly speakers?: readonly PersonId[];
  readonly parties?: readonly PartyId[];
  readonly event?: EventId;
}

export interface AppointmentQuery {
  /** The instant the appointments must (possibly) be held at. */
  readonly at: number;
  readonly parties?: readonly PartyId[];
  readonly roles?: readonly AppointmentRole[];
}

/** Instants bounding the dates of items: those that may fall on or after `from` and before `to`. */
export interface DateRange {
  /** Items whose date may fall at or after this instant (their date ends after it). */
  readonly from?: number;
  /** Items whose date may fall before this instant (their date starts before it). */
  readonly to?: number;
}

/** Some items and how many there are in all. */
export interface Counted<T> {
  readonly items: T[];
  readonly total: number;
}

type Db = Kysely<Database>;

export class RecordRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: DialectName,
    private readonly bulk: BulkWriter,
  ) {
    this.texts = new TextRepository(db, bulk);
    this.analysis = new AnalysisRepository(db);
  }

  private readonly texts: TextRepository;
  private readonly analysis: AnalysisRepository;

  /** Every process, with how many parties, people, events and statements the viewer may see. */
  async listProcesses(viewer: Viewer): Promise<ProcessSummary[]> {
    const count = (table: 'parties' | 'people') => (eb: ExpressionBuilder<Database, 'processes'>) =>
      eb
        .selectFrom(table)
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef(`${table}.process_id`, '=', 'processes.id');
    const hidden = viewer.kind !== 'operator';
    const rows = await this.db
      .selectFrom('processes')
      .selectAll()
      .select((eb) => [
        count('parties')(eb).as('parties'),
        count('people')(eb).as('people'),
        // Events and statements as the timeline and the statements show them (`selectEvents`,
        // `selectStatements`): a count says that a hidden item exists, so it counts only the others.
        eb
          .selectFrom('events as e')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('e.process_id', '=', 'processes.id')
          .$if(hidden, (q) => q.where('e.audience', '=', 'public'))
          .as('events'),
        eb
          .selectFrom('statements as s')
          .leftJoin('events as ev', 'ev.id', 's.event_id')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('s.process_id', '=', 'processes.id')
          .$if(hidden, (q) =>
            q
              .where('s.audience', '=', 'public')
              .where((w) => w.or([w('s.event_id', 'is', null), w('ev.audience', '=', 'public')])),
          )
          .as('statements'),
      ])
      .orderBy('slug')
      .execute();
    return rows.map((row) => ({
      process: toProcess(row),
      counts: {
        parties: Number(row.parties),
        people: Number(row.people),
        events: Number(row.events),
        statements: Number(row.statements),
      },
    }));
  }

  async getProcess(slug: ProcessId): Promise<Process | undefined> {
    const row = await this.db
      .selectFrom('processes')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row === undefined ? undefined : toProcess(row);
  }

  /** Within a transaction, holds off other writers to this process until it ends. */
  async lockProcess(slug: ProcessId): Promise<void> {
    // SQLite write transactions are already exclusive (BEGIN IMMEDIATE).
    if (this.dialect === 'postgres') {
      await this.db
        .selectFrom('processes')
        .select('id')
        .where('slug', '=', slug)
        .forUpdate()
        .execute();
    }
  }

  /** Writes `changes`, which turn the stored record into `after`. Call inside a transaction. */
  async applyChanges(
    after: ProcessRecord,
    changes: RecordChanges,
    progress?: Progress,
  ): Promise<void> {
    await new RecordWriter(this.db, this.bulk, changes, progress).apply(after);
  }

  /** The whole record of a process (every audience), or `undefined` if there is no such process. */
  async loadRecord(slug: ProcessId): Promise<ProcessRecord | undefined> {
    const process = await this.getProcess(slug);
    if (process === undefined) return undefined;
    const pid = this.processId(slug);
    const [sources, parties, people, appointments, eventRows, statements] = await Promise.all([
      this.db.selectFrom('sources').selectAll().where('process_id', '=', pid).execute(),
      this.db.selectFrom('parties').selectAll().where('process_id', '=', pid).execute(),
      this.db.selectFrom('people').selectAll().where('process_id', '=', pid).execute(),
      this.selectAppointments().where('a.process_id', '=', pid).execute(),
      this.selectEvents({ kind: 'operator' }).where('e.process_id', '=', pid).execute(),
      this.selectStatements({ kind: 'operator' }).where('s.process_id', '=', pid).execute(),
    ]);
    const links = await this.eventLinks({ process: slug });
    return {
      process,
      sources: sources.map(toSource),
      parties: parties.map(toParty),
      people: people.map(toPerson),
      appointments: appointments.map(toAppointment),
      events: eventRows.map((row) => toEvent(row, links)),
      statements: statements.map(toStatement),
      texts: await this.texts.loadTexts(slug),
      positions: await this.texts.positions(slug, {}, { kind: 'operator' }),
      issues: await this.analysis.issues(slug),
      profiles: await this.analysis.profiles(slug, { kind: 'operator' }),
    };
  }

  async listParties(process: ProcessId): Promise<Party[]> {
    const rows = await this.db
      .selectFrom('parties')
      .selectAll()
      .where('process_id', '=', this.processId(process))
      .execute();
    return rows.map(toParty).sort(compareParties);
  }

  async getPeople(process: ProcessId, slugs: readonly PersonId[]): Promise<Person[]> {
    if (slugs.length === 0) return [];
    const rows = await this.db
      .selectFrom('people')
      .selectAll()
      .where('process_id', '=', this.processId(process))
      .where('slug', 'in', [...new Set(slugs)])
      .execute();
    return rows.map(toPerson);
  }

  /** Every person's slug and names, for lookups by name and "did you mean" hints. */
  async listPeople(process: ProcessId): Promise<Person[]> {
    const rows = await this.db
      .selectFrom('people')
      .selectAll()
      .where('process_id', '=', this.processId(process))
      .execute();
    return rows.map(toPerson);
  }

  async listSources(process: ProcessId): Promise<Source[]> {
    const rows = await this.db
      .selectFrom('sources')
      .selectAll()
      .where('process_id', '=', this.processId(process))
      .execute();
    return rows.map(toSource);
  }

  async getSources(process: ProcessId, slugs: readonly SourceId[]): Promise<Source[]> {
    if (slugs.length === 0) return [];
    const rows = await this.db
      .selectFrom('sources')
      .selectAll()
      .where('process_id', '=', this.processId(process))
      .where('slug', 'in', [...new Set(slugs)])
      .execute();
    return rows.map(toSource);
  }

  /**
   * Appointments that may be held at `query.at`: started no later than it and
   * not certainly ended by it. The caller decides certainty (`tenuresAt`).
   */
  async appointmentsAround(process: ProcessId, query: AppointmentQuery): Promise<Appointment[]> {
    let q = this.selectAppointments()
      .where('a.process_id', '=', this.processId(process))
      .where('a.from_start', '<=', query.at)
      .where((eb) => eb.or([eb('a.to_end', 'is', null), eb('a.to_end', '>', query.at + 1)]));
    if (query.parties !== undefined) {
      q = q.where(
        'a.party_id',
        'in',
        nonEmpty(await this.rowIds('parties', process, query.parties)),
      );
    }
    if (query.roles !== undefined) q = q.where('a.role', 'in', nonEmpty(query.roles));
    const rows = await q.orderBy('a.from_start').orderBy('a.key').execute();
    return rows.map(toAppointment);
  }

  /** Every appointment of the given people, oldest first. */
  async appointmentsOf(process: ProcessId, people: readonly PersonId[]): Promise<Appointment[]> {
    if (people.length === 0) return [];
    const rows = await this.selectAppointments()
      .where('a.process_id', '=', this.processId(process))
      .where('a.person_id', 'in', nonEmpty(await this.rowIds('people', process, people)))
      .orderBy('a.from_start')
      .orderBy('a.key')
      .execute();
    return rows.map(toAppointment);
  }

  /** A page of the timeline, in chronological order (see `matchesTimeline`). */
  async timeline(
    process: ProcessId,
    query: TimelineQuery,
    viewer: Viewer,
    page: PageRequest,
  ): Promise<Page<NegotiationEvent>> {
    const matches = await this.timelineFilter(process, query);
    const rows = await this.selectEvents(viewer)
      .modifyFront(planEachRun)
      .where(matches)
      .orderBy('e.date_start')
      .orderBy('e.date_end')
      .orderBy('e.slug')
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    const shown = rows.slice(0, page.limit);
    const links = await this.eventLinks(shown.map((row) => row.id));
    return { items: shown.map((row) => toEvent(row, links)), hasMore: rows.length > page.limit };
  }

  /**
   * The events of the timeline the viewer may see, counted by the UTC day they start on
   * (`dayCountsOf` is the definition): one row per day, not per event.
   */
  async timelineDayCounts(
    process: ProcessId,
    query: TimelineQuery,
    viewer: Viewer,
  ): Promise<DayCount[]> {
    const matches = await this.timelineFilter(process, query);
    // The events table alone (no joins: nothing but dates and statuses is read), so that
    // the timeline index covers the query; grouped by their start, which is the index's
    // order (no sorting), and merged into days here.
    let q = this.db.selectFrom('events as e').modifyFront(planEachRun).where(matches);
    if (viewer.kind !== 'operator') q = q.where('e.audience', '=', 'public');
    const rows = await q
      .select([
        'e.date_start as start',
        sql<number>`count(*)`.as('count'),
        sql<number>`sum(case when e.status = 'scheduled' then 1 else 0 end)`.as('scheduled'),
        sql<number>`min(e.date_end)`.as('first_end'),
        sql<number | null>`max(case when e.date_end < ${sql.lit(OPEN_END)} then e.date_end end)`.as(
          'last_end',
        ),
      ])
      .groupBy('e.date_start')
      .execute();
    return dayCountsOfStarts(
      rows.map((row) => ({
        start: Number(row.start),
        count: Number(row.count),
        scheduled: Number(row.scheduled),
        firstEnd: Number(row.first_end),
        lastEnd: row.last_end === null ? null : Number(row.last_end),
      })),
    );
  }

  /**
   * The timeline's filters (see `matchesTimeline`) as a condition on the events `e`;
   * what the viewer may see is the caller's part.
   */
  private async timelineFilter(process: ProcessId, query: TimelineQuery) {
    const pid = this.processId(process);
    const { from, to, kinds, statuses, parties, people, upcomingAsOf } = query;
    // Filters on lists are written as `e.id IN (…)`: with statistics (see `analyze`) the planner
    // then starts from the few matching events instead of walking the whole timeline.
    const partyIds =
      parties === undefined ? undefined : nonEmpty(await this.rowIds('parties', process, parties));
    const personIds =
      people === undefined ? undefined : nonEmpty(await this.rowIds('people', process, people));
    return (eb: ExpressionBuilder<Database & { e: Database['events'] }, 'e'>) => {
      const conditions = [eb('e.process_id', '=', pid)];
      if (from !== undefined) conditions.push(eb('e.date_end', '>', from.start));
      if (to !== undefined) conditions.push(eb('e.date_start', '<', to.end));
      if (kinds !== undefined) conditions.push(eb('e.kind', 'in', nonEmpty(kinds)));
      if (statuses !== undefined) conditions.push(eb('e.status', 'in', nonEmpty(statuses)));
      if (upcomingAsOf !== undefined) {
        conditions.push(eb('e.status', '!=', 'cancelled'));
        conditions.push(eb('e.date_end', '>', upcomingAsOf.start));
      }
      if (partyIds !== undefined)
        conditions.push(
          eb(
            'e.id',
            'in',
            eb.selectFrom('event_parties').select('event_id').where('party_id', 'in', partyIds),
          ),
        );
      if (personIds !== undefined) {
        const attended = eb
          .selectFrom('event_participants')
          .select('event_id')
          .where('person_id', 'in', personIds);
        const led = eb
          .selectFrom('events')
          .select('id as event_id')
          .where('led_by_id', 'in', personIds);
        conditions.push(eb('e.id', 'in', attended.union(led)));
      }
      return eb.and(conditions);
    };
  }

  async getEvent(
    process: ProcessId,
    slug: EventId,
    viewer: Viewer,
  ): Promise<NegotiationEvent | undefined> {
    const row = await this.selectEvents(viewer)
      .where('e.process_id', '=', this.processId(process))
      .where('e.slug', '=', slug)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return toEvent(row, await this.eventLinks([row.id]));
  }

  /** Slugs of every event the viewer may see. */
  async eventSlugs(process: ProcessId, viewer: Viewer): Promise<string[]> {
    let q = this.db
      .selectFrom('events')
      .select('slug')
      .where('process_id', '=', this.processId(process));
    if (viewer.kind !== 'operator') q = q.where('audience', '=', 'public');
    return (await q.execute()).map((row) => row.slug);
  }

  /** Events the viewer may see that follow up on `slug`. */
  async followUpsOf(
    process: ProcessId,
    slug: EventId,
    viewer: Viewer,
  ): Promise<NegotiationEvent[]> {
    const rows = await this.selectEvents(viewer)
      .where('e.process_id', '=', this.processId(process))
      .where('e.follow_up_of_id', 'in', nonEmpty(await this.rowIds('events', process, [slug])))
      .orderBy('e.date_start')
      .orderBy('e.slug')
      .execute();
    const links = await this.eventLinks(rows.map((row) => row.id));
    return rows.map((row) => toEvent(row, links));
  }

  /** A page of statements, oldest first. */
  async statements(
    process: ProcessId,
    query: StatementQuery,
    viewer: Viewer,
    page: PageRequest,
  ): Promise<Page<Statement>> {
    let q = this.selectStatements(viewer).where('s.process_id', '=', this.processId(process));
    const { speakers, parties, event } = query;
    if (speakers !== undefined) {
      q = q.where('s.speaker_id', 'in', nonEmpty(await this.rowIds('people', process, speakers)));
    }
    if (parties !== undefined) {
      q = q.where('s.party_id', 'in', nonEmpty(await this.rowIds('parties', process, parties)));
    }
    if (event !== undefined) {
      q = q.where('s.event_id', 'in', nonEmpty(await this.rowIds('events', process, [event])));
    }
    const rows = await q
      .orderBy('s.date_start')
      .orderBy('s.slug')
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    return { items: rows.slice(0, page.limit).map(toStatement), hasMore: rows.length > page.limit };
  }

  /**
   * The newest events the viewer may see whose date may fall within `range`
   * (newest first: by the end of their date, then its start), and how many
   * there are in all.
   */
  async recentEvents(
    process: ProcessId,
    range: DateRange,
    viewer: Viewer,
    limit: number,
  ): Promise<Counted<NegotiationEvent>> {
    let q = this.selectEvents(viewer).where('e.process_id', '=', this.processId(process));
    if (range.from !== undefined) q = q.where('e.date_end', '>', range.from);
    if (range.to !== undefined) q = q.where('e.date_start', '<', range.to);
    // The count comes with the rows (computed before the limit): one query instead of two.
    const rows = await q
      .select(sql<number>`count(*) over ()`.as('total'))
      .orderBy('e.date_end', 'desc')
      .orderBy('e.date_start', 'desc')
      .orderBy('e.slug')
      .limit(limit)
      .execute();
    const links = await this.eventLinks(rows.map((row) => row.id));
    return { items: rows.map((row) => toEvent(row, links)), total: Number(rows[0]?.total ?? 0) };
  }

  /**
   * The newest statements the viewer may see whose date may fall within
   * `range` (newest first, as `recentEvents`), and how many there are in all
   * (counted only with `count`).
   */
  async recentStatements(
    process: ProcessId,
    range: DateRange,
    viewer: Viewer,
    limit: number,
    count = true,
  ): Promise<Counted<Statement>> {
    let q = this.selectStatements(viewer).where('s.process_id', '=', this.processId(process));
    if (range.from !== undefined) q = q.where('s.date_end', '>', range.from);
    if (range.to !== undefined) q = q.where('s.date_start', '<', range.to);
    const rows = await q
      .select(sql<number>`${count ? sql`count(*) over ()` : sql`0`}`.as('total'))
      .orderBy('s.date_end', 'desc')
      .orderBy('s.date_start', 'desc')
      .orderBy('s.slug')
      .limit(limit)
      .execute();
    return {
      items: rows.map(toStatement),
      total: count ? Number(rows[0]?.total ?? 0) : rows.length,
    };
  }

  private processId(slug: ProcessId) {
    return this.db.selectFrom('processes').select('id').where('slug', '=', slug);
  }

  private selectAppointments() {
    return this.db
      .selectFrom('appointments as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .leftJoin('parties as pa', 'pa.id', 'a.party_id')
      .leftJoin('people as rb', 'rb.id', 'a.replaced_by_id')
      .leftJoin('sources as so', 'so.id', 'a.source_id')
      .leftJoin('sources as es', 'es.id', 'a.end_source_id')
      .select([
        'a.key',
        'p.slug as person',
        'pa.slug as party',
        'a.title',
        'a.role',
        'a.from_text',
        'a.to_text',
        'a.end_reason',
        'rb.slug as replaced_by',
        'a.end_note',
        'es.slug as end_source',
        'a.note',
        'so.slug as source',
      ]);
  }

  /** Events the viewer may see, with the follow-up reference only when its target is visible too. */
  private selectEvents(viewer: Viewer) {
    let q = this.db
      .selectFrom('events as e')
      .leftJoin('people as lb', 'lb.id', 'e.led_by_id')
      .leftJoin('events as f', (join) => {
        const on = join.onRef('f.id', '=', 'e.follow_up_of_id');
        return viewer.kind === 'operator' ? on : on.on('f.audience', '=', 'public');
      })
      .select([
        'e.id',
        'e.slug',
        'e.kind',
        'e.status',
        'e.title',
        'e.date_text',
        'e.place',
        'e.duration',
        'lb.slug as led_by',
        'e.outcome',
        'e.description',
        'f.slug as follow_up_of',
        'e.audience',
      ]);
    if (viewer.kind !== 'operator') q = q.where('e.audience', '=', 'public');
    return q;
  }

  /** Statements the viewer may see: public ones, and none made at an event hidden from the viewer. */
  private selectStatements(viewer: Viewer) {
    let q = this.db
      .selectFrom('statements as s')
      .leftJoin('people as sp', 'sp.id', 's.speaker_id')
      .leftJoin('parties as pa', 'pa.id', 's.party_id')
      .leftJoin('events as ev', 'ev.id', 's.event_id')
      .leftJoin('sources as so', 'so.id', 's.source_id')
      .select([
        's.slug',
        's.explicit_slug',
        'sp.slug as speaker',
        'pa.slug as party',
        's.date_text',
        'ev.slug as event',
        's.form',
        's.text',
        's.audience',
        's.topics',
        's.channel',
        'so.slug as source',
      ]);
    if (viewer.kind !== 'operator') {
      q = q
        .where('s.audience', '=', 'public')
        .where((eb) => eb.or([eb('s.event_id', 'is', null), eb('ev.audience', '=', 'public')]));
    }
    return q;
  }

  /** Row ids of the given slugs in a table of the process. */
  private async rowIds(
    table: 'parties' | 'people' | 'events',
    process: ProcessId,
    slugs: readonly string[],
  ): Promise<number[]> {
    const rows = await this.db
      .selectFrom(table)
      .select('id')
      .where('process_id', '=', this.processId(process))
      .where('slug', 'in', nonEmpty(slugs))
      .execute();
    return rows.map((row) => row.id);
  }

  /** Participants, parties and sources, in order, of the given events or of every event of a process. */
  private async eventLinks(
    events: readonly number[] | { process: ProcessId },
  ): Promise<EventLinks> {
    const links: EventLinks = { participants: new Map(), parties: new Map(), sources: new Map() };
    if (Array.isArray(events) && events.length === 0) return links;
    if (Array.isArray(events)) return this.linksOf(events, links);
    const load = async (
      table: 'event_participants' | 'event_parties' | 'event_sources',
      target: 'people' | 'parties' | 'sources',
      column: 'person_id' | 'party_id' | 'source_id',
      into: Map<number, string[]>,
    ) => {
      // The three link tables share one shape; the casts name one of them for the type checker.
      let q = this.db
        .selectFrom(`${table} as l` as 'event_participants as l')
        .innerJoin(`${target} as t` as 'people as t', 't.id', `l.${column}` as 'l.person_id')
        .select(['l.event_id', 't.slug']);
      if (Array.isArray(events)) q = q.where('l.event_id', 'in', [...events]);
      else {
        const process = (events as { process: ProcessId }).process;
        q = q
          .innerJoin('events as e', 'e.id', 'l.event_id')
          .where('e.process_id', '=', this.processId(process));
      }
      const rows = await q.orderBy('l.event_id').orderBy('l.position').execute();
      for (const row of rows) {
        const list = into.get(row.event_id);
        if (list === undefined) into.set(row.event_id, [row.slug]);
        else list.push(row.slug);
      }
    };
    await Promise.all([
      load(
        'event_participants',
        'people',
        'person_id',
        links.participants as Map<number, string[]>,
      ),
      load('event_parties', 'parties', 'party_id', links.parties as Map<number, string[]>),
      load('event_sources', 'sources', 'source_id', links.sources as Map<number, string[]>),
    ]);
    return links;
  }

  /** The links of a few events, in one query: each page of events asks for them. */
  private async linksOf(events: readonly number[], links: EventLinks): Promise<EventLinks> {
    const ids = [...events];
    const rows = await this.db
      .selectFrom('event_participants as l')
      .innerJoin('people as t', 't.id', 'l.person_id')
      .select([sql<number>`0`.as('link'), 'l.event_id', 'l.position', 't.slug'])
      .where('l.event_id', 'in', ids)
      .unionAll(
        this.db
          .selectFrom('event_parties as l')
          .innerJoin('parties as t', 't.id', 'l.party_id')
          .select([sql<number>`1`.as('link'), 'l.event_id', 'l.position', 't.slug'])
          .where('l.event_id', 'in', ids),
      )
      .unionAll(
        this.db
          .selectFrom('event_sources as l')
          .innerJoin('sources as t', 't.id', 'l.source_id')
          .select([sql<number>`2`.as('link'), 'l.event_id', 'l.position', 't.slug'])
          .where('l.event_id', 'in', ids),
      )
      .execute();
    rows.sort((a, b) => a.event_id - b.event_id || a.position - b.position);
    const into = [links.participants, links.parties, links.sources] as Map<number, string[]>[];
    for (const row of rows) {
      const map = into[Number(row.link)] as Map<number, string[]>;
      const list = map.get(row.event_id);
      if (list === undefined) map.set(row.event_id, [row.slug]);
      else list.push(row.slug);
    }
    return links;
  }
}

/** Guards `IN ()`, which is a syntax error: an empty filter matches nothing. */
function nonEmpty<T>(values: readonly T[]): T[] {
  return values.length === 0 ? [null as T] : [...values];
}
