/**
 * The timeline's overview strip in Chromium: the time axis over the events
 * that match the filters (the week of the Moscow meeting drawn as a range,
 * the days as points), zoom by the buttons and by scrolling on the chart
 * (the window goes to the URL's from/to and the list follows), fit all, at
 * 1280 × 800 and on a phone. The store holds one more event, private, with a
 * canary in its title: an observer sees it neither in the page nor in the
 * counts (the operator does). Screenshots: web/e2e/screenshots/timeline-*.png.
 */

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import { OPERATOR } from '../../src/core/audience.ts';
import type { ProcessId } from '../../src/core/ids.ts';
import { parseTeam } from '../../src/core/team.ts';
import { buildApp } from '../../src/server/app.ts';
import { AccountService } from '../../src/services/account-service.ts';
import { RecordService } from '../../src/services/record-service.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { launchBrowser, NOW, openPage, PASSWORD, PROCESS, SCREENSHOTS, USERS } from './harness.ts';
import { overflows, signIn } from './role-suite.ts';

const CANARY = 'CANARY-private-event';
/** The example with one more event, private (no team reads it), inside the Moscow week. */
const scenario = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
).replace(
  '\nstatements:\n',
  `
  - slug: private-call
    kind: call
    status: scheduled
    title: ${CANARY} call
    date: 2025-12-03
    parties: [us, russia]
    audience: private

statements:
`,
);

/** A server on a fresh store with `scenarioText` and a user for each role. */
async function startTimelineServer(
  scenarioText: string,
): Promise<{ url: string; store: Store; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-e2e-timeline-'));
  const store = await openSqliteStore({ file: join(dir, 'e2e.db'), create: true });
  await new RecordService(store).importScenario(scenarioText, 'example.yaml');
  const accounts = new AccountService(store);
  for (const [name, team] of Object.entries(USERS)) {
    await accounts.addUser(name, { password: PASSWORD });
    await accounts.addMember(PROCESS as ProcessId, name, parseTeam(team), 'member');
  }
  const app = await buildApp(store, { now: () => NOW, checkResponses: 'all' });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    store,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The example with 2,501 more events, seven a day through most of 2024: too many to draw. */
function crowdedScenario(): string {
  const events: string[] = [];
  for (let i = 0; i < 2_500; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 7) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    events.push(
      `  - slug: call-${i}\n    kind: call\n    status: held\n    title: Call ${i}\n    date: ${day}\n    parties: [us]\n`,
    );
  }
  // And one call called off, drawn grey, dashed and struck through.
  events.push(
    '  - slug: call-off\n    kind: call\n    status: cancelled\n    title: Call called off\n    date: 2024-03-15\n    parties: [us]\n',
  );
  return scenario.replace('\nevents:\n', `\nevents:\n${events.join('\n')}\n`);
}

let url: string;
let close: () => Promise<void>;
let store: Store;
let browser: Browser;

const summary = (page: Page) => page.getByTestId('overview-summary');
const chart = (page: Page) => page.getByTestId('overview-chart');
const search = (page: Page) => new URL(page.url()).searchParams;
/** The number of events in the list, from its accessible name ("Events (7)"). */
async function listed(page: Page): Promise<string> {
  return (await page.getByRole('region', { name: /^Events \(/ }).getAttribute('aria-label')) ?? '';
}

describe('the timeline overview, in Chromium', () => {
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ensureWebBuild();
    ({ url, store, close } = await startTimelineServer(scenario));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await close?.();
  });

  test('the axis: points and ranges; zoom by buttons and on the chart; fit all', async () => {
    const { page, errors, close: closePage } = await openPage(browser);
    await signIn(page, url, 'mediator');
    await page.getByRole('heading', { name: 'Processes', level: 1 }).waitFor();
    await page.goto(`${url}/processes/${PROCESS}/timeline`);
    await page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();

    // All seven public events, from Geneva (23 Nov) to the end of the Moscow week (7 Dec).
    await summary(page)
      .filter({ hasText: /drawn as points/ })
      .waitFor();
    assert.equal(
      await summary(page).textContent(),
      '7 events from 23 Nov 2025 to 7 Dec 2025, 2 scheduled: 5 drawn as points, 0 as approximate days (±), 2 as ranges.',
    );
    assert.equal(await chart(page).getAttribute('data-mode'), 'events');
    assert.equal(await chart(page).getAttribute('data-marks'), '7');
    // The Moscow meeting (week 49) and Umerov's takeover (a window of days) are ranges.
    assert.deepEqual(((await chart(page).getAttribute('data-ranges')) ?? '').split(' ').sort(), [
      'putin-witkoff-meeting',
      'umerov-heads-delegation',
    ]);
    const marks =
      (await page.getByRole('list', { name: 'Marks of the overview' }).textContent()) ?? '';
    assert.match(marks, /Putin receives Witkoff in Moscow: a range, week of 1 Dec 2025, scheduled/);
    assert.match(marks, /Rubio and Yermak meet in Geneva[^:]*: a point, Sun, 23 Nov 2025, held/);
    assert.equal(
      await page.getByRole('img', { name: /^7 events from 23 Nov 2025/ }).count(),
      1,
      'the chart is named by its summary',
    );
    for (const item of ['held', 'scheduled (hollow)', 'cancelled (grey, struck)'])
      await page.getByRole('list', { name: 'Legend' }).getByText(item, { exact: true }).waitFor();
    assert.equal(await listed(page), 'Events (7)');
    await page.screenshot({ path: join(SCREENSHOTS, 'timeline-overview.png') });

    // Zoom in: half the window around its middle, in whole days (26 Nov – 4 Dec): the URL and the list follow.
    assert.ok(await page.getByRole('button', { name: 'Fit all' }).isDisabled());
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.waitForURL(/from=2025-11-26/);
    assert.equal(search(page).get('to'), '2025-12-04');
    await summary(page)
      .filter({ hasText: /^6 events from 26 Nov 2025 to 4 Dec 2025, 2 scheduled/ })
      .waitFor();
    // Geneva (23 Nov) is out; Yermak's resignation (28 Nov) and the Moscow week are in.
    await page.getByRole('region', { name: 'Events (6)' }).waitFor();
    const list = (await page.getByRole('region', { name: /^Events/ }).textContent()) ?? '';
    assert.doesNotMatch(list, /Rubio and Yermak meet in Geneva/);
    assert.match(list, /Putin receives Witkoff in Moscow/);

    // The keyboard: Zoom in again with Enter on the focused button.
    await page.getByRole('button', { name: 'Zoom in' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/from=2025-11-28/);
    assert.equal(search(page).get('to'), '2025-12-02');
    await summary(page)
      .filter({ hasText: /^6 events from 28 Nov 2025 to 2 Dec 2025/ })
      .waitFor();

    // Zoom out, then fit all: the whole extent again, no window in the URL.
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.waitForURL((u) => u.searchParams.get('from') === '2025-11-25');
    await page.getByRole('button', { name: 'Fit all' }).click();
    await page.waitForURL((u) => !u.searchParams.has('from') && !u.searchParams.has('to'));
    await page.getByRole('region', { name: 'Events (7)' }).waitFor();

    // Scrolling on the chart zooms it (dataZoom): the window is set in the URL once it rests.
    await summary(page)
      .filter({ hasText: /^7 events from 23 Nov/ })
      .waitFor();
    const box = await chart(page).boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width * 0.75, box.y + 30);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -200);
    await page.waitForURL((u) => u.searchParams.has('from') && u.searchParams.has('to'));
    const from = search(page).get('from') ?? '';
    const to = search(page).get('to') ?? '';
    assert.ok(from > '2025-11-23' || to < '2025-12-07', `zoomed to ${from}–${to}`);
    // The list is the window's events, as the API gives them.
    const expected = (await (
      await page.request.get(
        `${url}/api/v1/processes/${PROCESS}/timeline?from=${from}&to=${to}&limit=1000`,
      )
    ).json()) as { items: unknown[] };
    await page.getByRole('region', { name: `Events (${expected.items.length})` }).waitFor();

    // A window given in the URL; with a filter the overview counts the same events.
    await page.goto(
      `${url}/processes/${PROCESS}/timeline?from=2025-12-01&to=2025-12-07&status=scheduled`,
    );
    await summary(page)
      .filter({
        hasText:
          '2 events from 1 Dec 2025 to 7 Dec 2025, 2 scheduled: 1 drawn as points, 0 as approximate days (±), 1 as ranges.',
      })
      .waitFor();
    await page.getByRole('region', { name: 'Events (2)' }).waitFor();
    assert.deepEqual(errors, []);
    await closePage();
  });

  test('on a phone: the axis and its buttons fit the screen', async () => {
    const { page, errors, close: closePage } = await openPage(browser, { width: 390, height: 844 });
    await signIn(page, url, 'mediator');
    await page.getByRole('heading', { name: 'Processes', level: 1 }).waitFor();
    await page.goto(`${url}/processes/${PROCESS}/timeline`);
    await summary(page)
      .filter({ hasText: /drawn as points/ })
      .waitFor();
    const box = await chart(page).boundingBox();
    assert.ok(box && box.width > 300 && box.width <= 390, `chart width ${box?.width}`);
    assert.equal(await overflows(page), false, 'nothing wider than the screen');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.waitForURL(/from=2025-11-26/);
    await page.screenshot({ path: join(SCREENSHOTS, 'timeline-overview-phone.png') });
    assert.deepEqual(errors, []);
    await closePage();
  });

  test('an observer: the private event is neither shown nor counted', async () => {
    const operator = await new RecordService(store, OPERATOR).timelineHistogram(
      PROCESS as ProcessId,
      {},
      120,
    );
    assert.equal(operator.total, 8, 'the operator counts the private event');
    assert.equal(operator.scheduled, 3);

    const { page, errors, close: closePage } = await openPage(browser);
    await signIn(page, url, 'observer');
    await page.getByRole('heading', { name: 'Processes', level: 1 }).waitFor();
    for (const path of ['', '?from=2025-12-01&to=2025-12-07', '?from=2025-12-03&to=2025-12-03']) {
      await page.goto(`${url}/processes/${PROCESS}/timeline${path}`);
      await summary(page).filter({ hasText: /from/ }).waitFor();
      await page.waitForLoadState('networkidle');
      const text = (await summary(page).textContent()) ?? '';
      const content = `${await page.content()}\n${(await page.locator('body').textContent()) ?? ''}`;
      assert.ok(!content.includes(CANARY), `no canary in ${path || 'the whole timeline'}`);
      assert.ok(!content.includes('private-call'));
      if (path === '') assert.match(text, /^7 events from 23 Nov 2025 to 7 Dec 2025, 2 scheduled/);
      if (path.includes('2025-12-01'))
        assert.match(text, /^2 events from 1 Dec 2025 to 7 Dec 2025, 2 scheduled/);
      // On 3 December only the Moscow week (not the private call) is counted.
      if (path.includes('from=2025-12-03'))
        assert.match(text, /^1 event from 3 Dec 2025 to 3 Dec 2025, 1 scheduled/);
    }
    // The counts the server gives the observer, in any window, leave the private call out.
    const counts = (await (
      await page.request.get(
        `${url}/api/v1/processes/${PROCESS}/timeline/histogram?from=2025-12-03&to=2025-12-03`,
      )
    ).json()) as { total: number; scheduled: number; buckets: { count: number }[] };
    assert.deepEqual(
      [counts.total, counts.scheduled, counts.buckets.map((b) => b.count)],
      [1, 1, [1]],
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'timeline-overview-observer.png') });
    assert.deepEqual(errors, []);
    await closePage();
  });

  test('with too many events to draw: counts per week from the server; zoomed in, events again', async () => {
    const crowded = await startTimelineServer(crowdedScenario());
    try {
      const { page, errors, close: closePage } = await openPage(browser);
      await signIn(page, crowded.url, 'observer');
      await page.getByRole('heading', { name: 'Processes', level: 1 }).waitFor();
      await page.goto(`${crowded.url}/processes/${PROCESS}/timeline`);
      await summary(page)
        .filter({ hasText: /too many/ })
        .waitFor();
      assert.equal(
        await summary(page).textContent(),
        '2508 events from 1 Jan 2024 to 7 Dec 2025, 2 scheduled — too many to draw one by one: counts per week, scheduled ones hollow.',
      );
      assert.equal(await chart(page).getAttribute('data-mode'), 'counts');
      assert.equal(await chart(page).getAttribute('data-marks'), '0');
      await page.screenshot({ path: join(SCREENSHOTS, 'timeline-overview-counts.png') });
      // A month of 2024: few enough to draw one by one.
      await page.goto(`${crowded.url}/processes/${PROCESS}/timeline?from=2024-03-01&to=2024-03-31`);
      await summary(page)
        .filter({ hasText: /drawn as points/ })
        .waitFor();
      assert.match(
        (await summary(page).textContent()) ?? '',
        /^218 events from 1 Mar 2024 to 31 Mar 2024, 0 scheduled: 218 drawn as points/,
      );
      assert.equal(await chart(page).getAttribute('data-mode'), 'events');
      assert.equal(await chart(page).getAttribute('data-marks'), '218');
      // The cancelled call: said so among the marks, and marked in the list.
      assert.match(
        (await page.getByRole('list', { name: 'Marks of the overview' }).textContent()) ?? '',
        /Call called off: a point, Fri, 15 Mar 2024, cancelled/,
      );
      await page.goto(
        `${crowded.url}/processes/${PROCESS}/timeline?from=2024-03-15&to=2024-03-15&status=cancelled`,
      );
      await page.getByRole('region', { name: 'Events (1)' }).waitFor();
      const row = page.getByRole('region', { name: 'Events (1)' }).getByRole('listitem');
      await row.getByText('Call called off').waitFor();
      await row.getByText('cancelled', { exact: true }).waitFor();
      await summary(page)
        .filter({ hasText: /^1 event from 15 Mar 2024 to 15 Mar 2024, 0 scheduled/ })
        .waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'timeline-overview-cancelled.png') });
      assert.deepEqual(errors, []);
      await closePage();
    } finally {
      await crowded.close();
    }
  });
});
