/**
 * Use cases on positions: recording a party's stance on a provision (history
 * is append-only), the history of stances, the positions matrix of a version,
 * and the movement of stances between two versions or dates. Every read takes
 * the viewer into account: a party's private positions reach nobody else.
 */

import { canSeeVersion, OPERATOR, type Viewer } from '../core/audience.ts';
import { digestOf } from '../core/audit.ts';
import { closest } from '../core/closest.ts';
import { ConflictError, InvalidError, NotFoundError, PreconditionError } from '../core/errors.ts';
import { type FuzzyDate, formatFuzzyDate } from '../core/fuzzy-date.ts';
import type { PartyId, ProcessId, ProvisionId, VersionId } from '../core/ids.ts';
import { compareParties, type Party } from '../core/party.ts';
import type { NegotiatingText } from '../core/text/negotiating-text.ts';
import { checkPosition, type Position, positionKey } from '../core/text/position.ts';
import {
  type PositionMatrix,
  positionMatrix,
  type StanceMovement,
  type StancePoint,
  stanceMovement,
} from '../core/text/position-matrix.ts';
import { walkProvisions } from '../core/text/provision.ts';
import { cachedRead, viewerKey } from '../store/read-cache.ts';
import type { Store } from '../store/store.ts';
import { OPERATOR_ACTOR } from './actor.ts';
import { TextService } from './text-service.ts';

/**
 * The entity tag of a position, for If-Match on the next write of the same
 * party, provision and version: its key (a digest of everything it says), quoted.
 */
export function positionTag(position: Position): string {
  return `"${position.key}"`;
}

/** A position with its tag, as the API serves it. */
export type TaggedPosition = Position & { readonly tag: string };

export function tagged(position: Position): TaggedPosition {
  return { ...position, tag: positionTag(position) };
}

/** Throws `PreconditionError` unless `ifMatch` names `latest` (`*`: there is none yet). */
function checkPositionTag(
  ifMatch: string,
  latest: Position | undefined,
  input: PositionInput,
): void {
  const ok =
    ifMatch === '*'
      ? latest === undefined
      : latest !== undefined && ifMatch === positionTag(latest);
  if (ok) return;
  const what = `"${input.party}" on provision "${input.provision}" of version "${input.version}"`;
  if (latest === undefined)
    throw new PreconditionError(
      `no position of ${what} is recorded: send If-Match: * (or none) to record the first`,
    );
  throw new PreconditionError(
    `a newer position of ${what} was recorded since you read it (now ${positionTag(latest)}: ${latest.stance}): compare it with yours, then send again with its tag`,
    { position: latest, tag: positionTag(latest) },
  );
}

/** A position to record: everything but its key, which is derived from the rest. */
export type PositionInput = Omit<Position, 'key'>;

export interface MatrixReport {
  readonly text: NegotiatingText;
  readonly version: VersionId;
  readonly parties: readonly Party[];
  readonly matrix: PositionMatrix;
}

export class PositionService {
  private readonly textService: TextService;

  constructor(
    private readonly store: Store,
    private readonly viewer: Viewer = OPERATOR,
  ) {
    this.store = store.forViewer(viewer);
    this.textService = new TextService(store, viewer);
  }

  /**
   * Records a stance. Nothing is changed or removed: a new stance is a new position.
   * With `ifMatch` (optional), only if the party's latest position on the
   * provision in this version is still the one the writer saw: its
   * `positionTag`, or `*` for none yet; else `PreconditionError` (412)
   * carrying the current position and its tag. Checked after the process is
   * locked, in the write's transaction, so two writers with one tag cannot
   * both succeed.
   */
  async record(
    process: ProcessId,
    input: PositionInput,
    actor = OPERATOR_ACTOR,
    ifMatch?: string,
  ): Promise<Position> {
    const { version } = await this.textService.getVersion(process, input.text, input.version);
    const provision = [...walkProvisions(version.provisions)].find((p) => p.id === input.provision);
    if (provision === undefined) {
      const ids = [...walkProvisions(version.provisions)].map((p) => p.id as string);
      const suggestion = closest(input.provision, ids);
      const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
      throw new NotFoundError(
        'provision',
        input.provision,
        `version "${version.id}" of "${input.text}" has no such provision${hint}`,
      );
    }
    const parties = await this.store.repositories.record.listParties(process);
    if (!parties.some((party) => party.id === input.party)) {
      throw new NotFoundError(
        'party',
        input.party,
        `known: ${parties.map((p) => p.id).join(', ')}`,
      );
    }
    if (
      input.alternative !== undefined &&
      !provision.alternatives?.some((a) => a.id === input.alternative)
    ) {
      const known = provision.alternatives?.map((a) => a.id).join(', ');
      throw InvalidError.of(
        known === undefined
          ? `provision "${provision.id}" has no alternatives`
          : `provision "${provision.id}" has no alternative "${input.alternative}" (it has: ${known})`,
      );
    }
    if (input.source !== undefined) {
      const [source] = await this.store.repositories.record.getSources(process, [input.source]);
      if (source === undefined) throw new NotFoundError('source', input.source);
    }
    const problems = checkPosition(input);
    if (problems.length > 0)
      throw new InvalidError(problems.map(({ field, message }) => ({ path: field, message })));
    const position: Position = { key: positionKey(input), ...input };
    await this.store.transaction(async ({ record, text, audit }) => {
      await record.lockProcess(process);
      if (ifMatch !== undefined) {
        const stances = await text.positions(
          process,
          {
            text: input.text,
            version: input.version,
            provision: input.provision,
            party: input.party,
          },
          OPERATOR,
        );
        checkPositionTag(ifMatch, stances.at(-1), input);
      }
      // By its key (an index), not by reading the provision's whole history.
      const existing = await text.positions(process, { key: position.key }, OPERATOR);
      if (existing.length > 0) {
        throw new ConflictError('this exact position is already recorded');
      }
      await text.addPosition(process, position);
      await audit.append(process, {
        at: Date.now(),
        actor,
        object: `position:${position.key}`,
        operation: 'create',
        after: digestOf(position),
      });
    });
    return position;
  }

  /** Every recorded stance on a text (optionally one provision or party), oldest first. */
  async history(
    process: ProcessId,
    query: { text: string; provision?: ProvisionId; party?: PartyId; version?: VersionId },
  ): Promise<Position[]> {
    const text = await this.textService.getText(process, query.text);
    const visible = new Set(text.versions.map((v) => v.id as string));
    const positions = await this.store.repositories.text.positions(
      process,
      { ...query, text: text.id },
      this.viewer,
    );
    return positions.filter((position) => visible.has(position.version));
  }

  /**
   * Provisions × parties: each party's latest stance on each provision of a
   * version (optionally as of a date). Kept while the database is unchanged.
   */
  matrix(
    process: ProcessId,
    textSlug: string,
    versionSlug?: string,
    asOf?: FuzzyDate,
  ): Promise<MatrixReport> {
    const key = [
      'matrix',
      process,
      viewerKey(this.viewer),
      textSlug,
      versionSlug ?? '',
      asOf === undefined ? '' : formatFuzzyDate(asOf),
    ].join('\u0000');
    return cachedRead(this.store, key, () =>
      this.computeMatrix(process, textSlug, versionSlug, asOf),
    );
  }

  private async computeMatrix(
    process: ProcessId,
    textSlug: string,
    versionSlug: string | undefined,
    asOf: FuzzyDate | undefined,
  ): Promise<MatrixReport> {
    const { text, version } = await this.textService.getVersion(process, textSlug, versionSlug);
    // Only each party's latest stance per provision is read: the history can be long.
    const [parties, positions] = await Promise.all([
      this.store.repositories.record.listParties(process),
      this.store.repositories.text.latestPositions(
        process,
        text.id,
        version.id,
        this.viewer,
        asOf?.end,
      ),
    ]);
    const columns = parties.filter((party) => party.role !== 'observer').sort(compareParties);
    return {
      text,
      version: version.id,
      parties: columns,
      matrix: positionMatrix(
        version,
        columns.map((party) => party.id),
        positions,
        asOf,
      ),
    };
  }

  /** How stances moved between two points (versions or dates), provision by provision. */
  async movement(
    process: ProcessId,
    textSlug: string,
    from: StancePoint,
    to: StancePoint,
  ): Promise<{ text: NegotiatingText; rows: StanceMovement[] }> {
    const text = await this.textService.getText(process, textSlug);
    for (const point of [from, to]) {
      if ('version' in point && !text.versions.some((v) => v.id === point.version)) {
        throw new NotFoundError(
          'version',
          point.version,
          `text "${text.id}" has ${text.versions.map((v) => v.id).join(', ')}`,
        );
      }
    }
    const visible = new Set(
      text.versions.filter((v) => canSeeVersion(this.viewer, v)).map((v) => v.id as string),
    );
    const positions = (
      await this.store.repositories.text.positions(process, { text: text.id }, this.viewer)
    ).filter((p) => visible.has(p.version));
    return { text, rows: stanceMovement(positions, from, to) };
  }
}
