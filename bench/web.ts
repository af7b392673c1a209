/**
 * `npm run bench:web`: the web app on a large process, in Chromium.
 *
 * Data: a generated process (seed 42: 200 parties, 20,000 people, 100,000
 * events, 300,000 statements, as `bench:record` makes it) with a text of
 * 2,000 provisions in two versions (as `bench:text` makes it), in a SQLite
 * file. The file is made once per size and seed and kept in .bench/; each run
 * works on a copy of it. The server runs in this process (as the end-to-end
 * tests start it), serving the built web app (built first if stale); a
 * member of the mediator team signs in; playwright-core drives the system's
 * Chromium (/usr/bin/chromium, never a downloaded one).
 *
 * Measured with the page's own clock (`performance.now()`, from navigation
 * start), each to the first animation frame after the DOM holds the result:
 * - dashboard load: navigation start → the dashboard's sections shown, cold
 *   (a new browser context, so an empty HTTP cache, and a new sign-in, which
 *   is a write and so empties the server's kept answers) and warm (the same
 *   page loaded again);
 * - timeline filter: a status filter toggled (the input's click) → the list
 *   shows the events of the new filter (each combination not asked before),
 *   each from a page at rest (the URL and the overview's counts of the
 *   previous filter in);
 * - timeline scroll: the virtualised list scrolled by a screenful → rows not
 *   rendered before are in the page; and scrolled to the end of what is
 *   loaded → the next page's rows are in the page (a request included);
 * - the largest JavaScript chunk of web/dist, gzipped.
 * Targets (2 cores, localhost): dashboard ≤ 2 s, filter and scroll ≤ 100 ms,
 * largest chunk ≤ 300 kB gzipped. Nothing is asserted: a table (progress on
 * standard error) and a JSON line.
 *
 * Options: --small (a tenth of the size), --seed N, --loads N (cold and warm
 * dashboard loads each, default 5), --no-build (web/dist as it is, even if
 * older than web/src), --cpu-prof DIR (the page's CPU profile during the
 * timeline's filters and scrolls, as a .cpuprofile in DIR), --json (print
 * only the JSON line).
 */

import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ensureWebBuild } from '../scripts/build-web.ts';
import { processIo } from '../src/cli/io.ts';
import { progressBar } from '../src/cli/progress.ts';
import { parseFuzzyDate } from '../src/core/fuzzy-date.ts';
import type { PartyId, ProcessId, TextId, VersionId } from '../src/core/ids.ts';
import type { ProcessRecord } from '../src/core/process-record.ts';
import { parseTeam } from '../src/core/team.ts';
import { recordToScenario } from '../src/io/scenario/scenario-write.ts';
import { buildApp } from '../src/server/app.ts';
import { AccountService } from '../src/services/account-service.ts';
import { RecordService } from '../src/services/record-service.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import { generateRecord, ISSUE_SIZE, type RecordSize } from '../src/testing/generate-record.ts';
import { generateText } from './generate-text.ts';
import { machine, percentile } from './stats.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const small = args.includes('--small');
const jsonOnly = args.includes('--json');
const seed = Number(option('--seed') ?? 42);
const loads = Number(option('--loads') ?? 5);
const build = !args.includes('--no-build');
const profileDir = option('--cpu-prof');
if (!Number.isSafeInteger(seed) || !(loads >= 1)) {
  console.error('--seed takes an integer, --loads a positive number');
  process.exit(1);
}
const SIZE: RecordSize = small
  ? { parties: 20, people: 2_000, events: 10_000, statements: 30_000, sources: 100 }
  : ISSUE_SIZE;
const PROVISIONS = small ? 200 : 2_000;
const PROCESS = 'bench-process';
const USER = 'bench-mediator';
const PASSWORD = 'correct horse battery staple';
/** The server's "today": mid-November 2025, so that the generated events' last weeks are upcoming. */
const NOW = Date.UTC(2025, 10, 15, 9);
/** The last visit the browser remembers: a month before, so "since your last visit" has much to show. */
const LAST_VISIT = new Date(NOW - 30 * 86_400_000).toISOString();
const CHROMIUM_PATH = '/usr/bin/chromium';
const TARGETS = { dashboardMs: 2_000, filterMs: 100, scrollMs: 100, chunkKiB: 300 };

const dir = join(process.cwd(), '.bench');
mkdirSync(dir, { recursive: true });
const io = processIo();
/** Progress, on standard error. */
const progress = (text: string) => console.error(text);

/** The database of the generated process, made once per size and seed. */
async function benchDatabase(): Promise<string> {
  const key = [SIZE.parties, SIZE.people, SIZE.events, SIZE.statements, SIZE.sources, PROVISIONS];
  const file = join(dir, `web-${key.join('-')}-seed${seed}.db`);
  if (existsSync(file)) return file;
  progress(`Generating the process (${SIZE.events.toLocaleString('en')} events, seed ${seed})…`);
  const record = generateRecord(SIZE, seed, progressBar(io, 'Generating'));
  const text = generateText({ provisions: PROVISIONS, seed });
  const withText: ProcessRecord = {
    ...record,
    texts: [
      {
        id: 'framework' as TextId,
        title: 'Framework agreement',
        kind: 'framework',
        versions: [
          {
            id: 'first-draft' as VersionId,
            label: 'First draft',
            date: parseFuzzyDate('2025-06-02'),
            status: 'circulated',
            circulatedTo: [],
            audience: 'public',
            provisions: text.a,
          },
          {
            id: 'revised-draft' as VersionId,
            label: 'Revised draft',
            date: parseFuzzyDate('2025-10-20'),
            derivedFrom: 'first-draft' as VersionId,
            status: 'circulated',
            circulatedTo: ['party-1', 'party-2'] as PartyId[],
            audience: 'private',
            provisions: text.b,
          },
        ],
      },
    ],
  };
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const store = await openSqliteStore({ file: partial, create: true });
  await new RecordService(store).importScenario(
    JSON.stringify(recordToScenario(withText)),
    'bench-web.json',
    { onProgress: progressBar(io, 'Writing to SQLite') },
  );
  const accounts = new AccountService(store);
  await accounts.addUser(USER, { password: PASSWORD });
  await accounts.addMember(PROCESS as ProcessId, USER, parseTeam('mediator'), 'member');
  await store.close();
  renameSync(partial, file);
  progress(`Kept the database as ${file}`);
  return file;
}

/** Scripts run in the page (as text: this program is checked without the DOM's types). */
const PAGE_HELPERS = `
window.__bench = {
  /** Resolves to performance.now() at the first animation frame after check() holds. */
  until(check) {
    return new Promise((resolve) => {
      const done = () => requestAnimationFrame(() => resolve(performance.now()));
      if (check()) return done();
      const observer = new MutationObserver(() => {
        if (check()) { observer.disconnect(); done(); }
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  },
  dashboardShown() {
    const titles = [...document.querySelectorAll('main section h2')].map((h) => h.textContent);
    return titles.includes('Next events') && titles.includes('Latest statements');
  },
  events() { return document.querySelector('main [role=region][aria-label^="Events"]'); },
  loading() { return [...document.querySelectorAll('main [role=status]')].some((e) => e.textContent.trim() !== ''); },
};
window.__dashboardShown = window.__bench.until(() => window.__bench.dashboardShown());
try { localStorage.setItem(${JSON.stringify(`concord.lastVisit.${PROCESS}`)}, ${JSON.stringify(LAST_VISIT)}); } catch {}
`;

interface Figures {
  dashboardCold: number[];
  dashboardWarm: number[];
  filter: number[];
  scroll: number[];
  scrollToEnd: number[];
  chunk: { file: string; bytes: number; gzipped: number };
}

async function signedInContext(browser: Browser, url: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const response = await context.request.post(`${url}/api/v1/session`, {
    data: { name: USER, password: PASSWORD },
  });
  if (!response.ok()) throw new Error(`signing in: ${response.status()}`);
  await context.addInitScript({ content: PAGE_HELPERS });
  return context;
}

/** Navigation start → the dashboard shown, in ms (a check that it holds what it should first). */
async function loadDashboard(page: Page, url: string): Promise<number> {
  await page.goto(`${url}/processes/${PROCESS}`, { waitUntil: 'commit' });
  return (await page.evaluate('window.__dashboardShown')) as number;
}

async function measureDashboard(browser: Browser, url: string, figures: Figures): Promise<void> {
  for (let i = 0; i < loads; i++) {
    const context = await signedInContext(browser, url);
    const page = await context.newPage();
    const cold = await loadDashboard(page, url);
    if (i === 0) {
      const text = (await page.evaluate('document.querySelector("main").innerText')) as string;
      if (!text.includes('Party 1'))
        throw new Error('the dashboard does not show the generated process');
      if (!text.includes('Since your last visit ('))
        throw new Error('the dashboard shows no changes since the last visit');
    }
    if (i === 0) {
      // Where the time goes: each API request of the cold load, from navigation start.
      const requests = (await page.evaluate(
        `performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).map((e) => [new URL(e.name).pathname, Math.round(e.startTime), Math.round(e.responseEnd), e.transferSize])`,
      )) as [string, number, number, number][];
      for (const [path, start, end, bytes] of requests)
        progress(`    ${path}: ${start}–${end} ms, ${Math.round(bytes / 1024)} KiB`);
    }
    const warm = await loadDashboard(page, url);
    figures.dashboardCold.push(cold);
    figures.dashboardWarm.push(warm);
    progress(
      `  dashboard load ${i + 1}/${loads}: cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(0)} ms`,
    );
    await context.close();
  }
}

/** Each click turns one status on or off; every combination reached is new (so it is fetched). */
const FILTER_CLICKS = ['scheduled', 'held', 'scheduled', 'cancelled', 'held', 'scheduled', 'held'];

async function measureTimeline(browser: Browser, url: string, figures: Figures): Promise<void> {
  const context = await signedInContext(browser, url);
  const page = await context.newPage();
  await page.goto(`${url}/processes/${PROCESS}/timeline`);
  await page.evaluate(
    'window.__bench.until(() => window.__bench.events() !== null && !window.__bench.loading())',
  );
  await page.waitForLoadState('networkidle');

  const profiler = profileDir === undefined ? undefined : await context.newCDPSession(page);
  if (profiler !== undefined) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.start');
  }
  for (const status of FILTER_CLICKS) {
    const before = page.url();
    const measured = (await page.evaluate(`(async () => {
      const b = window.__bench;
      let loadingAt;
      const chip = document.querySelector('main input[type=checkbox][value=${JSON.stringify(status)}]');
      const start = performance.now();
      const shown = b.until(() => {
        if (loadingAt === undefined && b.loading()) loadingAt = performance.now();
        return loadingAt !== undefined && !b.loading() && b.events() !== null;
      });
      chip.click();
      const end = await shown;
      const fetch = performance.getEntriesByType('resource').filter((e) => e.name.includes('/timeline?') && e.startTime >= start)[0];
      const at = (t) => Math.round(t - start);
      return [end - start, at(loadingAt), fetch ? at(fetch.startTime) : -1, fetch ? at(fetch.responseEnd) : -1];
    })()`)) as [number, number, number, number];
    const [ms, loadingAt, fetchStart, fetchEnd] = measured;
    // The URL follows the filters once they rest (not part of the figure).
    await page
      .waitForURL((u) => u.href !== before, { timeout: 5_000 })
      .catch(() => {
        throw new Error(`the ${status} filter did not change the URL`);
      });
    // Each filter is measured from a page at rest: the overview's counts of the last one in.
    await page.waitForLoadState('networkidle');
    figures.filter.push(ms);
    progress(
      `  filter ${new URL(page.url()).search}: ${ms.toFixed(1)} ms (loading shown at ${loadingAt} ms, request ${fetchStart}–${fetchEnd} ms)`,
    );
  }

  // Back to every event, then scroll.
  await page.goto(`${url}/processes/${PROCESS}/timeline`);
  await page.evaluate(
    'window.__bench.until(() => window.__bench.events() !== null && !window.__bench.loading())',
  );
  const scrollBy = (to: string, pageLoad: boolean) =>
    page.evaluate(`(async () => {
      const b = window.__bench;
      const list = b.events();
      const rows = () => [...list.querySelectorAll('li[data-index]')];
      const before = new Set(rows().map((row) => row.dataset.index));
      const loaded = () => rows().filter((row) => row.querySelector('[aria-label="Loading more events"]') === null).length;
      const count = list.getAttribute('aria-label');
      const start = performance.now();
      const shown = b.until(() => ${
        pageLoad
          ? 'list.getAttribute("aria-label") !== count && loaded() > 0'
          : 'rows().some((row) => !before.has(row.dataset.index))'
      });
      list.scrollTop = ${to};
      return (await shown) - start;
    })()`) as Promise<number>;
  for (let i = 0; i < 10; i++) {
    const ms = await scrollBy('list.scrollTop + list.clientHeight', false);
    figures.scroll.push(ms);
    progress(`  scroll by a screenful ${i + 1}/10: ${ms.toFixed(1)} ms`);
    await page.waitForTimeout(100);
  }
  for (let i = 0; i < 5; i++) {
    const ms = await scrollBy('list.scrollHeight', true);
    figures.scrollToEnd.push(ms);
    progress(`  scroll to the end, next page ${i + 1}/5: ${ms.toFixed(1)} ms`);
    await page.waitForTimeout(100);
  }
  if (profiler !== undefined && profileDir !== undefined) {
    const { profile } = await profiler.send('Profiler.stop');
    mkdirSync(profileDir, { recursive: true });
    const file = join(profileDir, `timeline-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    progress(`  the page's CPU profile (filters and scrolls): ${file}`);
  }
  await context.close();
}

/** The largest .js file of web/dist/assets, with its gzipped size. */
function largestChunk(): Figures['chunk'] {
  const assets = join(process.cwd(), 'web', 'dist', 'assets');
  const chunks = readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const content = readFileSync(join(assets, file));
      return { file, bytes: content.length, gzipped: gzipSync(content, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipped - a.gzipped);
  const largest = chunks[0];
  if (largest === undefined) throw new Error('web/dist/assets holds no .js file');
  return largest;
}

async function main(): Promise<void> {
  const load: number[] = [loadavg()[0] as number];
  progress(`Concord web benchmark — ${machine()}; load average ${load[0]?.toFixed(2)}`);
  const cached = await benchDatabase();
  if (build && (await ensureWebBuild())) progress('Built the web app');
  const chunk = largestChunk();
  const file = join(dir, 'web-run.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  copyFileSync(cached, file);
  const store = await openSqliteStore({ file, create: false });
  const app = await buildApp(store, { now: () => NOW });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const figures: Figures = {
    dashboardCold: [],
    dashboardWarm: [],
    filter: [],
    scroll: [],
    scrollToEnd: [],
    chunk,
  };
  try {
    progress('Dashboard');
    await measureDashboard(browser, url, figures);
    progress('Timeline');
    await measureTimeline(browser, url, figures);
  } finally {
    await browser.close();
    await app.close();
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
  load.push(loadavg()[0] as number);
  const summary = (values: number[]) => ({
    p50: round(percentile(values, 50)),
    max: round(Math.max(...values)),
    runs: values.length,
  });
  const result = {
    bench: 'web',
    machine: machine(),
    load: load.map(round),
    size: SIZE,
    provisions: PROVISIONS,
    seed,
    dashboardColdMs: summary(figures.dashboardCold),
    dashboardWarmMs: summary(figures.dashboardWarm),
    filterMs: summary(figures.filter),
    scrollMs: summary(figures.scroll),
    scrollToEndMs: summary(figures.scrollToEnd),
    largestChunk: {
      file: chunk.file,
      kiB: round(chunk.bytes / 1024),
      gzippedKiB: round(chunk.gzipped / 1024),
    },
    targets: TARGETS,
  };
  if (!jsonOnly) {
    const row = (label: string, s: { p50: number; max: number }, target: number) =>
      `  ${label.padEnd(42)} p50 ${`${s.p50} ms`.padStart(9)}   max ${`${s.max} ms`.padStart(9)}   ${s.max <= target ? '✓' : s.p50 <= target ? '~' : '✗'} ≤ ${target} ms`;
    console.log(`\nResults (load average ${result.load.join(' → ')})`);
    console.log(row('dashboard load, cold', result.dashboardColdMs, TARGETS.dashboardMs));
    console.log(row('dashboard load, warm', result.dashboardWarmMs, TARGETS.dashboardMs));
    console.log(row('timeline filter → list updated', result.filterMs, TARGETS.filterMs));
    console.log(row('timeline scroll a screenful → rows', result.scrollMs, TARGETS.scrollMs));
    console.log(row('scroll to the end → next page shown', result.scrollToEndMs, TARGETS.scrollMs));
    console.log(
      `  largest chunk ${chunk.file}: ${result.largestChunk.kiB} KiB, ${result.largestChunk.gzippedKiB} KiB gzipped   ${result.largestChunk.gzippedKiB <= TARGETS.chunkKiB ? '✓' : '✗'} ≤ ${TARGETS.chunkKiB} kB`,
    );
  }
  console.log(JSON.stringify(result));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
