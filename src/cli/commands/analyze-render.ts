/**
 * What `concord analyze` prints: the report in words (tables for the draft and
 * the sensitivity, one line per solution) and the utility-space chart.
 */

import type { AnalysisReport, PointReport } from '../../core/analysis/analysis-report.ts';
import { sampleUtilities } from '../../core/analysis/sample.ts';
import type { SensitivityResult } from '../../core/analysis/sensitivity-summary.ts';
import type { Criterion } from '../../core/analysis/solutions.ts';
import type { PartyId } from '../../core/ids.ts';
import { type PlotMark, plotUtilitySpace } from '../../io/analysis/plot-svg.ts';
import type { ProcessAnalysis } from '../../services/analysis-service.ts';
import { table } from '../output.ts';

export const NAMES: Record<Criterion, string> = {
  nash: 'Nash',
  'kalai-smorodinsky': 'Kalai–Smorodinsky',
  egalitarian: 'Egalitarian',
  utilitarian: 'Utilitarian',
};

const fmt = (u: number) => u.toFixed(3);
const signed = (g: number) => `${g >= 0 ? '+' : '−'}${Math.abs(g).toFixed(3)}`;

function describePackage(pkg: Readonly<Record<string, string>>): string {
  return Object.entries(pkg)
    .map(([issue, option]) => `${issue}=${option}`)
    .join(', ');
}

/** The report in words. */
export function render(
  analysis: ProcessAnalysis,
  sensitivity: SensitivityResult | undefined,
): string {
  const r: AnalysisReport = analysis.report;
  const out: string[] = [];
  const parties = r.parties;
  out.push(
    `${parties.length} parties (${parties.join(', ')}), ${r.issues} issues, ${big(r.packages.all)} packages (${big(r.packages.withinRedLines)} within everyone's red lines)`,
  );
  const notes = [...new Set(analysis.input.profiles.flatMap((p) => (p.note ? [p.note] : [])))];
  for (const note of notes) out.push(`Note: ${note}`);
  if (analysis.input.leftOut.length > 0)
    out.push(`Left out (no profile visible): ${analysis.input.leftOut.join(', ')}`);
  out.push('');

  const source = analysis.draftSource;
  if (source !== undefined) {
    const where = source.version ? `${source.text} ${source.version}` : 'the current options';
    if (r.draft === undefined) {
      out.push(
        `Draft (${where}): incomplete — ${source.found.unsettled.map((u) => `${u.issue}: ${u.reason}`).join('; ')}.`,
      );
      out.push('  Give the missing options with --set issue=option.');
    } else {
      const d = r.draft;
      out.push(`Draft (${where}): ${describePackage(d.package)}`);
      out.push(
        table(
          ['party', 'utility', 'reservation', 'acceptable'],
          parties.map((party, p) => {
            const crossed = d.redLinesCrossed.find((c) => c.party === party);
            return [
              party,
              fmt(d.utilities[p] as number),
              fmt(r.reservations[p] as number),
              crossed
                ? `no — red line: ${crossed.lines.join('; ')}`
                : d.aboveReservation[p]
                  ? 'yes'
                  : 'no — below reservation',
            ];
          }),
        ).trimEnd(),
      );
      out.push(
        `  Acceptable to all: ${d.acceptable ? 'yes' : 'no'}.  ${d.efficient ? 'Efficient: no change helps everyone.' : `Not efficient: every party could gain ${fmt(Math.max(0, d.gainToFrontier))} at once.`}`,
      );
      if (d.improvements.length > 0) {
        out.push(
          `  Improvements (helping everyone, fewest changes first; ${d.improvementsFound} found within ${d.searchedChanges} change${d.searchedChanges === 1 ? '' : 's'}):`,
        );
        d.improvements.forEach((x, i) => {
          const changes = x.changes.map((c) => `${c.issue}: ${c.from} → ${c.to}`).join(', ');
          const gains = parties
            .map((party, p) => `${party} ${signed(x.gains[p] as number)}`)
            .join(', ');
          out.push(
            `    ${i + 1}. ${changes}  (${gains})${x.acceptable ? '' : ' — still not acceptable to all'}`,
          );
        });
      } else if (!d.efficient)
        out.push(
          `  No improvement within ${d.searchedChanges} change${d.searchedChanges === 1 ? '' : 's'}; the frontier points below dominate it.`,
        );
    }
    out.push('');
  }

  const approx = r.frontier.exact
    ? 'exact'
    : `approximate: every efficient package is within ε = ${r.frontier.epsilon.toExponential(1)} of a listed point`;
  out.push(
    `Frontier: ${r.frontier.points.toLocaleString('en')} efficient utility points, ${r.frontier.acceptablePoints.toLocaleString('en')} acceptable to all (${approx})`,
  );
  const a = r.acceptable;
  out.push(
    a.kind === 'exact'
      ? `Acceptable packages: ${big(a.count)} of ${big(a.total)} (exact, ${a.method})`
      : `Acceptable packages: about ${Math.round(a.estimate).toLocaleString('en')} of ${big(a.total)} (ESTIMATE, 95% interval ${Math.round(a.low).toLocaleString('en')}–${Math.round(a.high).toLocaleString('en')}, ${a.samples.toLocaleString('en')} samples)`,
  );
  out.push('');
  if (r.solutions.length === 0)
    out.push('No package is acceptable to every party: no bargaining solution.');
  for (const solution of r.solutions) {
    const tie = solution.points.length > 1 ? ` (${solution.points.length} tied)` : '';
    out.push(
      `${NAMES[solution.criterion]}${tie}: ${point(parties, solution.points[0] as PointReport)}`,
    );
  }
  if (r.frontierPoints !== undefined) {
    out.push(
      '',
      `Acceptable frontier points (${r.frontierPoints.length} of ${r.frontier.acceptablePoints.toLocaleString('en')}, by ${parties[0]}'s utility):`,
    );
    r.frontierPoints.forEach((p, i) => {
      out.push(`  ${i + 1}. ${point(parties, p)}`);
    });
  }
  if (r.top.ranks.length > 1) {
    out.push('', `Top ${r.top.ranks.length} by ${NAMES[r.top.criterion]}:`);
    r.top.ranks.forEach((rank, i) => {
      out.push(
        `  ${i + 1}. ${rank.value.toPrecision(4)}  ${point(parties, rank.points[0] as PointReport)}`,
      );
    });
  }
  if (sensitivity !== undefined) out.push('', ...renderSensitivity(sensitivity));
  return `${out.join('\n')}\n`;
}

function point(parties: readonly PartyId[], p: PointReport): string {
  const u = parties.map((party, i) => `${party} ${fmt(p.utilities[i] as number)}`).join(', ');
  const more =
    p.packageCount > 1
      ? ` (+${(p.packageCount - 1).toLocaleString('en')} more with the same utilities)`
      : '';
  return `${u}\n    ${describePackage(p.packages[0] ?? {})}${more}`;
}

function renderSensitivity(s: SensitivityResult): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const out = [
    `Sensitivity: ${s.samples.toLocaleString('en')} samples over the profiles' uncertainty (seed ${s.seed})`,
  ];
  if (s.deterministic)
    out.push('  No profile states an uncertainty range: every sample is the nominal analysis.');
  if (s.certainParties.length > 0)
    out.push(`  Taken as exact (no ranges): ${s.certainParties.join(', ')}`);
  out.push(
    table(
      [
        'package',
        'acceptable to all',
        '95% interval',
        ...s.parties.map((p) => `${p} median [p5–p95]`),
      ],
      s.candidates.map((c) => [
        c.label,
        pct(c.acceptable.estimate),
        `${pct(c.acceptable.low)}–${pct(c.acceptable.high)}`,
        ...c.parties.map(
          (p) => `${fmt(p.utility.median)} [${fmt(p.utility.p5)}–${fmt(p.utility.p95)}]`,
        ),
      ]),
    ).trimEnd(),
  );
  if (s.nashStability !== undefined)
    out.push(
      `  The Nash package stays the Nash package in ${pct(s.nashStability.estimate)} of samples (${pct(s.nashStability.low)}–${pct(s.nashStability.high)}).`,
    );
  if (s.noAgreement > 0)
    out.push(
      `  No package was acceptable to all in ${s.noAgreement.toLocaleString('en')} samples.`,
    );
  return out;
}

function big(decimal: string): string {
  return decimal.length > 15
    ? `${decimal.slice(0, 1)}.${decimal.slice(1, 3)}e${decimal.length - 1}`
    : BigInt(decimal).toLocaleString('en');
}

/** The utility-space chart (SVG) of an analysis: 5,000 sampled packages, the frontier, the solutions, the draft. */
export function plot(analysis: ProcessAnalysis, file: string): string {
  const r = analysis.report;
  const marks: PlotMark[] = r.solutions.map((s) => ({
    label: NAMES[s.criterion],
    kind: s.criterion,
    utilities: (s.points[0] as PointReport).utilities,
  }));
  if (r.draft !== undefined)
    marks.push({ label: 'draft', kind: 'draft', utilities: r.draft.utilities });
  const frontier = analysis.frontier;
  return plotUtilitySpace({
    title: `Utility space — ${file}`,
    parties: r.parties.map((id) => ({ id, name: id })),
    samples: sampleUtilities(analysis.space, 5_000, 1),
    frontier: frontier.points,
    reservations: r.reservations,
    marks,
    ...(frontier.exact
      ? {}
      : { subtitle: `approximate frontier (ε = ${frontier.epsilon.toExponential(1)})` }),
  });
}
