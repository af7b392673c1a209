/**
 * The rules a whole record must satisfy before it is stored: unique ids,
 * references that resolve, appointments that end after they start, events
 * that do not follow up on themselves. Every violation is reported, not just
 * the first, with the item and field it concerns.
 */

import { checkIssues, checkProfilesAgainst } from './analysis/analysis-check.ts';
import { checkAppointment } from './appointment.ts';
import { closest } from './closest.ts';
import {
  itemKey,
  type ProcessRecord,
  RECORD_COLLECTIONS,
  type RecordCollection,
} from './process-record.ts';
import { checkPosition } from './text/position.ts';
import { type Provision, walkProvisions } from './text/provision.ts';
import { checkText } from './text/text-check.ts';

export interface RecordProblem {
  readonly collection: RecordCollection;
  /** Position of the item in its collection as given. */
  readonly index: number;
  /** Field path inside the item, in the domain's names (`participants[1]`, `ended.replacedBy`). */
  readonly field: string;
  readonly message: string;
}

const NOUNS: Record<RecordCollection, string> = {
  sources: 'source',
  parties: 'party',
  people: 'person',
  appointments: 'appointment',
  events: 'event',
  statements: 'statement',
  texts: 'text',
  positions: 'position',
  issues: 'issue',
  profiles: 'profile',
};

/** Every rule violation in `record` (an empty list when it is sound). */
export function checkRecord(record: ProcessRecord): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const ids = {} as Record<RecordCollection, Set<string>>;
  for (const collection of RECORD_COLLECTIONS) {
    const seen = new Map<string, number>();
    record[collection].forEach((item, index) => {
      const key = itemKey(item);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else {
        const keyed = 'key' in item;
        const what = keyed ? `the same ${NOUNS[collection]}` : `${NOUNS[collection]} "${key}"`;
        const field = keyed ? '' : 'id';
        problems.push({
          collection,
          index,
          field,
          message: `duplicate: ${what} is already given at position ${first + 1}`,
        });
      }
    });
    ids[collection] = new Set(seen.keys());
  }

  /** Checks one reference; `field` is the field's name, with the list position when in a list. */
  const reference = (
    collection: RecordCollection,
    index: number,
    field: string,
    target: RecordCollection,
    id: string | undefined,
    position?: number,
  ) => {
    if (id === undefined || ids[target].has(id)) return;
    const suggestion = closest(id, ids[target]);
    const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
    const path = position === undefined ? field : `${field}[${position}]`;
    problems.push({
      collection,
      index,
      field: path,
      message: `unknown ${NOUNS[target]} "${id}"${hint}`,
    });
  };

  record.appointments.forEach((appointment, index) => {
    reference('appointments', index, 'person', 'people', appointment.person);
    reference('appointments', index, 'party', 'parties', appointment.party);
    reference('appointments', index, 'source', 'sources', appointment.source);
    reference('appointments', index, 'ended.replacedBy', 'people', appointment.ended?.replacedBy);
    reference('appointments', index, 'ended.source', 'sources', appointment.ended?.source);
    for (const { field, message } of checkAppointment(appointment)) {
      problems.push({ collection: 'appointments', index, field, message });
    }
  });

  record.events.forEach((event, index) => {
    reference('events', index, 'ledBy', 'people', event.ledBy);
    event.participants.forEach((person, i) => {
      reference('events', index, 'participants', 'people', person, i);
    });
    event.parties.forEach((party, i) => {
      reference('events', index, 'parties', 'parties', party, i);
    });
    event.sources.forEach((source, i) => {
      reference('events', index, 'sources', 'sources', source, i);
    });
    reference('events', index, 'followUpOf', 'events', event.followUpOf);
    if (event.followUpOf === event.id) {
      problems.push({
        collection: 'events',
        index,
        field: 'followUpOf',
        message: 'an event cannot follow up on itself',
      });
    }
    for (const field of ['participants', 'parties', 'sources'] as const) {
      const repeated = firstRepeated(event[field]);
      if (repeated === undefined) continue;
      problems.push({
        collection: 'events',
        index,
        field,
        message: `"${repeated}" is listed twice`,
      });
    }
  });
  problems.push(...followUpCycles(record));

  record.statements.forEach((statement, index) => {
    if (statement.speaker === undefined && statement.party === undefined) {
      problems.push({
        collection: 'statements',
        index,
        field: '',
        message: 'a statement needs a speaker, a party, or both',
      });
    }
    reference('statements', index, 'speaker', 'people', statement.speaker);
    reference('statements', index, 'party', 'parties', statement.party);
    reference('statements', index, 'event', 'events', statement.event);
    reference('statements', index, 'source', 'sources', statement.source);
  });

  record.texts.forEach((text, index) => {
    for (const { field, message } of checkText(text))
      problems.push({ collection: 'texts', index, field, message });
    text.versions.forEach((version, v) => {
      const at = `versions[${v}]`;
      reference('texts', index, `${at}.proposedBy`, 'parties', version.proposedBy);
      reference('texts', index, `${at}.proposedByPerson`, 'people', version.proposedByPerson);
      reference('texts', index, `${at}.source`, 'sources', version.source);
      version.circulatedTo.forEach((party, i) => {
        reference('texts', index, `${at}.circulatedTo`, 'parties', party, i);
      });
    });
  });
  problems.push(...checkPositions(record, reference));
  for (const p of checkIssues(record.issues, record.texts))
    problems.push({ collection: 'issues', ...p });
  record.profiles.forEach((profile, index) => {
    reference('profiles', index, 'party', 'parties', profile.party);
  });
  for (const p of checkProfilesAgainst(record.issues, record.profiles))
    problems.push({ collection: 'profiles', ...p });
  return problems;
}

/** The first item of `list` that was already listed before it (lists are short: no set needed). */
function firstRepeated(list: readonly string[]): string | undefined {
  if (list.length > 16) {
    const seen = new Set<string>();
    return list.find((item) => seen.size === seen.add(item).size);
  }
  for (let i = 1; i < list.length; i++) {
    for (let j = 0; j < i; j++) if (list[i] === list[j]) return list[i];
  }
  return undefined;
}

type Reference = (
  collection: RecordCollection,
  index: number,
  field: string,
  target: RecordCollection,
  id: string | undefined,
) => void;

/** Each position must name a provision of a version of a text of the process, and a party. */
function checkPositions(record: ProcessRecord, reference: Reference): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const texts = new Map(record.texts.map((text) => [text.id as string, text]));
  const provisionsOf = new Map<string, Map<string, Provision>>();
  record.positions.forEach((position, index) => {
    const problem = (field: string, message: string) =>
      problems.push({ collection: 'positions', index, field, message });
    reference('positions', index, 'party', 'parties', position.party);
    reference('positions', index, 'source', 'sources', position.source);
    for (const { field, message } of checkPosition(position)) problem(field, message);
    const text = texts.get(position.text);
    if (text === undefined) {
      reference('positions', index, 'text', 'texts', position.text);
      return;
    }
    const version = text.versions.find((candidate) => candidate.id === position.version);
    if (version === undefined) {
      const known = text.versions.map((candidate) => candidate.id);
      problem(
        'version',
        `unknown version "${position.version}" of text "${text.id}" (known: ${known.join(', ')})`,
      );
      return;
    }
    const key = `${text.id}\u0000${version.id}`;
    let provisions = provisionsOf.get(key);
    if (provisions === undefined) {
      provisions = new Map([...walkProvisions(version.provisions)].map((p) => [p.id as string, p]));
      provisionsOf.set(key, provisions);
    }
    const provision = provisions.get(position.provision);
    if (provision === undefined) {
      const suggestion = closest(position.provision, provisions.keys());
      const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
      problem(
        'provision',
        `version "${version.id}" of "${text.id}" has no provision "${position.provision}"${hint}`,
      );
      return;
    }
    if (
      position.alternative !== undefined &&
      !provision.alternatives?.some((a) => a.id === position.alternative)
    ) {
      problem(
        'alternative',
        `provision "${provision.id}" has no alternative "${position.alternative}"`,
      );
    }
  });
  return problems;
}

/**
 * Events whose follow-up chain loops back to themselves (longer loops than the
 * self-reference, which is reported on its own). Each chain is walked once:
 * O(events) in all.
 */
function followUpCycles(record: ProcessRecord): RecordProblem[] {
  const index = new Map(record.events.map((event, i) => [event.id as string, i]));
  const next = record.events.map((event) =>
    event.followUpOf === undefined || event.followUpOf === event.id
      ? undefined
      : index.get(event.followUpOf),
  );
  // 0: not visited; 1: on the chain being walked; 2: done.
  const state = new Uint8Array(record.events.length);
  const inCycle = new Uint8Array(record.events.length);
  for (let start = 0; start < record.events.length; start++) {
    const chain: number[] = [];
    let current: number | undefined = start;
    while (current !== undefined && state[current] === 0) {
      state[current] = 1;
      chain.push(current);
      current = next[current];
    }
    if (current !== undefined && state[current] === 1) {
      for (let i = chain.indexOf(current); i < chain.length; i++) inCycle[chain[i] as number] = 1;
    }
    for (const visited of chain) state[visited] = 2;
  }
  const problems: RecordProblem[] = [];
  inCycle.forEach((flag, i) => {
    if (flag === 1) {
      problems.push({
        collection: 'events',
        index: i,
        field: 'followUpOf',
        message: 'the follow-up chain loops back to this event',
      });
    }
  });
  return problems;
}
