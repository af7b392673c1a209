/**
 * HTML to PDF with the machine's Chromium, driven by playwright-core (which
 * never downloads a browser). Chromium starts only when a PDF is asked for
 * and is closed after each one; renders run one at a time, so a burst of
 * requests cannot start a browser per request on a small machine. The page
 * runs without JavaScript and with every network request refused: what is
 * printed is exactly the HTML given.
 *
 * The last few PDFs are kept by the digest of their HTML: the same page
 * asked for again (a reload, a second download) is not printed again.
 *
 * The browser is `CONCORD_CHROMIUM` or /usr/bin/chromium; without it,
 * `UnavailableError` (HTTP 503) says so.
 */

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { UnavailableError } from '../core/errors.ts';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** The Chromium executable to use. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CONCORD_CHROMIUM || DEFAULT_CHROMIUM;
}

/** How many printed PDFs are kept, by the digest of their HTML. */
const KEPT = 16;
const kept = new Map<string, Buffer>();
let queue: Promise<unknown> = Promise.resolve();

/** Prints `html` to an A4 PDF. Throws `UnavailableError` when Chromium is missing or cannot start. */
export function renderPdf(html: string, executablePath: string = chromiumPath()): Promise<Buffer> {
  const key = createHash('sha256')
    .update(executablePath)
    .update('\u0000')
    .update(html)
    .digest('hex');
  const known = kept.get(key);
  if (known !== undefined) return Promise.resolve(known);
  const print = async () => {
    const again = kept.get(key);
    if (again !== undefined) return again;
    const pdf = await render(html, executablePath);
    kept.set(key, pdf);
    if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
    return pdf;
  };
  const run = queue.then(print, print);
  queue = run.catch(() => undefined);
  return run;
}

async function render(html: string, executablePath: string): Promise<Buffer> {
  if (!existsSync(executablePath))
    throw new UnavailableError(
      `PDFs need Chromium, which is not installed at ${executablePath}: install it (apt-get install chromium) or set CONCORD_CHROMIUM to its path; the briefing page can still be printed from the browser`,
    );
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new UnavailableError(
      'PDFs need the playwright-core package (a development dependency): install the dependencies with npm ci',
    );
  }
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({ executablePath, args: FLAGS, timeout: 30_000 });
  } catch (error) {
    throw new UnavailableError(
      `Chromium at ${executablePath} did not start: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
