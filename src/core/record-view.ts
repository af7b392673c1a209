/**
 * What of a record a viewer may see. Private events and statements are left
 * out for the public, and so is anything that would reveal them: statements
 * made at a hidden event, and follow-up references to one.
 */

import { canSee, canSeePosition, canSeeVersion, type Viewer } from './audience.ts';
import type { ProcessRecord } from './process-record.ts';
import type { NegotiatingText } from './text/negotiating-text.ts';
import type { Provision } from './text/provision.ts';

/** The part of `record` that `viewer` may see. */
export function visibleRecord(record: ProcessRecord, viewer: Viewer): ProcessRecord {
  if (viewer.kind === 'operator') return record;
  const events = record.events.filter((event) => canSee(viewer, event.audience));
  const shown = new Set<string>(events.map((event) => event.id));
  return {
    ...record,
    events: events.map((event) => {
      if (event.followUpOf === undefined || shown.has(event.followUpOf)) return event;
      const { followUpOf: _hidden, ...rest } = event;
      return rest;
    }),
    statements: record.statements.filter(
      (statement) =>
        canSee(viewer, statement.audience) &&
        (statement.event === undefined || shown.has(statement.event)),
    ),
    texts: record.texts.map((text) => visibleText(text, viewer)),
    issues: record.issues.filter(
      (issue) =>
        issue.link === undefined ||
        record.texts.some(
          (text) =>
            text.id === issue.link?.text &&
            text.versions.some((version) => canSeeVersion(viewer, version)),
        ),
    ),
    profiles: record.profiles.filter((profile) => canSeePosition(viewer, profile)),
    positions: record.positions.filter(
      (position) =>
        canSeePosition(viewer, position) &&
        record.texts.some(
          (text) =>
            text.id === position.text &&
            text.versions.some(
              (version) => version.id === position.version && canSeeVersion(viewer, version),
            ),
        ),
    ),
  };
}

/**
 * The versions of a text the viewer may see. A version derived from a hidden
 * one loses that reference and its lineage, which point into the hidden version.
 */
function visibleText(text: NegotiatingText, viewer: Viewer): NegotiatingText {
  const versions = text.versions.filter((version) => canSeeVersion(viewer, version));
  const shown = new Set<string>(versions.map((version) => version.id));
  return {
    ...text,
    versions: versions.map((version) => {
      if (version.derivedFrom === undefined || shown.has(version.derivedFrom)) return version;
      const { derivedFrom: _hidden, ...rest } = version;
      return { ...rest, provisions: withoutLineage(version.provisions) };
    }),
  };
}

function withoutLineage(tree: readonly Provision[]): Provision[] {
  return tree.map(({ from: _from, ...provision }) => ({
    ...provision,
    children: withoutLineage(provision.children),
  }));
}
