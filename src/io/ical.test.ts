import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { escapeText, foldLine } from './ical.ts';

const unfold = (folded: string) => folded.replace(/\r\n /g, '');

test('folding: at most 75 octets a line, never inside a character, and reversible', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
      const line = `DESCRIPTION:${escapeText(text)}`;
      const folded = foldLine(line);
      for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part) <= 75, part);
      assert.equal(unfold(folded), line);
      assert.ok(!folded.includes('\uFFFD'));
    }),
  );
  // Three-octet characters across the boundary: the line breaks before the character.
  const folded = foldLine(`SUMMARY:${'€'.repeat(40)}`);
  assert.deepEqual(
    folded.split('\r\n').map((part) => Buffer.byteLength(part)),
    [74, 55], // 8 + 22 × 3, then a space + 18 × 3
  );
});

test('escaping: backslash, semicolon, comma and newlines; other control characters dropped', () => {
  assert.equal(escapeText('a\\b;c,d\ne\r\nf\rg'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng');
  assert.equal(escapeText('bell\u0007 tab\tend'), 'bell tab\tend'); // a tab is allowed text
});
