/**
 * Issues tied to open provisions, and the text: a version's "draft package"
 * (the option each issue has in that version) and the reverse — a package
 * written back into a new version, each tied provision proposing the chosen
 * alternative.
 *
 * In a version, a tied provision gives its issue's option by its proposed
 * alternative; when it has been closed (one wording), by the alternative whose
 * wording it now has (equal once spacing and case are ignored, or failing that
 * the one sharing the most words, if it shares at least 60%). An issue not
 * tied to the text takes its `current` option.
 */

import type { IssueId, OptionId } from '../ids.ts';
import type { TextVersion } from '../text/negotiating-text.ts';
import { type Provision, walkProvisions } from '../text/provision.ts';
import type { AnalysisIssue, Package } from './issue-space.ts';

/** How an issue's option in a version was found. */
export type DraftSource = 'proposal' | 'closed-wording' | 'current';

export interface DraftPackage {
  /** The options found, by issue. */
  readonly package: Partial<Record<IssueId, OptionId>>;
  readonly sources: Readonly<Record<IssueId, DraftSource>>;
  /** Issues whose option the version does not settle, with the reason. */
  readonly unsettled: readonly { readonly issue: IssueId; readonly reason: string }[];
}

/** Least share of words a closed wording must share with an alternative to count as it. */
export const WORDING_MATCH = 0.6;

/**
 * The draft package of `version` (of the text `textId`; none: only `current` options); `wordings` gives each
 * tied provision's alternatives' wordings in any version (`alternativeWordings`).
 */
export function draftPackage(
  issues: readonly AnalysisIssue[],
  textId: string | undefined,
  version: TextVersion | undefined,
  wordings: ReadonlyMap<string, readonly { id: string; text: string }[]>,
): DraftPackage {
  const provisions = new Map([...walkProvisions(version?.provisions ?? [])].map((p) => [p.id, p]));
  const chosen: Record<string, OptionId> = {};
  const sources: Record<string, DraftSource> = {};
  const unsettled: { issue: IssueId; reason: string }[] = [];
  for (const issue of issues) {
    const settle = (option: OptionId, source: DraftSource) => {
      chosen[issue.id] = option;
      sources[issue.id] = source;
    };
    if (issue.link === undefined || issue.link.text !== textId) {
      if (issue.current !== undefined) settle(issue.current, 'current');
      else
        unsettled.push({ issue: issue.id, reason: 'not tied to this text and no current option' });
      continue;
    }
    const provision = provisions.get(issue.link.provision);
    if (provision === undefined) {
      if (issue.current !== undefined) settle(issue.current, 'current');
      else
        unsettled.push({
          issue: issue.id,
          reason: `provision "${issue.link.provision}" is not in version "${version?.id}"`,
        });
      continue;
    }
    const found = optionOfProvision(issue, provision, wordings);
    if (found !== undefined) settle(found.option, found.source);
    else
      unsettled.push({
        issue: issue.id,
        reason:
          provision.alternatives !== undefined && provision.alternatives.length >= 2
            ? `provision "${provision.id}" is open with no alternative proposed`
            : `the wording of provision "${provision.id}" matches none of the issue's options`,
      });
  }
  return { package: chosen as DraftPackage['package'], sources, unsettled };
}

function optionOfProvision(
  issue: AnalysisIssue,
  provision: Provision,
  wordings: ReadonlyMap<string, readonly { id: string; text: string }[]>,
): { option: OptionId; source: DraftSource } | undefined {
  const byAlternative = (alternative: string | undefined) =>
    issue.options.find((option) => option.alternative === alternative)?.id;
  if (provision.alternatives !== undefined && provision.alternatives.length >= 2) {
    const option = byAlternative(provision.proposed);
    return option === undefined ? undefined : { option, source: 'proposal' };
  }
  const option = byAlternative(closestWording(provision.body, wordings.get(provision.id) ?? []));
  return option === undefined ? undefined : { option, source: 'closed-wording' };
}

/** The id of the alternative `body` is (see the module note), if any. */
export function closestWording(
  body: string,
  alternatives: readonly { id: string; text: string }[],
): string | undefined {
  const normal = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const exact = alternatives.find((a) => normal(a.text) === normal(body));
  if (exact !== undefined) return exact.id;
  const words = (s: string) => new Set(normal(s).match(/[\p{L}\p{N}]+/gu) ?? []);
  const mine = words(body);
  let best: { id: string; score: number } | undefined;
  for (const alternative of alternatives) {
    const theirs = words(alternative.text);
    let shared = 0;
    for (const w of mine) if (theirs.has(w)) shared++;
    const score = shared / Math.max(1, mine.size, theirs.size);
    if (best === undefined || score > best.score) best = { id: alternative.id, score };
  }
  return best !== undefined && best.score >= WORDING_MATCH ? best.id : undefined;
}

/**
 * `version`'s provisions with each provision tied to an issue of `pkg`
 * proposing the chosen option's alternative (a closed provision tied to an
 * issue is reopened with `wordings`' alternatives). Returns the provisions
 * and the issues that could not be written (untied, or the provision absent).
 */
export function applyPackage(
  issues: readonly AnalysisIssue[],
  textId: string,
  provisions: readonly Provision[],
  pkg: Package,
  wordings: ReadonlyMap<string, readonly { id: string; text: string }[]>,
): { provisions: Provision[]; written: IssueId[]; skipped: IssueId[] } {
  const wanted = new Map<string, string>();
  const written: IssueId[] = [];
  const skipped: IssueId[] = [];
  for (const issue of issues) {
    const option = issue.options.find((o) => o.id === pkg[issue.id]);
    if (issue.link?.text === textId && option?.alternative !== undefined)
      wanted.set(issue.link.provision, option.alternative);
    else skipped.push(issue.id);
  }
  const rewrite = (tree: readonly Provision[]): Provision[] =>
    tree.map((provision) => {
      const children = rewrite(provision.children);
      const alternative = wanted.get(provision.id);
      if (alternative === undefined) return { ...provision, children };
      const alternatives =
        provision.alternatives !== undefined && provision.alternatives.length >= 2
          ? provision.alternatives
          : (wordings.get(provision.id) ?? []).map((a) => ({
              id: a.id as NonNullable<Provision['proposed']>,
              text: a.text,
            }));
      if (!alternatives.some((a) => a.id === alternative)) return { ...provision, children };
      wanted.delete(provision.id);
      return {
        ...provision,
        body: '',
        alternatives,
        proposed: alternative as Provision['proposed'],
        children,
      };
    });
  const result = rewrite(provisions);
  for (const issue of issues) {
    if (issue.link?.text !== textId || skipped.includes(issue.id)) continue;
    if (wanted.has(issue.link.provision)) skipped.push(issue.id);
    else written.push(issue.id);
  }
  return { provisions: result, written, skipped };
}

/** Each tied provision's alternatives' wordings over the versions of a text (latest wording wins). */
export function alternativeWordings(
  versions: readonly TextVersion[],
): Map<string, { id: string; text: string }[]> {
  const result = new Map<string, Map<string, string>>();
  for (const version of versions) {
    for (const provision of walkProvisions(version.provisions)) {
      if (provision.alternatives === undefined || provision.alternatives.length < 2) continue;
      const known = result.get(provision.id) ?? new Map<string, string>();
      for (const a of provision.alternatives) known.set(a.id, a.text);
      result.set(provision.id, known);
    }
  }
  return new Map(
    [...result].map(([id, known]) => [id, [...known].map(([alt, text]) => ({ id: alt, text }))]),
  );
}
