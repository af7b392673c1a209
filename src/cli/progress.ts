/**
 * A progress bar on standard error: redrawn in place on a terminal (at most
 * ten times a second), a line per tenth otherwise, nothing for small jobs.
 */

import type { CliIo } from './io.ts';

/** Rows below which no progress is shown. */
const QUIET_BELOW = 2_000;

export function progressBar(io: CliIo, label: string): (done: number, total: number) => void {
  let lastDraw = 0;
  let lastTenth = -1;
  return (done, total) => {
    if (total < QUIET_BELOW) return;
    const fraction = Math.min(1, done / total);
    const finished = done >= total;
    if (io.errIsTty) {
      const now = io.now();
      if (!finished && now - lastDraw < 100) return;
      lastDraw = now;
      const filled = Math.round(fraction * 30);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(30 - filled)}`;
      io.err(
        `\r${label} ${bar} ${Math.floor(fraction * 100)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')}`,
      );
      if (finished) io.err('\n');
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    io.err(
      `${label} ${tenth * 10}% (${done.toLocaleString('en')}/${total.toLocaleString('en')})\n`,
    );
  };
}
