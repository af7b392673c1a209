/**
 * The positions matrix as CSV (RFC 4180): one row per provision, with its
 * number, id and heading, then one column per party holding the latest stance
 * (and, for "accepts with changes", the proposed wording in a second column).
 */

import type { Party } from '../../core/party.ts';
import type { PositionMatrix } from '../../core/text/position-matrix.ts';

/** The matrix as CSV text, with a header row and CRLF line ends. */
export function matrixCsv(matrix: PositionMatrix, parties: readonly Party[]): string {
  const names = new Map(
    parties.map((party) => [party.id as string, party.shortName ?? party.name]),
  );
  const header = ['number', 'provision', 'heading'];
  for (const party of matrix.parties)
    header.push(`${names.get(party) ?? party} stance`, `${names.get(party) ?? party} wording`);
  const lines = [header];
  for (const row of matrix.rows) {
    const cells = [row.number ?? '', row.provision, row.heading ?? ''];
    for (const party of matrix.parties) {
      const position = row.cells.get(party);
      cells.push(position?.stance ?? '', position?.wording ?? '');
    }
    lines.push(cells);
  }
  return `${lines.map((cells) => cells.map(field).join(',')).join('\r\n')}\r\n`;
}

/** A CSV field, quoted when it holds a comma, quote or line break; formula-like text is defused. */
function field(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
