import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { RecordService } from '../services/record-service.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { buildApp } from './app.ts';
import { OPENAPI_PATH, openApiDocument, WEB_SCHEMA_PATH, webSchemaTypes } from './openapi.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);
const NOW = Date.UTC(2025, 11, 2, 9);
const base = '/api/v1/processes/ukraine-talks-2025';

test('the committed OpenAPI document matches the routes (regenerate with npm run openapi)', async () => {
  const committed = readFileSync(new URL(`../../${OPENAPI_PATH}`, import.meta.url), 'utf8');
  assert.equal(
    committed,
    await openApiDocument(),
    `${OPENAPI_PATH} is out of date: run "npm run openapi"`,
  );
});

test('the web app’s committed API types match the OpenAPI document (regenerate with npm run openapi)', async () => {
  const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
  assert.equal(
    read(WEB_SCHEMA_PATH),
    await webSchemaTypes(read(OPENAPI_PATH)),
    `${WEB_SCHEMA_PATH} is out of date: run "npm run openapi"`,
  );
});

for (const kind of testStoreKinds()) {
  describe(`HTTP API on ${kind.name}`, () => {
    test('health, readiness, the record, texts and errors', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const app = await buildApp(store, { now: () => NOW, checkResponses: 'declared' });
        const get = async (url: string) => {
          const response = await app.inject({ method: 'GET', url });
          return {
            status: response.statusCode,
            body: response.body,
            json: () => JSON.parse(response.body),
          };
        };
        assert.deepEqual((await get('/api/health')).json(), { status: 'ok' });
        assert.deepEqual((await get('/api/ready')).json(), { status: 'ok' });
        assert.equal((await get('/api/v1/processes')).json()[0].process.id, 'ukraine-talks-2025');
        const who = (await get(`${base}/who?asOf=2025-11-25&party=ukraine`)).json();
        assert.equal(who.asOf.text, '2025-11-25');
        assert.match(JSON.stringify(who.groups), /yermak/);
        const timeline = (await get(`${base}/timeline?kind=meeting&limit=2`)).json();
        assert.ok(timeline.items.length <= 2);
        const diff = await get(`${base}/texts/peace-plan/diff?from=v1&to=v1&format=markdown`);
        assert.equal(diff.status, 200);
        const badKind = await get(`${base}/timeline?kind=meetin`);
        assert.equal(badKind.status, 400);
        assert.equal(badKind.json().error.problems[0].path, 'querystring.kind');
        const badLimit = await get(`${base}/timeline?limit=0`);
        assert.equal(badLimit.status, 400);
        assert.match(badLimit.json().error.problems[0].path, /querystring/);
        assert.equal((await get('/api/v1/processes/nope')).status, 404);
        assert.equal((await get('/api/v1/nothing-here')).status, 404);
        const checkpoint = (await get(`${base}/audit/checkpoint`)).json();
        assert.equal(checkpoint.seq, 1);
        assert.match(checkpoint.signature, /^[A-Za-z0-9+/=]{80,}$/);
        const history = (await get(`${base}/audit`)).json();
        assert.deepEqual(
          history.entries.map((e: { operation: string; object: string }) => [
            e.operation,
            e.object,
          ]),
          [['create', 'process:ukraine-talks-2025']],
        );
        await app.close();
      });
    });

    test('what else the CLI can do: exports, stance history and movement', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const app = await buildApp(store, { now: () => NOW, checkResponses: 'declared' });
        const get = (url: string) => app.inject({ method: 'GET', url });
        const akn = await get(`${base}/texts/peace-plan/versions/v1?format=akn`);
        assert.equal(akn.statusCode, 200);
        assert.match(akn.headers['content-type'] as string, /application\/xml/);
        assert.match(akn.body, /<akomaNtoso/);
        const scenario = await get(`${base}/export`);
        assert.match(scenario.headers['content-type'] as string, /yaml/);
        assert.match(scenario.body, /slug: ukraine-talks-2025/);
        assert.doesNotMatch(
          scenario.body,
          /revised-framework/,
          'the public export has what the public sees',
        );
        const history = await get(`${base}/texts/peace-plan/positions/history?party=russia`);
        assert.equal(history.statusCode, 200);
        for (const position of history.json()) {
          assert.equal(position.party, 'russia');
          assert.equal(position.audience, 'public');
        }
        const movement = await get(
          `${base}/texts/peace-plan/positions/movement?from=2025-11-01&to=2025-12-31&all=true`,
        );
        assert.equal(movement.statusCode, 200, movement.body);
        assert.ok(Array.isArray(movement.json().rows));
        const badPoint = await get(`${base}/texts/peace-plan/positions/movement?from=v9&to=v1`);
        assert.equal(badPoint.statusCode, 400);
        assert.equal(badPoint.json().error.problems[0].path, 'querystring.from');
        await app.close();
      });
    });

    test('without a session or a team, nothing but public material leaves', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const app = await buildApp(store, { now: () => NOW, checkResponses: 'declared' });
        const urls = [
          '/api/v1/processes',
          base,
          `${base}/who`,
          `${base}/timeline?limit=1000`,
          `${base}/statements?limit=1000`,
          `${base}/texts`,
          `${base}/texts/peace-plan`,
          `${base}/texts/peace-plan/positions?version=v1`,
          `${base}/texts/peace-plan/diff?from=v1&to=revised-framework`,
          `${base}/analysis`,
        ];
        for (const url of urls) {
          const response = await app.inject({ method: 'GET', url });
          assert.doesNotMatch(response.body, /CANARY/, url);
          assert.doesNotMatch(response.body, /revised-framework"|Illustrative assumption/, url);
        }
        // The revised framework was not published: to the public it does not exist.
        const hidden = await app.inject({
          method: 'GET',
          url: `${base}/texts/peace-plan/diff?from=v1&to=revised-framework`,
        });
        assert.equal(hidden.statusCode, 404);
        await app.close();
      });
    });
  });
}
