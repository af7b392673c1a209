/**
 * fast-check generators of analysis spaces: 2–5 parties, a few issues with
 * 2–4 options, values rounded to tenths (so ties happen), reservation values,
 * and red lines on single options and on combinations.
 */

import fc from 'fast-check';
import type { AnalysisIssue } from '../core/analysis/issue-space.ts';
import type { Profile, RedLine } from '../core/analysis/profile.ts';
import type { IssueId, OptionId, PartyId } from '../core/ids.ts';

export interface GeneratedSpace {
  readonly issues: AnalysisIssue[];
  readonly profiles: Profile[];
}

const tenth = fc.integer({ min: 0, max: 10 }).map((n) => n / 10);

/** A random space; `maxIssues` and `maxOptions` bound its size (brute force must stay quick). */
export const spaceArb = (
  options: {
    minParties?: number;
    maxParties?: number;
    maxIssues?: number;
    maxOptions?: number;
  } = {},
) =>
  fc
    .record({
      parties: fc.integer({ min: options.minParties ?? 2, max: options.maxParties ?? 5 }),
      sizes: fc.array(fc.integer({ min: 2, max: options.maxOptions ?? 4 }), {
        minLength: 1,
        maxLength: options.maxIssues ?? 5,
      }),
    })
    .chain(({ parties, sizes }) => {
      const issues: AnalysisIssue[] = sizes.map((size, i) => ({
        id: `issue-${i}` as IssueId,
        name: `Issue ${i}`,
        options: Array.from({ length: size }, (_, o) => ({
          id: `o${o}` as OptionId,
          label: `Option ${o}`,
        })),
      }));
      const condition = fc
        .tuple(fc.nat({ max: issues.length - 1 }), fc.nat({ max: 3 }))
        .map(([i, o]) => ({
          issue: issues[i]?.id as IssueId,
          options: [issues[i]?.options[o % (sizes[i] ?? 2)]?.id as OptionId],
        }));
      const redLine: fc.Arbitrary<RedLine> = fc.oneof(
        condition.map((c) => ({ kind: 'forbid' as const, when: [c] })),
        // Two conditions on the same issue are one condition: merge them.
        fc.tuple(condition, condition).map(([a, b]) => ({
          kind: 'forbid' as const,
          when:
            a.issue === b.issue
              ? [{ issue: a.issue, options: [...new Set([...a.options, ...b.options])] }]
              : [a, b],
        })),
        fc
          .tuple(condition, condition)
          .map(([a, b]) => ({ kind: 'require' as const, if: a, needs: b })),
      );
      const profile = (p: number) =>
        fc
          .record({
            weights: fc.array(fc.integer({ min: 1, max: 5 }), {
              minLength: issues.length,
              maxLength: issues.length,
            }),
            values: fc.tuple(
              ...issues.map((issue) =>
                fc.array(tenth, {
                  minLength: issue.options.length,
                  maxLength: issue.options.length,
                }),
              ),
            ),
            reservation: fc.oneof(
              fc.constant(0),
              tenth.map((r) => r / 2),
            ),
            redLines: fc.array(redLine, { maxLength: 2 }),
          })
          .map(
            ({ weights, values, reservation, redLines }): Profile => ({
              party: `party-${p}` as PartyId,
              weights: Object.fromEntries(
                issues.map((issue, i) => [issue.id, weights[i] as number]),
              ),
              values: Object.fromEntries(
                issues.map((issue, i) => [
                  issue.id,
                  {
                    kind: 'options' as const,
                    values: Object.fromEntries(
                      issue.options.map((option, o) => [option.id, values[i]?.[o] as number]),
                    ),
                  },
                ]),
              ),
              reservation,
              redLines,
              audience: 'party',
            }),
          );
      return fc
        .tuple(...Array.from({ length: parties }, (_, p) => profile(p)))
        .map((profiles) => ({ issues, profiles }));
    });
