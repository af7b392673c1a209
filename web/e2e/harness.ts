/**
 * End-to-end test support: the server in this process on a fresh SQLite
 * store (the reference scenario with canary strings planted in parties'
 * confidential material, a user for each role), serving the built web app;
 * Chromium (the system's, never a downloaded one) through playwright-core.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import type { ProcessId } from '../../src/core/ids.ts';
import { parseTeam } from '../../src/core/team.ts';
import { buildApp } from '../../src/server/app.ts';
import { AccountService } from '../../src/services/account-service.ts';
import { RecordService } from '../../src/services/record-service.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const PROCESS = 'ukraine-talks-2025';
export const PASSWORD = 'correct horse battery staple';
/** The server's "today": 2 December 2025, two days after the Sunday meeting. */
export const NOW = Date.UTC(2025, 11, 2, 9);
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Users of the tests and their team (a party's slug: its delegation). */
export const USERS = {
  observer: 'observers',
  'ukraine-member': 'ukraine',
  mediator: 'mediator',
} as const;

/**
 * Canary strings in confidential material, and the teams that may read each
 * (as in src/server/permissions.test.ts): three in the example's positions,
 * two planted here.
 */
export const CANARIES: Record<string, (team: string | undefined) => boolean> = {
  'CANARY-ukraine-mediator-red-line': (t) => t === 'ukraine' || t === 'mediator',
  'CANARY-ukraine-private-army-cap': (t) => t === 'ukraine',
  'CANARY-russia-private-nato': (t) => t === 'russia',
  'CANARY-russia-profile': (t) => t === 'russia',
  'CANARY-revised-framework': (t) => t === 'ukraine' || t === 'mediator',
};

function canaryScenario(): string {
  return (
    readFileSync(new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url), 'utf8')
      // Russia's profile kept to Russia, with a canary.
      .replace(
        /(- party: russia\n {4}audience: )mediator\n {4}note: [^\n]*/,
        '$1party\n    note: CANARY-russia-profile',
      )
      // The revised framework, circulated to Ukraine only, with a canary.
      .replace('label: Revised framework', 'label: CANARY-revised-framework')
  );
}

/** The canaries in `content` that `team` may not read. */
export function forbiddenCanaries(content: string, team: string | undefined): string[] {
  return Object.entries(CANARIES)
    .filter(([canary, mayRead]) => !mayRead(team) && content.includes(canary))
    .map(([canary]) => canary);
}

export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the web app if it is stale, then serves it and the API on a random port. */
export async function startServer(): Promise<TestServer> {
  await ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), 'concord-e2e-'));
  const store = await openSqliteStore({ file: join(dir, 'e2e.db'), create: true });
  await new RecordService(store).importScenario(canaryScenario(), 'example.yaml');
  const accounts = new AccountService(store);
  for (const [name, team] of Object.entries(USERS)) {
    await accounts.addUser(name, { password: PASSWORD });
    await accounts.addMember(PROCESS as ProcessId, name, parseTeam(team), 'member');
  }
  const app = await buildApp(store, { now: () => NOW, checkResponses: 'all' });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A page in a fresh context (no cookies, no storage) that records console errors and uncaught exceptions. */
export async function openPage(
  browser: Browser,
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport, colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return { page, errors, close: () => context.close() };
}

/**
 * The server and the browser of a test file: started before its tests, closed
 * after them (hooks of the file's top level). Read them in tests, not before.
 */
export function browserSuite(): { readonly server: TestServer; readonly browser: Browser } {
  const suite = {} as { server: TestServer; browser: Browser };
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
