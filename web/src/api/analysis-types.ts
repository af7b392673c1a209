/**
 * The shapes of the analysis answers the app reads, taken from the OpenAPI
 * document (docs/openapi.json, generated from the routes' zod response
 * schemas in src/server/responses/analysis.ts and text.ts; `npm run openapi`
 * regenerates it and `schema.d.ts`). Nothing here is written by hand but the
 * names: each type is a shared component of the document
 * (`components['schemas'][…]`).
 */

import type { components } from './schema.d.ts';

type Schemas = components['schemas'];

/** A bargaining solution's criterion. */
export type Criterion = Schemas['Criterion'];

/** A package: one option per issue (issue slug → option slug). */
export type AnalysisPackage = Schemas['AnalysisPackage'];

/** GET /api/v1/processes/{process}/analysis/inputs */
export type AnalysisInputs = Schemas['AnalysisInputs'];

/** A frontier point: everyone's utilities and (some of) the packages giving them. */
export type PointReport = Schemas['PointReport'];

export type SolutionReport = Schemas['SolutionReport'];

/** A change of a few options that makes the draft better for everyone. */
export type Improvement = Schemas['Improvement'];

/** The draft package: each party's utility of it, the red lines it crosses, improvements. */
export type DraftReport = Schemas['DraftAnalysis'];

/** The acceptable packages, counted exactly or estimated. */
export type AcceptableCount = Schemas['AcceptableCount'];

/** A share with its 95% interval. */
export type Probability = Schemas['Probability'];

export type Distribution = Schemas['Distribution'];

/** The sensitivity of the answers to the profiles' uncertainty (`samples` > 0). */
export type SensitivityResult = Schemas['SensitivityResult'];

/** The utility-space chart's points (`points=true`). */
export type SpacePoints = Schemas['SpacePoints'];

/** GET /api/v1/processes/{process}/analysis */
export type AnalysisResult = Schemas['AnalysisResult'];

/** POST /api/v1/processes/{process}/texts/{text}/versions */
export type MadeVersion = Schemas['MadeVersion'];

/** GET /api/v1/processes/{process}/texts (each text with its versions, without provisions). */
export type TextWithVersions = Schemas['TextSummary'];
