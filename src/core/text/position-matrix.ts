/**
 * Where parties stand: the latest stance of each party on each provision
 * (the positions matrix of a version), and how stances moved between two
 * points, each a version or a date.
 *
 * A position counts from the end of the day (or other period) it was recorded
 * in, like tenures: "as of 1 December" includes positions recorded that day.
 */

import { type FuzzyDate, lastInstant } from '../fuzzy-date.ts';
import type { PartyId, ProvisionId, VersionId } from '../ids.ts';
import type { TextVersion } from './negotiating-text.ts';
import { numberProvisions } from './numbering.ts';
import type { Position } from './position.ts';
import { placements, walkProvisions, wordingOf } from './provision.ts';

/** A point to read stances at: the positions taken on a version, or everything recorded by a date. */
export type StancePoint = { readonly version: VersionId } | { readonly asOf: FuzzyDate };

export interface MatrixRow {
  readonly provision: ProvisionId;
  readonly number?: string;
  readonly heading?: string;
  readonly wording: string;
  readonly depth: number;
  /** The latest position of each party (absent: none recorded). */
  readonly cells: ReadonlyMap<PartyId, Position>;
}

export interface PositionMatrix {
  readonly parties: readonly PartyId[];
  readonly rows: readonly MatrixRow[];
}

/** Whether `position` applies at `point`. */
function appliesAt(position: Position, point: StancePoint): boolean {
  if ('version' in point) return position.version === point.version;
  return lastInstant(position.recorded) <= lastInstant(point.asOf);
}

/**
 * The latest applicable position per provision and party. `positions` must
 * be in recording order (oldest first), as repositories return them.
 */
export function latestStances(
  positions: readonly Position[],
  point: StancePoint,
): Map<string, Position> {
  const latest = new Map<string, Position>();
  for (const position of positions) {
    if (appliesAt(position, point))
      latest.set(stanceKey(position.provision, position.party), position);
  }
  return latest;
}

export function stanceKey(provision: ProvisionId, party: PartyId): string {
  return `${provision}\u0000${party}`;
}

/**
 * Provisions of `version` (in document order) × `parties`: the latest stance
 * each party took on the provision in this version, optionally as of a date.
 */
export function positionMatrix(
  version: TextVersion,
  parties: readonly PartyId[],
  positions: readonly Position[],
  asOf?: FuzzyDate,
): PositionMatrix {
  const onVersion = positions.filter(
    (position) =>
      position.version === version.id && (asOf === undefined || appliesAt(position, { asOf })),
  );
  const latest = latestStances(onVersion, { version: version.id });
  const numbers = numberProvisions(version.provisions);
  const place = placements(version.provisions);
  const rows = [...walkProvisions(version.provisions)].map((provision) => {
    const cells = new Map<PartyId, Position>();
    for (const party of parties) {
      const position = latest.get(stanceKey(provision.id, party));
      if (position !== undefined) cells.set(party, position);
    }
    const number = numbers.get(provision.id);
    return {
      provision: provision.id,
      ...(number === undefined ? {} : { number }),
      ...(provision.heading === undefined ? {} : { heading: provision.heading }),
      wording: wordingOf(provision),
      depth: place.get(provision.id)?.depth ?? 0,
      cells,
    };
  });
  return { parties, rows };
}

export interface StanceMovement {
  readonly provision: ProvisionId;
  readonly party: PartyId;
  readonly before?: Position;
  readonly after?: Position;
  /** `moved`: the stance (or its wording or alternative) differs; `same`: it does not; `new`: none before; `dropped`: none after. */
  readonly change: 'moved' | 'same' | 'new' | 'dropped';
}

/**
 * How each party's stance on each provision moved from one point to another.
 * Provisions are matched by their stable identity, so a provision renumbered
 * or moved between versions is still compared with itself.
 */
export function stanceMovement(
  positions: readonly Position[],
  from: StancePoint,
  to: StancePoint,
): StanceMovement[] {
  const before = latestStances(positions, from);
  const after = latestStances(positions, to);
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  return keys.map((key) => {
    const was = before.get(key);
    const is = after.get(key);
    const any = (is ?? was) as Position;
    const change =
      was === undefined
        ? 'new'
        : is === undefined
          ? 'dropped'
          : sameStance(was, is)
            ? 'same'
            : 'moved';
    return {
      provision: any.provision,
      party: any.party,
      ...(was === undefined ? {} : { before: was }),
      ...(is === undefined ? {} : { after: is }),
      change,
    };
  });
}

function sameStance(a: Position, b: Position): boolean {
  return a.stance === b.stance && a.wording === b.wording && a.alternative === b.alternative;
}
