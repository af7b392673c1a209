/**
 * What of a record a viewer may see. Private events and statements are left
 * out for the public, and so is anything that would reveal them: statements
 * made at a hidden event, and follow-up references to one.
 */

import { canSee, type Viewer } from './audience.ts';
import type { ProcessRecord } from './process-record.ts';

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
  };
}
