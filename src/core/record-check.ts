/**
 * The rules a whole record must satisfy before it is stored: unique ids,
 * references that resolve, appointments that end after they start, events
 * that do not follow up on themselves. Every violation is reported, not just
 * the first, with the item and field it concerns.
 */

import { checkAppointment } from './appointment.ts';
import { closest } from './closest.ts';
import {
  itemKey,
  type ProcessRecord,
  RECORD_COLLECTIONS,
  type RecordCollection,
} from './process-record.ts';

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
        const what =
          collection === 'appointments'
            ? 'the same appointment (person, party, title, role and start)'
            : `${NOUNS[collection]} "${key}"`;
        const field = collection === 'appointments' ? '' : 'id';
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

  const reference = (
    collection: RecordCollection,
    index: number,
    field: string,
    target: RecordCollection,
    id: string | undefined,
  ) => {
    if (id === undefined || ids[target].has(id)) return;
    const suggestion = closest(id, ids[target]);
    const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
    problems.push({ collection, index, field, message: `unknown ${NOUNS[target]} "${id}"${hint}` });
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
      reference('events', index, `participants[${i}]`, 'people', person);
    });
    event.parties.forEach((party, i) => {
      reference('events', index, `parties[${i}]`, 'parties', party);
    });
    event.sources.forEach((source, i) => {
      reference('events', index, `sources[${i}]`, 'sources', source);
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
    const lists: [string, readonly string[]][] = [
      ['participants', event.participants],
      ['parties', event.parties],
      ['sources', event.sources],
    ];
    for (const [field, list] of lists) {
      const repeated = list.find((item, i) => list.indexOf(item) !== i);
      if (repeated !== undefined) {
        problems.push({
          collection: 'events',
          index,
          field,
          message: `"${repeated}" is listed twice`,
        });
      }
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
  return problems;
}

/** Events whose follow-up chain loops back on itself (longer loops than the self-reference). */
function followUpCycles(record: ProcessRecord): RecordProblem[] {
  const next = new Map(
    record.events.map((event) => [event.id as string, event.followUpOf as string | undefined]),
  );
  const problems: RecordProblem[] = [];
  record.events.forEach((event, index) => {
    const seen = new Set<string>([event.id]);
    let current = event.followUpOf as string | undefined;
    while (current !== undefined && current !== event.id && !seen.has(current)) {
      seen.add(current);
      current = next.get(current);
    }
    if (current === event.id && event.followUpOf !== event.id) {
      problems.push({
        collection: 'events',
        index,
        field: 'followUpOf',
        message: 'the follow-up chain loops back to this event',
      });
    }
  });
  return problems;
}
