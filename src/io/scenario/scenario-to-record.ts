/**
 * Turns a validated scenario file into a `ProcessRecord`, remembering where in
 * the file each item came from so that problems found later can name the line.
 */

import type { Appointment } from '../../core/appointment.ts';
import { appointmentKey } from '../../core/appointment.ts';
import { closest } from '../../core/closest.ts';
import { compact } from '../../core/compact.ts';
import { parseDuration } from '../../core/duration.ts';
import { type FuzzyDate, parseFuzzyDate } from '../../core/fuzzy-date.ts';
import type {
  AlternativeId,
  EventId,
  PartyId,
  PersonId,
  ProcessId,
  ProvisionId,
  SourceId,
  StatementId,
  TextId,
  VersionId,
} from '../../core/ids.ts';
import type { NegotiationEvent } from '../../core/negotiation-event.ts';
import type { ProcessRecord, RecordCollection } from '../../core/process-record.ts';
import { type Statement, statementKey } from '../../core/statement.ts';
import type { NegotiatingText, TextVersion } from '../../core/text/negotiating-text.ts';
import { type Position, positionKey } from '../../core/text/position.ts';
import type { Provision } from '../../core/text/provision.ts';
import type { YamlPath } from '../yaml-load.ts';
import { toIssue, toProfile } from './scenario-analysis.ts';
import type {
  ScenarioFile,
  ScenarioPosition,
  ScenarioProvision,
  ScenarioText,
  ScenarioVersion,
} from './scenario-schema.ts';

export interface ConvertedScenario {
  readonly record: ProcessRecord;
  /** The file path of an item of the record, by collection and index. */
  readonly originOf: (collection: RecordCollection, index: number) => YamlPath;
  /** Problems that only show once items are put together (a statement with no date to take). */
  readonly problems: { path: YamlPath; message: string }[];
}

const date = (text: string | number): FuzzyDate => parseFuzzyDate(String(text));
const optionalDate = (text: string | number | undefined) =>
  text === undefined ? undefined : date(text);

/** Converts `file`, which must already have passed `scenarioSchema`. */
export function scenarioToRecord(file: ScenarioFile): ConvertedScenario {
  // Where items came from, kept as numbers: paths are built only for the rare problem report.
  // Appointments sit inside people; statements without a date to take are left out.
  const appointmentPerson: number[] = [];
  const appointmentIndex: number[] = [];
  const statementIndex: number[] = [];
  const originOf = (collection: RecordCollection, index: number): YamlPath => {
    if (collection === 'appointments') {
      return [
        'people',
        appointmentPerson[index] ?? 0,
        'appointments',
        appointmentIndex[index] ?? 0,
      ];
    }
    if (collection === 'statements') return ['statements', statementIndex[index] ?? index];
    return [collection, index];
  };
  const problems: { path: YamlPath; message: string }[] = [];
  const process = compact({
    id: file.process.slug as ProcessId,
    title: file.process.title,
    description: file.process.description,
    started: optionalDate(file.process.started),
    status: file.process.status ?? 'active',
  });

  const sources = (file.sources ?? []).map((source) => {
    return compact({
      id: source.slug as SourceId,
      title: source.title,
      kind: source.kind,
      outlet: source.outlet,
      author: source.author,
      url: source.url,
      published: optionalDate(source.published),
      note: source.note,
    });
  });

  const parties = (file.parties ?? []).map((party) => {
    return compact({
      id: party.slug as PartyId,
      name: party.name,
      shortName: party.short_name,
      kind: party.kind,
      role: party.role,
      description: party.description,
    });
  });

  const appointments: Appointment[] = [];
  const people = (file.people ?? []).map((person, i) => {
    (person.appointments ?? []).forEach((entry, j) => {
      appointmentPerson.push(i);
      appointmentIndex.push(j);
      const fields = compact({
        person: person.slug as PersonId,
        party: entry.party as PartyId | undefined,
        title: entry.title,
        role: entry.role,
        from: date(entry.from),
        to: optionalDate(entry.to),
        ended:
          entry.ended &&
          compact({
            reason: entry.ended.reason,
            replacedBy: entry.ended.replaced_by as PersonId | undefined,
            note: entry.ended.note,
            source: entry.ended.source as SourceId | undefined,
          }),
        note: entry.note,
        source: entry.source as SourceId | undefined,
      });
      appointments.push({ key: appointmentKey(fields), ...fields });
    });
    return compact({
      id: person.slug as PersonId,
      name: person.name,
      aliases: person.aliases ?? [],
      description: person.description,
    });
  });

  const events: NegotiationEvent[] = (file.events ?? []).map((event) => {
    return compact({
      id: event.slug as EventId,
      kind: event.kind,
      status: event.status,
      title: event.title,
      date: date(event.date),
      place: event.place,
      duration: event.duration === undefined ? undefined : parseDuration(event.duration),
      ledBy: event.led_by as PersonId | undefined,
      participants: (event.participants ?? []) as PersonId[],
      parties: (event.parties ?? []) as PartyId[],
      outcome: event.outcome,
      description: event.description,
      followUpOf: event.follow_up_of as EventId | undefined,
      sources: (event.sources ?? []) as SourceId[],
      audience: event.audience ?? 'public',
    });
  });
  const eventDates = new Map(events.map((event) => [event.id as string, event.date]));

  const statements: Statement[] = [];
  (file.statements ?? []).forEach((statement, i) => {
    const path: YamlPath = ['statements', i];
    const statementDate =
      statement.date === undefined
        ? statement.event === undefined
          ? undefined
          : eventDates.get(statement.event)
        : date(statement.date);
    if (statementDate === undefined) {
      if (statement.event === undefined) {
        problems.push({ path, message: 'a statement needs a date, or an event to take it from' });
      } else {
        const suggestion = closest(statement.event, eventDates.keys());
        const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
        problems.push({
          path: [...path, 'event'],
          message: `unknown event "${statement.event}"${hint}`,
        });
      }
      return;
    }
    statementIndex.push(i);
    const speaker = statement.speaker as PersonId | undefined;
    const party = statement.party as PartyId | undefined;
    const { text } = statement;
    statements.push(
      compact({
        id:
          (statement.slug as StatementId | undefined) ??
          statementKey({ speaker, party, date: statementDate, text }),
        explicitId: statement.slug !== undefined,
        speaker,
        party,
        date: statementDate,
        text,
        event: statement.event as EventId | undefined,
        form: statement.form,
        audience: statement.audience ?? 'public',
        topics: statement.topics ?? [],
        channel: statement.channel,
        source: statement.source as SourceId | undefined,
      }),
    );
  });

  const texts = (file.texts ?? []).map(toText);
  return {
    record: {
      process,
      sources,
      parties,
      people,
      appointments,
      events,
      statements,
      texts,
      positions: (file.positions ?? []).map(toPosition),
      issues: (file.issues ?? []).map((issue) => toIssue(issue, texts)),
      profiles: (file.profiles ?? []).map(toProfile),
    },
    originOf,
    problems,
  };
}

function toText(text: ScenarioText): NegotiatingText {
  return compact({
    id: text.slug as TextId,
    title: text.title,
    kind: text.kind,
    description: text.description,
    versions: text.versions.map(toVersion),
  });
}

function toVersion(version: ScenarioVersion): TextVersion {
  return compact({
    id: version.slug as VersionId,
    label: version.label,
    date: optionalDate(version.date),
    proposedBy: version.proposed_by as PartyId | undefined,
    proposedByPerson: version.proposed_by_person as PersonId | undefined,
    derivedFrom: version.derived_from as VersionId | undefined,
    status: version.status ?? 'draft',
    circulatedTo: (version.circulated_to ?? []) as PartyId[],
    audience: version.audience ?? 'private',
    source: version.source as SourceId | undefined,
    note: version.note,
    provisions: version.provisions.map(toProvision),
  });
}

function toProvision(provision: ScenarioProvision): Provision {
  return compact({
    id: provision.id as ProvisionId,
    style: provision.style ?? 'decimal',
    heading: provision.heading,
    body: provision.body ?? '',
    alternatives: provision.alternatives?.map((alternative) => ({
      id: alternative.id as AlternativeId,
      text: alternative.text,
    })),
    proposed: provision.proposed as AlternativeId | undefined,
    from: provision.from as ProvisionId[] | undefined,
    note: provision.note,
    children: (provision.children ?? []).map(toProvision),
  });
}

function toPosition(position: ScenarioPosition): Position {
  const fields = compact({
    text: position.text as TextId,
    version: position.version as VersionId,
    provision: position.provision as ProvisionId,
    party: position.party as PartyId,
    stance: position.stance,
    wording: position.wording,
    alternative: position.alternative as AlternativeId | undefined,
    note: position.note,
    author: position.author,
    recorded: date(position.recorded),
    audience: position.audience ?? 'party',
    source: position.source as SourceId | undefined,
  });
  return { key: positionKey(fields), ...fields };
}
