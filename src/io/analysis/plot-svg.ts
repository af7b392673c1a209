/**
 * The utility space of a negotiation as a standalone SVG 1.1 chart (for
 * `concord analyze --plot FILE.svg`), drawn without a browser. Pure: the
 * document is a string, nothing is read or written.
 *
 * - Two parties: one panel, x = party 1's utility, y = party 2's, both 0–1.
 *   Sampled packages are light dots; the frontier is a staircase through its
 *   points sorted by x (packages are discrete: the steps bound what is
 *   attainable, no straight line implies a mix of packages); reservation
 *   values are dashed lines and the region acceptable to both is shaded.
 * - Three or more: one panel per pair i < j in a lower-triangle grid
 *   (column i, row j − 1, so a column shares its x party and a row its y
 *   party), frontier points projected as dots; one shared legend.
 *
 * Limits: points are merged per pixel; a layer (samples or frontier) with more
 * than `MAX_DRAWN_POINTS` distinct pixels in a panel is thinned by merging on
 * a coarser grid (first point of each cell kept, in input order), and a note
 * in the chart says so. Coordinates carry at most two decimals. Points with a
 * utility outside 0–1 (beyond 1e-9) or not finite are not drawn (counted in a
 * note). Labels are cut to a fixed length and escaped; marks closer than
 * 4 px share one label, placed greedily at the candidate spot with least
 * overlap. No CSS: presentation attributes, generic sans-serif, Okabe–Ito
 * colours with a distinct shape per kind so the chart reads in greyscale.
 */

import { InvalidError, type Problem } from '../../core/errors.ts';

/** What a marked package is; each kind has its own symbol and colour. */
export type PlotMarkKind =
  | 'nash'
  | 'kalai-smorodinsky'
  | 'egalitarian'
  | 'utilitarian'
  | 'draft'
  | 'other';

/** A package to point out: a bargaining solution, the draft on the table, or another. */
export interface PlotMark {
  readonly label: string;
  readonly kind: PlotMarkKind;
  /** One utility per party, in the order of `UtilityPlot.parties`. */
  readonly utilities: ArrayLike<number>;
}

/** What `plotUtilitySpace` draws. Utilities are expected in 0–1. */
export interface UtilityPlot {
  readonly title: string;
  readonly parties: readonly { readonly id: string; readonly name: string }[];
  /** Sampled packages' utilities, flat: count × parties (may be 0 or up to ~20,000 points). */
  readonly samples: Float64Array;
  /** Efficient points, flat: count × parties (may be up to ~40,000 points). */
  readonly frontier: Float64Array;
  /** Each party's reservation value (disagreement point). */
  readonly reservations: ArrayLike<number>;
  readonly marks: readonly PlotMark[];
  /** A line under the title, e.g. "approximate frontier (ε = 1e-4)" or "illustrative assumptions". */
  readonly subtitle?: string;
}

/** Most points one layer (samples or frontier) draws in one panel. */
export const MAX_DRAWN_POINTS = 5000;

type Shape = 'circle' | 'square' | 'diamond' | 'up' | 'cross' | 'down';

/** Per kind: the name shown in the legend, an Okabe–Ito colour and a shape. */
const MARK_STYLES: Record<PlotMarkKind, { name: string; colour: string; shape: Shape }> = {
  nash: { name: 'Nash', colour: '#D55E00', shape: 'circle' },
  'kalai-smorodinsky': { name: 'Kalai–Smorodinsky', colour: '#CC79A7', shape: 'square' },
  egalitarian: { name: 'egalitarian', colour: '#009E73', shape: 'diamond' },
  utilitarian: { name: 'utilitarian', colour: '#E69F00', shape: 'up' },
  draft: { name: 'draft', colour: '#000000', shape: 'cross' },
  other: { name: '', colour: '#56B4E9', shape: 'down' },
};
const SAMPLE_COLOUR = '#BBBBBB';
const FRONTIER_COLOUR = '#0072B2';
const REGION_FILL = 'fill="#F0E442" fill-opacity="0.25"';
const DASH = 'stroke="#555555" stroke-width="1" stroke-dasharray="5 3"';
const INK = '#222222';
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];
/** Panel cell margins around the square plot area (px). */
const M = { left: 56, right: 16, top: 12, bottom: 46 } as const;
const PAD = 20;
const LABEL_FONT = 11;
const LEGEND_FONT = 12;
const LEGEND_ROW = 18;

/**
 * The chart as a standalone SVG 1.1 document (with its XML declaration).
 * Throws `InvalidError` when there are fewer than two parties or an array's
 * length does not match the number of parties.
 */
export function plotUtilitySpace(plot: UtilityPlot): string {
  const n = plot.parties.length;
  checkPlot(plot);
  const size = n === 2 ? 360 : 220;
  const cellW = M.left + size + M.right;
  const cellH = M.top + size + M.bottom;
  const grid = n - 1;
  const title = tidy(plot.title, 120);
  const subtitle = tidy(plot.subtitle ?? '', 160);
  const top = subtitle === '' ? 48 : 66;
  const stats = { sampleCell: 1, frontierCell: 1 };
  const panels: string[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const x = PAD + i * cellW + M.left;
      const y = top + (j - 1) * cellH + M.top;
      panels.push(drawPanel(plot, i, j, size, x, y, stats));
    }
  const legend = legendEntries(plot);
  const legendW = Math.max(...legend.map((e) => textWidth(e.text, LEGEND_FONT))) + 44;
  const legendH = legend.length * LEGEND_ROW + 12;
  const inside = n >= 3 && legendW <= (n - 2) * cellW - 16 && legendH <= cellH - 16;
  const legendX = inside ? PAD + cellW + 8 : PAD + grid * cellW + 8;
  const legendY = top + M.top;
  const notes = chartNotes(plot, stats);
  const noteTop = Math.max(top + grid * cellH, legendY + legendH + 16);
  const width = Math.ceil(
    Math.max(
      (inside ? PAD + grid * cellW : legendX + legendW) + PAD,
      textWidth(title, 18) + 2 * PAD,
      textWidth(subtitle, 12) + 2 * PAD,
      ...notes.map((note) => textWidth(note, 11) + 2 * PAD),
    ),
  );
  const height = Math.ceil(noteTop + notes.length * 15 + 8);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" fill="${INK}">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(describePlot(plot))}</desc>`,
    `<rect width="${width}" height="${height}" fill="#FFFFFF"/>`,
    text(PAD, 28, title, 'font-size="18" font-weight="bold"'),
    subtitle === '' ? '' : text(PAD, 48, subtitle, 'font-size="12" fill="#444444"'),
    ...panels,
    drawLegend(legend, legendX, legendY, legendW, legendH),
    ...notes.map((note, k) =>
      text(PAD, noteTop + 11 + k * 15, note, 'font-size="11" fill="#444444"'),
    ),
    '</svg>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function checkPlot(plot: UtilityPlot): void {
  const n = plot.parties.length;
  const problems: Problem[] = [];
  if (n < 2)
    problems.push({ path: 'parties', message: 'a utility plot needs at least two parties' });
  const width = Math.max(n, 1);
  for (const key of ['samples', 'frontier'] as const)
    if (plot[key].length % width !== 0)
      problems.push({ path: key, message: `length ${plot[key].length} is not a multiple of ${n}` });
  if (plot.reservations.length !== n)
    problems.push({ path: 'reservations', message: `expected ${n} values` });
  plot.marks.forEach((mark, k) => {
    if (mark.utilities.length !== n)
      problems.push({ path: `marks[${k}].utilities`, message: `expected ${n} values` });
  });
  if (problems.length > 0) throw new InvalidError(problems, 'cannot plot the utility space');
}

// ---------------------------------------------------------------------------
// One panel

interface Stats {
  sampleCell: number;
  frontierCell: number;
}

function drawPanel(
  plot: UtilityPlot,
  i: number,
  j: number,
  size: number,
  x: number,
  y: number,
  stats: Stats,
): string {
  const n = plot.parties.length;
  const out: string[] = [`<g class="panel" transform="translate(${x} ${y})">`];
  const grid = TICKS.map((t) => `M${f(t * size)} 0V${size}M0 ${f((1 - t) * size)}H${size}`);
  out.push(`<path d="${grid.join('')}" stroke="#E6E6E6" stroke-width="1" fill="none"/>`);
  const di = unit(plot.reservations[i]);
  const dj = unit(plot.reservations[j]);
  if (di !== undefined && dj !== undefined) {
    const [rx, ry] = [f(di * size), f((1 - dj) * size)];
    out.push(`<rect x="${rx}" y="0" width="${f((1 - di) * size)}" height="${ry}" ${REGION_FILL}/>`);
  }
  const samples = thinPoints(plot.samples, n, i, j, size);
  stats.sampleCell = Math.max(stats.sampleCell, samples.cell);
  out.push(dots(samples.d, SAMPLE_COLOUR, 3));
  if (n === 2) out.push(stairs(plot.frontier, size));
  const frontier = thinPoints(plot.frontier, n, i, j, size);
  stats.frontierCell = Math.max(stats.frontierCell, frontier.cell);
  out.push(dots(frontier.d, FRONTIER_COLOUR, n === 2 ? 4 : 3));
  const dashes = [
    di === undefined ? '' : `M${f(di * size)} 0V${size}`,
    dj === undefined ? '' : `M0 ${f((1 - dj) * size)}H${size}`,
  ].join('');
  if (dashes !== '') out.push(`<path d="${dashes}" ${DASH} fill="none"/>`);
  out.push(drawAxes(partyName(plot, i), partyName(plot, j), size));
  out.push(drawMarks(plot.marks, i, j, size), '</g>');
  return out.filter((part) => part !== '').join('\n');
}

function drawAxes(xName: string, yName: string, size: number): string {
  const ticks = TICKS.map((t) => `M${f(t * size)} ${size}v4M0 ${f((1 - t) * size)}h-4`).join('');
  const labels = TICKS.flatMap((t) => [
    text(t * size, size + 16, String(t), 'text-anchor="middle"'),
    text(-7, (1 - t) * size + 3.5, String(t), 'text-anchor="end"'),
  ]);
  const chars = Math.floor(size / (LEGEND_FONT * 0.6)) - 12;
  const mid = size / 2;
  return [
    `<rect width="${size}" height="${size}" fill="none" stroke="#333333" stroke-width="1"/>`,
    `<path d="${ticks}" fill="none" stroke="#333333" stroke-width="1"/>`,
    `<g font-size="10" fill="#333333">${labels.join('')}</g>`,
    text(mid, size + 36, `utility of ${tidy(xName, chars)}`, 'text-anchor="middle" font-size="12"'),
    text(
      -38,
      mid,
      `utility of ${tidy(yName, chars)}`,
      `text-anchor="middle" font-size="12" transform="rotate(-90 -38 ${f(mid)})"`,
    ),
  ].join('\n');
}

/**
 * Points (i, j) of a flat array as dots in panel pixels: merged per pixel,
 * then on coarser cells (first point of a cell kept) until at most
 * `MAX_DRAWN_POINTS`. The path goes row by row with relative moves (short).
 */
function thinPoints(values: Float64Array, n: number, i: number, j: number, size: number) {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k + n <= values.length; k += n) {
    const u = unit(values[k + i]);
    const v = unit(values[k + j]);
    if (u === undefined || v === undefined) continue;
    xs.push(Math.round(u * size));
    ys.push(Math.round((1 - v) * size));
  }
  let cell = 1;
  let kept = mergeOnGrid(xs, ys, cell);
  while (kept === undefined) kept = mergeOnGrid(xs, ys, ++cell);
  kept.sort((a, b) => a - b);
  let [x, y] = [0, 0];
  const d = kept.map((key, k) => {
    const [nx, ny] = [key % ROW, Math.floor(key / ROW)];
    const step = k === 0 ? `M${nx} ${ny}h0` : `m${nx - x} ${ny - y}h0`;
    [x, y] = [nx, ny];
    return step;
  });
  return { d: d.join(''), cell };
}

const ROW = 65536;

/** Pixel keys (y·ROW + x) of the first point in each `cell`-sized square, or undefined past the cap. */
function mergeOnGrid(xs: readonly number[], ys: readonly number[], cell: number) {
  const seen = new Set<number>();
  const kept: number[] = [];
  for (let k = 0; k < xs.length; k++) {
    const [x, y] = [xs[k] as number, ys[k] as number];
    const key = Math.floor(y / cell) * ROW + Math.floor(x / cell);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(y * ROW + x);
    if (kept.length > MAX_DRAWN_POINTS) return undefined;
  }
  return kept;
}

function dots(d: string, colour: string, width: number): string {
  if (d === '') return '';
  return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-linecap="round"/>`;
}

/** The two-party frontier as steps between its points sorted by x (ties: higher y first). */
function stairs(frontier: Float64Array, size: number): string {
  const points: [number, number][] = [];
  for (let k = 0; k + 2 <= frontier.length; k += 2) {
    const u = unit(frontier[k]);
    const v = unit(frontier[k + 1]);
    if (u !== undefined && v !== undefined) points.push([u, v]);
  }
  points.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const moves: ['V' | 'H', number][] = [];
  const move = (axis: 'V' | 'H', to: number) => {
    const last = moves.at(-1);
    if (last?.[0] === axis) last[1] = to;
    else moves.push([axis, to]);
  };
  const first = points[0];
  if (first === undefined) return '';
  const start = `M${Math.round(first[0] * size)} ${Math.round((1 - first[1]) * size)}`;
  let [px, py] = [Math.round(first[0] * size), Math.round((1 - first[1]) * size)];
  for (const [u, v] of points) {
    const [x, y] = [Math.round(u * size), Math.round((1 - v) * size)];
    if (y !== py) move('V', y);
    if (x !== px) move('H', x);
    [px, py] = [x, y];
  }
  if (moves.length === 0) return '';
  const d = start + moves.map(([axis, to]) => `${axis}${to}`).join('');
  return `<path d="${d}" fill="none" stroke="${FRONTIER_COLOUR}" stroke-width="1.5"/>`;
}

// ---------------------------------------------------------------------------
// Marks and their labels

type Box = readonly [x: number, y: number, w: number, h: number];

function drawMarks(marks: readonly PlotMark[], i: number, j: number, size: number): string {
  const groups: { x: number; y: number; labels: string[] }[] = [];
  const symbols: string[] = [];
  const obstacles: Box[] = [];
  for (const mark of marks) {
    const u = unit(mark.utilities[i]);
    const v = unit(mark.utilities[j]);
    if (u === undefined || v === undefined) continue;
    const [x, y] = [u * size, (1 - v) * size];
    symbols.push(symbol(mark.kind, x, y));
    obstacles.push([x - 7, y - 7, 14, 14]);
    const near = groups.find((g) => Math.abs(g.x - x) < 4 && Math.abs(g.y - y) < 4);
    if (near === undefined) groups.push({ x, y, labels: [tidy(mark.label, 24)] });
    else near.labels.push(tidy(mark.label, 24));
  }
  const leaders: string[] = [];
  const labels: string[] = [];
  for (const group of groups) {
    const label = tidy(group.labels.join(', '), 60);
    const spot = placeLabel(group.x, group.y, textWidth(label, LABEL_FONT), obstacles, size);
    obstacles.push(spot.box);
    leaders.push(leader(group.x, group.y, spot));
    const at = `x="${f(spot.x)}" y="${f(spot.y)}" text-anchor="${spot.anchor}"`;
    const halo = 'stroke="#FFFFFF" stroke-width="3" stroke-linejoin="round"';
    labels.push(
      `<text ${at} ${halo}>${escapeXml(label)}</text><text ${at}>${escapeXml(label)}</text>`,
    );
  }
  if (symbols.length === 0) return '';
  const parts = [...leaders.filter((l) => l !== ''), ...symbols, ...labels];
  return [`<g class="marks" font-size="${LABEL_FONT}">`, ...parts, '</g>'].join('\n');
}

/** Where a label may go around its mark: direction (x, y) and distance. */
const SPOTS = [9, 18, 30].flatMap((d) =>
  (
    [
      [1, 0],
      [-1, 0],
      [0.7, -0.7],
      [0.7, 0.7],
      [-0.7, -0.7],
      [-0.7, 0.7],
      [0, -1],
      [0, 1],
    ] as const
  ).map(([dx, dy]) => ({ dx, dy, d })),
);

/** The first spot for a label at (x, y) that overlaps least with other labels, symbols and the panel's edge. */
function placeLabel(x: number, y: number, w: number, obstacles: readonly Box[], size: number) {
  const h = LABEL_FONT + 2;
  let best = { x: 0, y: 0, anchor: 'start', box: [0, 0, 0, 0] as Box, d: 0 };
  let bestCost = Number.POSITIVE_INFINITY;
  for (const { dx, dy, d } of SPOTS) {
    const left = dx > 0 ? x + dx * d : dx < 0 ? x + dx * d - w : x - w / 2;
    const top = dy === 0 ? y - h / 2 : dy < 0 ? y + dy * d - h : y + dy * d;
    const box: Box = [left, top, w, h];
    const outside = w * h - overlap(box, [0, 0, size, size]);
    const cost = obstacles.reduce((sum, o) => sum + overlap(box, o), 0) + 2 * outside;
    if (cost >= bestCost) continue;
    const anchor = dx > 0 ? 'start' : dx < 0 ? 'end' : 'middle';
    best = { x: dx > 0 ? left : dx < 0 ? left + w : x, y: top + h - 3, anchor, box, d };
    bestCost = cost;
    if (cost === 0) break;
  }
  return best;
}

/** A thin line from a mark to its label when the label sits away from it. */
function leader(x: number, y: number, spot: { box: Box; d: number }): string {
  if (spot.d <= 9) return '';
  const [bx, by, bw, bh] = spot.box;
  const [lx, ly] = [Math.min(Math.max(x, bx), bx + bw), Math.min(Math.max(y, by), by + bh)];
  return `<path d="M${f(x)} ${f(y)}L${f(lx)} ${f(ly)}" fill="none" stroke="#777777" stroke-width="0.75"/>`;
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/** A hollow symbol of the kind's shape and colour centred on (x, y). */
function symbol(kind: PlotMarkKind, x: number, y: number): string {
  const { colour, shape } = MARK_STYLES[kind];
  const paint = `fill="none" stroke="${colour}" stroke-width="${shape === 'cross' ? 2.5 : 2}"`;
  if (shape === 'circle') return `<circle cx="${f(x)}" cy="${f(y)}" r="5" ${paint}/>`;
  const at = (dx: number, dy: number) => `M${f(x + dx)} ${f(y + dy)}`;
  const paths: Record<Exclude<Shape, 'circle'>, string> = {
    square: `${at(-4.5, -4.5)}h9v9h-9Z`,
    diamond: `${at(0, -6)}l6 6l-6 6l-6 -6Z`,
    up: `${at(0, -6)}l5.5 9.5h-11Z`,
    down: `${at(0, 6)}l5.5 -9.5h-11Z`,
    cross: `${at(-5, -5)}l10 10${at(5, -5)}l-10 10`,
  };
  return `<path d="${paths[shape]}" ${paint}/>`;
}

// ---------------------------------------------------------------------------
// Legend and notes

interface LegendEntry {
  readonly text: string;
  readonly key: (x: number, y: number) => string;
}

function legendEntries(plot: UtilityPlot): LegendEntry[] {
  const n = plot.parties.length;
  const entries: LegendEntry[] = [];
  if (plot.samples.length > 0)
    entries.push({
      text: 'sampled packages',
      key: (x, y) => dots(`M${f(x)} ${f(y)}h0`, SAMPLE_COLOUR, 3),
    });
  if (plot.frontier.length > 0)
    entries.push({
      text: n === 2 ? 'efficient frontier' : 'efficient packages (projected)',
      key: (x, y) =>
        (n === 2
          ? `<path d="M${f(x - 9)} ${f(y - 5)}V${f(y)}H${f(x + 9)}" stroke="${FRONTIER_COLOUR}" stroke-width="1.5" fill="none"/>`
          : '') + dots(`M${f(x)} ${f(y)}h0`, FRONTIER_COLOUR, n === 2 ? 4 : 3),
    });
  entries.push(
    {
      text: 'reservation values',
      key: (x, y) => `<path d="M${f(x - 10)} ${f(y)}h20" fill="none" ${DASH}/>`,
    },
    {
      text: n === 2 ? 'acceptable to both' : 'acceptable to both (per panel)',
      key: (x, y) =>
        `<rect x="${f(x - 8)}" y="${f(y - 6)}" width="16" height="12" ${REGION_FILL} stroke="#555555" stroke-width="0.5"/>`,
    },
  );
  for (const mark of plot.marks) {
    const label = tidy(mark.label, 40);
    const name = MARK_STYLES[mark.kind].name;
    const shown =
      name === '' || label.toLowerCase().includes(name.toLowerCase())
        ? label
        : `${label} (${name})`;
    entries.push({ text: shown, key: (x, y) => symbol(mark.kind, x, y) });
  }
  return entries;
}

function drawLegend(entries: readonly LegendEntry[], x: number, y: number, w: number, h: number) {
  const rows = entries.map((entry, k) => {
    const rowY = y + 6 + LEGEND_ROW * k + LEGEND_ROW / 2;
    return `${entry.key(x + 18, rowY)}${text(x + 36, rowY + 4, entry.text)}`;
  });
  return [
    `<g class="legend" font-size="${LEGEND_FONT}">`,
    `<rect x="${f(x)}" y="${f(y)}" width="${f(w)}" height="${f(h)}" fill="#FFFFFF" stroke="#999999" stroke-width="0.75"/>`,
    ...rows,
    '</g>',
  ].join('\n');
}

function chartNotes(plot: UtilityPlot, stats: Stats): string[] {
  const n = plot.parties.length;
  const notes: string[] = [];
  const layers = [
    ['Sampled packages', plot.samples, stats.sampleCell],
    ['Frontier points', plot.frontier, stats.frontierCell],
  ] as const;
  for (const [name, values, cell] of layers) {
    const count = values.length / n;
    if (cell > 1)
      notes.push(
        `${name}: ${thousands(count)} in all; each panel draws at most ${thousands(MAX_DRAWN_POINTS)} (nearby points merged on a ${cell} px grid, deterministically).`,
      );
    const outside = countOutside(values, n);
    if (outside > 0)
      notes.push(`${name}: ${thousands(outside)} with a utility outside 0–1 not drawn.`);
  }
  if (n > 2)
    notes.push(
      'Each panel projects the frontier onto two parties: a projected point may look dominated.',
    );
  if (plot.samples.length === 0 && plot.frontier.length === 0)
    notes.push('No sampled packages or frontier points were given.');
  return notes;
}

function countOutside(values: Float64Array, n: number): number {
  let outside = 0;
  for (let k = 0; k + n <= values.length; k += n) {
    for (let p = 0; p < n; p++)
      if (unit(values[k + p]) === undefined) {
        outside++;
        break;
      }
  }
  return outside;
}

function partyName(plot: UtilityPlot, index: number): string {
  const party = plot.parties[index];
  return party === undefined ? '' : party.name.trim() || party.id;
}

function describePlot(plot: UtilityPlot): string {
  const names = plot.parties.map((_, k) => tidy(partyName(plot, k), 60)).join(', ');
  const n = plot.parties.length;
  return `Utility space of ${names}: ${thousands(plot.samples.length / n)} sampled packages, ${thousands(plot.frontier.length / n)} frontier points, ${plot.marks.length} marked packages.`;
}

// ---------------------------------------------------------------------------
// Numbers and text

/** A utility in 0–1 (noise within 1e-9 clamped), or undefined when outside or not finite. */
function unit(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value) || value < -1e-9 || value > 1 + 1e-9)
    return undefined;
  return Math.min(1, Math.max(0, value));
}

/** At most two decimals. */
function f(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${f(x)}" y="${f(y)}"${attributes === '' ? '' : ` ${attributes}`}>${escapeXml(content)}</text>`;
}

/** A rough upper bound of the width of sans-serif text. */
function textWidth(content: string, fontSize: number): number {
  return Array.from(content).length * fontSize * 0.6;
}

/** Characters XML 1.0 forbids (dropped): C0 controls but tab, LF and CR, lone surrogates, U+FFFE/U+FFFF. */
const FORBIDDEN_IN_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text on one line, without characters XML forbids, cut to `max` code points (ending with …). */
function tidy(content: string, max: number): string {
  const clean = Array.from(content.replace(FORBIDDEN_IN_XML, '').replace(/\s+/g, ' ').trim());
  return clean.length <= max ? clean.join('') : `${clean.slice(0, Math.max(max - 1, 1)).join('')}…`;
}

/** Text safe in XML content and attribute values. */
function escapeXml(content: string): string {
  return content
    .replace(FORBIDDEN_IN_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
