/**
 * The analysis page in Chromium: the mediator sees the utility space and the
 * counts the API gives, makes a new draft version from an improvement (then
 * finds it in the API's list of versions and analyses it), meets a taken slug,
 * runs a sensitivity analysis, and uses the page on a phone; a member of
 * Ukraine's delegation, who may see only Ukraine's profile, gets no analysis
 * and nothing of the mediator's; no page shows a canary its reader may not
 * read. Screenshots: web/e2e/screenshots/analysis-*.png.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, openPage, PROCESS, USERS } from './harness.ts';
import { checkPage, signInToProcesses } from './role-suite.ts';

const suite = browserSuite();

/** GET an API path with the page's session. */
async function apiGet(page: Page, path: string): Promise<unknown> {
  const response = await page.request.get(`${suite.server.url}${path}`);
  assert.equal(response.status(), 200, `${path}: ${await response.text()}`);
  return response.json();
}

const analysisUrl = (search = '') => `${suite.server.url}/processes/${PROCESS}/analysis${search}`;

describe('the analysis page in Chromium', () => {
  test('the mediator: chart and counts, a new version from an improvement, sensitivity, a phone', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signInToProcesses(page, suite.server.url, 'mediator');
    await page.goto(analysisUrl('?version=v1'));
    await page.getByRole('heading', { name: 'Analysis', level: 1 }).waitFor();
    const summary = page.getByRole('region', { name: 'Summary' });
    await summary.getByText('Acceptable packages').waitFor();

    // The counts are the API's, on the profiles shared with the mediator (Russia's is not).
    const api = (await apiGet(
      page,
      `/api/v1/processes/${PROCESS}/analysis?text=peace-plan&version=v1`,
    )) as {
      parties: string[];
      acceptable: { kind: string; count: string };
      frontier: { points: number };
      draft: { acceptable: boolean; improvements: unknown[] };
      solutions: { criterion: string; points: { utilities: number[] }[] }[];
    };
    assert.deepEqual(api.parties, ['ukraine', 'us']);
    assert.equal(api.acceptable.kind, 'exact');
    const count = BigInt(api.acceptable.count).toLocaleString('en');
    await summary.getByText(count, { exact: true }).waitFor();
    await summary.getByText(`${api.frontier.points.toLocaleString('en')} points`).waitFor();
    assert.ok(api.draft.improvements.length > 0, 'v1 can be improved on');
    await page
      .getByText('Mediator team only: built on profiles shared with the mediator')
      .waitFor();
    await page.getByText(/left out \(no profile you may see\): Russia/).waitFor();

    // The chart, with its table alternative.
    const space = page.getByRole('region', { name: 'Utility space' });
    const chart = space.getByRole('img', { name: /^Utility space of Ukraine and / });
    await chart.waitFor();
    assert.equal(await chart.locator('canvas').count(), 1, 'drawn');
    // Pointing at the Nash point shows a tooltip (plain text: nothing the CSP refuses).
    const [nu, nv] = api.solutions.find((x) => x.criterion === 'nash')?.points[0]?.utilities ?? [];
    const box = await chart.boundingBox();
    assert.ok(box !== null && nu !== undefined && nv !== undefined);
    // The panel's grid: 48 px left, 16 right, 40 top, 48 bottom (space-chart.tsx); axes 0–1.
    await page.mouse.move(
      box.x + 48 + nu * (box.width - 64),
      box.y + 40 + (1 - nv) * (box.height - 88),
    );
    // (Kalai–Smorodinsky is the same point here, drawn on top.)
    await page.getByText(/^(Nash|Kalai–Smorodinsky): Ukraine 0\.\d\d, US 0\.\d\d$/).waitFor();
    const marks = space.getByRole('table', { name: /Marked points/ });
    await marks.getByRole('rowheader', { name: 'Nash' }).waitFor();
    await marks.getByRole('rowheader', { name: 'Draft (v1)' }).waitFor();
    const content = await checkPage(page, 'analysis-mediator', USERS.mediator, true);
    assert.ok(!content.includes('CANARY-russia-profile'));

    // A new version from the first improvement, by keyboard.
    const improvements = page.getByRole('region', { name: 'Improvements on the draft' });
    const make = improvements.getByRole('button', {
      name: 'Make a new draft version from this package (Improvement 1)',
    });
    await make.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Make a new draft version from this package' });
    const slug = dialog.getByRole('textbox', { name: 'New version slug' });
    assert.equal(await slug.inputValue(), 'v1-improvement-1', 'a suggested slug');
    await slug.fill('v1 improved');
    await dialog.getByText('Lower-case letters, digits and single dashes').waitFor();
    await slug.fill('v1-improved');
    await dialog.getByRole('textbox', { name: 'Label' }).fill('First version, improved');
    await dialog.getByRole('button', { name: 'Make the version' }).click();
    await dialog.getByText('Version made').waitFor();
    const link = dialog.getByRole('link', { name: 'Read version “v1-improved” (plain text)' });
    assert.equal(
      await link.getAttribute('href'),
      `/api/v1/processes/${PROCESS}/texts/peace-plan/versions/v1-improved?format=plain`,
    );
    assert.equal(
      await dialog.getByRole('link', { name: 'Open version “v1-improved”' }).getAttribute('href'),
      `/processes/${PROCESS}/text?text=peace-plan&version=v1-improved`,
    );
    assert.equal(
      await dialog.getByRole('link', { name: 'Compare with “v1”' }).getAttribute('href'),
      `/processes/${PROCESS}/text/compare?text=peace-plan&from=v1&to=v1-improved`,
    );
    await checkPage(page, 'analysis-version-made', USERS.mediator, false);

    // The API lists it, a private draft made from the package.
    const texts = (await apiGet(page, `/api/v1/processes/${PROCESS}/texts`)) as {
      id: string;
      versions: { id: string; label: string; status: string; audience: string }[];
    }[];
    const made = texts
      .find((t) => t.id === 'peace-plan')
      ?.versions.find((v) => v.id === 'v1-improved');
    assert.deepEqual(made && { label: made.label, status: made.status, audience: made.audience }, {
      label: 'First version, improved',
      status: 'draft',
      audience: 'private',
    });

    // Analyse it: it is the draft now, and the version picker offers it.
    await dialog.getByRole('button', { name: 'Analyse “v1-improved”' }).click();
    await page.waitForURL(/version=v1-improved/);
    await marks.getByRole('rowheader', { name: 'Draft (v1-improved)' }).waitFor();
    const improved = (await apiGet(
      page,
      `/api/v1/processes/${PROCESS}/analysis?text=peace-plan&version=v1-improved`,
    )) as { draft: { utilities: number[] } };
    assert.deepEqual(
      improved.draft.utilities,
      (api.draft.improvements[0] as { utilities: number[] }).utilities,
      'the new version’s draft is the improvement',
    );
    const picker = page.getByRole('combobox', { name: 'Draft: version of the text' });
    assert.equal(await picker.inputValue(), 'v1-improved');

    // The same slug again: taken, said so; nothing made.
    await page
      .getByRole('region', { name: 'Top packages' })
      .getByRole('button', { name: /^Make a new draft version from this package \(Top 1/ })
      .click();
    await slug.fill('v1-improved');
    await dialog.getByRole('button', { name: 'Make the version' }).click();
    await dialog.getByRole('alert').getByText('This slug is taken').waitFor();
    await checkPage(page, 'analysis-slug-taken', USERS.mediator, false);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Back to v1 with the picker (keyboard), then a sensitivity run.
    await picker.focus();
    await picker.selectOption('v1');
    await page.waitForURL(/version=v1(&|$)/);
    await marks.getByRole('rowheader', { name: 'Draft (v1)' }).waitFor();
    const sensitivity = page.getByRole('region', { name: 'Sensitivity' });
    await sensitivity.getByRole('textbox', { name: 'Samples' }).fill('400');
    await sensitivity
      .getByRole('combobox', { name: 'Uncertainty' })
      .selectOption({ label: '±20% on every weight and value' });
    await sensitivity.getByRole('button', { name: 'Run sensitivity' }).click();
    await page.waitForURL(/samples=400.*perturbation=20|perturbation=20.*samples=400/);
    const results = sensitivity.getByRole('table', { name: /Share of samples/ });
    await results.waitFor({ timeout: 60_000 });
    await results.getByRole('rowheader', { name: 'draft' }).waitFor();
    await sensitivity.getByRole('img', { name: /How often each candidate/ }).waitFor();
    await sensitivity
      .getByText(/400 samples, seed 1, every weight and value within ±20%\./)
      .waitFor();
    await sensitivity.getByText(/The Nash package stays a Nash package in \d/).waitFor();
    await checkPage(page, 'analysis-sensitivity', USERS.mediator, true);

    // A phone: the page fits its width (wide tables scroll in their own box).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await results.waitFor({ timeout: 60_000 });
    await chart.waitFor();
    assert.ok(
      ((await page.evaluate('document.documentElement.scrollWidth')) as number) <= 390,
      'no sideways scrolling of the page',
    );
    await checkPage(page, 'analysis-mediator-phone', USERS.mediator, true);

    // The 409 of the taken slug is the only error the console may show.
    assert.deepEqual(
      errors.filter((e) => !/status of 409.*\/texts\/peace-plan\/versions\)$/.test(e)),
      [],
    );
    await close();
  });

  test('a member of Ukraine’s delegation: no mediator analysis, no canary', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signInToProcesses(page, suite.server.url, 'ukraine-member');
    await page.goto(analysisUrl());
    await page.getByRole('heading', { name: 'Analysis', level: 1 }).waitFor();
    await page.getByText('No analysis for your team yet').waitFor();
    await page.getByText(/your team may see only Ukraine’s/).waitFor();
    const content = await checkPage(page, 'analysis-delegation', USERS['ukraine-member'], true);
    assert.ok(!content.includes('Mediator team only'));
    assert.ok(!content.includes('Utility space'), 'no chart on a profile Ukraine may not see');
    // The API agrees: Ukraine's own profile only, not the mediator's.
    const inputs = (await apiGet(page, `/api/v1/processes/${PROCESS}/analysis/inputs`)) as {
      profiles: { party: string }[];
      mediatorOnly: boolean;
    };
    assert.deepEqual(
      inputs.profiles.map((p) => p.party),
      ['ukraine'],
    );
    assert.equal(inputs.mediatorOnly, false);
    const refused = await page.request.post(
      `${suite.server.url}/api/v1/processes/${PROCESS}/texts/peace-plan/versions`,
      { data: { version: 'sneaky', package: {} } },
    );
    assert.ok([403, 404].includes(refused.status()), 'no version from a delegation');
    assert.deepEqual(errors, []);
    await close();
  });

  test('an observer: not for them', async () => {
    const { page, errors, close } = await openPage(suite.browser);
    await signInToProcesses(page, suite.server.url, 'observer');
    await page.goto(analysisUrl('?version=v1'));
    await page.getByText('The analysis is for the mediator team').waitFor();
    await checkPage(page, 'analysis-observer', USERS.observer, true);
    assert.deepEqual(errors, []);
    await close();
  });
});
