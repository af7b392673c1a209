/**
 * What the per-role suites (observer, delegation, mediator) share: signing in
 * through the form, checking a page (no canary the team may not read, in the
 * text or anywhere in the HTML), the tour of the main pages, and a crawler
 * that follows every link of the app from a process's dashboard, so that
 * pages added later are checked without being named here.
 */

import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { forbiddenCanaries, PASSWORD, PROCESS, SCREENSHOTS } from './harness.ts';

/** A visit before the scenario's last changes, so "since your last visit" has something to show. */
export const LAST_VISIT = '2025-11-20T00:00:00.000Z';

export const nav = (page: Page) => page.getByRole('navigation', { name: 'Process' });

/** The timeline's list of events (not the overview strip's text alternative). */
export const eventList = (page: Page) => page.getByRole('region', { name: /^Events/ });

/** Scans the page's HTML (attributes included) and its visible text for canaries; saves a screenshot. */
export async function checkPage(
  page: Page,
  name: string,
  team: string | undefined,
  fullPage = false,
): Promise<string> {
  const content = await page.content();
  const text = (await page.locator('body').textContent()) ?? '';
  assert.deepEqual(
    forbiddenCanaries(`${content}\n${text}`, team),
    [],
    `${name}: canaries ${team ?? 'public'} may not read`,
  );
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
  return content;
}

/** Signs in through the form with the keyboard only (it lands on the processes, or `redirect`). */
export async function signIn(
  page: Page,
  base: string,
  user: string,
  password = PASSWORD,
): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('User name').waitFor();
  await page.keyboard.type(user); // the user name field has the focus
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** Signs in as `user` and waits for the list of processes. */
export async function signInToProcesses(page: Page, base: string, user: string): Promise<void> {
  await signIn(page, base, user);
  await page.getByRole('heading', { name: 'Processes', level: 1 }).waitFor();
}

/** Waits until the page has a title and nothing is loading any more (no spinner, no request). */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /Loading|Updating/ })
    .first()
    .waitFor({ state: 'detached' });
}

/** Processes → dashboard → timeline (→ analysis): checks each page; returns the dashboard's HTML. */
export async function tour(page: Page, role: string, team: string | undefined): Promise<string> {
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
  const events = eventList(page);
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
  await settle(page);
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

/**
 * The kind of a page of a process, from its path: "dashboard", "timeline",
 * "text-compare" for a page the navigation lists, "people-item" for one it
 * does not (a person, an event's briefing: the last part is an id).
 */
export function pageType(path: string, navPaths: ReadonlySet<string>): string {
  const rest = path.split('/').slice(3).filter(Boolean); // after /processes/<process>
  if (rest.length === 0) return 'dashboard';
  if (navPaths.has(path) || rest.length === 1) return rest.join('-');
  return `${rest.slice(0, -1).join('-')}-item`;
}

export interface CrawlOptions {
  /** Links from the dashboard count as depth 1. */
  readonly maxDepth?: number;
  readonly maxPages?: number;
  /** Pages of one kind visited at most (people-item: a few people, not all of them). */
  readonly perType?: number;
}

export interface CrawlResult {
  /** Paths (with their query) visited, in order. */
  readonly visited: string[];
  /** Kinds of page seen. */
  readonly types: string[];
}

/**
 * From the process's dashboard, follows every in-app link (same origin,
 * under /processes/<process>, not sign-out nor API downloads), breadth first,
 * within the bounds. On every page: waits for it to settle, scans the HTML
 * and the text for canaries `team` may not read, and checks that nothing was
 * logged to the console as an error (`errors`, from `openPage`). Saves a
 * screenshot per kind of page (`<role>-crawl-<kind>.png`).
 */
export async function crawl(
  page: Page,
  base: string,
  role: string,
  team: string | undefined,
  errors: string[],
  options: CrawlOptions = {},
): Promise<CrawlResult> {
  const { maxDepth = 3, maxPages = 40, perType = 3 } = options;
  const origin = new URL(base).origin;
  const root = `/processes/${PROCESS}`;
  const queue: { path: string; depth: number; from: string }[] = [
    { path: root, depth: 0, from: '(start)' },
  ];
  const seen = new Set<string>([root]);
  const perKind = new Map<string, number>();
  const navPaths = new Set<string>();
  const visited: string[] = [];
  while (queue.length > 0 && visited.length < maxPages) {
    const { path, depth, from } = queue.shift() as (typeof queue)[number];
    const type = pageType(new URL(path, origin).pathname, navPaths);
    const count = perKind.get(type) ?? 0;
    if (count >= perType) continue;
    perKind.set(type, count + 1);
    visited.push(path);
    const before = errors.length;
    const response = await page.goto(`${origin}${path}`);
    assert.ok(response?.ok(), `${path} (linked from ${from}): HTTP ${response?.status()}`);
    await settle(page);
    const content = await page.content();
    const text = (await page.locator('body').textContent()) ?? '';
    assert.deepEqual(
      forbiddenCanaries(`${content}\n${text}`, team),
      [],
      `${path} (linked from ${from}): canaries ${team ?? 'public'} may not read`,
    );
    assert.deepEqual(errors.slice(before), [], `${path} (linked from ${from}): console errors`);
    if (count === 0)
      await page.screenshot({ path: join(SCREENSHOTS, `${role}-crawl-${type}.png`) });
    if (path === root) {
      const entries = (await page.evaluate(
        `[...document.querySelectorAll('nav[aria-label="Process"] a[href]')].map((a) => new URL(a.href).pathname)`,
      )) as string[];
      for (const entry of entries) navPaths.add(entry);
    }
    if (depth >= maxDepth) continue;
    const links = (await page.evaluate(
      `[...document.querySelectorAll('a[href]')].map((a) => a.href)`,
    )) as string[];
    for (const href of links) {
      const url = new URL(href, origin);
      if (url.origin !== origin) continue;
      if (url.pathname !== root && !url.pathname.startsWith(`${root}/`)) continue;
      if (/sign-?out/i.test(url.pathname)) continue;
      const next = `${url.pathname}${url.search}`;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push({ path: next, depth: depth + 1, from: path });
    }
  }
  return { visited, types: [...perKind.keys()] };
}

/** Whether the page is wider than its window (a horizontal scroll bar). */
export async function overflows(page: Page): Promise<boolean> {
  return (await page.evaluate(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth + 1',
  )) as boolean;
}

/** The focused element's text, and whether its focus is visible (an outline or a ring). */
export async function focused(page: Page): Promise<{ text: string; visible: boolean }> {
  return (await page.evaluate(`(() => {
    const element = document.activeElement;
    if (element === null) return { text: '', visible: false };
    const style = getComputedStyle(element);
    const visible = element.matches(':focus-visible') &&
      ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none');
    return { text: (element.textContent ?? '').trim(), visible };
  })()`)) as { text: string; visible: boolean };
}

/** Presses Tab until the focus is on an element whose text is `text` (at most `max` times). */
export async function tabTo(page: Page, text: string, max = 30): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).text === text) return true;
  }
  return false;
}
