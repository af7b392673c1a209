/**
 * The web app in Chromium as an observer, and as the public (not signed in):
 * the public record only. Every page the app links to is crawled and scanned
 * for canary strings of material they may not read (none may show), the
 * navigation offers only what they may open, nothing is logged to the
 * console as an error. Screenshots go to web/e2e/screenshots/.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, openPage, PROCESS, USERS } from './harness.ts';
import { checkPage, crawl, eventList, LAST_VISIT, nav, signIn, tour } from './role-suite.ts';

const suite = browserSuite();

describe('an observer and the public, in Chromium', () => {
  test('an observer reads the public record: no Analysis, no canary', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signIn(page, suite.server.url, 'observer');
    const dashboard = await tour(page, 'observer', USERS.observer);
    assert.equal(await nav(page).getByRole('link', { name: 'Analysis' }).count(), 0);
    assert.ok(dashboard.includes('Observers · member'));
    assert.ok(!dashboard.includes('CANARY-'), 'no canary at all');
    assert.deepEqual(errors, []);
    await close();
  });

  test('an observer: every page the app links to shows no canary and logs no error', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signIn(page, suite.server.url, 'observer');
    await page.getByRole('heading', { name: 'Processes', level: 1 }).waitFor();
    await page.evaluate(
      `localStorage.setItem(${JSON.stringify(`concord.lastVisit.${PROCESS}`)}, ${JSON.stringify(LAST_VISIT)})`,
    );
    const { visited, types } = await crawl(
      page,
      suite.server.url,
      'observer',
      USERS.observer,
      errors,
    );
    assert.ok(
      types.includes('timeline'),
      `the crawler reached the timeline: ${visited.join(', ')}`,
    );
    assert.ok(!types.includes('analysis'), 'no link to the analysis');
    await close();
  });

  test('without signing in: a deep link works, the public record only, a wrong password says so', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/processes/${PROCESS}/timeline?kind=meeting`);
    await page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();
    await eventList(page).getByText('Rubio and Yermak meet in Geneva').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Skip to content');
    await checkPage(page, 'public-timeline', undefined);
    await nav(page).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const dashboard = await checkPage(page, 'public-dashboard', undefined);
    assert.ok(dashboard.includes('Public (not signed in)'));
    assert.equal(await nav(page).getByRole('link', { name: 'Analysis' }).count(), 0);
    await page.goto(`${suite.server.url}/processes/${PROCESS}/analysis`);
    await page.getByText('The analysis is for the mediator team').waitFor();

    await page.getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, suite.server.url, 'observer', 'not the password');
    await page.getByRole('alert').getByText('Wrong user name or password.').waitFor();
    await checkPage(page, 'sign-in-refused', undefined);
    // The refused sign-in's 400 is the only error the console may show.
    assert.deepEqual(
      errors.filter((error) => !/status of 400.*\/api\/v1\/session\)$/.test(error)),
      [],
    );
    const response = await page.request.get(`${suite.server.url}/api/v1/processes/nope`);
    assert.equal(response.status(), 404);
    assert.equal((await response.json()).error.code, 'not_found');
    await close();
  });

  test('the public: every page the app links to shows no canary and logs no error', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    const { visited, types } = await crawl(page, suite.server.url, 'public', undefined, errors);
    assert.ok(
      types.includes('timeline'),
      `the crawler reached the timeline: ${visited.join(', ')}`,
    );
    await close();
  });
});
