/**
 * The text pages in Chromium: the mediator compares the first version with
 * the revised framework (a redline, side by side and inline) and sees the
 * positions heat map; a member of Ukraine's delegation records a stance in
 * place, then meets a stance recorded meanwhile (412) without losing what
 * they typed; an observer opens every text page and no canary of confidential
 * material is anywhere in the DOM. No console errors. Screenshots go to
 * web/e2e/screenshots/texts-*.png.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, openPage, PASSWORD, PROCESS, USERS } from './harness.ts';
import { checkPage, signInToProcesses } from './role-suite.ts';

const suite = browserSuite();

/** The role suite's page check, full page, named texts-…. */
const check = (page: Page, name: string, team: string | undefined) =>
  checkPage(page, `texts-${name}`, team, true);

const base = () => `${suite.server.url}/processes/${PROCESS}`;
const nav = (page: Page) => page.getByRole('navigation', { name: 'Process' });

/** Waits until no spinner ("Loading …") is left on the page. */
async function settled(page: Page): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: /Loading|Comparing|Finding/ })
    .first()
    .waitFor({
      state: 'detached',
    });
}

/** Signs in over the API (a second client of the same user): its cookie and CSRF token. */
async function apiSession(user: string): Promise<Record<string, string>> {
  const response = await fetch(`${suite.server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: user, password: PASSWORD }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  return { cookie: cookie.join('; '), 'x-csrf-token': csrfToken };
}

describe('the text pages in Chromium', () => {
  test('the mediator compares v1 with the revised framework, and sees the heat map', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signInToProcesses(page, suite.server.url, 'mediator');
    await page.goto(`${base()}/text`);
    await page.getByRole('heading', { name: 'Text', level: 1 }).waitFor();
    await settled(page);
    // The newest version the mediator may read: the revised framework, not published.
    await page.getByText('not published').first().waitFor();
    await check(page, 'mediator-read', USERS.mediator);

    await nav(page).getByRole('link', { name: 'Compare versions' }).click();
    await page.getByRole('heading', { name: 'Compare versions', level: 1 }).waitFor();
    await settled(page);
    const summary = page.getByRole('status').filter({ hasText: 'What changed' });
    await summary.getByText(/From “First version” to “CANARY-revised-framework”/).waitFor();
    const changed = Number(
      ((await summary.textContent()) ?? '').match(/(\d+) provisions? changed/)?.[1],
    );
    assert.ok(changed > 0, 'the revised framework changed provisions');
    const sideBySide = page.getByRole('region', { name: 'Side by side' });
    assert.ok((await sideBySide.locator('del').count()) > 0, 'deletions marked');
    assert.ok((await sideBySide.locator('ins').count()) > 0, 'insertions marked');
    await check(page, 'mediator-compare', USERS.mediator);

    await page.getByText('Inline', { exact: true }).click();
    await page.waitForURL(/view=inline/);
    const redline = page.getByRole('region', { name: 'Redline' });
    await redline.waitFor();
    assert.ok((await redline.locator('del').count()) > 0);
    assert.ok((await redline.locator('ins').count()) > 0);
    // Renumbered only: the old number struck, the wording kept as it is.
    const nato = redline.getByRole('article', { name: '4. NATO' });
    assert.deepEqual(await nato.locator('del').allTextContents(), ['3.']);
    await nato.getByText('renumbered 3. → 4.').waitFor();
    await check(page, 'mediator-compare-inline', USERS.mediator);
    // Every view has a URL: reloading keeps it.
    await page.reload();
    await page.getByRole('region', { name: 'Redline' }).waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base()}/text/compare?from=v1&to=revised-framework`);
    await page.getByRole('region', { name: 'Side by side' }).waitFor();
    await settled(page);
    await check(page, 'mediator-compare-phone', USERS.mediator);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.goto(`${base()}/text/positions?version=revised-framework`);
    await page.getByRole('heading', { name: 'Positions', level: 1 }).waitFor();
    const heatMap = page.getByRole('table').filter({ hasText: 'latest stance' });
    await heatMap.waitFor();
    // Shared with the mediator: Ukraine's red line on the territory, said in words.
    const territory = heatMap.getByRole('row').filter({ hasText: 'Territory' });
    await territory.getByText('red line').waitFor();
    assert.equal(await heatMap.getByRole('button').count(), 0, 'the mediator records no stance');
    await settled(page);
    await check(page, 'mediator-positions', USERS.mediator);
    assert.deepEqual(errors, []);
    await close();
  });

  test('a Ukraine delegation member records a stance in place; a conflict keeps the typed edit', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signInToProcesses(page, suite.server.url, 'ukraine-member');
    await page.goto(`${base()}/text/positions?version=revised-framework`);
    await page.getByRole('heading', { name: 'Positions', level: 1 }).waitFor();
    const cell = page.getByRole('button', { name: /^Ukraine on .*Elections: undecided/ });
    await cell.waitFor();
    await settled(page);
    await check(page, 'ukraine-positions', USERS['ukraine-member']);

    // By keyboard: focus the cell, open it, pick a stance, type a note, save.
    await cell.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Stance').waitFor();
    await dialog.getByRole('combobox', { name: 'Stance' }).click();
    await page.getByRole('option', { name: 'accepts', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Once martial law ends.');
    await dialog.getByRole('button', { name: 'Record stance' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/Recorded: Ukraine accepts on .*Elections/).waitFor();
    const updated = page.getByRole('button', { name: /^Ukraine on .*Elections: accepts\./ });
    await updated.waitFor();
    await check(page, 'ukraine-recorded', USERS['ukraine-member']);

    // Open the cell again and type; meanwhile a colleague records another stance.
    await updated.click();
    await dialog.getByRole('combobox', { name: 'Stance' }).click();
    await page.getByRole('option', { name: 'rejects', exact: true }).click();
    const typed = 'Only after a ceasefire holds for 100 days (typed, unsaved).';
    await dialog.getByRole('textbox', { name: 'Note' }).fill(typed);
    const other = await fetch(
      `${suite.server.url}/api/v1/processes/${PROCESS}/texts/peace-plan/positions`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(await apiSession('ukraine-member')),
        },
        body: JSON.stringify({
          version: 'revised-framework',
          provision: 'elections',
          party: 'ukraine',
          stance: 'red-line',
          note: 'Recorded by a colleague meanwhile.',
        }),
      },
    );
    assert.equal(other.status, 201, await other.text());
    await dialog.getByRole('button', { name: 'Record stance' }).click();

    const conflict = dialog.getByRole('alert').filter({ hasText: 'recorded meanwhile' });
    await conflict.waitFor();
    const mine = conflict.getByRole('region', { name: 'Your unsaved edit' });
    const theirs = conflict.getByRole('region', { name: 'Recorded meanwhile' });
    await mine.getByText(typed, { exact: false }).waitFor();
    await mine.getByText('rejects', { exact: true }).waitFor();
    await theirs.getByText('Recorded by a colleague meanwhile.', { exact: false }).waitFor();
    await theirs.getByText('red line', { exact: true }).waitFor();
    // The typed note is still in the form.
    assert.equal(await dialog.getByRole('textbox', { name: 'Note' }).inputValue(), typed);
    await check(page, 'ukraine-conflict', USERS['ukraine-member']);

    await conflict.getByRole('button', { name: 'Record mine over it' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Ukraine on .*Elections: rejects\./ }).waitFor();
    // The browser logs the 412 the conflict was (expected), and nothing else.
    const expected = /status of 412 \(Precondition Failed\).*\/texts\/peace-plan\/positions\)$/;
    assert.equal(errors.filter((error) => expected.test(error)).length, 1, errors.join('\n'));
    errors.splice(0, errors.length, ...errors.filter((error) => !expected.test(error)));

    // The movement since the first stance Ukraine may see: its stance on elections moved.
    const movement = page.getByRole('table', { name: /^Stances that moved between/ });
    const moved = movement.getByRole('row').filter({ hasText: 'Elections' });
    await moved.getByText('moved', { exact: true }).waitFor();
    assert.match((await moved.textContent()) ?? '', /Ukraine.*undecided.*rejects/);
    await check(page, 'ukraine-movement', USERS['ukraine-member']);

    // The provision's history: all three stances, the typed note last.
    await page.goto(`${base()}/text/provision?text=peace-plan&provision=elections`);
    const stances = page.getByRole('table', { name: 'Stances on this provision' });
    await stances.waitFor();
    const notes = await stances.getByRole('row').allInnerTexts();
    assert.ok(notes.at(-1)?.includes(typed), notes.join('\n'));
    assert.ok(notes.some((row) => row.includes('Recorded by a colleague meanwhile.')));
    await settled(page);
    await check(page, 'ukraine-provision-history', USERS['ukraine-member']);
    assert.deepEqual(errors, []);
    await close();
  });

  test('an observer: every text page, published versions only, no canary', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signInToProcesses(page, suite.server.url, 'observer');
    const team = USERS.observer;
    const visit = async (path: string, heading: string, name: string) => {
      await page.goto(`${base()}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await settled(page);
      const content = await check(page, name, team);
      assert.ok(!content.includes('CANARY-'), `${name}: no canary at all`);
    };
    await page.goto(`${base()}/`);
    for (const link of ['Text', 'Compare versions', 'Positions'])
      await nav(page).getByRole('link', { name: link, exact: true }).waitFor();

    await visit('/text', 'Text', 'observer-read');
    // The version picker offers the published version only.
    await page.getByRole('combobox', { name: 'Version' }).click();
    const options = await page.getByRole('option').allInnerTexts();
    assert.deepEqual(options, ['First version · superseded, published']);
    await page.keyboard.press('Escape');
    await check(page, 'observer-read-picker', team);

    await visit('/text?version=revised-framework', 'Text', 'observer-read-unpublished');
    await page.getByText(/There is no version “revised-framework” you may read/).waitFor();
    await visit('/text/compare', 'Compare versions', 'observer-compare');
    await page.getByText(/nothing to compare/).waitFor();
    await visit(
      '/text/compare?from=v1&to=revised-framework',
      'Compare versions',
      'observer-compare-deep',
    );
    await visit('/text/positions', 'Positions', 'observer-positions');
    await page.getByRole('table').filter({ hasText: 'latest stance' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Record a new stance/ }).count(), 0);
    await visit('/text/provision?provision=donbas', 'Provision history', 'observer-provision');
    await page.getByRole('table', { name: 'Stances on this provision' }).waitFor();
    await visit('/text/provision?provision=nato', 'Provision history', 'observer-provision-nato');

    // On a phone: nothing wider than the screen (the heat map scrolls in its own box).
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, heading, name] of [
      ['/text', 'Text', 'observer-read-phone'],
      ['/text/positions', 'Positions', 'observer-positions-phone'],
      ['/text/provision?provision=donbas', 'Provision history', 'observer-provision-phone'],
    ] as const) {
      await visit(path, heading, name);
      const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
      assert.ok(width <= 390, `${name}: the page is ${width} px wide`);
    }
    assert.deepEqual(errors, []);
    await close();
  });
});
