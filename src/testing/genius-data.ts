/**
 * The shared GENIUS domains (../shared/data/genius beside the repository),
 * and tests on them that skip, saying so, where the folder is absent (a
 * user's clone has no ../shared).
 */

import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/** ../shared/data/genius from the repository root, with a trailing slash. */
export const GENIUS_DATA = fileURLToPath(new URL('../../../shared/data/genius/', import.meta.url));
export const GENIUS_DATA_AVAILABLE = existsSync(GENIUS_DATA);

/** A test on the shared data, skipped (saying so) where the folder is absent. */
export function geniusDataTest(name: string, run: () => void): void {
  test(name, (t) => {
    if (!GENIUS_DATA_AVAILABLE) {
      t.skip('../shared/data/genius is absent');
      return;
    }
    run();
  });
}
