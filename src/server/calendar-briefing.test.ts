import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { ProcessId } from '../core/ids.ts';
import { parseTeam } from '../core/team.ts';
import { AccountService } from '../services/account-service.ts';
import { RecordService } from '../services/record-service.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { buildApp } from './app.ts';
import { SESSION_COOKIE } from './auth.ts';

const example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);
const talks = 'ukraine-talks-2025' as ProcessId;
const PASSWORD = 'correct horse battery';
const feed = `/api/v1/processes/${talks}/calendar.ics`;
const briefing = `/api/v1/processes/${talks}/events/sunday-meeting/briefing`;

for (const kind of testStoreKinds()) {
  describe(`calendar and briefing routes on ${kind.name}`, () => {
    test('calendar feed: the session, or a calendar token in the URL (and nothing else there)', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const accounts = new AccountService(store);
        await accounts.addUser('olena', { password: PASSWORD });
        await accounts.addMember(talks, 'olena', parseTeam('ukraine'), 'member');
        const app = await buildApp(store, {
          now: () => Date.UTC(2025, 11, 1),
          checkResponses: 'declared',
        });
        const signIn = await app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { name: 'olena', password: PASSWORD },
        });
        const cookies = {
          [SESSION_COOKIE]: signIn.cookies.find((c) => c.name === SESSION_COOKIE)?.value as string,
        };
        const csrf = { 'x-csrf-token': signIn.json().csrfToken as string };

        // Anyone may download the public calendar.
        const open = await app.inject({ url: feed });
        assert.equal(open.statusCode, 200);
        assert.match(open.headers['content-type'] as string, /^text\/calendar/);
        assert.match(open.body, /UID:sunday-meeting@ukraine-talks-2025\.concord\r\n/);

        // A calendar token needs a signed-in user.
        const refused = await app.inject({
          method: 'POST',
          url: `${feed.replace('.ics', '')}/tokens`,
        });
        assert.equal(refused.statusCode, 403);
        const made = await app.inject({
          method: 'POST',
          url: `/api/v1/processes/${talks}/calendar/tokens`,
          cookies,
          headers: csrf,
        });
        assert.equal(made.statusCode, 201, made.body);
        const { token, path } = made.json() as { token: string; path: string };
        assert.equal(path, `${feed}?token=${token}`);
        const subscribed = await app.inject({ url: path });
        assert.equal(subscribed.statusCode, 200);
        assert.match(subscribed.body, /^BEGIN:VCALENDAR\r\n/);

        // The calendar token opens nothing else: as a bearer token it is nobody.
        const me = await app.inject({
          url: '/api/v1/me',
          headers: { authorization: `Bearer ${token}` },
        });
        assert.equal(me.json().user ?? null, null, me.body);
        // A full API token is not taken in a URL; nor is an unknown or revoked one.
        const apiToken = await accounts.createToken('olena', 'scripts');
        for (const bad of [apiToken, 'nonsense'])
          assert.equal((await app.inject({ url: `${feed}?token=${bad}` })).statusCode, 403);
        await accounts.disableUser('olena');
        const disabled = await app.inject({ url: path });
        assert.equal(disabled.statusCode, 403);
        assert.match(disabled.json().error.message, /calendar link is not valid/);
        await app.close();
      });
    });

    test('briefing: JSON, a printable page with everything escaped, and its PDF', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(
          example.replace(
            'title: US and Ukrainian delegations meet on the revised framework',
            'title: <img src=x onerror=alert(1)> meet & greet',
          ),
          'example.yaml',
        );
        const app = await buildApp(store, {
          now: () => Date.UTC(2025, 10, 29),
          checkResponses: 'declared',
        });
        const json = await app.inject({ url: briefing });
        assert.equal(json.statusCode, 200);
        const data = json.json();
        assert.equal(data.event.id, 'sunday-meeting');
        const ukraine = data.participants.filter((p: { party?: string }) => p.party === 'ukraine');
        assert.equal(ukraine[0].person.id, 'umerov', 'the head of delegation that day comes first');
        assert.ok(
          ukraine[0].tenures.some(
            (t: { appointment: { role?: string } }) => t.appointment.role === 'head-of-delegation',
          ),
        );

        const html = await app.inject({ url: `${briefing}.html` });
        assert.equal(html.statusCode, 200);
        assert.match(html.headers['content-security-policy'] as string, /default-src 'none'/);
        assert.ok(!html.body.includes('<img'));
        assert.ok(html.body.includes('&lt;img src=x onerror=alert(1)&gt; meet &amp; greet'));

        const pdf = await app.inject({ url: `${briefing}.pdf` });
        assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
        assert.equal(pdf.headers['content-type'], 'application/pdf');
        assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

        const missing = await app.inject({
          url: `/api/v1/processes/${talks}/events/nope/briefing.pdf`,
        });
        assert.equal(missing.statusCode, 404);
        await app.close();
      });
    });

    test('briefing PDF: 503 with a clear message when Chromium is missing', async () => {
      await kind.use(async (store) => {
        await new RecordService(store).importScenario(example, 'example.yaml');
        const app = await buildApp(store, { checkResponses: 'declared' });
        const before = process.env.CONCORD_CHROMIUM;
        process.env.CONCORD_CHROMIUM = '/nonexistent/chromium';
        try {
          const response = await app.inject({ url: `${briefing}.pdf` });
          assert.equal(response.statusCode, 503);
          assert.equal(response.json().error.code, 'unavailable');
          assert.match(
            response.json().error.message,
            /PDFs need Chromium.*\/nonexistent\/chromium/,
          );
        } finally {
          if (before === undefined) delete process.env.CONCORD_CHROMIUM;
          else process.env.CONCORD_CHROMIUM = before;
        }
        await app.close();
      });
    });
  });
}
