/**
 * The positions matrix as a heat map: provisions × parties, each cell
 * coloured by stance and saying it in words (and in its title: when, the
 * note). The cells of the user's own delegation are buttons that open the
 * editor, when the user may write for it.
 */

import { Text, VisuallyHidden } from '@mantine/core';
import type { Party } from '../../api/types.ts';
import { describeDate } from '../../components/dates.ts';
import { provisionTitle } from './provision-view.tsx';
import { stanceClass, stanceWords } from './stance.tsx';
import type { MatrixReport, MatrixRow, TaggedPosition } from './text-api.ts';

function cellTitle(party: Party, position: TaggedPosition | undefined): string {
  if (position === undefined) return `${party.name}: no stance recorded`;
  return [
    `${party.name}: ${stanceWords(position.stance)} (recorded ${describeDate(position.recorded)})`,
    position.wording ? `Wording: ${position.wording}` : '',
    position.note ? `Note: ${position.note}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function HeatMap({
  report,
  writableParty,
  onEdit,
}: {
  report: MatrixReport;
  /** The party whose cells the user may edit, if any. */
  writableParty: string | undefined;
  onEdit: (row: MatrixRow, party: Party) => void;
}) {
  const { parties, matrix } = report;
  const caption = `Each party’s latest stance on each provision of this version${
    writableParty === undefined ? '' : '; choose a cell of your delegation to record a new one'
  }.`;
  if (matrix.rows.length === 0) return <Text c="dimmed">This version has no provisions.</Text>;
  return (
    <>
      <Text size="sm" c="dimmed" aria-hidden>
        {caption}
      </Text>
      {/* Focusable, so the keyboard scrolls it when it is wider than the screen. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="heatmap-scroll" tabIndex={0} aria-label="Positions matrix">
        <table className="heatmap">
          <caption>
            <VisuallyHidden>{caption}</VisuallyHidden>
          </caption>
          <thead>
            <tr>
              <th scope="col">Provision</th>
              {parties.map((party) => (
                <th key={party.id} scope="col" title={party.name}>
                  {party.shortName ?? party.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => {
              const title = provisionTitle(row.number, row.heading, row.provision);
              return (
                <tr key={row.provision}>
                  <th scope="row" title={row.wording}>
                    <Text size="sm" pl={row.depth * 12}>
                      {title}
                    </Text>
                  </th>
                  {parties.map((party) => {
                    const position = row.cells[party.id];
                    const label = position ? stanceWords(position.stance) : '—';
                    const hint = cellTitle(party, position);
                    return (
                      <td key={party.id}>
                        {party.id === writableParty ? (
                          <button
                            type="button"
                            className={stanceClass(position?.stance)}
                            title={hint}
                            aria-label={`${party.name} on ${title}: ${position ? stanceWords(position.stance) : 'no stance recorded'}. Record a new stance`}
                            onClick={() => onEdit(row, party)}
                          >
                            {label}
                          </button>
                        ) : (
                          <div className={stanceClass(position?.stance)} title={hint}>
                            {position ? (
                              label
                            ) : (
                              <>
                                <VisuallyHidden>no stance recorded</VisuallyHidden>
                                <span aria-hidden>—</span>
                              </>
                            )}
                          </div>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
