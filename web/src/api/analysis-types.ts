/**
 * The shapes of the analysis answers the app reads, after the server's types
 * (src/core/analysis/analysis-report.ts, space-points.ts, sensitivity-summary.ts;
 * src/services/analysis-service.ts). The routes declare no response schema yet.
 */

export type Criterion = 'nash' | 'kalai-smorodinsky' | 'egalitarian' | 'utilitarian';

/** A package: one option per issue (issue slug → option slug). */
export type AnalysisPackage = Readonly<Record<string, string>>;

/** GET /api/v1/processes/{process}/analysis/inputs */
export interface AnalysisInputs {
  readonly issues: readonly {
    readonly id: string;
    readonly name: string;
    readonly options: readonly { readonly id: string; readonly label: string }[];
    readonly text?: string;
  }[];
  readonly profiles: readonly {
    readonly party: string;
    readonly audience: 'party' | 'mediator' | 'public';
  }[];
  readonly leftOut: readonly string[];
  readonly text?: string;
  readonly ready: boolean;
  readonly mediatorOnly: boolean;
}

export interface PointReport {
  readonly utilities: readonly number[];
  readonly packages: readonly AnalysisPackage[];
  readonly packageCount: number;
}

export interface SolutionReport {
  readonly criterion: Criterion;
  readonly value: number;
  readonly points: readonly PointReport[];
}

export interface Improvement {
  readonly changes: readonly {
    readonly issue: string;
    readonly from: string;
    readonly to: string;
  }[];
  readonly utilities: readonly number[];
  readonly gains: readonly number[];
  readonly acceptable: boolean;
}

export interface DraftReport {
  readonly package: AnalysisPackage;
  readonly utilities: readonly number[];
  readonly aboveReservation: readonly boolean[];
  readonly redLinesCrossed: readonly {
    readonly party: string;
    readonly lines: readonly string[];
  }[];
  readonly acceptable: boolean;
  readonly efficient: boolean;
  readonly gainToFrontier: number;
  readonly improvements: readonly Improvement[];
  readonly searchedChanges: number;
  readonly improvementsFound: number;
}

export type AcceptableCount =
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

export interface Probability {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

export interface Distribution {
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly p5: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly p95: number;
  readonly max: number;
}

export interface SensitivityResult {
  readonly samples: number;
  readonly seed: number;
  readonly deterministic: boolean;
  readonly certainParties: readonly string[];
  readonly parties: readonly string[];
  readonly candidates: readonly {
    readonly label: string;
    readonly nash: boolean;
    readonly acceptable: Probability;
    readonly nashPackage: Probability;
    readonly parties: readonly {
      readonly party: string;
      readonly aboveReservation: Probability;
      readonly utility: Distribution;
    }[];
  }[];
  readonly nashStability?: Probability;
  readonly noAgreement: number;
  readonly inexactFrontiers: number;
}

/** The utility-space chart's points (`points=true`). */
export interface SpacePoints {
  readonly packages: { readonly kind: 'all' | 'sample'; readonly points: readonly number[][] };
  readonly frontier: {
    readonly complete: boolean;
    readonly total: number;
    readonly points: readonly number[][];
  };
}

/** GET /api/v1/processes/{process}/analysis */
export interface AnalysisResult {
  readonly parties: readonly string[];
  readonly reservations: readonly number[];
  readonly issues: number;
  readonly packages: { readonly all: string; readonly withinRedLines: string };
  readonly frontier: {
    readonly points: number;
    readonly acceptablePoints: number;
    readonly exact: boolean;
    readonly epsilon: number;
  };
  readonly ideal?: readonly number[];
  readonly solutions: readonly SolutionReport[];
  readonly top: { readonly criterion: Criterion; readonly ranks: readonly SolutionReport[] };
  readonly acceptable: AcceptableCount;
  readonly draft?: DraftReport;
  readonly leftOut: readonly string[];
  readonly draftSource?: {
    readonly text?: string;
    readonly version?: string;
    readonly found: {
      readonly package: AnalysisPackage;
      readonly unsettled: readonly { readonly issue: string; readonly reason?: string }[];
    };
    readonly complete: boolean;
  };
  readonly sensitivity?: SensitivityResult;
  readonly space?: SpacePoints;
}

/** POST /api/v1/processes/{process}/texts/{text}/versions */
export interface MadeVersion {
  readonly text: string;
  readonly version: string;
  readonly written: readonly string[];
  readonly skipped: readonly string[];
}

/** GET /api/v1/processes/{process}/texts (versions without provisions). */
export interface TextWithVersions {
  readonly id: string;
  readonly title: string;
  readonly versions: readonly {
    readonly id: string;
    readonly label: string;
    readonly status: string;
    readonly audience: 'public' | 'private';
  }[];
}
