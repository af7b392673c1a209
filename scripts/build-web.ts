/**
 * Builds the web app (web/ → web/dist) with vite. `--if-stale`: only when
 * web/dist is missing or older than any of the app's sources (what
 * `npm start` and the end-to-end tests do).
 */

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('../web', import.meta.url));
const BUILT = join(WEB, 'dist', 'index.html');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts'];

/** The latest modification time of a file or, for a folder, of anything in it. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path, { recursive: true, encoding: 'utf8' }).map(
      (file) => statSync(join(path, file)).mtimeMs,
    ),
  );
}

/** Whether web/dist is missing or older than web/src (or the page, its static files, the build config). */
export function webBuildIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((source) => newest(join(WEB, source)) > built);
}

/** Builds the app; resolves to the time it took, in milliseconds. */
export async function buildWeb(): Promise<number> {
  const started = performance.now();
  const { build } = await import('vite');
  await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' });
  return performance.now() - started;
}

/** Builds the app when it is stale; resolves to whether it did. */
export async function ensureWebBuild(): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  const ms = await buildWeb();
  console.error(`built the web app into web/dist in ${(ms / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale')) await ensureWebBuild();
  else console.error(`built the web app in ${((await buildWeb()) / 1000).toFixed(1)} s`);
}
