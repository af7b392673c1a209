/**
 * A compiled space re-weighted for sampled profiles (`resampleSpace`) instead
 * of compiled again, as the sensitivity analysis (sensitivity.ts) does for
 * every sample.
 */

import type { CompiledSpace, OptionClass } from './compiled-space.ts';
import { linearValue, type Profile } from './profile.ts';

/**
 * Every allowed combination of each group of a compiled space, in the order
 * `compileSpace` visits them (option indices in increasing order, the group's
 * first issue slowest).
 */
export function groupCombos(space: CompiledSpace): Int32Array[][] {
  return space.groups.map((group) =>
    group.classes
      .flatMap((cls) => cls.combos)
      .sort((a, b) => {
        for (let j = 0; j < a.length; j++)
          if (a[j] !== b[j]) return (a[j] as number) - (b[j] as number);
        return 0;
      }),
  );
}

/**
 * `compileSpace(space.issues, profiles)` for profiles that differ from those
 * `space` was compiled from only in weights and values (as samples do), without
 * compiling again: the issues, red lines and groups are kept, the utilities
 * and the classes of each group are recomputed with the same arithmetic in the
 * same order, so the result is equal, number for number (property-tested).
 * The profiles are not checked again.
 */
export function resampleSpace(
  space: CompiledSpace,
  profiles: readonly Profile[],
  combos: readonly (readonly Int32Array[])[] = groupCombos(space),
): CompiledSpace {
  const issues = space.issues;
  const n = profiles.length;
  const weights = profiles.map((profile) => {
    const raw = issues.map((issue) => profile.weights[issue.id] ?? 0);
    const sum = raw.reduce((a, b) => a + b, 0);
    return raw.map((w) => (sum > 0 ? w / sum : 0));
  });
  const contribution = issues.map((issue, i) => {
    const options = issue.options;
    const table = new Float64Array(options.length * n);
    for (let p = 0; p < n; p++) {
      const weight = weights[p]?.[i] as number;
      const values = profiles[p]?.values[issue.id];
      for (let o = 0; o < options.length; o++) {
        const option = options[o] as (typeof options)[number];
        let value = 0;
        if (values?.kind === 'options') value = values.values[option.id] ?? 0;
        else if (values?.kind === 'linear')
          value = linearValue(values.points, option.value ?? Number(option.id));
        table[o * n + p] = weight * value;
      }
    }
    return table;
  });
  const groups = space.groups.map((group, g) => ({
    issues: group.issues,
    classes: classesOf(group.issues, combos[g] ?? [], contribution, n),
  }));
  return {
    ...space,
    parties: profiles.map((profile) => profile.party),
    contribution,
    reservations: Float64Array.from(profiles.map((profile) => profile.reservation)),
    groups,
  };
}

/**
 * The classes of a group as `compileSpace` forms them: combinations whose
 * utilities print the same to 12 decimals are one class. Keys are only built
 * when two vectors come within 2e-12 of each other in every utility (farther
 * apart, their keys must differ), which is rare once values are sampled.
 */
function classesOf(
  issues: readonly number[],
  combos: readonly Int32Array[],
  contribution: readonly Float64Array[],
  n: number,
): OptionClass[] {
  const vectors = combos.map((combo) => {
    const vector = new Float64Array(n);
    for (let j = 0; j < issues.length; j++) {
      const table = contribution[issues[j] as number] as Float64Array;
      const base = (combo[j] as number) * n;
      for (let p = 0; p < n; p++) vector[p] = (vector[p] as number) + (table[base + p] as number);
    }
    return vector;
  });
  if (vectors.length <= 64 && !vectors.some((v, a) => vectors.some((w, b) => b > a && near(v, w))))
    return vectors.map((vector, c) => ({ vector, combos: [combos[c] as Int32Array] }));
  const classes = new Map<string, { vector: Float64Array; combos: Int32Array[] }>();
  vectors.forEach((vector, c) => {
    const key = Array.from(vector, (x) => x.toFixed(12)).join(',');
    const existing = classes.get(key);
    if (existing === undefined) classes.set(key, { vector, combos: [combos[c] as Int32Array] });
    else existing.combos.push(combos[c] as Int32Array);
  });
  return [...classes.values()];
}

function near(a: Float64Array, b: Float64Array): boolean {
  for (let p = 0; p < a.length; p++)
    if (Math.abs((a[p] as number) - (b[p] as number)) > 2e-12) return false;
  return true;
}
