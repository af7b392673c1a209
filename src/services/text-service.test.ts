import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { OPERATOR, PUBLIC_VIEWER } from '../core/audience.ts';
import { InvalidError, NotFoundError } from '../core/errors.ts';
import type { PartyId, ProcessId, TextId, VersionId } from '../core/ids.ts';
import { walkProvisions } from '../core/text/provision.ts';
import { renderDiffMarkdown } from '../io/text/diff-markdown.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { schemaErrors, skipXmlValidation } from '../testing/xmllint.ts';
import { RecordService } from './record-service.ts';
import { TextService } from './text-service.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);
const talks = 'ukraine-talks-2025' as ProcessId;
const plan = 'peace-plan';

const draftV1 = `Preamble: the parties agree as follows.

1. Ukraine does not join NATO.
2. Elections are held in Ukraine within 100 days of the signature of this agreement.
3. Ukraine cedes the whole of the eastern Donbas region to Russia.
   (a) Russian forces withdraw from the other occupied regions.
   (b) An international mission monitors the line.
4. A full amnesty is granted for acts committed during the war.
`;
const draftV2 = `Preamble: the parties agree as follows.

1. Elections are held in Ukraine within 100 days of the entry into force of a ceasefire.
2. Ukraine does not join NATO.
3. [Ukraine cedes the whole of the eastern Donbas region to Russia. / The line of contact in the eastern Donbas region is frozen.]
   (a) An international mission monitors the line.
4. Lasting security guarantees are given to Ukraine by its partners.
`;

for (const kind of testStoreKinds()) {
  describe(`text service on ${kind.name}`, () => {
    test('the reference diff names every change, provision by provision', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const { diff, from, to } = await new TextService(store).compare(
          talks,
          plan,
          'v1',
          'revised-framework',
        );
        const kinds = Object.fromEntries(
          diff.provisions.map((change) => [change.id, change.changes.join(', ')]),
        );
        assert.deepEqual(kinds, {
          ceasefire: 'reworded',
          'security-guarantees': 'moved, renumbered, reworded',
          sanctions: 'removed',
          amnesty: 'removed',
          'armed-forces': 'renumbered, opened, annotated',
          nato: 'renumbered',
          elections: 'renumbered, reworded, annotated',
          donbas: 'renumbered, opened, annotated',
          'sanctions-relief': 'added, split',
          'frozen-assets': 'added, split',
        });
        const briefing = renderDiffMarkdown(diff, {
          title: 'Peace plan',
          from: { id: from.id, label: from.label },
          to: { id: to.id, label: to.label },
        });
        assert.match(briefing, /accept this ~~plan~~\*\*framework\*\*\./);
        assert.match(
          briefing,
          /\*\*6\. → 2\. Security guarantees\*\* — _moved, renumbered, reworded/,
        );
        assert.match(
          briefing,
          /Now open: The size of Ukraine's armed forces is limited to \[600,000 \/ 800,000\] personnel\./,
        );
        assert.match(briefing, /Made from: `sanctions`/);
      });
    });

    test('both reference versions export as Akoma Ntoso that the OASIS schema accepts', {
      skip: skipXmlValidation,
    }, async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const service = new TextService(store);
        const documents = await Promise.all(
          ['v1', 'revised-framework'].map((v) =>
            service.exportVersion(talks, plan, v, 'akn', '2025-12-01'),
          ),
        );
        assert.deepEqual(schemaErrors(documents), []);
        assert.match(documents[1] ?? '', /wId="donbas"/);
      });
    });

    test('a draft continuing a version keeps its identities; the diff then reads by identity', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const service = new TextService(store);
        const first = await service.importDraft(
          talks,
          { text: 'treaty' as TextId, title: 'Treaty', kind: 'treaty', version: 'd1' as VersionId },
          draftV1,
          'd1.txt',
        );
        assert.equal(first.createdText, true);
        assert.equal(first.provisions, 7);
        const second = await service.importDraft(
          talks,
          {
            text: 'treaty' as TextId,
            version: 'd2' as VersionId,
            from: 'd1' as VersionId,
            proposedBy: 'us' as PartyId,
          },
          draftV2,
          'd2.txt',
        );
        assert.equal(second.added.length, 1, 'the security guarantees are new');
        assert.equal(second.removed.length, 2, 'the amnesty and (a) withdrawal are gone');
        const { version: d1 } = await service.getVersion(talks, 'treaty', 'd1');
        const { version: d2 } = await service.getVersion(talks, 'treaty', 'd2');
        const idOf = (tree: typeof d1.provisions, start: string) =>
          [...walkProvisions(tree)].find((p) =>
            (p.body || p.alternatives?.[0]?.text || '').startsWith(start),
          )?.id;
        assert.equal(idOf(d2.provisions, 'Elections'), idOf(d1.provisions, 'Elections'));
        assert.equal(idOf(d2.provisions, 'Ukraine cedes'), idOf(d1.provisions, 'Ukraine cedes'));
        const { diff } = await service.compare(talks, 'treaty', 'd1', 'd2');
        assert.equal(diff.matching, 'identity');
        assert.equal(diff.summary.opened, 1);
        assert.equal(diff.summary.reworded, 1);
      });
    });

    test('drafts imported separately are compared by similarity, with confidence', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const service = new TextService(store);
        const base = { text: 'treaty' as TextId, title: 'Treaty', kind: 'treaty' as const };
        await service.importDraft(talks, { ...base, version: 'a' as VersionId }, draftV1, 'a.txt');
        await service.importDraft(talks, { ...base, version: 'b' as VersionId }, draftV2, 'b.txt');
        const { diff } = await service.compare(talks, 'treaty', 'a', 'b');
        assert.equal(diff.matching, 'similarity');
        const elections = diff.provisions.find((change) =>
          change.after?.fields.body.startsWith('Elections'),
        );
        assert.ok(elections?.changes.includes('reworded'), 'paired, then reworded');
        assert.ok((elections?.confidence ?? 0) > 0.5 && (elections?.confidence ?? 1) < 1);
      });
    });

    test('a bad draft, or one that drops a provision with positions, writes nothing', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const service = new TextService(store);
        const before = await new RecordService(store).exportScenario(talks);
        await assert.rejects(
          service.importDraft(
            talks,
            { text: plan as TextId, version: 'v3' as VersionId },
            '1. One.\n3. Three.\n',
            'bad.txt',
          ),
          (error: unknown) =>
            error instanceof InvalidError &&
            error.problems[0]?.line === 2 &&
            /expected 2/.test(error.message),
        );
        await assert.rejects(
          service.importDraft(
            talks,
            { text: plan as TextId, version: 'v1' as VersionId },
            '1. Only this.\n',
            'v1.txt',
          ),
          /positions are kept, so import the draft as a new version instead/,
        );
        await service.importDraft(
          talks,
          { text: plan as TextId, version: 'v9' as VersionId },
          '1. A dry run.\n',
          'v9.txt',
          {
            dryRun: true,
          },
        );
        assert.equal(await new RecordService(store).exportScenario(talks), before);
      });
    });

    test('versions are seen by whom they were circulated to, or by all once published', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const versionsFor = async (viewer: ConstructorParameters<typeof TextService>[1]) =>
          (await new TextService(store, viewer).getText(talks, plan)).versions.map((v) => v.id);
        assert.deepEqual(await versionsFor(OPERATOR), ['v1', 'revised-framework']);
        assert.deepEqual(await versionsFor(PUBLIC_VIEWER), ['v1']);
        assert.deepEqual(await versionsFor({ kind: 'party', party: 'russia' as PartyId }), ['v1']);
        assert.deepEqual(await versionsFor({ kind: 'party', party: 'ukraine' as PartyId }), [
          'v1',
          'revised-framework',
        ]);
        await assert.rejects(
          new TextService(store, PUBLIC_VIEWER).getVersion(talks, plan, 'revised-framework'),
          NotFoundError,
        );
        const exported = await new RecordService(store, PUBLIC_VIEWER).exportScenario(talks);
        assert.doesNotMatch(exported, /revised-framework|CANARY/);
      });
    });
  });
}
