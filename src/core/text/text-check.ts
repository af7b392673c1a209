/**
 * The rules a negotiating text must satisfy on its own: versions with unique
 * ids, each derived from an earlier one; provisions with unique ids within a
 * version; open provisions with at least two distinct, non-empty alternatives
 * and a proposal among them; lineage that points into the version derived
 * from; dotted numbering only under numbered points. References to parties,
 * people and sources are checked with the rest of the record.
 */

import type { ProvisionId, VersionId } from '../ids.ts';
import type { NegotiatingText, TextVersion } from './negotiating-text.ts';
import { type Provision, walkProvisions } from './provision.ts';

export interface TextProblem {
  /** Field path inside the text, in the domain's names (`versions[1].provisions[0].proposed`). */
  readonly field: string;
  readonly message: string;
}

/** Every rule violation inside one text (an empty list when it is sound). */
export function checkText(text: NegotiatingText): TextProblem[] {
  const problems: TextProblem[] = [];
  const seen = new Map<VersionId, number>();
  text.versions.forEach((version, v) => {
    const path = `versions[${v}]`;
    const first = seen.get(version.id);
    if (first !== undefined) {
      problems.push({
        field: `${path}.id`,
        message: `duplicate: version "${version.id}" is already given at position ${first + 1}`,
      });
    } else seen.set(version.id, v);
    let base: TextVersion | undefined;
    if (version.derivedFrom !== undefined) {
      const index = seen.get(version.derivedFrom);
      if (version.derivedFrom === version.id) {
        problems.push({
          field: `${path}.derivedFrom`,
          message: 'a version cannot be derived from itself',
        });
      } else if (index === undefined || index >= v) {
        problems.push({
          field: `${path}.derivedFrom`,
          message: `unknown version "${version.derivedFrom}": a version is derived from one listed before it`,
        });
      } else base = text.versions[index];
    }
    problems.push(...checkProvisions(version.provisions, `${path}.provisions`, base));
  });
  return problems;
}

function checkProvisions(
  tree: readonly Provision[],
  path: string,
  base: TextVersion | undefined,
): TextProblem[] {
  const problems: TextProblem[] = [];
  const ids = new Set<ProvisionId>();
  const baseIds =
    base === undefined ? undefined : new Set([...walkProvisions(base.provisions)].map((p) => p.id));
  const visit = (list: readonly Provision[], listPath: string, parent: Provision | undefined) => {
    list.forEach((provision, i) => {
      const at = `${listPath}[${i}]`;
      if (ids.has(provision.id)) {
        problems.push({
          field: `${at}.id`,
          message: `duplicate: provision "${provision.id}" appears twice in this version`,
        });
      }
      ids.add(provision.id);
      if (
        provision.style === 'dotted' &&
        parent?.style !== 'decimal' &&
        parent?.style !== 'dotted'
      ) {
        problems.push({
          field: `${at}.style`,
          message: 'dotted numbering (4.2) goes under a numbered point (4. or 4.1)',
        });
      }
      problems.push(...checkWording(provision, at));
      for (const [j, source] of (provision.from ?? []).entries()) {
        if (baseIds === undefined) {
          problems.push({
            field: `${at}.from[${j}]`,
            message: 'lineage needs the version to say which version it is derived from',
          });
        } else if (!baseIds.has(source)) {
          problems.push({
            field: `${at}.from[${j}]`,
            message: `unknown provision "${source}" in version "${base?.id}"`,
          });
        }
      }
      visit(provision.children, `${at}.children`, provision);
    });
  };
  visit(tree, path, undefined);
  return problems;
}

function checkWording(provision: Provision, at: string): TextProblem[] {
  const problems: TextProblem[] = [];
  const alternatives = provision.alternatives;
  if (alternatives === undefined) {
    if (
      provision.body.trim() === '' &&
      provision.heading === undefined &&
      provision.children.length === 0
    ) {
      problems.push({
        field: at,
        message: 'a provision needs a wording, a heading or provisions under it',
      });
    }
    if (provision.proposed !== undefined) {
      problems.push({
        field: `${at}.proposed`,
        message: 'only an open provision (with alternatives) has a proposal',
      });
    }
    return problems;
  }
  if (alternatives.length < 2) {
    problems.push({
      field: `${at}.alternatives`,
      message: 'an open provision needs at least two alternatives',
    });
  }
  if (provision.body !== '') {
    problems.push({
      field: `${at}.body`,
      message: 'an open provision has its wordings in its alternatives, not a body',
    });
  }
  const altIds = new Set<string>();
  const texts = new Set<string>();
  alternatives.forEach((alternative, k) => {
    if (altIds.has(alternative.id)) {
      problems.push({
        field: `${at}.alternatives[${k}].id`,
        message: `duplicate alternative "${alternative.id}"`,
      });
    }
    if (texts.has(alternative.text)) {
      problems.push({
        field: `${at}.alternatives[${k}].text`,
        message: 'two alternatives have the same wording',
      });
    }
    altIds.add(alternative.id);
    texts.add(alternative.text);
  });
  if (provision.proposed !== undefined && !altIds.has(provision.proposed)) {
    problems.push({
      field: `${at}.proposed`,
      message: `unknown alternative "${provision.proposed}"`,
    });
  }
  return problems;
}
