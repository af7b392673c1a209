/**
 * One analysis of a space, as a plain report: the frontier of acceptable
 * packages with the packages behind its points, the bargaining solutions and
 * the top packages by a criterion, the number of acceptable packages (exact or
 * estimated), and — given a draft package — each party's utility of it, the
 * red lines it crosses, whether it is efficient, how far it is from the
 * frontier and the improvements on it. Pure: the report holds only numbers,
 * ids and words, ready for JSON.
 */

import type { IssueId, OptionId, PartyId } from '../ids.ts';
import { type CompiledSpace, compileSpace, packageIndices, utilityOf } from './compiled-space.ts';
import { type AcceptableCount, type CountOptions, countAcceptable } from './count.ts';
import { computeFrontier, type Frontier, type FrontierOptions } from './frontier.ts';
import { findImprovements, frontierDistance } from './improvements.ts';
import type { AnalysisIssue, Package } from './issue-space.ts';
import { TIE_TOLERANCE } from './pareto.ts';
import { crossedRedLines, describeRedLine, type Profile } from './profile.ts';
import { acceptablePoints, CRITERIA, type Criterion, idealPoint, topK } from './solutions.ts';

export interface AnalysisOptions {
  readonly draft?: Package;
  /** Criterion ranking the top packages (default Nash). */
  readonly rankBy?: Criterion;
  /** How many top values to list (default 5). */
  readonly top?: number;
  /** Packages listed behind each point (default 3). */
  readonly packagesPerPoint?: number;
  /** List the acceptable frontier points (at most this many, spread evenly along the frontier). */
  readonly listFrontier?: number;
  readonly maxChanges?: number;
  readonly frontier?: FrontierOptions;
  readonly count?: CountOptions;
}

/** A frontier point: everyone's utilities and (some of) the packages giving them. */
export interface PointReport {
  readonly utilities: number[];
  readonly packages: Package[];
  /** How many packages give these utilities in all. */
  readonly packageCount: number;
}

export interface SolutionReport {
  readonly criterion: Criterion;
  readonly value: number;
  /** All tied points. */
  readonly points: PointReport[];
}

export interface ChangeReport {
  readonly issue: IssueId;
  readonly from: OptionId;
  readonly to: OptionId;
}

export interface DraftReport {
  readonly package: Package;
  readonly utilities: number[];
  /** Per party: at or above its reservation value. */
  readonly aboveReservation: boolean[];
  /** Red lines crossed, per party that has any. */
  readonly redLinesCrossed: { party: PartyId; lines: string[] }[];
  readonly acceptable: boolean;
  readonly efficient: boolean;
  /** The largest gain every party can have at once by moving to the frontier (≤ 0 when efficient). */
  readonly gainToFrontier: number;
  readonly improvements: {
    readonly changes: ChangeReport[];
    readonly utilities: number[];
    readonly gains: number[];
    readonly acceptable: boolean;
  }[];
  /** Sets of up to this many changes were searched. */
  readonly searchedChanges: number;
  readonly improvementsFound: number;
}

export interface AnalysisReport {
  readonly parties: PartyId[];
  readonly reservations: number[];
  readonly issues: number;
  /** Packages in the space, and within everyone's red lines (decimal strings: they can exceed 2^53). */
  readonly packages: { readonly all: string; readonly withinRedLines: string };
  readonly frontier: {
    readonly points: number;
    readonly acceptablePoints: number;
    readonly exact: boolean;
    /** Error bound when approximate (0 when exact): every efficient package is within it of a listed point. */
    readonly epsilon: number;
  };
  /** Each party's best acceptable utility (absent when no package is acceptable). */
  readonly ideal?: number[];
  readonly solutions: SolutionReport[];
  /** The acceptable frontier points, when asked for (`listFrontier`), best for the first party first. */
  readonly frontierPoints?: PointReport[];
  readonly top: { readonly criterion: Criterion; readonly ranks: SolutionReport[] };
  readonly acceptable: AcceptableCountReport;
  readonly draft?: DraftReport;
}

/** `AcceptableCount` with its big integers as decimal strings. */
export type AcceptableCountReport =
  | { kind: 'exact'; count: string; total: string; method: string }
  | {
      kind: 'estimate';
      estimate: number;
      low: number;
      high: number;
      total: string;
      samples: number;
      confidence: number;
      method: string;
    };

export interface Analysis {
  readonly report: AnalysisReport;
  readonly space: CompiledSpace;
  readonly frontier: Frontier;
}

/** The count in a report: a tenth of the default budget, a fifth of the samples (it is one line of the report). */
export const REPORT_COUNT: CountOptions = { budget: 1e7, samples: 20_000 };

/** Analyses `issues` under `profiles` (one per party, in the order given). */
export function analyse(
  issues: readonly AnalysisIssue[],
  profiles: readonly Profile[],
  options: AnalysisOptions = {},
): Analysis {
  const space = compileSpace(issues, profiles);
  const frontier = computeFrontier(space, options.frontier);
  const perPoint = options.packagesPerPoint ?? 3;
  const n = space.parties.length;
  const point = (index: number): PointReport => {
    const { packages, total } = frontier.packagesAt(index, perPoint);
    return { utilities: Array.from(frontier.utilitiesAt(index)), packages, packageCount: total };
  };
  const solution = (s: { criterion: Criterion; value: number; points: readonly number[] }) => ({
    criterion: s.criterion,
    value: s.value,
    points: s.points.slice(0, 10).map(point),
  });
  const acceptable = acceptablePoints(frontier);
  const ideal = idealPoint(frontier, acceptable);
  const rankBy = options.rankBy ?? 'nash';
  const all = issues.reduce((product, issue) => product * BigInt(issue.options.length), 1n);
  const count = countAcceptable(space, { ...REPORT_COUNT, ...options.count });
  return {
    space,
    frontier,
    report: {
      parties: [...space.parties],
      reservations: Array.from(space.reservations),
      issues: issues.length,
      packages: { all: all.toString(), withinRedLines: count.total.toString() },
      frontier: {
        points: frontier.count,
        acceptablePoints: acceptable.length,
        exact: frontier.exact,
        epsilon: frontier.epsilon,
      },
      ...(ideal === undefined ? {} : { ideal: Array.from(ideal) }),
      solutions: CRITERIA.flatMap((criterion) => topK(frontier, criterion, 1).map(solution)),
      ...(options.listFrontier === undefined
        ? {}
        : {
            frontierPoints: spread(
              [...acceptable].sort(
                (a, b) =>
                  (frontier.points[b * n] as number) - (frontier.points[a * n] as number) || a - b,
              ),
              options.listFrontier,
            ).map(point),
          }),
      top: { criterion: rankBy, ranks: topK(frontier, rankBy, options.top ?? 5).map(solution) },
      acceptable: countReport(count),
      ...(options.draft === undefined
        ? {}
        : { draft: draftReport(space, frontier, profiles, options.draft, options.maxChanges, n) }),
    },
  };
}

function draftReport(
  space: CompiledSpace,
  frontier: Frontier,
  profiles: readonly Profile[],
  draft: Package,
  maxChanges: number | undefined,
  n: number,
): DraftReport {
  const choice = packageIndices(space, draft);
  const utilities = utilityOf(space, choice);
  const aboveReservation = Array.from(
    utilities,
    (u, p) => u >= (space.reservations[p] as number) - TIE_TOLERANCE,
  );
  const redLinesCrossed = profiles
    .map((profile) => ({
      party: profile.party,
      lines: crossedRedLines(profile, draft).map(describeRedLine),
    }))
    .filter((entry) => entry.lines.length > 0);
  const distance = frontierDistance(frontier, utilities);
  const search = findImprovements(space, choice, { maxChanges: maxChanges ?? 3, limit: 10 });
  const optionId = (issue: number, option: number) =>
    space.issues[issue]?.options[option]?.id as OptionId;
  return {
    package: draft,
    utilities: Array.from(utilities),
    aboveReservation,
    redLinesCrossed,
    acceptable: aboveReservation.every(Boolean) && redLinesCrossed.length === 0,
    efficient: distance.efficient && redLinesCrossed.length === 0,
    gainToFrontier: n === 0 ? 0 : distance.gain,
    improvements: search.improvements.map((x) => ({
      changes: x.changes.map((c) => ({
        issue: space.issues[c.issue]?.id as IssueId,
        from: optionId(c.issue, choice[c.issue] as number),
        to: optionId(c.issue, c.option),
      })),
      utilities: Array.from(x.utilities),
      gains: Array.from(x.gains),
      acceptable: x.acceptable,
    })),
    searchedChanges: search.searchedChanges,
    improvementsFound: search.found,
  };
}

function countReport(count: AcceptableCount): AcceptableCountReport {
  return count.kind === 'exact'
    ? {
        kind: 'exact',
        count: count.count.toString(),
        total: count.total.toString(),
        method: count.method,
      }
    : {
        kind: 'estimate',
        estimate: count.estimate,
        low: count.low,
        high: count.high,
        total: count.total.toString(),
        samples: count.samples,
        confidence: count.confidence,
        method: count.method,
      };
}

/** At most `limit` of `items`, evenly spaced from the first to the last. */
function spread<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items];
  if (limit <= 1) return items.slice(0, limit);
  return Array.from(
    { length: limit },
    (_, i) => items[Math.round((i * (items.length - 1)) / (limit - 1))] as T,
  );
}
