/**
 * Branch and bound over packages for the one whose utility is the smallest at
 * or above a target: the GeniusWeb writer's reservation bid.
 */

/**
 * The package whose utility (the sum of one contribution per issue) is the
 * smallest at or above `target` — or the best one when none reaches it — by
 * branch and bound, cut after a million steps.
 */
export function smallestAtLeast(
  contributions: readonly (readonly number[])[],
  target: number,
): { choice: number[]; utility: number; reached: boolean; exact: boolean } {
  const n = contributions.length;
  const order = contributions.map((c) =>
    c.map((_, o) => o).sort((a, b) => (c[a] as number) - (c[b] as number)),
  );
  const maxFrom = new Array<number>(n + 1).fill(0);
  const minFrom = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    const c = contributions[i] as readonly number[];
    maxFrom[i] = (maxFrom[i + 1] as number) + Math.max(...c);
    minFrom[i] = (minFrom[i + 1] as number) + Math.min(...c);
  }
  const goal = target - 1e-12;
  const best = contributions.map((c) => c.indexOf(Math.max(...c)));
  if ((maxFrom[0] as number) < goal)
    return { choice: best, utility: maxFrom[0] as number, reached: false, exact: true };
  let bestUtility = maxFrom[0] as number;
  let steps = 0;
  const choice = new Array<number>(n).fill(0);
  const visit = (i: number, sum: number): void => {
    if (++steps > 1_000_000) return;
    if (sum + (maxFrom[i] as number) < goal || sum + (minFrom[i] as number) >= bestUtility) return;
    if (i === n) {
      bestUtility = sum;
      best.splice(0, n, ...choice);
      return;
    }
    for (const o of order[i] as number[]) {
      choice[i] = o;
      visit(i + 1, sum + ((contributions[i] as readonly number[])[o] as number));
    }
  };
  visit(0, 0);
  return { choice: best, utility: bestUtility, reached: true, exact: steps <= 1_000_000 };
}
