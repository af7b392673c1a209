/**
 * Short, stable keys derived from content, for records that have no slug of
 * their own (appointments, statements without a slug). A 53-bit hash (cyrb53)
 * in base 36: collisions are improbable (about 1 in 10^5 at 300,000 items per
 * kind), and a collision shows up as a duplicate-key error on import, never as
 * silent merging.
 */

/** Key of `parts` prefixed by `prefix`: `contentKey('s', ['rubio', '2025-11-30', '…'])` → `s-1x2y3z…`. */
export function contentKey(prefix: string, parts: readonly string[]): string {
  return `${prefix}-${base36(cyrb53(parts.join('\u001f')))}`;
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * `n.toString(36)` for a whole number below 2^53, several times faster (V8
 * converts doubles to other bases by a slow general algorithm).
 */
export function base36(n: number): string {
  let text = '';
  let rest = n;
  do {
    const quotient = Math.floor(rest / 36);
    text = DIGITS[rest - quotient * 36] + text;
    rest = quotient;
  } while (rest > 0);
  return text;
}

function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
