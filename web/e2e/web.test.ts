/**
 * The web app in Chromium, signed in through the page as each kind of user:
 * every page it opens is scanned for canary strings of material the user's
 * team may not read (none may show), the navigation offers only what the
 * team may open, and nothing is logged to the console as an error.
 * Screenshots of each main page go to web/e2e/screenshots/.
 */

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  forbiddenCanaries,
  launchBrowser,
  openPage,
  PASSWORD,
  PROCESS,
  SCREENSHOTS,
  startServer,
  type TestServer,
  USERS,
} from './harness.ts';

/** A visit before the scenario's last changes, so "since your last visit" has something to show. */
const LAST_VISIT = '2025-11-20T00:00:00.000Z';

let server: TestServer;
let browser: Browser;

async function checkPage(page: Page, name: string, team: string | undefined): Promise<string> {
  const content = await page.content();
  assert.deepEqual(
    forbiddenCanaries(content, team),
    [],
    `${name}: canaries ${team ?? 'public'} may not read`,
  );
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  return content;
}

/** Signs in through the form with the keyboard only, and lands on the processes. */
async function signIn(page: Page, user: string, password = PASSWORD): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('User name').waitFor();
  await page.keyboard.type(user); // the user name field has the focus
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Process' });

/** Processes → dashboard → timeline (→ analysis): checks each page; returns the dashboard's HTML. */
async function tour(page: Page, role: string, team: string | undefined): Promise<string> {
  await page.getByRole('heading', { name: 'Processes', level: 1 }).waitFor();
  await checkPage(page, `${role}-processes`, team);
  // (Scripts run in the page, given as text: this file is checked without the DOM's types.)
  await page.evaluate(
    `localStorage.setItem(${JSON.stringify(`concord.lastVisit.${PROCESS}`)}, ${JSON.stringify(LAST_VISIT)})`,
  );

  await page.getByRole('link', { name: /Russia–Ukraine war/ }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  await page.getByText('Rustem Umerov').first().waitFor(); // heads Ukraine's delegation on 2 December
  const since = page.getByRole('region', { name: /Since your last visit \(/ });
  await since.getByRole('button', { name: 'Events (7)' }).click();
  await since.getByText('Witkoff arrives in Moscow', { exact: true }).waitFor();
  const next = page.getByRole('region', { name: 'Next events' });
  await next.getByText('Putin receives Witkoff in Moscow', { exact: true }).waitFor();
  assert.ok(await next.getByText('sometime that week').isVisible(), 'the precision, as text');
  const dashboard = await checkPage(page, `${role}-dashboard`, team);

  await nav(page).getByRole('link', { name: 'Timeline' }).click();
  await page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();
  const events = page.getByRole('region', { name: /^Events/ });
  await events.getByText('Anti-corruption investigators search').waitFor();
  await checkPage(page, `${role}-timeline`, team);
  // Filter: meetings only, then scheduled ones only.
  await page.getByRole('combobox', { name: 'Kinds' }).click();
  await page.getByRole('option', { name: 'meeting' }).click();
  await page.keyboard.press('Escape');
  await page.waitForURL(/kind=meeting/);
  await events.getByText('Anti-corruption investigators search').waitFor({ state: 'detached' });
  await page.getByRole('checkbox', { name: 'scheduled' }).focus(); // by keyboard
  await page.keyboard.press('Space');
  await page.waitForURL(/status=scheduled/);
  await events.getByText('Rubio and Yermak meet in Geneva').waitFor({ state: 'detached' });
  const rows = await events.getByRole('listitem').allInnerTexts();
  assert.deepEqual(
    rows.map((row) => row.includes('Putin receives Witkoff in Moscow')),
    [true],
    'one scheduled meeting',
  );
  await checkPage(page, `${role}-timeline-filtered`, team);

  const analysis = nav(page).getByRole('link', { name: 'Analysis' });
  if ((await analysis.count()) > 0) {
    await analysis.click();
    await page.getByRole('heading', { name: 'Analysis', level: 1 }).waitFor();
    await checkPage(page, `${role}-analysis`, team);
  }
  return dashboard;
}

describe('the web app in Chromium', () => {
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('an observer reads the public record: no Analysis, no canary', async () => {
    const { page, errors, close } = await openPage(browser);
    await signIn(page, 'observer');
    const dashboard = await tour(page, 'observer', USERS.observer);
    assert.equal(await nav(page).getByRole('link', { name: 'Analysis' }).count(), 0);
    assert.ok(dashboard.includes('Observers · member'));
    assert.ok(!dashboard.includes('CANARY-'), 'no canary at all');
    assert.deepEqual(errors, []);
    await close();
  });

  test('a member of the Ukraine delegation: its dashboard, the Analysis link, nothing of Russia’s', async () => {
    const { page, errors, close } = await openPage(browser);
    await signIn(page, 'ukraine-member');
    const dashboard = await tour(page, 'ukraine-member', USERS['ukraine-member']);
    assert.ok(dashboard.includes('Ukraine delegation · member'));
    assert.ok(
      dashboard.includes('CANARY-revised-framework'),
      'the version circulated to Ukraine is its current one (so the scan sees confidential material)',
    );
    assert.equal(await nav(page).getByRole('link', { name: 'Analysis' }).count(), 1);
    assert.deepEqual(errors, []);
    await close();
  });

  test('the mediator: everything shared with it; on a phone; signs out', async () => {
    const { page, errors, close } = await openPage(browser);
    await signIn(page, 'mediator');
    const dashboard = await tour(page, 'mediator', USERS.mediator);
    assert.ok(dashboard.includes('Mediator team · member'));
    assert.ok(dashboard.includes('CANARY-revised-framework'));

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/processes/${PROCESS}?asOf=2025-12-01`);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await checkPage(page, 'mediator-dashboard-phone', 'mediator');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await nav(page).getByRole('link', { name: 'Timeline' }).waitFor();
    await page.waitForTimeout(400); // the bar slides in
    await checkPage(page, 'mediator-navigation-phone', 'mediator');
    await nav(page).getByRole('link', { name: 'Timeline' }).click();
    await page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();
    await page.getByText('Rubio and Yermak meet in Geneva').waitFor();
    await checkPage(page, 'mediator-timeline-phone', 'mediator');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    assert.deepEqual(errors, []);
    await close();
  });

  test('without signing in: a deep link works, the public record only, a wrong password says so', async () => {
    const { page, errors, close } = await openPage(browser);
    await page.goto(`${server.url}/processes/${PROCESS}/timeline?kind=meeting`);
    await page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();
    await page.getByText('Rubio and Yermak meet in Geneva').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Skip to content');
    await checkPage(page, 'public-timeline', undefined);
    await nav(page).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const dashboard = await checkPage(page, 'public-dashboard', undefined);
    assert.ok(dashboard.includes('Public (not signed in)'));
    assert.equal(await nav(page).getByRole('link', { name: 'Analysis' }).count(), 0);
    await page.goto(`${server.url}/processes/${PROCESS}/analysis`);
    await page.getByText('The analysis is for the mediator team').waitFor();

    await page.getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, 'observer', 'not the password');
    await page.getByRole('alert').getByText('Wrong user name or password.').waitFor();
    await checkPage(page, 'sign-in-refused', undefined);
    // The refused sign-in's 400 is the only error the console may show.
    assert.deepEqual(
      errors.filter((error) => !/status of 400.*\/api\/v1\/session\)$/.test(error)),
      [],
    );
    const response = await page.request.get(`${server.url}/api/v1/processes/nope`);
    assert.equal(response.status(), 404);
    assert.equal((await response.json()).error.code, 'not_found');
    await close();
  });
});
