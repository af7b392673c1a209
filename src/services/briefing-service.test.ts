import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { OPERATOR, PUBLIC_VIEWER, type Viewer } from '../core/audience.ts';
import type { Briefing } from '../core/briefing.ts';
import { NotFoundError } from '../core/errors.ts';
import type { EventId, PartyId, ProcessId } from '../core/ids.ts';
import { renderBriefingHtml } from '../io/briefing-html.ts';
import { toJson } from '../io/json-output.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { BriefingService } from './briefing-service.ts';
import { RecordService } from './record-service.ts';

// The reference scenario with a private event, a private statement by a
// participant, and a public statement full of HTML.
const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
).replace(
  '\nstatements:\n',
  `
  - slug: back-channel
    kind: call
    status: scheduled
    title: CANARY-private-event
    date: 2025-12-02
    participants: [witkoff, putin]
    parties: [us, russia]
    audience: private

statements:
  - speaker: witkoff
    party: us
    date: 2025-11-29
    form: quotation
    text: CANARY-private-statement
    audience: private

  - speaker: putin
    party: russia
    date: 2025-11-27
    form: quotation
    text: <script>alert("x")</script> & <b>bold</b>
`,
);
const talks = 'ukraine-talks-2025' as ProcessId;
const meeting = 'putin-witkoff-meeting' as EventId;

const VIEWERS: Record<string, Viewer> = {
  operator: OPERATOR,
  public: PUBLIC_VIEWER,
  mediator: { kind: 'mediator' },
  ukraine: { kind: 'party', party: 'ukraine' as PartyId },
  russia: { kind: 'party', party: 'russia' as PartyId },
};

/** Who may see each canary in the briefing for the Moscow meeting. */
const CANARIES: Record<string, readonly string[]> = {
  'CANARY-private-statement': ['operator'],
  'CANARY-ukraine-mediator-red-line': ['operator', 'mediator', 'ukraine'],
  'CANARY-ukraine-private-army-cap': ['operator', 'ukraine'],
  // On v1: only Russia's current version (the operator's is the revised framework).
  'CANARY-russia-private-nato': ['russia'],
};

for (const kind of testStoreKinds()) {
  describe(`briefing service on ${kind.name}`, () => {
    test('each viewer gets only what it may see, in the data and in the printed page', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const seen: Record<string, Briefing> = {};
        for (const [name, viewer] of Object.entries(VIEWERS)) {
          const briefing = await new BriefingService(store, viewer).briefing(talks, meeting);
          seen[name] = briefing;
          const json = toJson(briefing);
          const html = renderBriefingHtml(briefing, { generated: 0 });
          for (const [canary, allowed] of Object.entries(CANARIES)) {
            assert.equal(json.includes(canary), allowed.includes(name), `${name} and ${canary}`);
            assert.equal(
              html.includes(canary),
              allowed.includes(name),
              `${name}, ${canary} (html)`,
            );
          }
        }
        // Participants with what they held that day: Putin for Russia, Witkoff for the US.
        const participants = seen.public?.participants ?? [];
        assert.deepEqual(
          participants.map((p) => [p.person.id, p.party]),
          [
            ['putin', 'russia'],
            ['witkoff', 'us'],
          ],
        );
        assert.ok(participants[0]?.tenures.some((t) => t.appointment.title === 'President'));
        // Their recent statements, newest first, up to the event.
        assert.deepEqual(
          participants[0]?.statements.map((s) => s.text),
          ['<script>alert("x")</script> & <b>bold</b>'],
        );
        // The current version: the revised framework for those it was circulated to, else v1.
        const current = (name: string) => seen[name]?.texts[0]?.version?.id;
        for (const name of ['operator', 'mediator', 'ukraine'])
          assert.equal(current(name), 'revised-framework', name);
        for (const name of ['public', 'russia']) {
          assert.equal(current(name), 'v1', name);
          assert.equal(seen[name]?.texts[0]?.openProvisions.length, 0, name);
          assert.ok(!toJson(seen[name]).includes('revised-framework'), name);
        }
        const open = seen.ukraine?.texts[0]?.openProvisions ?? [];
        assert.deepEqual(
          open.map((p) => p.id),
          ['armed-forces', 'donbas'],
        );
        // A delegation sees its own positions and public ones, never another party's private ones.
        for (const position of [
          ...open.flatMap((p) => p.positions),
          ...(seen.ukraine?.texts[0]?.otherPositions ?? []),
        ])
          assert.ok(position.party === 'ukraine' || position.audience === 'public');
      });
    });

    test('everything from the record is escaped in the printed page', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const briefing = await new BriefingService(store, PUBLIC_VIEWER).briefing(talks, meeting);
        const html = renderBriefingHtml(briefing, { generated: 0 });
        assert.ok(!html.includes('<script'), 'no script element');
        assert.ok(!html.includes('<b>bold'), 'no markup from the record');
        assert.ok(
          html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;'),
        );
      });
    });

    test('a private event has no briefing but for those who may see it', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const back = 'back-channel' as EventId;
        for (const name of ['public', 'mediator', 'ukraine', 'russia'])
          await assert.rejects(
            new BriefingService(store, VIEWERS[name] as Viewer).briefing(talks, back),
            NotFoundError,
            name,
          );
        const briefing = await new BriefingService(store, OPERATOR).briefing(talks, back);
        assert.equal(briefing.event.title, 'CANARY-private-event');
        // The operator sees Witkoff's private statement among his recent ones.
        const witkoff = briefing.participants.find((p) => p.person.id === 'witkoff');
        assert.equal(witkoff?.statements[0]?.text, 'CANARY-private-statement');
      });
    });
  });
}
