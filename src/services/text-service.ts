/**
 * Use cases on negotiating texts: listing them, reading a version, comparing
 * two versions, importing a plain draft as a version (continuing the identities
 * of the version it is derived from), and exporting a version.
 */

import { type Audience, canSeeVersion, OPERATOR, type Viewer } from '../core/audience.ts';
import { digestOf, etagOf } from '../core/audit.ts';
import { closest } from '../core/closest.ts';
import { InvalidError, NotFoundError, PreconditionError } from '../core/errors.ts';
import type { FuzzyDate } from '../core/fuzzy-date.ts';
import type {
  PartyId,
  PersonId,
  ProcessId,
  ProvisionId,
  SourceId,
  TextId,
  VersionId,
} from '../core/ids.ts';
import type { ProcessRecord } from '../core/process-record.ts';
import { checkRecord } from '../core/record-check.ts';
import { adoptIdentities } from '../core/text/adopt-identities.ts';
import type {
  NegotiatingText,
  TextKind,
  TextVersion,
  VersionStatus,
} from '../core/text/negotiating-text.ts';
import { walkProvisions } from '../core/text/provision.ts';
import { diffVersions, type TextDiff } from '../core/text/text-diff.ts';
import { writeAkomaNtoso } from '../io/text/akoma-ntoso.ts';
import { parsePlainDraft, writePlainDraft } from '../io/text/plain-draft.ts';
import { cachedRead, viewerKey } from '../store/read-cache.ts';
import type { Repositories, Store } from '../store/store.ts';
import type { TextSummary } from '../store/text-repository.ts';
import { OPERATOR_ACTOR } from './actor.ts';

export interface DraftInput {
  readonly text: TextId;
  readonly version: VersionId;
  /** Label of the version (default: its slug). */
  readonly label?: string;
  /** The version this draft continues: its provisions' identities carry over by similarity. */
  readonly from?: VersionId;
  /** For a new text. */
  readonly title?: string;
  readonly kind?: TextKind;
  readonly date?: FuzzyDate;
  readonly proposedBy?: PartyId;
  readonly proposedByPerson?: PersonId;
  readonly status?: VersionStatus;
  readonly circulatedTo?: readonly PartyId[];
  readonly audience?: Audience;
  readonly source?: SourceId;
  readonly note?: string;
}

export interface DraftReport {
  readonly text: TextId;
  readonly version: VersionId;
  readonly createdText: boolean;
  /** Whether a version with this slug existed and was replaced. */
  readonly replacedVersion: boolean;
  readonly provisions: number;
  /** Provisions that continue one of the base version, with the confidence of the match. */
  readonly continued: { readonly id: ProvisionId; readonly confidence: number }[];
  readonly added: readonly ProvisionId[];
  /** Provisions of the base version the draft no longer has. */
  readonly removed: readonly ProvisionId[];
  readonly dryRun: boolean;
  /** The version's tag after the import (its ETag). */
  readonly tag: string;
}

export interface VersionComparison {
  readonly text: NegotiatingText;
  readonly from: TextVersion;
  readonly to: TextVersion;
  readonly diff: TextDiff;
}

export type ExportFormat = 'akn' | 'plain' | 'json';

/** What `updateVersion` may change: how a version stands, never its provisions. */
export interface VersionChange {
  readonly label?: string;
  readonly status?: VersionStatus;
  readonly circulatedTo?: readonly PartyId[];
  readonly audience?: Audience;
  readonly note?: string;
}

/** A version's ETag: changes whenever anything about the version changes. */
export function versionTag(version: TextVersion): string {
  return etagOf(version);
}

/** Throws `PreconditionError` unless `ifMatch` names `current` (`*`: there is no such version). */
function checkTag(ifMatch: string, current: TextVersion | undefined, slug: string): void {
  const ok =
    ifMatch === '*'
      ? current === undefined
      : current !== undefined && ifMatch === versionTag(current);
  if (ok) return;
  if (current === undefined)
    throw new PreconditionError(`there is no version "${slug}" (any more): read the text again`);
  throw new PreconditionError(
    ifMatch === '*'
      ? `version "${slug}" already exists (${versionTag(current)}): send its tag in If-Match to replace it`
      : `version "${slug}" changed since you read it (now ${versionTag(current)}): read it again and redo your change`,
  );
}

export class TextService {
  constructor(
    private readonly store: Store,
    private readonly viewer: Viewer = OPERATOR,
  ) {
    this.store = store.forViewer(viewer);
  }

  private get texts() {
    return this.store.repositories.text;
  }

  /** The texts with the versions the viewer may see (without provisions). */
  async listTexts(process: ProcessId): Promise<TextSummary[]> {
    const texts = await this.texts.listTexts(process);
    return texts.map((text) => ({
      ...text,
      versions: text.versions.filter((v) => canSeeVersion(this.viewer, v)),
    }));
  }

  /**
   * A text with the versions the viewer may see; `NotFoundError` (with a
   * suggestion) if there is none. Kept while the database is unchanged (reads
   * of the matrix and writes of positions ask for it every time).
   */
  getText(process: ProcessId, slug: string): Promise<NegotiatingText> {
    const key = ['text', process, viewerKey(this.viewer), slug].join('\u0000');
    return cachedRead(this.store, key, () => this.loadText(process, slug));
  }

  private async loadText(process: ProcessId, slug: string): Promise<NegotiatingText> {
    const text = await this.texts.getText(process, slug as TextId);
    if (text === undefined) {
      const known = (await this.texts.listTexts(process)).map((t) => t.id);
      throw new NotFoundError('text', slug, hint(slug, known));
    }
    return {
      ...text,
      versions: text.versions.filter((version) => canSeeVersion(this.viewer, version)),
    };
  }

  /** One version (default: the latest the viewer may see). */
  async getVersion(
    process: ProcessId,
    textSlug: string,
    versionSlug?: string,
  ): Promise<{ text: NegotiatingText; version: TextVersion }> {
    const text = await this.getText(process, textSlug);
    return { text, version: requireVersion(text, versionSlug) };
  }

  /**
   * What changed between two versions. Provisions are paired by identity, or by
   * similarity of wording for drafts that share no identities (`auto` decides:
   * similarity when fewer than half of the new provisions exist in the old version).
   */
  async compare(
    process: ProcessId,
    textSlug: string,
    fromSlug: string,
    toSlug: string,
    matching: 'identity' | 'similarity' | 'auto' = 'auto',
  ): Promise<VersionComparison> {
    const text = await this.getText(process, textSlug);
    const from = requireVersion(text, fromSlug);
    const to = requireVersion(text, toSlug);
    const oldIds = new Set([...walkProvisions(from.provisions)].map((p) => p.id));
    const newIds = [...walkProvisions(to.provisions)].map((p) => p.id);
    const shared = newIds.filter((id) => oldIds.has(id)).length;
    const bySimilarity =
      matching === 'similarity' || (matching === 'auto' && shared * 2 < newIds.length);
    if (!bySimilarity)
      return { text, from, to, diff: diffVersions(from.provisions, to.provisions) };
    const used = [...oldIds, ...newIds];
    const adopted = adoptIdentities(from.provisions, to.provisions, used);
    const diff = diffVersions(from.provisions, adopted.provisions, {
      matching: 'similarity',
      confidence: adopted.confidence,
    });
    return { text, from, to: { ...to, provisions: adopted.provisions }, diff };
  }

  /**
   * Imports a plain or Markdown draft as a version of a text (created if new).
   * With `from`, provisions that continue provisions of that version keep
   * their identities. A version with the same slug is replaced, unless that
   * would remove a provision positions were recorded on. With `ifMatch`, the
   * write happens only if the version is still the one read (its `versionTag`;
   * `*`: only if there is no such version yet), else `PreconditionError`.
   * Nothing is written if anything is wrong, or with `dryRun`.
   */
  async importDraft(
    process: ProcessId,
    input: DraftInput,
    draft: string,
    file: string,
    options: { dryRun?: boolean; ifMatch?: string; actor?: string } = {},
  ): Promise<DraftReport> {
    const parsed = parsePlainDraft(draft, file);
    const plan = async (repositories: Repositories) => {
      const stored = await repositories.text.getText(process, input.text);
      const existing = stored?.versions.find((version) => version.id === input.version);
      if (options.ifMatch !== undefined) checkTag(options.ifMatch, existing, input.version);
      if (stored === undefined && input.title === undefined) {
        throw InvalidError.of(
          `there is no text "${input.text}" yet: give its title (and kind) to create it`,
        );
      }
      const base =
        input.from === undefined
          ? undefined
          : requireVersion(stored ?? emptyText(input), input.from);
      const used =
        stored === undefined
          ? []
          : stored.versions.flatMap((v) => [...walkProvisions(v.provisions)].map((p) => p.id));
      const adopted = adoptIdentities(base?.provisions, parsed, used);
      const version: TextVersion = {
        id: input.version,
        label: input.label ?? existing?.label ?? input.version,
        ...(input.date === undefined ? {} : { date: input.date }),
        ...(input.proposedBy === undefined ? {} : { proposedBy: input.proposedBy }),
        ...(input.proposedByPerson === undefined
          ? {}
          : { proposedByPerson: input.proposedByPerson }),
        ...(input.from === undefined ? {} : { derivedFrom: input.from }),
        status: input.status ?? existing?.status ?? 'draft',
        circulatedTo: input.circulatedTo ?? existing?.circulatedTo ?? [],
        audience: input.audience ?? existing?.audience ?? 'private',
        ...(input.source === undefined ? {} : { source: input.source }),
        ...(input.note === undefined ? {} : { note: input.note }),
        provisions: adopted.provisions,
      };
      const versions = stored?.versions ?? [];
      const text: NegotiatingText = {
        ...(stored ?? emptyText(input)),
        ...(input.title === undefined ? {} : { title: input.title }),
        ...(input.kind === undefined ? {} : { kind: input.kind }),
        versions:
          existing === undefined
            ? [...versions, version]
            : versions.map((v) => (v.id === version.id ? version : v)),
      };
      await checkText(repositories, process, text, file);
      return { stored, existing, version, text, adopted };
    };
    const planned =
      options.dryRun === true
        ? await plan(this.store.repositories)
        : await this.store.transaction(async (repositories) => {
            await repositories.record.lockProcess(process);
            const result = await plan(repositories);
            await repositories.text.saveText(process, result.text, result.stored);
            await repositories.audit.append(process, {
              at: Date.now(),
              actor: options.actor ?? OPERATOR_ACTOR,
              object: `text:${result.text.id}/${result.version.id}`,
              operation: result.existing === undefined ? 'add-version' : 'replace-version',
              ...(result.existing === undefined ? {} : { before: digestOf(result.existing) }),
              after: digestOf(result.version),
            });
            return result;
          });
    const { stored, existing, version, text, adopted } = planned;
    return {
      text: text.id,
      version: version.id,
      createdText: stored === undefined,
      replacedVersion: existing !== undefined,
      provisions: [...walkProvisions(version.provisions)].length,
      continued: [...adopted.confidence].map(([id, confidence]) => ({ id, confidence })),
      added: adopted.added,
      removed: adopted.removed,
      dryRun: options.dryRun === true,
      tag: versionTag(version),
    };
  }

  /**
   * Changes how a version stands — its status, to whom it was circulated,
   * whether it is published, its label or note — but never its provisions.
   * `ifMatch` must be the version's current tag.
   */
  async updateVersion(
    process: ProcessId,
    textSlug: string,
    versionSlug: string,
    change: VersionChange,
    ifMatch: string,
    actor: string,
  ): Promise<{ version: TextVersion; tag: string }> {
    return this.store.transaction(async (repositories) => {
      await repositories.record.lockProcess(process);
      const stored = await repositories.text.getText(process, textSlug as TextId);
      const visible = stored?.versions.filter((v) => canSeeVersion(this.viewer, v)) ?? [];
      if (stored === undefined || visible.length === 0) throw new NotFoundError('text', textSlug);
      const current = requireVersion({ ...stored, versions: visible }, versionSlug);
      checkTag(ifMatch, current, current.id);
      const { note, ...rest } = change;
      const version: TextVersion = {
        ...current,
        ...rest,
        ...(note === undefined ? {} : { note }),
      };
      const text = {
        ...stored,
        versions: stored.versions.map((v) => (v.id === version.id ? version : v)),
      };
      await checkText(repositories, process, text, `version "${version.id}"`);
      await repositories.text.saveText(process, text, stored);
      await repositories.audit.append(process, {
        at: Date.now(),
        actor,
        object: `text:${text.id}/${version.id}`,
        operation: 'update-version',
        before: digestOf(current),
        after: digestOf(version),
      });
      return { version, tag: versionTag(version) };
    });
  }

  /** A version as Akoma Ntoso XML, as a plain numbered draft, or as JSON. */
  async exportVersion(
    process: ProcessId,
    textSlug: string,
    versionSlug: string | undefined,
    format: ExportFormat,
    exportedOn: string,
  ): Promise<string> {
    const { text, version } = await this.getVersion(process, textSlug, versionSlug);
    if (format === 'plain') return writePlainDraft(version.provisions);
    if (format === 'json') return `${JSON.stringify(version, null, 2)}\n`;
    const repo = this.store.repositories.record;
    const info = await repo.getProcess(process);
    if (info === undefined) throw new NotFoundError('process', process);
    return writeAkomaNtoso({
      process: info,
      text,
      version,
      parties: await repo.listParties(process),
      exportedOn,
    });
  }
}

/**
 * The record rules, applied to the new text with the parties, people and
 * sources it may refer to, and with every position recorded on it (which
 * must still name provisions that exist).
 */
async function checkText(
  repositories: Repositories,
  process: ProcessId,
  text: NegotiatingText,
  file: string,
): Promise<void> {
  const repo = repositories.record;
  const info = await repo.getProcess(process);
  if (info === undefined) throw new NotFoundError('process', process);
  const [sources, parties, people, positions] = await Promise.all([
    repo.listSources(process),
    repo.listParties(process),
    repo.listPeople(process),
    repositories.text.positions(process, { text: text.id }, OPERATOR),
  ]);
  const record: ProcessRecord = {
    process: info,
    sources,
    parties,
    people,
    appointments: [],
    events: [],
    statements: [],
    texts: [text],
    positions,
    issues: [],
    profiles: [],
  };
  const problems = checkRecord(record).map((problem) => {
    if (problem.collection !== 'positions')
      return { file, path: problem.field, message: problem.message };
    const position = positions[problem.index];
    return {
      file,
      path: '',
      message: `a position recorded for ${position?.party} on provision "${position?.provision}" of version "${position?.version}" no longer fits: ${problem.message}; positions are kept, so import the draft as a new version instead`,
    };
  });
  if (problems.length > 0) throw new InvalidError(problems, `${file}: the draft was not imported:`);
}

function requireVersion(text: NegotiatingText, slug: string | undefined): TextVersion {
  if (slug === undefined) {
    const latest = text.versions[text.versions.length - 1];
    if (latest === undefined)
      throw new NotFoundError('version', '(any)', `text "${text.id}" has no versions yet`);
    return latest;
  }
  const version = text.versions.find((v) => v.id === slug);
  if (version === undefined) {
    const known = text.versions.map((v) => v.id);
    const suggestion = closest(slug, known);
    const more =
      suggestion === undefined
        ? `it has ${known.join(', ') || 'none you may see'}`
        : `did you mean "${suggestion}"?`;
    throw new NotFoundError('version', slug, `text "${text.id}": ${more}`);
  }
  return version;
}

function emptyText(input: DraftInput): NegotiatingText {
  return {
    id: input.text,
    title: input.title ?? input.text,
    kind: input.kind ?? 'plan',
    versions: [],
  };
}

function hint(slug: string, known: readonly string[]): string {
  const suggestion = closest(slug, known);
  if (suggestion !== undefined) return `did you mean "${suggestion}"?`;
  return known.length === 0 ? 'there are none yet' : `known: ${known.join(', ')}`;
}
