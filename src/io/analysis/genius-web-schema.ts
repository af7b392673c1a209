/**
 * Zod schemas of GeniusWeb domain files and `LinearAdditiveUtilitySpace`
 * profiles (JSON), as read by genius-web-read.ts.
 */

import { z } from 'zod';

const unit = z
  .number({ error: 'must be a number between 0 and 1' })
  .min(0, { error: 'must be between 0 and 1' })
  .max(1, { error: 'must be between 0 and 1' });

const valueSetSchema = z
  .object({
    values: z.array(z.string({ error: 'a value must be text' })).optional(),
    range: z
      .object({
        low: z.number(),
        high: z.number(),
        step: z.number().positive({ error: 'must be above 0' }),
      })
      .refine((range) => range.high >= range.low, { error: 'high must be at least low' })
      .optional(),
  })
  .refine((set) => (set.values === undefined) !== (set.range === undefined), {
    error: 'needs either "values" (a discrete issue) or "range" (a number issue)',
  });

/** A GeniusWeb domain: issue name → its values (discrete) or number range. */
export const geniusWebDomainSchema = z.object({
  name: z.string(),
  issuesValues: z.record(z.string(), valueSetSchema),
});

const discreteUtils = z.object({ valueUtilities: z.record(z.string(), unit) });
const numberUtils = z.object({
  lowValue: z.number(),
  lowUtility: unit,
  highValue: z.number(),
  highUtility: unit,
});
/** The keys an issue's utilities may be under: GeniusWeb's short and long spellings. */
export const utilityKeys = [
  'discreteutils',
  'numberutils',
  'DiscreteValueSetUtilities',
  'NumberValueSetUtilities',
] as const;

/** A GeniusWeb `LinearAdditiveUtilitySpace` profile (with the domain it embeds). */
export const geniusWebProfileSchema = z.object({
  LinearAdditiveUtilitySpace: z.object({
    name: z.string(),
    issueUtilities: z.record(
      z.string(),
      z
        .object({
          discreteutils: discreteUtils.optional(),
          numberutils: numberUtils.optional(),
          DiscreteValueSetUtilities: discreteUtils.optional(),
          NumberValueSetUtilities: numberUtils.optional(),
        })
        .refine((u) => utilityKeys.filter((key) => u[key] !== undefined).length === 1, {
          error: 'needs exactly one of "discreteutils" or "numberutils"',
        }),
    ),
    issueWeights: z.record(z.string(), z.number().min(0, { error: 'cannot be negative' })),
    domain: geniusWebDomainSchema,
    reservationBid: z
      .object({ issuevalues: z.record(z.string(), z.union([z.string(), z.number()])) })
      .nullish(),
  }),
});
