/**
 * The parts of a GENIUS document its readers look for: the utility space, its
 * one objective, each issue's type and bounds, and numbers in attributes.
 */

import { InvalidError } from '../../core/errors.ts';
import { fileField } from './genius-input.ts';
import { childrenNamed, type XmlElement } from './genius-xml.ts';

/** `utility_space`, at the top or inside `negotiation_template`. */
export function utilitySpaceOf(roots: readonly XmlElement[], file: string | undefined): XmlElement {
  for (const root of roots) {
    if (root.tag === 'utility_space') return root;
    if (root.tag === 'negotiation_template') {
      const space = childrenNamed(root, 'utility_space')[0];
      if (space !== undefined) return space;
    }
  }
  const found = roots[0]?.tag;
  throw new InvalidError([
    {
      path: found ?? '',
      message: `expected a GENIUS <utility_space> (or <negotiation_template> holding one)${found === undefined ? '' : `, found <${found}>`}`,
      ...fileField(file),
    },
  ]);
}

/** The one `objective` of a utility space (GENIUS's tree of objectives is not supported). */
export function objectiveOf(space: XmlElement, file: string | undefined): XmlElement {
  const objectives = childrenNamed(space, 'objective');
  const objective = objectives[0];
  const fail = (path: string, message: string) =>
    new InvalidError([{ path, message, ...fileField(file) }]);
  if (objective === undefined) throw fail(space.path, 'no <objective> element');
  if (objectives.length > 1) throw fail(space.path, 'more than one top-level <objective>');
  const nested = childrenNamed(objective, 'objective')[0];
  if (nested !== undefined)
    throw fail(
      nested.path,
      'nested objectives are not supported: put every issue directly in the top objective',
    );
  return objective;
}

/** A decimal number written in an attribute (`0.25`, `1e-3`); undefined for anything else. */
export function parseDecimal(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text))
    return undefined;
  return Number(text);
}

/** An integer written in an attribute; undefined for anything else. */
export function parseInteger(text: string | undefined): number | undefined {
  return text !== undefined && /^\s*[-+]?\d+\s*$/.test(text) ? Number(text) : undefined;
}

/** `integer`, `discrete`, `real`…: GENIUS reads `type`, and takes a missing one as discrete. */
export function issueType(element: XmlElement): string {
  return (element.attrs.type ?? element.attrs.etype ?? 'discrete').trim().toLowerCase();
}

/** An integer issue's bounds: attributes `lowerbound`/`upperbound`, or an older `<range>` child. */
export function boundsOf(element: XmlElement): { lower?: number; upper?: number } {
  const range = childrenNamed(element, 'range')[0];
  const lower = parseInteger(element.attrs.lowerbound ?? range?.attrs.lowerbound);
  const upper = parseInteger(element.attrs.upperbound ?? range?.attrs.upperbound);
  return { ...(lower === undefined ? {} : { lower }), ...(upper === undefined ? {} : { upper }) };
}
