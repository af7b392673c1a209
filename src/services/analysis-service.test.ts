import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { OPERATOR, PUBLIC_VIEWER, type Viewer } from '../core/audience.ts';
import { InvalidError } from '../core/errors.ts';
import type { PartyId, ProcessId, TextId } from '../core/ids.ts';
import { walkProvisions } from '../core/text/provision.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { AnalysisService } from './analysis-service.ts';
import { RecordService } from './record-service.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);
const talks = 'ukraine-talks-2025' as ProcessId;
/** An issue's option in a package (packages are keyed by branded issue ids). */
const pick = (pkg: object | undefined, issue: string) =>
  (pkg as Record<string, string> | undefined)?.[issue];
const party = (id: string): Viewer => ({ kind: 'party', party: id as PartyId });

/** The example with Russia's profile kept to Russia, a canary in its note. */
const withPrivateRussia = example.replace(
  /(- party: russia\n {4}audience: )mediator\n {4}note: [^\n]*/,
  '$1party\n    note: CANARY-russia-profile',
);

for (const kind of testStoreKinds()) {
  describe(`analysis service on ${kind.name}`, () => {
    test('the first version: unacceptable to Ukraine (red line), improvements, solutions', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const result = await new AnalysisService(store, { kind: 'mediator' }).analyse(talks, {
          version: 'v1',
        });
        const r = result.report;
        assert.deepEqual(r.parties, ['russia', 'ukraine', 'us']);
        assert.equal(result.draftSource?.complete, true);
        assert.equal(pick(result.draftSource?.found.sources, 'territory'), 'closed-wording');
        assert.equal(pick(r.draft?.package, 'territory'), 'cede');
        assert.equal(r.draft?.acceptable, false);
        assert.deepEqual(
          r.draft?.redLinesCrossed.map((c) => c.party),
          ['ukraine'],
        );
        assert.ok((r.draft?.improvements.length ?? 0) > 0);
        for (const x of r.draft?.improvements ?? []) {
          assert.ok(x.gains.every((g) => g >= -1e-9) && x.gains.some((g) => g > 1e-9));
          assert.ok(x.changes.some((c) => c.issue === 'territory' && c.to === 'freeze'));
        }
        assert.equal(r.frontier.exact, true);
        const nash = r.solutions.find((s) => s.criterion === 'nash');
        assert.ok(
          nash !== undefined && pick(nash.points[0]?.packages[0], 'territory') === 'freeze',
        );
        assert.equal(r.acceptable.kind, 'exact');
      });
    });

    test('only the profiles a viewer may see take part; nothing of a hidden one leaks', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(withPrivateRussia, 'example.yaml');
        const mediator = await new AnalysisService(store, { kind: 'mediator' }).analyse(talks, {
          version: 'v1',
        });
        assert.deepEqual(mediator.report.parties, ['ukraine', 'us']);
        assert.deepEqual(mediator.input.leftOut, ['russia']);
        assert.doesNotMatch(JSON.stringify(mediator.report), /CANARY-russia-profile/);
        const operator = await new AnalysisService(store, OPERATOR).analyse(talks, undefined);
        assert.deepEqual(operator.report.parties, ['russia', 'ukraine', 'us']);
        for (const viewer of [PUBLIC_VIEWER, party('ukraine'), party('russia')]) {
          await assert.rejects(
            new AnalysisService(store, viewer).analyse(talks, undefined),
            (error: unknown) =>
              error instanceof InvalidError &&
              /at least two parties/.test(error.message) &&
              !/CANARY-russia-profile/.test(error.message),
          );
        }
        const exported = await new RecordService(store, { kind: 'mediator' }).exportScenario(talks);
        assert.doesNotMatch(exported, /CANARY-russia-profile/);
        assert.match(
          await new RecordService(store, party('russia')).exportScenario(talks),
          /CANARY-russia-profile/,
        );
      });
    });

    test('a package becomes a new version proposing its alternatives', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const service = new AnalysisService(store);
        const { report } = await service.analyse(talks, { version: 'v1' });
        const improvement = report.draft?.improvements[0];
        assert.ok(improvement !== undefined);
        const pkg: Record<string, string> = { ...report.draft?.package };
        for (const change of improvement.changes) pkg[change.issue] = change.to;
        const made = await service.packageToVersion(talks, {
          text: 'peace-plan',
          from: 'v1',
          version: 'v3',
          package: pkg,
        });
        assert.deepEqual(made.written, ['territory']);
        const text = await store
          .forViewer(OPERATOR)
          .repositories.text.getText(talks, 'peace-plan' as TextId);
        const v3 = text?.versions.find((v) => v.id === 'v3');
        assert.equal(v3?.derivedFrom, 'v1');
        const donbas = [...walkProvisions(v3?.provisions ?? [])].find((p) => p.id === 'donbas');
        assert.equal(donbas?.proposed, 'freeze');
        assert.deepEqual(
          donbas?.alternatives?.map((a) => a.id),
          ['cede', 'freeze'],
        );
        // The new version's draft package is the package.
        const again = await service.analyse(talks, { version: 'v3' });
        assert.equal(pick(again.report.draft?.package, 'territory'), 'freeze');
        await assert.rejects(
          service.packageToVersion(talks, { text: 'peace-plan', version: 'v3', package: pkg }),
          /already has a version "v3"/,
        );
        await assert.rejects(
          service.packageToVersion(talks, {
            text: 'peace-plan',
            version: 'v4',
            package: { ...pkg, nato: 'join-tomorrow' },
          }),
          (error: unknown) =>
            error instanceof InvalidError &&
            /unknown option "join-tomorrow" \(options: renounce, defer, open-door\)/.test(
              error.message,
            ),
        );
      });
    });

    test('an incomplete draft says which issues are unsettled; --set completes it', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const service = new AnalysisService(store);
        const latest = await service.analyse(talks, {});
        assert.equal(latest.draftSource?.version, 'revised-framework');
        assert.equal(latest.report.draft, undefined);
        assert.match(
          latest.draftSource?.found.unsettled[0]?.reason ?? '',
          /open with no alternative proposed/,
        );
        const set = await service.analyse(talks, { set: { territory: 'freeze' } });
        assert.equal(pick(set.report.draft?.package, 'territory'), 'freeze');
        assert.equal(pick(set.report.draft?.package, 'army-cap'), '600000');
      });
    });
  });
}
