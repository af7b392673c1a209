/**
 * The web app in Chromium as a member of the mediator team: everything
 * shared with the mediator shows, nothing kept to one party. Every page the
 * app links to is crawled and scanned for canary strings the team may not
 * read, with no error in the console. Also: the app by keyboard alone (the
 * skip link, the navigation reached with Tab and opened with Enter, focus
 * visible, the timeline's list scrolled with the keys) and on a phone
 * (390 × 844: nothing wider than the screen, the navigation behind a button).
 * Screenshots go to web/e2e/screenshots/.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, openPage, PROCESS, USERS } from './harness.ts';
import {
  checkPage,
  crawl,
  eventList,
  focused,
  LAST_VISIT,
  nav,
  overflows,
  settle,
  signIn,
  tabTo,
  tour,
} from './role-suite.ts';

const suite = browserSuite();
const PHONE = { width: 390, height: 844 };

describe('the mediator team, in Chromium', () => {
  test('the mediator: everything shared with it; on a phone; signs out', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signIn(page, suite.server.url, 'mediator');
    const dashboard = await tour(page, 'mediator', USERS.mediator);
    assert.ok(dashboard.includes('Mediator team · member'));
    assert.ok(dashboard.includes('CANARY-revised-framework'));

    await page.setViewportSize(PHONE);
    await page.goto(`${suite.server.url}/processes/${PROCESS}?asOf=2025-12-01`);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await checkPage(page, 'mediator-dashboard-phone', 'mediator');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await nav(page).getByRole('link', { name: 'Timeline' }).waitFor();
    await page.waitForTimeout(400); // the bar slides in
    await checkPage(page, 'mediator-navigation-phone', 'mediator');
    await nav(page).getByRole('link', { name: 'Timeline' }).click();
    await page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();
    await eventList(page).getByText('Rubio and Yermak meet in Geneva').waitFor();
    await checkPage(page, 'mediator-timeline-phone', 'mediator');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    assert.deepEqual(errors, []);
    await close();
  });

  test('the mediator: every page the app links to shows no canary and logs no error', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signIn(page, suite.server.url, 'mediator');
    await page.getByRole('heading', { name: 'Processes', level: 1 }).waitFor();
    await page.evaluate(
      `localStorage.setItem(${JSON.stringify(`concord.lastVisit.${PROCESS}`)}, ${JSON.stringify(LAST_VISIT)})`,
    );
    const { visited, types } = await crawl(
      page,
      suite.server.url,
      'mediator',
      USERS.mediator,
      errors,
    );
    for (const type of ['dashboard', 'timeline', 'analysis'])
      assert.ok(types.includes(type), `the crawler reached the ${type}: ${visited.join(', ')}`);
    await close();
  });

  test('by keyboard: skip link, Tab to the navigation, Enter opens a page, the list scrolls', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signIn(page, suite.server.url, 'mediator');
    await page.getByRole('heading', { name: 'Processes', level: 1 }).waitFor();
    await page.goto(`${suite.server.url}/processes/${PROCESS}`);
    await settle(page);

    // The first Tab reaches the skip link; Enter moves the focus to the page's content.
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    assert.equal(skip.text, 'Skip to content');
    assert.ok(skip.visible, 'the skip link shows where the focus is');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement?.id'), 'main');

    // From the top, Tab reaches the navigation's Timeline entry, with a visible focus; Enter opens it.
    await page.goto(`${suite.server.url}/processes/${PROCESS}`);
    await settle(page);
    assert.ok(await tabTo(page, 'Timeline'), 'Tab reaches the navigation');
    assert.ok((await focused(page)).visible, 'the focused entry is marked');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();
    await settle(page);

    // The virtualised list takes the focus and scrolls with the keys.
    const events = page.getByRole('region', { name: /^Events/ });
    await events.focus();
    assert.ok((await focused(page)).visible, 'the focused list is marked');
    const top = () => events.evaluate((list) => list.scrollTop);
    assert.equal(await top(), 0);
    await page.keyboard.press('PageDown');
    // (Polled from here: the page's Content-Security-Policy refuses the evaluated predicates of waitForFunction.)
    for (let i = 0; i < 50 && (await top()) === 0; i++) await page.waitForTimeout(100);
    assert.ok((await top()) > 0, 'Page Down scrolled the list');
    await page.keyboard.press('End');
    await events.getByText('Putin receives Witkoff in Moscow').waitFor();
    await checkPage(page, 'mediator-timeline-keyboard', 'mediator');
    assert.deepEqual(errors, []);
    await close();
  });

  test('on a phone: no page is wider than the screen; the navigation opens from its button', async () => {
    const { page, errors, close } = await openPage(suite.browser, PHONE);
    await page.goto(`${suite.server.url}/sign-in`);
    await settle(page);
    assert.ok(!(await overflows(page)), 'sign-in fits');
    await checkPage(page, 'phone-sign-in', undefined);
    await signIn(page, suite.server.url, 'mediator');
    await page.getByRole('heading', { name: 'Processes', level: 1 }).waitFor();
    await settle(page);
    assert.ok(!(await overflows(page)), 'processes fit');
    await checkPage(page, 'phone-processes', 'mediator');
    for (const [path, name] of [
      ['', 'dashboard'],
      ['/timeline', 'timeline'],
    ] as const) {
      await page.goto(`${suite.server.url}/processes/${PROCESS}${path}`);
      await settle(page);
      assert.ok(!(await overflows(page)), `${name} fits`);
      await checkPage(page, `phone-${name}`, 'mediator');
    }
    // The navigation is hidden behind the button, and opens by keyboard too.
    const inert = () => nav(page).evaluate((element) => (element as { inert: boolean }).inert);
    assert.equal(await inert(), true, 'the closed navigation is out of reach of Tab');
    await page.getByRole('button', { name: 'Open navigation' }).focus();
    await page.keyboard.press('Enter');
    await nav(page).getByRole('link', { name: 'Dashboard' }).waitFor();
    assert.equal(await inert(), false);
    await nav(page).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    assert.deepEqual(errors, []);
    await close();
  });
});
