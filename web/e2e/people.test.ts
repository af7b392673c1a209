/**
 * The people pages, the briefing and the calendar in Chromium: who's who as
 * of two days (Yermak heads Ukraine's delegation, then Umerov), a person's
 * page with how their tenures ended and their neighbourhood graph, the
 * briefing of an upcoming event and its PDF, the calendar download. Every
 * page is scanned for canaries the user's team may not read; screenshots go
 * to web/e2e/screenshots/ (people-*.png, briefing-*.png).
 */

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, forbiddenCanaries, openPage, PROCESS, SCREENSHOTS } from './harness.ts';
import { checkPage, overflows, signInToProcesses } from './role-suite.ts';

const suite = browserSuite();

/** The head of Ukraine's delegation on the who's-who page. */
async function ukraineHead(page: Page): Promise<string> {
  const ukraine = page.getByRole('region', { name: 'Ukraine' });
  const head = ukraine.locator('[data-head="true"]');
  await head.first().waitFor();
  return ((await head.first().getByRole('link').textContent()) ?? '').trim();
}

describe('people, briefing and calendar in the browser', () => {
  test("an observer: who's who on two days, a person, a briefing and its PDF; no canary", async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signInToProcesses(page, suite.server.url, 'observer');
    const base = `${suite.server.url}/processes/${PROCESS}`;

    // The navigation leads to People.
    await page.goto(base);
    await page
      .getByRole('navigation', { name: 'Process' })
      .getByRole('link', { name: 'People' })
      .click();
    await page.getByRole('heading', { name: "Who's who", level: 1 }).waitFor();

    // As of 25 November (typed in the form, with the keyboard): Yermak heads Ukraine's delegation.
    await page.getByLabel('As of').fill('2025-11-25');
    await page.getByLabel('As of').press('Enter');
    await page.waitForURL(/asOf=2025-11-25/);
    assert.equal(await ukraineHead(page), 'Andriy Yermak');
    await checkPage(page, 'people-who-2025-11-25', undefined, true);

    // As of 1 December (the search parameter is the page's state): Umerov.
    await page.goto(`${base}/people?asOf=2025-12-01`);
    await page.getByText(/^As of .*1 Dec 2025/).waitFor();
    assert.equal(await ukraineHead(page), 'Rustem Umerov');
    await checkPage(page, 'people-who-2025-12-01', undefined, true);

    // A person's page: Yermak's tenures and how they ended, the graph and its text.
    await page.goto(`${base}/people?asOf=2025-11-25`);
    await page.getByRole('link', { name: 'Andriy Yermak' }).first().click();
    await page.getByRole('heading', { name: 'Andriy Yermak', level: 1 }).waitFor();
    const tenures = page.getByRole('region', { name: 'Titles and roles over time' });
    await tenures.getByText('head of delegation').first().waitFor();
    await tenures.getByRole('link', { name: 'Rustem Umerov' }).waitFor(); // replaced by
    assert.ok(
      await tenures
        .getByText(/^Resigned/)
        .first()
        .isVisible(),
    );
    const graph = page.getByRole('img', { name: /^Graph of Andriy Yermak/ });
    await graph.waitFor();
    assert.ok(await page.getByRole('link', { name: 'Marco Rubio' }).first().isVisible());
    await page.getByRole('region', { name: 'Statements' }).getByText(/./).first().waitFor();
    await checkPage(page, 'people-person-yermak', undefined, true);

    // The briefing of the next event, from the dashboard.
    await page.goto(base);
    const next = page.getByRole('region', { name: 'Next events' });
    await next.getByRole('link', { name: 'Briefing' }).first().click();
    await page.waitForURL(/\/briefing\//);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Participants' }).waitFor();
    await checkPage(page, 'briefing-observer', undefined, true);
    // Printed: no frame and no buttons, only the briefing.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('navigation', { name: 'Process' }).isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Print' }).isVisible(), false);
    assert.ok(await page.getByRole('region', { name: 'Participants' }).isVisible());
    await page.screenshot({ path: join(SCREENSHOTS, 'briefing-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    const href =
      (await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href')) ?? '';
    assert.ok(href.endsWith('/briefing.pdf'), href);
    const pdf = await page.request.get(`${suite.server.url}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    // What the PDF prints, for this observer: no canary.
    const printed = await page.request.get(`${suite.server.url}${href.replace(/\.pdf$/, '.html')}`);
    assert.deepEqual(forbiddenCanaries(await printed.text(), undefined), []);

    // The Moscow meeting's briefing by address: Putin for Russia, the week's note.
    await page.goto(`${base}/briefing/putin-witkoff-meeting`);
    await page
      .getByRole('heading', { name: 'Putin receives Witkoff in Moscow', level: 1 })
      .waitFor();
    await page.getByRole('link', { name: 'Vladimir Putin' }).waitFor();
    await checkPage(page, 'briefing-moscow-observer', undefined, true);

    // The calendar: the timeline offers the download; the file is iCalendar.
    await page.goto(`${base}/timeline`);
    await page.getByRole('button', { name: 'Calendar' }).click();
    const download = page.getByRole('menuitem', { name: 'Download .ics' });
    const ics = await page.request.get(`${suite.server.url}${await download.getAttribute('href')}`);
    assert.match(ics.headers()['content-type'] ?? '', /^text\/calendar/);
    const calendar = await ics.text();
    assert.match(calendar, /^BEGIN:VCALENDAR\r\n/);
    assert.deepEqual(forbiddenCanaries(calendar, undefined), []);
    await page.keyboard.press('Escape');

    assert.deepEqual(errors, []);
    await close();
  });

  test("Ukraine's delegation: its own positions in the briefing, a calendar link, nothing of Russia's", async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signInToProcesses(page, suite.server.url, 'ukraine-member');
    const base = `${suite.server.url}/processes/${PROCESS}`;
    await page.goto(`${base}/briefing/putin-witkoff-meeting`);
    await page
      .getByRole('heading', { name: 'Putin receives Witkoff in Moscow', level: 1 })
      .waitFor();
    // The revised framework was circulated to Ukraine: its open provisions, and Ukraine's own stance.
    await page.getByText('CANARY-ukraine-private-army-cap').first().waitFor();
    await checkPage(page, 'briefing-ukraine', 'ukraine', true);

    // Subscribing makes a link that carries a calendar token; it reads the feed without a cookie.
    await page.goto(`${base}/timeline`);
    await page.getByRole('button', { name: 'Calendar' }).click();
    await page.getByRole('menuitem', { name: /Subscribe in a calendar app/ }).click();
    const field = page.getByLabel('Calendar address');
    await field.waitFor();
    const url = await field.inputValue();
    assert.match(url, /\/calendar\.ics\?token=[\w-]{20,}$/);
    const anonymous = await suite.browser.newContext();
    const feed = await anonymous.request.get(url);
    assert.equal(feed.status(), 200);
    assert.match(await feed.text(), /^BEGIN:VCALENDAR/);
    await anonymous.close();
    await checkPage(page, 'people-calendar-link', 'ukraine', true);

    for (const path of ['people', 'people/umerov'])
      await page
        .goto(`${base}/${path}`)
        .then(() => page.getByRole('heading', { level: 1 }).waitFor());
    await checkPage(page, 'people-person-umerov-ukraine', 'ukraine', true);
    assert.deepEqual(errors, []);
    await close();
  });

  test('at phone width: the pages fit, and every page of an observer is free of canaries', async () => {
    const { page, errors, close } = await openPage(suite.browser, { width: 390, height: 844 });
    await signInToProcesses(page, suite.server.url, 'observer');
    const base = `${suite.server.url}/processes/${PROCESS}`;
    const pages = {
      'people-phone-who': `${base}/people?asOf=2025-11-25`,
      'people-phone-person': `${base}/people/umerov`,
      'briefing-phone': `${base}/briefing/sunday-meeting`,
    };
    for (const [name, url] of Object.entries(pages)) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page
        .getByRole('status')
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      assert.equal(await overflows(page), false, `${name} is wider than the phone`);
      await checkPage(page, name, undefined, true);
    }
    // A person nobody may see, or that does not exist: a clear error, not a blank page.
    await page.goto(`${base}/people/nobody-at-all`);
    await page.getByRole('alert').waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /Not found/);
    assert.deepEqual(
      errors.filter((e) => !e.includes('404')),
      [],
    );
    await close();
  });
});
