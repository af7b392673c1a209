/**
 * Writing a record as a scenario file. The output is canonical (collections in
 * a fixed order, defaults left out), so exporting an imported file gives an
 * equivalent file, and exporting twice gives the same bytes.
 */

import yaml from 'js-yaml';
import type { Appointment } from '../../core/appointment.ts';
import { compact } from '../../core/compact.ts';
import { formatDuration } from '../../core/duration.ts';
import { type FuzzyDate, formatFuzzyDate, sameFuzzyDate } from '../../core/fuzzy-date.ts';
import { type ProcessRecord, sortRecord } from '../../core/process-record.ts';
import type { NegotiatingText, TextVersion } from '../../core/text/negotiating-text.ts';
import type { Position } from '../../core/text/position.ts';
import type { Provision } from '../../core/text/provision.ts';
import { fromIssue, fromProfile } from './scenario-analysis.ts';
import {
  SCENARIO_FORMAT_VERSION,
  type ScenarioFile,
  type ScenarioProvision,
} from './scenario-schema.ts';

const HEADER = `# Concord scenario file: one negotiation process.
# Format: docs/scenario-format.md; JSON Schema: docs/scenario.schema.json
`;

const optionalDate = (date: FuzzyDate | undefined) =>
  date === undefined ? undefined : formatFuzzyDate(date);
const nonEmpty = <T>(items: readonly T[]) => (items.length === 0 ? undefined : [...items]);

/** The scenario file (as data) of `record`. */
export function recordToScenario(input: ProcessRecord): ScenarioFile {
  const record = sortRecord(input);
  const { process } = record;
  const appointmentsOf = new Map<string, Appointment[]>();
  for (const appointment of record.appointments) {
    appointmentsOf.set(appointment.person, [
      ...(appointmentsOf.get(appointment.person) ?? []),
      appointment,
    ]);
  }
  const eventDates = new Map(record.events.map((event) => [event.id as string, event.date]));
  return compact({
    concord: SCENARIO_FORMAT_VERSION,
    process: compact({
      slug: process.id,
      title: process.title,
      description: process.description,
      started: optionalDate(process.started),
      status: process.status === 'active' ? undefined : process.status,
    }),
    sources: nonEmpty(
      record.sources.map((source) =>
        compact({
          slug: source.id,
          title: source.title,
          kind: source.kind,
          outlet: source.outlet,
          author: source.author,
          url: source.url,
          published: optionalDate(source.published),
          note: source.note,
        }),
      ),
    ),
    parties: nonEmpty(
      record.parties.map((party) =>
        compact({
          slug: party.id,
          name: party.name,
          short_name: party.shortName,
          kind: party.kind,
          role: party.role,
          description: party.description,
        }),
      ),
    ),
    people: nonEmpty(
      record.people.map((person) =>
        compact({
          slug: person.id,
          name: person.name,
          aliases: nonEmpty(person.aliases),
          description: person.description,
          appointments: nonEmpty(
            (appointmentsOf.get(person.id) ?? []).map((appointment) =>
              compact({
                party: appointment.party,
                title: appointment.title,
                role: appointment.role,
                from: formatFuzzyDate(appointment.from),
                to: optionalDate(appointment.to),
                ended:
                  appointment.ended &&
                  compact({
                    reason: appointment.ended.reason,
                    replaced_by: appointment.ended.replacedBy,
                    note: appointment.ended.note,
                    source: appointment.ended.source,
                  }),
                note: appointment.note,
                source: appointment.source,
              }),
            ),
          ),
        }),
      ),
    ),
    events: nonEmpty(
      record.events.map((event) =>
        compact({
          slug: event.id,
          kind: event.kind,
          status: event.status,
          title: event.title,
          date: formatFuzzyDate(event.date),
          place: event.place,
          duration: event.duration && formatDuration(event.duration),
          led_by: event.ledBy,
          participants: nonEmpty(event.participants),
          parties: nonEmpty(event.parties),
          outcome: event.outcome,
          description: event.description,
          follow_up_of: event.followUpOf,
          sources: nonEmpty(event.sources),
          audience: event.audience === 'public' ? undefined : event.audience,
        }),
      ),
    ),
    statements: nonEmpty(
      record.statements.map((statement) => {
        const eventDate =
          statement.event === undefined ? undefined : eventDates.get(statement.event);
        const inherited = eventDate !== undefined && sameFuzzyDate(eventDate, statement.date);
        return compact({
          slug: statement.explicitId ? statement.id : undefined,
          speaker: statement.speaker,
          party: statement.party,
          date: inherited ? undefined : formatFuzzyDate(statement.date),
          event: statement.event,
          form: statement.form,
          text: statement.text,
          audience: statement.audience === 'public' ? undefined : statement.audience,
          topics: nonEmpty(statement.topics),
          channel: statement.channel,
          source: statement.source,
        });
      }),
    ),
    texts: nonEmpty(record.texts.map(fromText)),
    positions: nonEmpty(record.positions.map(fromPosition)),
    issues: nonEmpty(record.issues.map((issue) => fromIssue(issue, record.texts))),
    profiles: nonEmpty(record.profiles.map(fromProfile)),
  });
}

function fromText(text: NegotiatingText) {
  return compact({
    slug: text.id,
    title: text.title,
    kind: text.kind,
    description: text.description,
    versions: text.versions.map((version: TextVersion) =>
      compact({
        slug: version.id,
        label: version.label,
        date: optionalDate(version.date),
        proposed_by: version.proposedBy,
        proposed_by_person: version.proposedByPerson,
        derived_from: version.derivedFrom,
        status: version.status === 'draft' ? undefined : version.status,
        circulated_to: nonEmpty(version.circulatedTo),
        audience: version.audience === 'private' ? undefined : version.audience,
        source: version.source,
        note: version.note,
        provisions: version.provisions.map(fromProvision),
      }),
    ),
  });
}

function fromProvision(provision: Provision): ScenarioProvision {
  return compact({
    id: provision.id,
    style: provision.style === 'decimal' ? undefined : provision.style,
    heading: provision.heading,
    body: provision.body === '' ? undefined : provision.body,
    alternatives: provision.alternatives?.map((alternative) => ({
      id: alternative.id,
      text: alternative.text,
    })),
    proposed: provision.proposed,
    from: provision.from === undefined ? undefined : [...provision.from],
    note: provision.note,
    children: nonEmpty(provision.children.map(fromProvision)),
  });
}

function fromPosition(position: Position) {
  return compact({
    text: position.text,
    version: position.version,
    provision: position.provision,
    party: position.party,
    stance: position.stance,
    wording: position.wording,
    alternative: position.alternative,
    note: position.note,
    author: position.author,
    recorded: formatFuzzyDate(position.recorded),
    audience: position.audience === 'party' ? undefined : position.audience,
    source: position.source,
  });
}

/** The scenario file text (YAML) of `record`. */
export function writeScenario(record: ProcessRecord): string {
  const body = yaml.dump(recordToScenario(record), {
    schema: yaml.CORE_SCHEMA,
    noRefs: true,
    lineWidth: 100,
    quotingType: '"',
  });
  // A blank line before each top-level key and between top-level list items, for readability.
  return (
    HEADER + body.replace(/\n(?=[a-z_]+:)/g, '\n\n').replace(/(?<!^[a-z_]+:)\n(?= {2}- )/gm, '\n\n')
  );
}
