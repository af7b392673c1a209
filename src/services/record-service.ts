/**
 * Use cases on the negotiation record: import and export of scenario files,
 * and the questions people ask of the record (who held what as of a date, a
 * person's history, the timeline, an event with its delegations, statements).
 * The only layer that combines the store, the core rules and access rules.
 */

import { webcrypto } from 'node:crypto';
import {
  type Appointment,
  type AppointmentRole,
  compareAppointmentsByRank,
  type Tenure,
  tenuresAt,
} from '../core/appointment.ts';
import { OPERATOR, type Viewer } from '../core/audience.ts';
import { closest } from '../core/closest.ts';
import { type Delegation, delegationsAt } from '../core/delegation.ts';
import { InvalidError, NotFoundError } from '../core/errors.ts';
import {
  type FuzzyDate,
  formatFuzzyDate,
  lastInstant,
  OPEN_END,
  OPEN_START,
} from '../core/fuzzy-date.ts';
import type { EventId, PartyId, PersonId, ProcessId } from '../core/ids.ts';
import type { NegotiationEvent } from '../core/negotiation-event.ts';
import type { Party } from '../core/party.ts';
import { type Person, personMatches } from '../core/person.ts';
import type { Process } from '../core/process.ts';
import {
  type CollectionChanges,
  countChanges,
  diffRecords,
  type ProcessRecord,
  RECORD_COLLECTIONS,
  type RecordCollection,
} from '../core/process-record.ts';
import { checkRecord } from '../core/record-check.ts';
import { visibleRecord } from '../core/record-view.ts';
import type { Source } from '../core/source.ts';
import type { Statement } from '../core/statement.ts';
import type { Position } from '../core/text/position.ts';
import { type TimelineHistogram, type TimelineQuery, timelineHistogram } from '../core/timeline.ts';
import { readScenarioParallel } from '../io/scenario/scenario-read.ts';
import { writeScenario } from '../io/scenario/scenario-write.ts';
import { DEFAULT_YAML_LIMITS, type YamlLimits } from '../io/yaml-load.ts';
import { cachedRead, viewerKey } from '../store/read-cache.ts';
import type { Page, PageRequest, ProcessSummary } from '../store/record-repository.ts';
import type { Progress } from '../store/record-writer.ts';
import type { Store } from '../store/store.ts';
import { OPERATOR_ACTOR } from './actor.ts';

/** Imports that change at least this many items refresh the query planner's statistics. */
const ANALYZE_AFTER = 1_000;

export interface ImportOptions {
  /** Report what would change without writing anything. */
  readonly dryRun?: boolean;
  readonly limits?: YamlLimits;
  readonly onProgress?: Progress;
}

export interface ImportReport {
  readonly process: ProcessId;
  readonly processChange: 'added' | 'changed' | 'unchanged';
  readonly collections: Record<
    RecordCollection,
    { added: number; changed: number; removed: number; unchanged: number }
  >;
  /** Items added, changed or removed in all. */
  readonly total: number;
  readonly dryRun: boolean;
}

export interface WhoEntry {
  readonly person: Person;
  readonly tenure: Tenure;
}

export interface WhoGroup {
  readonly party: Party | undefined;
  readonly entries: WhoEntry[];
}

export interface PersonReport {
  readonly person: Person;
  readonly appointments: Appointment[];
  /** Names of the parties and people the appointments and events refer to. */
  readonly parties: Map<string, Party>;
  readonly people: Map<string, Person>;
  readonly events: Page<NegotiationEvent>;
  readonly statements: Page<Statement>;
}

export interface EventReport {
  readonly event: NegotiationEvent;
  readonly delegations: Delegation[];
  readonly people: Map<string, Person>;
  readonly parties: Map<string, Party>;
  readonly sources: Source[];
  readonly statements: Statement[];
  readonly followUps: NegotiationEvent[];
}

export interface ProcessReport {
  readonly summary: ProcessSummary;
  readonly parties: Party[];
  /** Heads of delegation as of the report's date, by party. */
  readonly heads: WhoGroup[];
  readonly upcoming: Page<NegotiationEvent>;
}

export class RecordService {
  constructor(
    private readonly store: Store,
    private readonly viewer: Viewer = OPERATOR,
  ) {
    this.store = store.forViewer(viewer);
  }

  private get repo() {
    return this.store.repositories.record;
  }

  /**
   * Imports a scenario file: the process in it is created, or brought to
   * exactly what the file says (items missing from the file are removed). One
   * transaction: a refused file changes nothing.
   */
  async importScenario(
    text: string,
    file: string,
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    const dryRun = options.dryRun === true;
    // The file's digest, for the audit entry, is computed on the thread pool meanwhile.
    const digest = dryRun ? undefined : fileDigest(text);
    const after = await readScenarioParallel(text, file, options.limits ?? DEFAULT_YAML_LIMITS);
    const plan = async (repo: typeof this.repo) => {
      await repo.lockProcess(after.process.id);
      const before = await repo.loadRecord(after.process.id);
      const whole = withRecordedPositions(after, before, file);
      const changes = diffRecords(before, whole);
      if (!dryRun && countChanges(changes) > 0)
        await repo.applyChanges(whole, changes, options.onProgress);
      return changes;
    };
    const changes = dryRun
      ? await plan(this.repo)
      : await this.store.transaction(async ({ record, audit }) => {
          const planned = await plan(record);
          if (countChanges(planned) > 0)
            await audit.append(after.process.id, {
              at: Date.now(),
              actor: OPERATOR_ACTOR,
              object: `process:${after.process.id}`,
              operation: planned.process === 'added' ? 'create' : 'import',
              after: await (digest ?? fileDigest(text)),
            });
          return planned;
        });
    if (!dryRun && countChanges(changes) >= ANALYZE_AFTER) await this.store.analyze();
    const summarise = <T>(c: CollectionChanges<T>) => ({
      added: c.added.length,
      changed: c.changed.length,
      removed: c.removed.length,
      unchanged: c.unchanged,
    });
    return {
      process: after.process.id,
      processChange: changes.process,
      collections: Object.fromEntries(
        RECORD_COLLECTIONS.map((name) => [
          name,
          summarise(changes[name] as CollectionChanges<unknown>),
        ]),
      ) as ImportReport['collections'],
      total: countChanges(changes),
      dryRun,
    };
  }

  /** The process as a scenario file (what the viewer may see). */
  async exportScenario(process: ProcessId): Promise<string> {
    const record = await this.repo.loadRecord(process);
    if (record === undefined) throw await this.processNotFound(process);
    return writeScenario(visibleRecord(record, this.viewer));
  }

  listProcesses(): Promise<ProcessSummary[]> {
    return this.repo.listProcesses(this.viewer);
  }

  /**
   * The process to work on: the one named, or the only one in the store.
   * Throws `NotFoundError` when the name is unknown or the choice is ambiguous.
   */
  async resolveProcess(slug: string | undefined): Promise<Process> {
    if (slug !== undefined) {
      const process = await this.repo.getProcess(slug as ProcessId);
      if (process === undefined) throw await this.processNotFound(slug);
      return process;
    }
    const all = await this.repo.listProcesses(this.viewer);
    if (all.length === 1 && all[0] !== undefined) return all[0].process;
    if (all.length === 0)
      throw new NotFoundError(
        'process',
        '(any)',
        'the database is empty; import a scenario file or run "concord demo"',
      );
    throw new NotFoundError(
      'default process',
      '(several)',
      `choose one with --process: ${all.map((p) => p.process.id).join(', ')}`,
    );
  }

  /** A process at a glance (kept until the next write: every page of the web app asks for it). */
  async showProcess(process: ProcessId, asOf: FuzzyDate): Promise<ProcessReport> {
    const key = ['process-report', process, viewerKey(this.viewer), formatFuzzyDate(asOf)];
    const report = await cachedRead(this.store, key.join('\u0000'), async () => {
      const summary = (await this.repo.listProcesses(this.viewer)).find(
        (p) => p.process.id === process,
      );
      if (summary === undefined) return undefined;
      const [parties, heads, upcoming] = await Promise.all([
        this.repo.listParties(process),
        this.who(process, { roles: ['head-of-delegation'], asOf }),
        this.repo.timeline(process, { upcomingAsOf: asOf }, this.viewer, { limit: 5, offset: 0 }),
      ]);
      return { summary, parties, heads, upcoming };
    });
    if (report === undefined) throw await this.processNotFound(process);
    return report;
  }

  /** Who held which title or role, per party, as of a date (judged at its last instant). */
  async who(
    process: ProcessId,
    query: { parties?: PartyId[]; roles?: AppointmentRole[]; asOf: FuzzyDate },
  ): Promise<WhoGroup[]> {
    const parties = await this.repo.listParties(process);
    for (const slug of query.parties ?? [])
      requireKnown(
        'party',
        slug,
        parties.map((p) => p.id),
      );
    const candidates = await this.repo.appointmentsAround(process, {
      at: lastInstant(query.asOf),
      ...(query.parties === undefined ? {} : { parties: query.parties }),
      ...(query.roles === undefined ? {} : { roles: query.roles }),
    });
    const tenures = tenuresAt(candidates, query.asOf);
    const people = byId(
      await this.repo.getPeople(
        process,
        tenures.map((t) => t.appointment.person),
      ),
    );
    const order = [...parties.map((party) => party.id as string | undefined), undefined];
    return order
      .map((slug) => ({
        party: parties.find((party) => party.id === slug),
        entries: tenures
          .filter((tenure) => tenure.appointment.party === slug)
          .sort((a, b) => compareAppointmentsByRank(a.appointment, b.appointment))
          .map((tenure) => ({ person: people.get(tenure.appointment.person) as Person, tenure })),
      }))
      .filter((group) => group.entries.length > 0);
  }

  /** A person's titles and roles over time, the events they took part in, and their statements. */
  async showPerson(
    process: ProcessId,
    nameOrSlug: string,
    page: PageRequest,
  ): Promise<PersonReport> {
    const person = await this.findPerson(process, nameOrSlug);
    const [appointments, parties, events, statements] = await Promise.all([
      this.repo.appointmentsOf(process, [person.id]),
      this.repo.listParties(process),
      this.repo.timeline(process, { people: [person.id] }, this.viewer, page),
      this.repo.statements(process, { speakers: [person.id] }, this.viewer, page),
    ]);
    const replacements = appointments.flatMap((a) =>
      a.ended?.replacedBy === undefined ? [] : [a.ended.replacedBy],
    );
    // And the others at the person's events (the web app draws them as a graph).
    const others = events.items.flatMap((event) => [
      ...event.participants,
      ...(event.ledBy === undefined ? [] : [event.ledBy]),
    ]);
    return {
      person,
      appointments,
      parties: byId(parties),
      people: byId([
        person,
        ...(await this.repo.getPeople(process, [...new Set([...replacements, ...others])])),
      ]),
      events,
      statements,
    };
  }

  async timeline(
    process: ProcessId,
    query: TimelineQuery,
    page: PageRequest,
  ): Promise<Page<NegotiationEvent>> {
    await this.requireReferences(process, query.parties ?? [], query.people ?? []);
    return this.repo.timeline(process, query, this.viewer, page);
  }

  /**
   * Counts of the timeline's events (those the viewer may see) per day, week, month or year,
   * in at most `maxBuckets` buckets, over `query`'s from–to (or the events' extent).
   */
  async timelineHistogram(
    process: ProcessId,
    query: TimelineQuery,
    maxBuckets: number,
  ): Promise<TimelineHistogram> {
    await this.requireReferences(process, query.parties ?? [], query.people ?? []);
    const days = await this.repo.timelineDayCounts(process, query, this.viewer);
    // An open side (`..2025-11-30`) is no bound: the window ends there at the events' extent.
    const from =
      query.from === undefined || query.from.start <= OPEN_START ? undefined : query.from.start;
    const to = query.to === undefined || query.to.end >= OPEN_END ? undefined : query.to.end;
    if (from !== undefined && to !== undefined)
      return timelineHistogram(days, { start: from, end: to }, maxBuckets);
    // An open side ends at the events' extent.
    const extent = timelineHistogram(days, undefined, 1);
    const start = from ?? extent.start;
    const end = to ?? extent.end;
    return timelineHistogram(
      days,
      start === null || end === null ? undefined : { start, end },
      maxBuckets,
    );
  }

  /** An event with its delegations (who came for which party, in which capacity on that date). */
  async showEvent(process: ProcessId, slug: EventId): Promise<EventReport> {
    const event = await this.repo.getEvent(process, slug, this.viewer);
    if (event === undefined)
      throw new NotFoundError('event', slug, await this.eventHint(process, slug));
    const everyone = [...event.participants, ...(event.ledBy === undefined ? [] : [event.ledBy])];
    const [appointments, people, parties, sources, statements, followUps] = await Promise.all([
      this.repo.appointmentsOf(process, event.participants),
      this.repo.getPeople(process, everyone),
      this.repo.listParties(process),
      this.repo.getSources(process, event.sources),
      this.repo.statements(process, { event: event.id }, this.viewer, { limit: 1000, offset: 0 }),
      this.repo.followUpsOf(process, event.id, this.viewer),
    ]);
    const appointmentsOf = (person: PersonId) => appointments.filter((a) => a.person === person);
    return {
      event,
      delegations: delegationsAt(event, appointmentsOf),
      people: byId(people),
      parties: byId(parties),
      sources,
      statements: statements.items,
      followUps,
    };
  }

  /** Statements, oldest first, by a person or party (`by` is either's slug) and/or at an event. */
  async statements(
    process: ProcessId,
    query: { by?: string; event?: EventId },
    page: PageRequest,
  ): Promise<Page<Statement>> {
    let filter: { speakers?: PersonId[]; parties?: PartyId[]; event?: EventId } = {};
    if (query.by !== undefined) {
      const parties = await this.repo.listParties(process);
      if (parties.some((party) => party.id === query.by))
        filter = { parties: [query.by as PartyId] };
      else filter = { speakers: [(await this.findPerson(process, query.by)).id] };
    }
    if (query.event !== undefined) {
      if ((await this.repo.getEvent(process, query.event, this.viewer)) === undefined) {
        throw new NotFoundError('event', query.event, await this.eventHint(process, query.event));
      }
      filter = { ...filter, event: query.event };
    }
    return this.repo.statements(process, filter, this.viewer, page);
  }

  /** The person with this slug, or else the one whose name or alias this is. */
  private async findPerson(process: ProcessId, nameOrSlug: string): Promise<Person> {
    const [bySlug] = await this.repo.getPeople(process, [nameOrSlug as PersonId]);
    if (bySlug !== undefined) return bySlug;
    const everyone = await this.repo.listPeople(process);
    const matches = everyone.filter((person) => personMatches(person, nameOrSlug));
    if (matches.length === 1 && matches[0] !== undefined) return matches[0];
    if (matches.length > 1) {
      throw new NotFoundError(
        'single person',
        nameOrSlug,
        `several match: ${matches.map((p) => p.id).join(', ')}`,
      );
    }
    const suggestion = closest(
      nameOrSlug,
      everyone.map((p) => p.id),
    );
    throw new NotFoundError(
      'person',
      nameOrSlug,
      suggestion === undefined ? undefined : `did you mean "${suggestion}"?`,
    );
  }

  private async requireReferences(
    process: ProcessId,
    parties: readonly PartyId[],
    people: readonly PersonId[],
  ) {
    if (parties.length > 0) {
      const known = (await this.repo.listParties(process)).map((p) => p.id);
      for (const slug of parties) requireKnown('party', slug, known);
    }
    if (people.length > 0) {
      const found = new Set(
        (await this.repo.getPeople(process, people)).map((p) => p.id as string),
      );
      for (const slug of people) if (!found.has(slug)) await this.findPerson(process, slug);
    }
  }

  private async eventHint(process: ProcessId, slug: string): Promise<string | undefined> {
    const all = await this.repo.timeline(process, {}, this.viewer, { limit: 10_000, offset: 0 });
    const suggestion = closest(
      slug,
      all.items.map((event) => event.id),
    );
    return suggestion === undefined ? undefined : `did you mean "${suggestion}"?`;
  }

  private async processNotFound(slug: string): Promise<NotFoundError> {
    const known = (await this.repo.listProcesses(this.viewer)).map((p) => p.process.id);
    const suggestion = closest(slug, known);
    const hint =
      suggestion !== undefined
        ? `did you mean "${suggestion}"?`
        : known.length > 0
          ? `known: ${known.join(', ')}`
          : 'the database is empty';
    return new NotFoundError('process', slug, hint);
  }
}

/**
 * The file's record with the positions already stored added back: positions
 * are append-only, so a file that leaves some out does not remove them. Those
 * positions must still fit the file's texts (their version and provision must
 * still exist); if not, the import is refused.
 */
function withRecordedPositions(
  after: ProcessRecord,
  before: ProcessRecord | undefined,
  file: string,
): ProcessRecord {
  const inFile = new Set(after.positions.map((position) => position.key));
  const kept = (before?.positions ?? []).filter((position) => !inFile.has(position.key));
  if (kept.length === 0) return after;
  const problems = checkRecord({
    ...after,
    appointments: [],
    events: [],
    statements: [],
    positions: kept,
  })
    .filter((problem) => problem.collection === 'positions')
    .map((problem) => {
      const position = kept[problem.index] as Position;
      return {
        file,
        path: '',
        message: `the position of ${position.party} on "${position.provision}" in ${position.text}/${position.version} (recorded ${formatFuzzyDate(position.recorded)}) is kept, but ${problem.message}; positions are never removed, so keep what they refer to`,
      };
    });
  if (problems.length > 0) throw new InvalidError(problems, `${file}: nothing was imported:`);
  return { ...after, positions: [...after.positions, ...kept] };
}

function requireKnown(kind: string, slug: string, known: readonly string[]): void {
  if (known.includes(slug)) return;
  const suggestion = closest(slug, known);
  throw new NotFoundError(
    kind,
    slug,
    suggestion === undefined ? `known: ${known.join(', ')}` : `did you mean "${suggestion}"?`,
  );
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

/**
 * The SHA-256 of a file's text (its UTF-8 bytes, as `sha256` takes them), computed off the
 * main thread: a 100 MB scenario file takes most of a second.
 */
async function fileDigest(text: string): Promise<string> {
  const digest = await webcrypto.subtle.digest('SHA-256', Buffer.from(text, 'utf8'));
  return Buffer.from(digest).toString('hex');
}
