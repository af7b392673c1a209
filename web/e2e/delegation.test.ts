/**
 * The web app in Chromium as a member of Ukraine's delegation: its own
 * confidential material shows (the version circulated to it), nothing of
 * Russia's. Every page the app links to is crawled and scanned for canary
 * strings the delegation may not read, and nothing may be logged to the
 * console as an error. Screenshots go to web/e2e/screenshots/.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, openPage, PROCESS, USERS } from './harness.ts';
import { crawl, LAST_VISIT, nav, signIn, tour } from './role-suite.ts';

const suite = browserSuite();

describe('a delegation, in Chromium', () => {
  test('a member of the Ukraine delegation: its dashboard, the Analysis link, nothing of Russia’s', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signIn(page, suite.server.url, 'ukraine-member');
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

  test('the delegation: every page the app links to shows no canary and logs no error', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signIn(page, suite.server.url, 'ukraine-member');
    await page.getByRole('heading', { name: 'Processes', level: 1 }).waitFor();
    await page.evaluate(
      `localStorage.setItem(${JSON.stringify(`concord.lastVisit.${PROCESS}`)}, ${JSON.stringify(LAST_VISIT)})`,
    );
    const { visited, types } = await crawl(
      page,
      suite.server.url,
      'ukraine-member',
      USERS['ukraine-member'],
      errors,
    );
    for (const type of ['dashboard', 'timeline', 'analysis'])
      assert.ok(types.includes(type), `the crawler reached the ${type}: ${visited.join(', ')}`);
    await close();
  });
});
