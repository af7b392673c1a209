/**
 * Mapping between negotiating texts (versions, provision trees, positions)
 * and their rows. A version's provisions are stored flat, in document order,
 * each with its parent's key; reading them back rebuilds the tree.
 */

import type { Selectable } from 'kysely';
import type { Audience } from '../core/audience.ts';
import { compact } from '../core/compact.ts';
import { formatFuzzyDate, parseFuzzyDate } from '../core/fuzzy-date.ts';
import type {
  AlternativeId,
  PartyId,
  PersonId,
  PositionKey,
  ProvisionId,
  SourceId,
  TextId,
  VersionId,
} from '../core/ids.ts';
import type {
  NegotiatingText,
  TextKind,
  TextVersion,
  VersionStatus,
} from '../core/text/negotiating-text.ts';
import type { Position, PositionAudience, Stance } from '../core/text/position.ts';
import type { Alternative, NumberingStyle, Provision } from '../core/text/provision.ts';
import type { ProvisionsTable } from './database.ts';
import type { IdOf } from './record-rows.ts';

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function textColumns(text: NegotiatingText) {
  return {
    slug: text.id,
    title: text.title,
    kind: text.kind,
    description: orNull(text.description),
  };
}

export function toTextFields(row: {
  slug: string;
  title: string;
  kind: string;
  description: string | null;
}) {
  return compact({
    id: row.slug as TextId,
    title: row.title,
    kind: row.kind as TextKind,
    description: orUndefined(row.description),
  });
}

/** Version columns; `versions` resolves the slugs of the text's versions (for `derived_from`). */
export function versionColumns(
  version: TextVersion,
  ordinal: number,
  parties: IdOf,
  people: IdOf,
  sources: IdOf,
  versions: IdOf,
) {
  return {
    slug: version.id,
    ordinal,
    label: version.label,
    date_text: version.date === undefined ? null : formatFuzzyDate(version.date),
    date_start: version.date?.start ?? null,
    date_end: version.date?.end ?? null,
    proposed_by_id: parties(version.proposedBy),
    proposed_by_person_id: people(version.proposedByPerson),
    derived_from_id: versions(version.derivedFrom),
    status: version.status,
    audience: version.audience,
    source_id: sources(version.source),
    note: orNull(version.note),
  };
}

/** A version row with its references resolved to slugs. */
export interface VersionView {
  id: number;
  slug: string;
  label: string;
  date_text: string | null;
  proposed_by: string | null;
  proposed_by_person: string | null;
  derived_from: string | null;
  /** The row `derived_from` names; set while its slug is null when row-level security hides that version. */
  derived_from_id?: number | null;
  status: string;
  audience: string;
  source: string | null;
  note: string | null;
}

export function toVersion(
  row: VersionView,
  circulatedTo: readonly string[],
  provisions: Provision[],
): TextVersion {
  return compact({
    id: row.slug as VersionId,
    label: row.label,
    date: row.date_text === null ? undefined : parseFuzzyDate(row.date_text),
    proposedBy: orUndefined(row.proposed_by) as PartyId | undefined,
    proposedByPerson: orUndefined(row.proposed_by_person) as PersonId | undefined,
    derivedFrom: orUndefined(row.derived_from) as VersionId | undefined,
    status: row.status as VersionStatus,
    circulatedTo: circulatedTo as PartyId[],
    audience: row.audience as Audience,
    source: orUndefined(row.source) as SourceId | undefined,
    note: orUndefined(row.note),
    provisions,
  });
}

/** A provision row, without its row id and the version it belongs to. */
export type ProvisionRow = Omit<Selectable<ProvisionsTable>, 'id' | 'version_id'>;

/** The columns of a `ProvisionRow`, for queries. */
export const PROVISION_COLUMNS = [
  'key',
  'parent_key',
  'ordinal',
  'style',
  'heading',
  'body',
  'alternatives',
  'proposed',
  'lineage',
  'note',
] as const;

/** The rows of a provision tree, in document order. */
export function provisionRows(tree: readonly Provision[]): ProvisionRow[] {
  const rows: ProvisionRow[] = [];
  const visit = (list: readonly Provision[], parent: ProvisionId | null) => {
    for (const provision of list) {
      rows.push({
        key: provision.id,
        parent_key: parent,
        ordinal: rows.length,
        style: provision.style,
        heading: orNull(provision.heading),
        body: provision.body,
        alternatives:
          provision.alternatives === undefined ? null : JSON.stringify(provision.alternatives),
        proposed: orNull(provision.proposed),
        lineage: provision.from === undefined ? null : JSON.stringify(provision.from),
        note: orNull(provision.note),
      });
      visit(provision.children, provision.id);
    }
  };
  visit(tree, null);
  return rows;
}

/** The tree of provision rows given in document order. */
export function toProvisionTree(rows: readonly ProvisionRow[]): Provision[] {
  const top: Provision[] = [];
  const childrenOf = new Map<string, Provision[]>();
  for (const row of rows) {
    const children: Provision[] = [];
    childrenOf.set(row.key, children);
    const provision: Provision = compact({
      id: row.key as ProvisionId,
      style: row.style as NumberingStyle,
      heading: orUndefined(row.heading),
      body: row.body,
      alternatives:
        row.alternatives === null ? undefined : (JSON.parse(row.alternatives) as Alternative[]),
      proposed: orUndefined(row.proposed) as AlternativeId | undefined,
      from: row.lineage === null ? undefined : (JSON.parse(row.lineage) as ProvisionId[]),
      note: orUndefined(row.note),
      children,
    });
    const siblings = row.parent_key === null ? top : childrenOf.get(row.parent_key);
    if (siblings === undefined)
      throw new Error(`provision "${row.key}" comes before its parent "${row.parent_key}"`);
    siblings.push(provision);
  }
  return top;
}

/** Position columns; `versionId` is the row id of the position's version. */
export function positionColumns(
  position: Position,
  versionId: number,
  parties: IdOf,
  sources: IdOf,
) {
  return {
    key: position.key,
    version_id: versionId,
    provision_key: position.provision,
    party_id: parties(position.party) as number,
    stance: position.stance,
    wording: orNull(position.wording),
    alternative: orNull(position.alternative),
    note: orNull(position.note),
    author: orNull(position.author),
    recorded_text: formatFuzzyDate(position.recorded),
    recorded_start: position.recorded.start,
    recorded_end: position.recorded.end,
    audience: position.audience,
    source_id: sources(position.source),
  };
}

/** A position row with its references resolved to slugs. */
export interface PositionView {
  key: string;
  text: string;
  version: string;
  provision_key: string;
  party: string;
  stance: string;
  wording: string | null;
  alternative: string | null;
  note: string | null;
  author: string | null;
  recorded_text: string;
  audience: string;
  source: string | null;
}

export function toPosition(row: PositionView): Position {
  return compact({
    key: row.key as PositionKey,
    text: row.text as TextId,
    version: row.version as VersionId,
    provision: row.provision_key as ProvisionId,
    party: row.party as PartyId,
    stance: row.stance as Stance,
    wording: orUndefined(row.wording),
    alternative: orUndefined(row.alternative) as AlternativeId | undefined,
    note: orUndefined(row.note),
    author: orUndefined(row.author),
    recorded: parseFuzzyDate(row.recorded_text),
    audience: row.audience as PositionAudience,
    source: orUndefined(row.source) as SourceId | undefined,
  });
}
