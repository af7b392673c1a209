import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { OPERATOR, PUBLIC_VIEWER, type Viewer } from '../core/audience.ts';
import type { PartyId, ProcessId } from '../core/ids.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { CalendarService } from './calendar-service.ts';
import { RecordService } from './record-service.ts';

const TRICKY = 'Talks; in Genève, "room 3" \\ annex — Переговори щодо мирного плану, день другий';

// The reference scenario with a private event (the operator's only) and an event whose
// title and place need escaping and folding.
const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
).replace(
  '\nstatements:\n',
  `
  - slug: back-channel
    kind: call
    status: held
    title: CANARY-private-event
    date: 2025-11-29
    parties: [us, russia]
    audience: private

  - slug: tricky
    kind: meeting
    status: scheduled
    title: '${TRICKY.replaceAll("'", "''")}'
    date: 2025-12-03T09:30Z
    duration: 1h30m
    place: Geneva, Palais des Nations
    description: "First line.\\nSecond line."

  - slug: around
    kind: call
    status: scheduled
    title: A call some day around 10 December
    date: ~2025-12-10

statements:
`,
);
const talks = 'ukraine-talks-2025' as ProcessId;
const NOW = Date.parse('2025-12-01T08:00:00Z');

/** The content lines of a calendar, unfolded (RFC 5545 §3.1). */
function unfold(text: string): string[] {
  return text.replace(/\r\n /g, '').split('\r\n').slice(0, -1);
}

/** The value of a TEXT property, unescaped. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Each VEVENT's properties, by UID. */
function eventsOf(text: string): Map<string, Map<string, string>> {
  const events = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of unfold(text)) {
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT' && current !== undefined)
      events.set(current.get('UID') as string, current);
    else if (current !== undefined) {
      const colon = line.indexOf(':');
      current.set(line.slice(0, colon), line.slice(colon + 1));
    }
  }
  return events;
}

const VIEWERS: Record<string, Viewer> = {
  operator: OPERATOR,
  public: PUBLIC_VIEWER,
  mediator: { kind: 'mediator' },
  ukraine: { kind: 'party', party: 'ukraine' as PartyId },
};

for (const kind of testStoreKinds()) {
  describe(`calendar service on ${kind.name}`, () => {
    test('RFC 5545: CRLF lines of at most 75 octets, stable UIDs, dates with their precision', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const service = new CalendarService(store, PUBLIC_VIEWER);
        const text = await service.calendar(talks, { now: NOW });
        assert.ok(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
        assert.ok(text.endsWith('END:VCALENDAR\r\n'));
        assert.ok(!/[^\r]\n/.test(text), 'every line ends in CRLF');
        for (const line of text.split('\r\n'))
          assert.ok(Buffer.byteLength(line) <= 75, `too long: ${line}`);
        assert.ok(text.includes('\r\n '), 'long lines are folded');
        assert.doesNotThrow(() =>
          new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text)),
        );

        const events = eventsOf(text);
        // The same UIDs the next day: calendar apps update events in place.
        const later = eventsOf(await service.calendar(talks, { now: NOW + 86_400_000 }));
        assert.deepEqual([...later.keys()], [...events.keys()]);
        assert.equal(events.size, new Set(events.keys()).size);

        // A day: all-day. A week: the whole week, the note in the description.
        const sunday = events.get('sunday-meeting@ukraine-talks-2025.concord');
        assert.equal(sunday?.get('DTSTART;VALUE=DATE'), '20251130');
        assert.equal(sunday?.get('DTEND;VALUE=DATE'), '20251201');
        assert.equal(sunday?.get('STATUS'), 'CONFIRMED');
        const moscow = events.get('putin-witkoff-meeting@ukraine-talks-2025.concord');
        assert.equal(moscow?.get('DTSTART;VALUE=DATE'), '20251201');
        assert.equal(moscow?.get('DTEND;VALUE=DATE'), '20251208');
        assert.equal(moscow?.get('STATUS'), 'TENTATIVE');
        assert.match(
          unescapeText(moscow?.get('DESCRIPTION') ?? ''),
          /week 2025-W49 .*before Putin leaves for a visit to India.*exact day is not known/,
        );
        // An approximate day: the middle day, the margin in the description.
        const around = events.get('around@ukraine-talks-2025.concord');
        assert.equal(around?.get('DTSTART;VALUE=DATE'), '20251210');
        assert.match(
          unescapeText(around?.get('DESCRIPTION') ?? ''),
          /Approximate date: 2025-12-10 ± 3 days/,
        );
        // An instant with a duration: UTC times.
        const tricky = events.get('tricky@ukraine-talks-2025.concord');
        assert.equal(tricky?.get('DTSTART'), '20251203T093000Z');
        assert.equal(tricky?.get('DTEND'), '20251203T110000Z');
        // Escaping: the text comes back exactly.
        assert.equal(unescapeText(tricky?.get('SUMMARY') ?? ''), TRICKY);
        assert.equal(unescapeText(tricky?.get('LOCATION') ?? ''), 'Geneva, Palais des Nations');
        assert.match(tricky?.get('LOCATION') ?? '', /^Geneva\\, Palais/);
        assert.match(unescapeText(tricky?.get('DESCRIPTION') ?? ''), /First line\.\nSecond line\./);
      });
    });

    test('private events only for those who may see them', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        for (const [name, viewer] of Object.entries(VIEWERS)) {
          const text = await new CalendarService(store, viewer).calendar(talks, { now: NOW });
          assert.equal(text.includes('CANARY-private-event'), name === 'operator', name);
          assert.equal(text.includes('back-channel@'), name === 'operator', name);
        }
      });
    });

    test('from: only events that end after the date', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const { parseFuzzyDate } = await import('../core/fuzzy-date.ts');
        const text = await new CalendarService(store, PUBLIC_VIEWER).calendar(talks, {
          now: NOW,
          from: parseFuzzyDate('2025-12-01'),
        });
        const uids = [...eventsOf(text).keys()];
        assert.ok(uids.includes('putin-witkoff-meeting@ukraine-talks-2025.concord'));
        assert.ok(!uids.includes('geneva-talks@ukraine-talks-2025.concord'));
      });
    });
  });
}
