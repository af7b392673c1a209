/**
 * The analysis sections of a scenario file: `issues` (negotiable dimensions
 * with options, numeric ranges, links to open provisions) and `profiles`
 * (each party's preferences: weights, values, reservation, red lines,
 * uncertainty). Schemas, and the conversions to and from the core model.
 */

import { z } from 'zod';
import type { AnalysisIssue, IssueOption } from '../../core/analysis/issue-space.ts';
import { rangeOptions } from '../../core/analysis/issue-space.ts';
import type {
  Interval,
  IssueValues,
  OptionCondition,
  Profile,
  RedLine,
  Uncertainty,
} from '../../core/analysis/profile.ts';
import { compact } from '../../core/compact.ts';
import type {
  AlternativeId,
  IssueId,
  OptionId,
  PartyId,
  ProvisionId,
  TextId,
} from '../../core/ids.ts';
import type { NegotiatingText } from '../../core/text/negotiating-text.ts';
import { POSITION_AUDIENCES } from '../../core/text/position.ts';
import { isOpen, walkProvisions } from '../../core/text/provision.ts';

const key = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });
const label = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(500, { error: 'must be at most 500 characters' });
const unit = z
  .number()
  .min(0, { error: 'must be 0 or more' })
  .max(1, { error: 'must be 1 or less' });

const optionSchema = z.strictObject({
  slug: key,
  label: label.optional().meta({ description: 'Defaults to the slug.' }),
  alternative: key.optional().meta({
    description:
      'For an issue tied to a provision: the alternative this option is (defaults to the slug).',
  }),
});

export const issueSchema = z.strictObject({
  slug: key,
  name: label,
  description: z.string().max(100_000).optional(),
  options: z.array(optionSchema).optional().meta({
    description:
      'The options. Leave out for a numeric issue (give `range`) or for an issue tied to a provision (its alternatives).',
  }),
  range: z
    .strictObject({
      min: z.number(),
      max: z.number(),
      step: z.number().positive(),
      unit: label.optional(),
    })
    .optional()
    .meta({ description: 'A numeric issue: options from min to max in steps.' }),
  provision: z
    .strictObject({ text: key, provision: key })
    .optional()
    .meta({ description: 'The open provision whose alternatives are the options.' }),
  current: key
    .optional()
    .meta({ description: 'The option on the table when no text says otherwise.' }),
});

const interval = z
  .tuple([z.number(), z.number()])
  .meta({ description: '[low, high]: the true number lies in between.' });
const conditions = z
  .record(key, z.array(key).min(1))
  .meta({ description: 'Issue → the options meeting the condition.' });

const oneCondition = conditions.refine((c) => Object.keys(c).length === 1, {
  error: 'must name exactly one issue',
});

const redLineSchema = z.union([
  z.strictObject({
    forbid: conditions.meta({
      description: 'Packages meeting every condition at once are ruled out.',
    }),
    note: z.string().optional(),
  }),
  z.strictObject({
    if: oneCondition,
    needs: oneCondition.meta({ description: 'Packages meeting `if` must meet this.' }),
    note: z.string().optional(),
  }),
]);

export const profileSchema = z.strictObject({
  party: key,
  audience: z.enum(POSITION_AUDIENCES).optional().meta({
    description:
      'party (its own delegation only, the default), mediator (and the mediator), or public.',
  }),
  note: z.string().max(100_000).optional(),
  reservation: unit.meta({ description: 'Utility of no agreement (the disagreement point), 0–1.' }),
  weights: z
    .record(key, z.number().min(0))
    .meta({ description: 'Issue → weight (scaled to sum 1).' }),
  values: z
    .record(key, z.union([z.record(key, unit), z.array(z.tuple([z.number(), unit])).min(1)]))
    .meta({
      description:
        'Issue → option → value 0–1, or for a numeric issue points [x, value] joined by lines.',
    }),
  red_lines: z.array(redLineSchema).optional(),
  uncertainty: z
    .strictObject({
      relative: z.number().min(0).max(1).optional(),
      weights: z.record(key, interval).optional(),
      values: z.record(key, z.record(key, interval)).optional(),
    })
    .optional(),
});

export type ScenarioIssue = z.input<typeof issueSchema>;
export type ScenarioProfile = z.input<typeof profileSchema>;

/** The core issue of a file's issue; a linked issue without options takes its provision's alternatives. */
export function toIssue(issue: ScenarioIssue, texts: readonly NegotiatingText[]): AnalysisIssue {
  const link =
    issue.provision === undefined
      ? undefined
      : {
          text: issue.provision.text as TextId,
          provision: issue.provision.provision as ProvisionId,
        };
  const options: IssueOption[] =
    issue.range !== undefined
      ? rangeOptions(compact({ ...issue.range, unit: issue.range.unit }))
      : issue.options !== undefined
        ? issue.options.map((option) =>
            compact({
              id: option.slug as OptionId,
              label: option.label ?? option.slug,
              alternative: (link === undefined ? undefined : (option.alternative ?? option.slug)) as
                | AlternativeId
                | undefined,
            }),
          )
        : link === undefined
          ? []
          : alternativesOf(texts, link.text, link.provision).map((alternative) => ({
              id: alternative as string as OptionId,
              label: alternative,
              alternative,
            }));
  return compact({
    id: issue.slug as IssueId,
    name: issue.name,
    description: issue.description,
    options,
    range: issue.range === undefined ? undefined : compact({ ...issue.range }),
    link,
    current: issue.current as OptionId | undefined,
  });
}

/** The alternatives of a provision over all versions of its text, in order of first appearance. */
export function alternativesOf(
  texts: readonly NegotiatingText[],
  text: TextId,
  provision: ProvisionId,
): AlternativeId[] {
  const seen: AlternativeId[] = [];
  for (const version of texts.find((t) => t.id === text)?.versions ?? []) {
    for (const p of walkProvisions(version.provisions)) {
      if (p.id !== provision || !isOpen(p)) continue;
      for (const alternative of p.alternatives ?? [])
        if (!seen.includes(alternative.id)) seen.push(alternative.id);
    }
  }
  return seen;
}

export function toProfile(profile: ScenarioProfile): Profile {
  const condition = (c: Record<string, string[]>): OptionCondition[] =>
    Object.entries(c).map(([issue, options]) => ({
      issue: issue as IssueId,
      options: options as OptionId[],
    }));
  const redLines = (profile.red_lines ?? []).map((line): RedLine => {
    if ('forbid' in line)
      return compact({ kind: 'forbid', when: condition(line.forbid), note: line.note });
    const [first] = condition(line.if);
    const [needs] = condition(line.needs);
    return compact({
      kind: 'require',
      if: first as OptionCondition,
      needs: needs as OptionCondition,
      note: line.note,
    });
  });
  const pair = ([low, high]: [number, number]): Interval => ({ low, high });
  const uncertainty: Uncertainty | undefined =
    profile.uncertainty === undefined
      ? undefined
      : compact({
          relative: profile.uncertainty.relative,
          weights:
            profile.uncertainty.weights === undefined
              ? undefined
              : mapValues(profile.uncertainty.weights, pair),
          values:
            profile.uncertainty.values === undefined
              ? undefined
              : mapValues(profile.uncertainty.values, (options) => mapValues(options, pair)),
        });
  return compact({
    party: profile.party as PartyId,
    weights: profile.weights as Record<IssueId, number>,
    values: mapValues(
      profile.values,
      (v): IssueValues =>
        Array.isArray(v)
          ? { kind: 'linear', points: v.map(([x, y]) => [x, y] as const) }
          : { kind: 'options', values: v as Record<OptionId, number> },
    ) as Record<IssueId, IssueValues>,
    reservation: profile.reservation,
    redLines,
    uncertainty,
    audience: profile.audience ?? 'party',
    note: profile.note,
  });
}

export function fromIssue(issue: AnalysisIssue, texts: readonly NegotiatingText[]) {
  const derived =
    issue.link !== undefined &&
    issue.range === undefined &&
    sameList(
      issue.options.map((o) => `${o.id}|${o.label}|${o.alternative}`),
      alternativesOf(texts, issue.link.text, issue.link.provision).map((a) => `${a}|${a}|${a}`),
    );
  return compact({
    slug: issue.id,
    name: issue.name,
    description: issue.description,
    options:
      issue.range !== undefined || derived
        ? undefined
        : issue.options.map((option) =>
            compact({
              slug: option.id,
              label: option.label === option.id ? undefined : option.label,
              alternative:
                (option.alternative as string | undefined) === option.id
                  ? undefined
                  : option.alternative,
            }),
          ),
    range: issue.range,
    provision:
      issue.link === undefined
        ? undefined
        : { text: issue.link.text, provision: issue.link.provision },
    current: issue.current,
  });
}

export function fromProfile(profile: Profile) {
  const conditions = (list: readonly OptionCondition[]) =>
    Object.fromEntries(list.map((c) => [c.issue, [...c.options]]));
  const pair = (i: Interval): [number, number] => [i.low, i.high];
  const u = profile.uncertainty;
  return compact({
    party: profile.party,
    audience: profile.audience === 'party' ? undefined : profile.audience,
    note: profile.note,
    reservation: profile.reservation,
    weights: { ...profile.weights },
    values: mapValues(profile.values, (v) =>
      v.kind === 'options' ? { ...v.values } : v.points.map(([x, y]): [number, number] => [x, y]),
    ),
    red_lines:
      profile.redLines.length === 0
        ? undefined
        : profile.redLines.map((line) =>
            line.kind === 'forbid'
              ? compact({ forbid: conditions(line.when), note: line.note })
              : compact({
                  if: conditions([line.if]),
                  needs: conditions([line.needs]),
                  note: line.note,
                }),
          ),
    uncertainty:
      u === undefined
        ? undefined
        : compact({
            relative: u.relative,
            weights: u.weights === undefined ? undefined : mapValues(u.weights, pair),
            values:
              u.values === undefined ? undefined : mapValues(u.values, (o) => mapValues(o, pair)),
          }),
  });
}

function mapValues<T, U>(
  record: Readonly<Record<string, T>>,
  f: (value: T) => U,
): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
