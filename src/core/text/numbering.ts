/**
 * Displayed numbers, derived from where provisions sit, so that adding,
 * removing or moving a provision renumbers the others automatically:
 * articles are counted through the whole text; every other style restarts
 * under each parent, counting only siblings of the same style.
 */

import type { ProvisionId } from '../ids.ts';
import type { NumberingStyle, Provision } from './provision.ts';

/** The displayed number of every numbered provision ("Article 3", "4.", "4.2", "(b)", "(iv)"). */
export function numberProvisions(provisions: readonly Provision[]): Map<ProvisionId, string> {
  const numbers = new Map<ProvisionId, string>();
  let article = 0;
  const visit = (list: readonly Provision[], parentOrdinal: string | undefined) => {
    const counts = new Map<NumberingStyle, number>();
    for (const provision of list) {
      let ordinal: string | undefined;
      if (provision.style === 'article') {
        article++;
        numbers.set(provision.id, `Article ${article}`);
        ordinal = String(article);
      } else if (provision.style !== 'none') {
        const n = (counts.get(provision.style) ?? 0) + 1;
        counts.set(provision.style, n);
        ordinal =
          provision.style === 'dotted' && parentOrdinal !== undefined
            ? `${parentOrdinal}.${n}`
            : String(n);
        numbers.set(provision.id, formatNumber(provision.style, n, ordinal));
      }
      visit(provision.children, ordinal);
    }
  };
  visit(provisions, undefined);
  return numbers;
}

function formatNumber(style: NumberingStyle, n: number, ordinal: string): string {
  switch (style) {
    case 'section':
      return `Section ${n}`;
    case 'decimal':
      return `${n}.`;
    case 'dotted':
      return ordinal;
    case 'alpha':
      return `(${alpha(n)})`;
    case 'roman':
      return `(${roman(n)})`;
    default:
      return String(n);
  }
}

/** 1 → a, 26 → z, 27 → aa. */
export function alpha(n: number): string {
  let text = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    text = String.fromCharCode(97 + ((rest - 1) % 26)) + text;
  }
  return text;
}

/** 1 → i, 4 → iv, 1999 → mcmxcix. */
export function roman(n: number): string {
  const digits: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let text = '';
  let rest = n;
  for (const [value, letters] of digits) {
    while (rest >= value) {
      text += letters;
      rest -= value;
    }
  }
  return text;
}
