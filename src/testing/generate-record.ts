/**
 * A large synthetic process for benchmarks, generated from a seed: parties,
 * people with a title and a role each, sources, events with participants,
 * parties, sources and follow-ups, and statements, spread over five years.
 */

import { APPOINTMENT_ROLES, type Appointment, appointmentKey } from '../core/appointment.ts';
import { DAY_MS } from '../core/calendar.ts';
import { type FuzzyDate, parseFuzzyDate } from '../core/fuzzy-date.ts';
import type { EventId, PartyId, PersonId, ProcessId, SourceId } from '../core/ids.ts';
import { EVENT_KINDS, type NegotiationEvent } from '../core/negotiation-event.ts';
import type { Party } from '../core/party.ts';
import type { Person } from '../core/person.ts';
import type { ProcessRecord } from '../core/process-record.ts';
import type { Source } from '../core/source.ts';
import { type Statement, statementKey } from '../core/statement.ts';

export interface RecordSize {
  readonly parties: number;
  readonly people: number;
  readonly events: number;
  readonly statements: number;
  readonly sources: number;
}

export const ISSUE_SIZE: RecordSize = {
  parties: 200,
  people: 20_000,
  events: 100_000,
  statements: 300_000,
  sources: 1_000,
};

/** Five years of days, from 2021. */
const FIRST_DAY = Date.UTC(2021, 0, 1);
const DAYS = 5 * 365;

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateRecord(
  size: RecordSize,
  seed: number,
  progress: (done: number, total: number) => void,
): ProcessRecord {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]) => items[int(items.length)] as T;
  const day = (offset: number) => new Date(FIRST_DAY + offset * DAY_MS).toISOString().slice(0, 10);
  const dateAround = (offset: number): FuzzyDate => {
    const roll = random();
    if (roll < 0.7) return parseFuzzyDate(day(offset));
    if (roll < 0.8) return parseFuzzyDate(`${day(offset)}±${1 + int(3)}d`);
    if (roll < 0.9) return parseFuzzyDate(`${day(offset)}..${day(offset + 1 + int(6))}`);
    return parseFuzzyDate(`${day(offset)}T${String(8 + int(10)).padStart(2, '0')}:00Z`);
  };
  const total = size.parties + size.people + size.sources + size.events + size.statements;
  let done = 0;
  const tick = () => {
    done++;
    if (done % 10_000 === 0 || done === total) progress(done, total);
  };

  const parties: Party[] = Array.from({ length: size.parties }, (_, i) => {
    tick();
    return {
      id: `party-${i}` as PartyId,
      name: `Party ${i}`,
      kind: 'state',
      role: i === 0 ? 'mediator' : 'party',
    };
  });
  const sources: Source[] = Array.from({ length: size.sources }, (_, i) => {
    tick();
    return {
      id: `source-${i}` as SourceId,
      title: `Report ${i}`,
      kind: 'news-report',
      published: parseFuzzyDate(day(int(DAYS))),
    };
  });
  const people: Person[] = [];
  const appointments: Appointment[] = [];
  const partyOf: PartyId[] = [];
  for (let i = 0; i < size.people; i++) {
    tick();
    const person = `person-${i}` as PersonId;
    const party = pick(parties).id;
    partyOf.push(party);
    people.push({ id: person, name: `Person ${i}`, aliases: [] });
    const start = int(DAYS);
    const end = random() < 0.5 ? start + 30 + int(700) : undefined;
    const title = { person, party, title: `Title ${i % 50}`, from: parseFuzzyDate(day(start)) };
    const role = {
      person,
      party,
      role: pick(APPOINTMENT_ROLES),
      from: parseFuzzyDate(day(start + int(30))),
    };
    appointments.push({
      key: appointmentKey(title),
      ...title,
      ...(end === undefined ? {} : { to: parseFuzzyDate(day(end)) }),
    });
    appointments.push({
      key: appointmentKey(role),
      ...role,
      ...(end === undefined ? {} : { to: parseFuzzyDate(day(end)) }),
    });
  }
  const events: NegotiationEvent[] = [];
  for (let i = 0; i < size.events; i++) {
    tick();
    const participants = [...new Set(Array.from({ length: 2 + int(5) }, () => pick(people).id))];
    const eventParties = [
      ...new Set(participants.map((person) => partyOf[Number(person.slice(7))] as PartyId)),
    ].slice(0, 3);
    const offset = int(DAYS);
    events.push({
      id: `event-${i}` as EventId,
      kind: pick(EVENT_KINDS),
      status: offset > DAYS - 60 ? 'scheduled' : random() < 0.05 ? 'cancelled' : 'held',
      title: `Event ${i} on the negotiating track`,
      date: dateAround(offset),
      place: `City ${int(300)}`,
      ledBy: participants[0] as PersonId,
      participants,
      parties: eventParties,
      ...(i > 0 && random() < 0.3 ? { followUpOf: `event-${int(i)}` as EventId } : {}),
      sources: [pick(sources).id],
      audience: random() < 0.1 ? 'private' : 'public',
    });
  }
  const statements: Statement[] = [];
  for (let i = 0; i < size.statements; i++) {
    tick();
    const speaker = pick(people).id;
    const atEvent = random() < 0.5 ? pick(events) : undefined;
    const content = {
      speaker,
      party: partyOf[Number(speaker.slice(7))] as PartyId,
      date: atEvent?.date ?? dateAround(int(DAYS)),
      text: `Statement ${i}: the delegation restates its position on point ${int(28) + 1} of the plan.`,
    };
    statements.push({
      id: statementKey(content),
      explicitId: false,
      ...content,
      ...(atEvent === undefined ? {} : { event: atEvent.id }),
      form: random() < 0.3 ? 'quotation' : 'paraphrase',
      audience: 'public',
      topics: [pick(['territory', 'security-guarantees', 'elections', 'army-size', 'sanctions'])],
      source: pick(sources).id,
    });
  }
  return {
    process: { id: 'bench-process' as ProcessId, title: 'Benchmark process', status: 'active' },
    sources,
    parties,
    people,
    appointments,
    events,
    statements,
    texts: [],
    positions: [],
    issues: [],
    profiles: [],
  };
}
