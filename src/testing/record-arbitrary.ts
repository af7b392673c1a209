/**
 * fast-check generators of valid process records (every reference resolves,
 * every appointment ends after it starts), for property tests of the scenario
 * format, the store and the queries.
 */

import fc from 'fast-check';
import type { Profile } from '../core/analysis/profile.ts';
import {
  APPOINTMENT_ROLES,
  type Appointment,
  appointmentKey,
  END_REASONS,
} from '../core/appointment.ts';
import { AUDIENCES } from '../core/audience.ts';
import { DAY_MS } from '../core/calendar.ts';
import { compact } from '../core/compact.ts';
import { OPEN_END, parseFuzzyDate } from '../core/fuzzy-date.ts';
import type { EventId, PartyId, PersonId, ProcessId, SourceId, StatementId } from '../core/ids.ts';
import { EVENT_KINDS, EVENT_STATUSES, type NegotiationEvent } from '../core/negotiation-event.ts';
import { PARTY_KINDS, PARTY_ROLES, type Party } from '../core/party.ts';
import type { Person } from '../core/person.ts';
import { PROCESS_STATUSES } from '../core/process.ts';
import type { ProcessRecord } from '../core/process-record.ts';
import { SOURCE_KINDS, type Source } from '../core/source.ts';
import { STATEMENT_FORMS, type Statement, statementKey } from '../core/statement.ts';
import type { NegotiatingText } from '../core/text/negotiating-text.ts';
import { POSITION_AUDIENCES, type Position, positionKey, STANCES } from '../core/text/position.ts';
import { walkProvisions } from '../core/text/provision.ts';
import { spaceArb } from './analysis-arbitrary.ts';
import { fuzzyDateArb } from './date-arbitrary.ts';
import { textsArb } from './text-arbitrary.ts';

export { fuzzyDateArb } from './date-arbitrary.ts';

const lineArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const proseArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const subset = <T>(items: readonly T[]) => fc.subarray([...items]);
const oneOf = <T>(items: readonly T[]) =>
  items.length === 0 ? fc.constant(undefined) : opt(fc.constantFrom(...items));

function slugs(prefix: string, max: number) {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: 999 }), { maxLength: max })
    .map((ns) => ns.map((n) => `${prefix}${n}`));
}

/** A valid record with a few of everything. */
export const processRecordArb: fc.Arbitrary<ProcessRecord> = fc
  .record({
    processSlug: fc.constantFrom('talks', 'peace-process-2025'),
    sourceIds: slugs('source-', 3),
    partyIds: slugs('party-', 4),
    personIds: slugs('person-', 6),
    eventIds: slugs('event-', 8),
  })
  .chain(({ processSlug, sourceIds, partyIds, personIds, eventIds }) => {
    const sources = fc.tuple(
      ...sourceIds.map((id) =>
        fc
          .record({
            title: lineArb,
            kind: fc.constantFrom(...SOURCE_KINDS),
            outlet: opt(lineArb),
            author: opt(lineArb),
            url: opt(fc.constantFrom('https://example.org/report', 'https://news.example/a?b=c')),
            published: opt(fuzzyDateArb),
            note: opt(proseArb),
          })
          .map((fields): Source => compact({ id: id as SourceId, ...fields })),
      ),
    );
    const parties = fc.tuple(
      ...partyIds.map((id) =>
        fc
          .record({
            name: lineArb,
            shortName: opt(lineArb),
            kind: fc.constantFrom(...PARTY_KINDS),
            role: fc.constantFrom(...PARTY_ROLES),
            description: opt(proseArb),
          })
          .map((fields): Party => compact({ id: id as PartyId, ...fields })),
      ),
    );
    const people = fc.tuple(
      ...personIds.map((id) =>
        fc
          .record({
            name: lineArb,
            aliases: fc.array(lineArb, { maxLength: 2 }),
            description: opt(proseArb),
          })
          .map((fields): Person => compact({ id: id as PersonId, ...fields })),
      ),
    );
    const appointment =
      personIds.length === 0
        ? fc.constant(undefined)
        : fc
            .record({
              person: fc.constantFrom(...personIds),
              party: oneOf(partyIds),
              title: opt(lineArb),
              role: opt(fc.constantFrom(...APPOINTMENT_ROLES)),
              from: fuzzyDateArb,
              length: opt(fc.integer({ min: 0, max: 60 })),
              reason: opt(fc.constantFrom(...END_REASONS)),
              replacedBy: oneOf(personIds),
              note: opt(proseArb),
              source: oneOf(sourceIds),
            })
            .map(
              ({
                person,
                party,
                title,
                role,
                from,
                length,
                reason,
                replacedBy,
                note,
                source,
              }): Appointment => {
                const to =
                  length === undefined
                    ? undefined
                    : parseFuzzyDate(
                        new Date(
                          (from.end === OPEN_END ? from.start + DAY_MS : from.end) +
                            length * DAY_MS,
                        )
                          .toISOString()
                          .slice(0, 10),
                      );
                const ended =
                  to === undefined || reason === undefined
                    ? undefined
                    : compact({
                        reason,
                        replacedBy:
                          replacedBy === person ? undefined : (replacedBy as PersonId | undefined),
                      });
                const fields = compact({
                  person: person as PersonId,
                  party: party as PartyId | undefined,
                  ...(title === undefined && role === undefined
                    ? { role: 'member' as const }
                    : { title, role }),
                  from,
                  to,
                  ended,
                  note,
                  source: source as SourceId | undefined,
                });
                return { key: appointmentKey(fields), ...fields };
              },
            );
    const events = fc.tuple(
      ...eventIds.map((id, index) =>
        fc
          .record({
            kind: fc.constantFrom(...EVENT_KINDS),
            status: fc.constantFrom(...EVENT_STATUSES),
            title: lineArb,
            date: fuzzyDateArb,
            place: opt(lineArb),
            duration: opt(
              fc
                .tuple(fc.integer({ min: 1, max: 5000 }), fc.boolean())
                .map(([minutes, approximate]) => ({ minutes, approximate })),
            ),
            ledBy: oneOf(personIds),
            participants: subset(personIds),
            parties: subset(partyIds),
            outcome: opt(proseArb),
            description: opt(proseArb),
            followUpOf: oneOf(eventIds.slice(0, index)),
            sources: subset(sourceIds),
            audience: fc.constantFrom(...AUDIENCES),
          })
          .map(
            (fields) => compact({ id: id as EventId, ...fields }) as unknown as NegotiationEvent,
          ),
      ),
    );
    const statement = fc
      .record({
        slug: opt(fc.integer({ min: 1, max: 99 }).map((n) => `statement-${n}`)),
        speaker: oneOf(personIds),
        party: oneOf(partyIds),
        date: fuzzyDateArb,
        event: oneOf(eventIds),
        form: fc.constantFrom(...STATEMENT_FORMS),
        text: proseArb,
        audience: fc.constantFrom(...AUDIENCES),
        topics: fc.uniqueArray(fc.constantFrom('territory', 'security-guarantees', 'elections'), {
          maxLength: 2,
        }),
        channel: opt(lineArb),
        source: oneOf(sourceIds),
      })
      .map(({ slug, speaker, party, ...rest }) => {
        // Every statement needs a speaker or a party: fall back to the first person, else the first party.
        const fallbackSpeaker =
          speaker === undefined && party === undefined ? personIds[0] : undefined;
        const fallbackParty =
          speaker === undefined && party === undefined && fallbackSpeaker === undefined
            ? partyIds[0]
            : undefined;
        const content = compact({
          speaker: (speaker ?? fallbackSpeaker) as PersonId | undefined,
          party: (party ?? fallbackParty) as PartyId | undefined,
          date: rest.date,
          text: rest.text,
        });
        return compact({
          ...rest,
          ...content,
          id: (slug as StatementId | undefined) ?? statementKey(content),
          explicitId: slug !== undefined,
          event: rest.event as EventId | undefined,
          source: rest.source as SourceId | undefined,
        }) as Statement;
      });
    return fc
      .record({
        process: fc
          .record({
            title: lineArb,
            description: opt(proseArb),
            started: opt(fuzzyDateArb),
            status: fc.constantFrom(...PROCESS_STATUSES),
          })
          .map((fields) => compact({ id: processSlug as ProcessId, ...fields })),
        sources: sources.map((items) => [...items]),
        parties: parties.map((items) => [...items]),
        people: people.map((items) => [...items]),
        appointments: fc
          .array(appointment, { maxLength: 8 })
          .map((items) => uniqueBy(items.filter(isDefined), (a) => a.key)),
        events: events.map((items) => [...items]),
        statements:
          personIds.length + partyIds.length === 0
            ? fc.constant([])
            : fc.array(statement, { maxLength: 8 }).map((items) => uniqueBy(items, (s) => s.id)),
        textsAndPositions: textsArb(partyIds, sourceIds).chain((texts) =>
          fc.tuple(fc.constant(texts), positionsArb(texts, partyIds, sourceIds)),
        ),
        analysis: analysisArb(partyIds),
      })
      .map(({ textsAndPositions: [texts, positions], analysis, ...record }) => ({
        ...record,
        texts,
        positions,
        ...analysis,
      }));
  });

/** Positions on the provisions of `texts`, by the given parties. */
function positionsArb(
  texts: readonly NegotiatingText[],
  parties: readonly string[],
  sources: readonly string[],
) {
  const targets = texts.flatMap((text) =>
    text.versions.flatMap((version) =>
      [...walkProvisions(version.provisions)].map((provision) => ({ text, version, provision })),
    ),
  );
  if (targets.length === 0 || parties.length === 0) return fc.constant([] as Position[]);
  const position = fc
    .record({
      target: fc.constantFrom(...targets),
      party: fc.constantFrom(...parties),
      stance: fc.constantFrom(...STANCES),
      wording: proseArb,
      pickAlternative: fc.boolean(),
      note: opt(proseArb),
      author: opt(lineArb),
      recorded: fuzzyDateArb,
      audience: fc.constantFrom(...POSITION_AUDIENCES),
      source: sources.length === 0 ? fc.constant(undefined) : opt(fc.constantFrom(...sources)),
    })
    .map(({ target, party, stance, wording, pickAlternative, ...rest }): Position => {
      const alternative = pickAlternative ? target.provision.alternatives?.[0]?.id : undefined;
      const fields = compact({
        text: target.text.id,
        version: target.version.id,
        provision: target.provision.id,
        party: party as PartyId,
        stance,
        wording: stance === 'accepts-with-changes' ? wording : undefined,
        alternative,
        ...rest,
        source: rest.source as SourceId | undefined,
      });
      return { key: positionKey(fields), ...fields };
    });
  return fc.array(position, { maxLength: 6 }).map((items) => uniqueBy(items, (p) => p.key));
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)) !== undefined);
}

/** Issues and profiles for some of the parties (none without parties), with uncertainty. */
function analysisArb(partyIds: readonly string[]) {
  if (partyIds.length === 0) return fc.constant({ issues: [], profiles: [] });
  return spaceArb({ minParties: 1, maxParties: Math.min(3, partyIds.length), maxIssues: 3 }).chain(
    ({ issues, profiles }) =>
      fc
        .tuple(
          fc.constantFrom('party', 'mediator', 'public') as fc.Arbitrary<Profile['audience']>,
          fc.option(
            fc.integer({ min: 1, max: 5 }).map((n) => n / 10),
            { nil: undefined },
          ),
        )
        .map(([audience, relative]) => ({
          issues,
          profiles: profiles.map(
            (profile, i): Profile => ({
              ...profile,
              party: partyIds[i] as PartyId,
              audience,
              ...(relative === undefined ? {} : { uncertainty: { relative } }),
            }),
          ),
        })),
  );
}
