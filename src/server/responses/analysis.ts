/**
 * The answers of the analysis routes (`routes/analysis.ts`, the profiles in
 * `routes/writes.ts`): the analysis report (`core/analysis/analysis-report.ts`)
 * with what the service adds (`services/analysis-service.ts`), the
 * sensitivity summary, the utility-space points, the inputs, and a profile
 * in the scenario file's form.
 */

import { z } from 'zod';
import { CRITERIA } from '../../core/analysis/solutions.ts';
import { POSITION_AUDIENCES } from '../../core/text/position.ts';
import { profileSchema } from '../../io/scenario/scenario-analysis.ts';

/** A party's profile as the scenario file writes it (the same object a PUT sends). */
export const profileJson = profileSchema.meta({ id: 'Profile' });

/** What an analysis would rest on, without running it. */
export const analysisInputsJson = z
  .strictObject({
    issues: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        options: z.array(z.strictObject({ id: z.string(), label: z.string() })),
        text: z
          .string()
          .optional()
          .meta({ description: 'The text whose provision gives the options.' }),
      }),
    ),
    profiles: z
      .array(z.strictObject({ party: z.string(), audience: z.enum(POSITION_AUDIENCES) }))
      .meta({
        description: "The profiles you may see, in the analysis' order of parties.",
      }),
    leftOut: z
      .array(z.string())
      .meta({ description: 'Parties of the process with no profile you may see.' }),
    text: z.string().optional().meta({
      description: 'The text the issues are tied to (the draft comes from one of its versions).',
    }),
    ready: z
      .boolean()
      .meta({ description: 'True when there are issues and at least two visible profiles.' }),
    mediatorOnly: z.boolean().meta({
      description:
        "The mediator's analysis on profiles shared with it: for the mediator team only.",
    }),
  })
  .meta({ id: 'AnalysisInputs' });

const criterionJson = z.enum(CRITERIA).meta({ id: 'Criterion' });

/** A package: one option per issue (issue → option). */
const packageJson = z
  .record(z.string(), z.string())
  .meta({ id: 'AnalysisPackage', description: 'Issue → option.' });

/** A frontier point: everyone's utilities and (some of) the packages giving them. */
const pointJson = z
  .strictObject({
    utilities: z.array(z.number()).meta({ description: "In the order of the report's parties." }),
    packages: z.array(packageJson),
    packageCount: z
      .number()
      .int()
      .meta({ description: 'How many packages give these utilities in all.' }),
  })
  .meta({ id: 'PointReport' });

const solutionJson = z
  .strictObject({
    criterion: criterionJson,
    value: z.number(),
    points: z.array(pointJson).meta({ description: 'All tied points (at most 10).' }),
  })
  .meta({ id: 'SolutionReport' });

const improvementJson = z
  .strictObject({
    changes: z.array(z.strictObject({ issue: z.string(), from: z.string(), to: z.string() })),
    utilities: z.array(z.number()),
    gains: z.array(z.number()),
    acceptable: z.boolean(),
  })
  .meta({ id: 'Improvement' });

const draftReportJson = z
  .strictObject({
    package: packageJson,
    utilities: z.array(z.number()),
    aboveReservation: z
      .array(z.boolean())
      .meta({ description: 'Per party: at or above its reservation value.' }),
    redLinesCrossed: z
      .array(z.strictObject({ party: z.string(), lines: z.array(z.string()) }))
      .meta({ description: 'Red lines crossed, per party that has any.' }),
    acceptable: z.boolean(),
    efficient: z.boolean(),
    gainToFrontier: z.number().nullable().meta({
      description:
        'The largest gain every party can have at once by moving to the frontier (≤ 0 when efficient); null when no package is within every red line.',
    }),
    improvements: z.array(improvementJson),
    searchedChanges: z
      .number()
      .int()
      .meta({ description: 'Sets of up to this many changes were searched.' }),
    improvementsFound: z.number().int(),
  })
  .meta({ id: 'DraftAnalysis' });

const acceptableCountJson = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('exact'),
      count: z.string(),
      total: z.string(),
      method: z.enum(['enumeration', 'branch-and-bound', 'meet-in-the-middle']),
    }),
    z.strictObject({
      kind: z.literal('estimate'),
      estimate: z.number(),
      low: z.number(),
      high: z.number(),
      total: z.string(),
      samples: z.number().int(),
      confidence: z.number(),
      method: z.literal('monte-carlo'),
    }),
  ])
  .meta({
    id: 'AcceptableCount',
    description:
      'The acceptable packages, counted exactly or estimated; `total` counts the packages within the red lines (big integers as decimal strings).',
  });

const probabilityJson = z
  .strictObject({ estimate: z.number(), low: z.number(), high: z.number() })
  .meta({ id: 'Probability', description: 'A share with its 95% interval.' });

const distributionJson = z
  .strictObject({
    mean: z.number(),
    sd: z.number(),
    min: z.number(),
    p5: z.number(),
    p25: z.number(),
    median: z.number(),
    p75: z.number(),
    p95: z.number(),
    max: z.number(),
  })
  .meta({ id: 'Distribution' });

const sensitivityJson = z
  .strictObject({
    samples: z.number().int(),
    seed: z.number().int(),
    deterministic: z.boolean().meta({
      description: 'No profile has any uncertainty: every sample was the nominal analysis.',
    }),
    certainParties: z.array(z.string()).meta({
      description: 'Parties whose profile states no range (their estimates were taken as exact).',
    }),
    parties: z.array(z.string()),
    candidates: z.array(
      z.strictObject({
        label: z.string(),
        nash: z.boolean(),
        acceptable: probabilityJson,
        nashPackage: probabilityJson,
        parties: z.array(
          z.strictObject({
            party: z.string(),
            aboveReservation: probabilityJson,
            utility: distributionJson,
          }),
        ),
      }),
    ),
    nashStability: probabilityJson.optional().meta({
      description: 'How often a candidate flagged `nash` stays a Nash package.',
    }),
    noAgreement: z
      .number()
      .int()
      .meta({ description: 'Samples in which no package was acceptable to everyone.' }),
    inexactFrontiers: z
      .number()
      .int()
      .meta({ description: 'Samples whose frontier was thinned to an ε-frontier.' }),
  })
  .meta({ id: 'SensitivityResult' });

const spacePointsJson = z
  .strictObject({
    packages: z.strictObject({
      kind: z.enum(['all', 'sample']),
      points: z.array(z.array(z.number())),
    }),
    frontier: z.strictObject({
      complete: z.boolean(),
      total: z.number().int(),
      points: z.array(z.array(z.number())),
    }),
  })
  .meta({ id: 'SpacePoints', description: "The utility-space chart's points (`points=true`)." });

const draftSourceJson = z
  .strictObject({
    text: z.string().optional(),
    version: z.string().optional(),
    found: z.strictObject({
      package: packageJson,
      sources: z
        .record(z.string(), z.enum(['proposal', 'closed-wording', 'current']))
        .meta({ description: 'Issue → where its option came from.' }),
      unsettled: z
        .array(z.strictObject({ issue: z.string(), reason: z.string() }))
        .meta({ description: 'Issues whose option the version does not settle, with the reason.' }),
    }),
    complete: z
      .boolean()
      .meta({ description: 'True when every issue has an option, so the draft was analysed.' }),
  })
  .meta({ id: 'DraftSource' });

/** GET …/analysis. */
export const analysisResultJson = z
  .strictObject({
    parties: z.array(z.string()),
    reservations: z.array(z.number()),
    issues: z.number().int(),
    packages: z.strictObject({ all: z.string(), withinRedLines: z.string() }).meta({
      description:
        'Packages in the space, and within everyone’s red lines (decimal strings: they can exceed 2^53).',
    }),
    frontier: z.strictObject({
      points: z.number().int(),
      acceptablePoints: z.number().int(),
      exact: z.boolean(),
      epsilon: z.number().meta({
        description:
          'Error bound when approximate (0 when exact): every efficient package is within it of a listed point.',
      }),
    }),
    ideal: z.array(z.number()).optional().meta({
      description: "Each party's best acceptable utility (absent when no package is acceptable).",
    }),
    solutions: z.array(solutionJson),
    top: z.strictObject({ criterion: criterionJson, ranks: z.array(solutionJson) }),
    acceptable: acceptableCountJson,
    draft: draftReportJson.optional(),
    leftOut: z.array(z.string()),
    draftSource: draftSourceJson.optional(),
    sensitivity: sensitivityJson.optional(),
    space: spacePointsJson.optional(),
  })
  .meta({ id: 'AnalysisResult' });
