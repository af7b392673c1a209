/**
 * Mapping between domain objects and table rows. Rows refer to each other by
 * row id; mappers take resolved slugs (from joins or id→slug maps) so the
 * domain never sees a row id.
 */

import type { Selectable } from 'kysely';
import type { Appointment, AppointmentRole, EndReason } from '../core/appointment.ts';
import type { Audience } from '../core/audience.ts';
import { compact } from '../core/compact.ts';
import { formatDuration, parseDuration } from '../core/duration.ts';
import { formatFuzzyDate, parseFuzzyDate } from '../core/fuzzy-date.ts';
import type {
  AppointmentKey,
  EventId,
  PartyId,
  PersonId,
  ProcessId,
  SourceId,
  StatementId,
} from '../core/ids.ts';
import type { EventKind, EventStatus, NegotiationEvent } from '../core/negotiation-event.ts';
import type { Party, PartyKind, PartyRole } from '../core/party.ts';
import type { Person } from '../core/person.ts';
import type { Process, ProcessStatus } from '../core/process.ts';
import type { Source, SourceKind } from '../core/source.ts';
import type { Statement, StatementForm } from '../core/statement.ts';
import type { Database } from './database.ts';

type Row<T extends keyof Database> = Selectable<Database[T]>;

const date = (text: string) => parseFuzzyDate(text);
const optionalDate = (text: string | null) => (text === null ? undefined : parseFuzzyDate(text));
const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

export function toProcess(
  row: Pick<Row<'processes'>, 'slug' | 'title' | 'description' | 'started' | 'status'>,
): Process {
  return compact({
    id: row.slug as ProcessId,
    title: row.title,
    description: orUndefined(row.description),
    started: optionalDate(row.started),
    status: row.status as ProcessStatus,
  });
}

export function processColumns(process: Process) {
  return {
    slug: process.id,
    title: process.title,
    description: orNull(process.description),
    started: process.started === undefined ? null : formatFuzzyDate(process.started),
    status: process.status,
  };
}

export function toSource(row: Omit<Row<'sources'>, 'id' | 'process_id'>): Source {
  return compact({
    id: row.slug as SourceId,
    title: row.title,
    kind: row.kind as SourceKind,
    outlet: orUndefined(row.outlet),
    author: orUndefined(row.author),
    url: orUndefined(row.url),
    published: optionalDate(row.published),
    note: orUndefined(row.note),
  });
}

export function sourceColumns(source: Source) {
  return {
    slug: source.id,
    title: source.title,
    kind: source.kind,
    outlet: orNull(source.outlet),
    author: orNull(source.author),
    url: orNull(source.url),
    published: source.published === undefined ? null : formatFuzzyDate(source.published),
    note: orNull(source.note),
  };
}

export function toParty(row: Omit<Row<'parties'>, 'id' | 'process_id'>): Party {
  return compact({
    id: row.slug as PartyId,
    name: row.name,
    shortName: orUndefined(row.short_name),
    kind: row.kind as PartyKind,
    role: row.role as PartyRole,
    description: orUndefined(row.description),
  });
}

export function partyColumns(party: Party) {
  return {
    slug: party.id,
    name: party.name,
    short_name: orNull(party.shortName),
    kind: party.kind,
    role: party.role,
    description: orNull(party.description),
  };
}

export function toPerson(row: Omit<Row<'people'>, 'id' | 'process_id'>): Person {
  return compact({
    id: row.slug as PersonId,
    name: row.name,
    aliases: JSON.parse(row.aliases) as string[],
    description: orUndefined(row.description),
  });
}

export function personColumns(person: Person) {
  return {
    slug: person.id,
    name: person.name,
    aliases: JSON.stringify(person.aliases),
    description: orNull(person.description),
  };
}

/** An appointment row with its references resolved to slugs. */
export interface AppointmentView {
  key: string;
  person: string;
  party: string | null;
  title: string | null;
  role: string | null;
  from_text: string;
  to_text: string | null;
  end_reason: string | null;
  replaced_by: string | null;
  end_note: string | null;
  end_source: string | null;
  note: string | null;
  source: string | null;
}

export function toAppointment(row: AppointmentView): Appointment {
  return compact({
    key: row.key as AppointmentKey,
    person: row.person as PersonId,
    party: orUndefined(row.party) as PartyId | undefined,
    title: orUndefined(row.title),
    role: orUndefined(row.role) as AppointmentRole | undefined,
    from: date(row.from_text),
    to: optionalDate(row.to_text),
    ended:
      row.end_reason === null
        ? undefined
        : compact({
            reason: row.end_reason as EndReason,
            replacedBy: orUndefined(row.replaced_by) as PersonId | undefined,
            note: orUndefined(row.end_note),
            source: orUndefined(row.end_source) as SourceId | undefined,
          }),
    note: orUndefined(row.note),
    source: orUndefined(row.source) as SourceId | undefined,
  });
}

/** Resolves slugs to row ids; a missing slug is a bug (the record was checked before writing). */
export type IdOf = (slug: string | undefined) => number | null;

export function appointmentColumns(
  appointment: Appointment,
  people: IdOf,
  parties: IdOf,
  sources: IdOf,
) {
  return {
    key: appointment.key,
    person_id: people(appointment.person) as number,
    party_id: parties(appointment.party),
    title: orNull(appointment.title),
    role: orNull(appointment.role),
    from_text: formatFuzzyDate(appointment.from),
    from_start: appointment.from.start,
    from_end: appointment.from.end,
    to_text: appointment.to === undefined ? null : formatFuzzyDate(appointment.to),
    to_start: appointment.to?.start ?? null,
    to_end: appointment.to?.end ?? null,
    end_reason: orNull(appointment.ended?.reason),
    replaced_by_id: people(appointment.ended?.replacedBy),
    end_note: orNull(appointment.ended?.note),
    end_source_id: sources(appointment.ended?.source),
    note: orNull(appointment.note),
    source_id: sources(appointment.source),
  };
}

/** An event row with its single-valued references resolved to slugs. */
export interface EventView {
  id: number;
  slug: string;
  kind: string;
  status: string;
  title: string;
  date_text: string;
  place: string | null;
  duration: string | null;
  led_by: string | null;
  outcome: string | null;
  description: string | null;
  follow_up_of: string | null;
  audience: string;
}

/** An event's lists, by event row id. */
export interface EventLinks {
  participants: Map<number, PersonId[]>;
  parties: Map<number, PartyId[]>;
  sources: Map<number, SourceId[]>;
}

export function toEvent(row: EventView, links: EventLinks): NegotiationEvent {
  return compact({
    id: row.slug as EventId,
    kind: row.kind as EventKind,
    status: row.status as EventStatus,
    title: row.title,
    date: date(row.date_text),
    place: orUndefined(row.place),
    duration: row.duration === null ? undefined : parseDuration(row.duration),
    ledBy: orUndefined(row.led_by) as PersonId | undefined,
    participants: links.participants.get(row.id) ?? [],
    parties: links.parties.get(row.id) ?? [],
    outcome: orUndefined(row.outcome),
    description: orUndefined(row.description),
    followUpOf: orUndefined(row.follow_up_of) as EventId | undefined,
    sources: links.sources.get(row.id) ?? [],
    audience: row.audience as Audience,
  });
}

/** Event columns; `events` must know the ids of events inserted in the same batch. */
export function eventColumns(event: NegotiationEvent, people: IdOf, events: IdOf) {
  return {
    slug: event.id,
    kind: event.kind,
    status: event.status,
    title: event.title,
    date_text: formatFuzzyDate(event.date),
    date_start: event.date.start,
    date_end: event.date.end,
    place: orNull(event.place),
    duration: event.duration === undefined ? null : formatDuration(event.duration),
    led_by_id: people(event.ledBy),
    outcome: orNull(event.outcome),
    description: orNull(event.description),
    follow_up_of_id: events(event.followUpOf),
    audience: event.audience,
  };
}

/** A statement row with its references resolved to slugs. */
export interface StatementView {
  slug: string;
  explicit_slug: number;
  speaker: string | null;
  party: string | null;
  date_text: string;
  event: string | null;
  form: string;
  text: string;
  audience: string;
  topics: string;
  channel: string | null;
  source: string | null;
}

export function toStatement(row: StatementView): Statement {
  return compact({
    id: row.slug as StatementId,
    explicitId: row.explicit_slug === 1,
    speaker: orUndefined(row.speaker) as PersonId | undefined,
    party: orUndefined(row.party) as PartyId | undefined,
    date: date(row.date_text),
    event: orUndefined(row.event) as EventId | undefined,
    form: row.form as StatementForm,
    text: row.text,
    audience: row.audience as Audience,
    topics: JSON.parse(row.topics) as string[],
    channel: orUndefined(row.channel),
    source: orUndefined(row.source) as SourceId | undefined,
  });
}

export function statementColumns(
  statement: Statement,
  people: IdOf,
  parties: IdOf,
  events: IdOf,
  sources: IdOf,
) {
  return {
    slug: statement.id,
    explicit_slug: statement.explicitId ? 1 : 0,
    speaker_id: people(statement.speaker),
    party_id: parties(statement.party),
    date_text: formatFuzzyDate(statement.date),
    date_start: statement.date.start,
    date_end: statement.date.end,
    event_id: events(statement.event),
    form: statement.form,
    text: statement.text,
    audience: statement.audience,
    topics: JSON.stringify(statement.topics),
    channel: orNull(statement.channel),
    source_id: sources(statement.source),
  };
}
