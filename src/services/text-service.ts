/**
 * Use cases on negotiating texts: listing them, reading a version, comparing
 * two versions, importing a plain draft as a version (continuing the identities
 * of the version it is derived from), and exporting a version.
 */

import { type Audience, canSeeVersion, OPERATOR, type Viewer } from '../core/audience.ts';
import { digestOf } from '../core/audit.ts';
import { closest } from '../core/closest.ts';
import { InvalidError, NotFoundError } from '../core/errors.ts';
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
import type { Store } from '../store/store.ts';
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
}

export interface VersionComparison {
  readonly text: NegotiatingText;
  readonly from: TextVersion;
  readonly to: TextVersion;
  readonly diff: TextDiff;
}

export type ExportFormat = 'akn' | 'plain' | 'json';

export class TextService {
  constructor(
    private readonly store: Store,
    private readonly viewer: Viewer = OPERATOR,
  ) {}

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

  /** A text with the versions the viewer may see; `NotFoundError` (with a suggestion) if there is none. */
  async getText(process: ProcessId, slug: string): Promise<NegotiatingText> {
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
   * would remove a provision positions were recorded on. Nothing is written
   * if anything is wrong, or with `dryRun`.
   */
  async importDraft(
    process: ProcessId,
    input: DraftInput,
    draft: string,
    file: string,
    options: { dryRun?: boolean } = {},
  ): Promise<DraftReport> {
    const parsed = parsePlainDraft(draft, file);
    const stored = await this.texts.getText(process, input.text);
    if (stored === undefined && input.title === undefined) {
      throw InvalidError.of(
        `there is no text "${input.text}" yet: give its title (and kind) to create it`,
      );
    }
    const base =
      input.from === undefined ? undefined : requireVersion(stored ?? emptyText(input), input.from);
    const used =
      stored === undefined
        ? []
        : stored.versions.flatMap((v) => [...walkProvisions(v.provisions)].map((p) => p.id));
    const adopted = adoptIdentities(base?.provisions, parsed, used);
    const existing = stored?.versions.find((version) => version.id === input.version);
    const version: TextVersion = {
      id: input.version,
      label: input.label ?? existing?.label ?? input.version,
      ...(input.date === undefined ? {} : { date: input.date }),
      ...(input.proposedBy === undefined ? {} : { proposedBy: input.proposedBy }),
      ...(input.proposedByPerson === undefined ? {} : { proposedByPerson: input.proposedByPerson }),
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
    await this.check(process, text, file);
    if (options.dryRun !== true) {
      await this.store.transaction(async ({ record, text: texts, audit }) => {
        await record.lockProcess(process);
        await texts.saveText(process, text, await texts.getText(process, text.id));
        await audit.append(process, {
          at: Date.now(),
          actor: OPERATOR_ACTOR,
          object: `text:${text.id}/${version.id}`,
          operation: existing === undefined ? 'add-version' : 'replace-version',
          after: digestOf(version),
        });
      });
    }
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
    };
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

  /**
   * The record rules, applied to the new text with the parties, people and
   * sources it may refer to, and with every position recorded on it (which
   * must still name provisions that exist).
   */
  private async check(process: ProcessId, text: NegotiatingText, file: string): Promise<void> {
    const repo = this.store.repositories.record;
    const info = await repo.getProcess(process);
    if (info === undefined) throw new NotFoundError('process', process);
    const [sources, parties, people, positions] = await Promise.all([
      repo.listSources(process),
      repo.listParties(process),
      repo.listPeople(process),
      this.texts.positions(process, { text: text.id }, OPERATOR),
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
    if (problems.length > 0)
      throw new InvalidError(problems, `${file}: the draft was not imported:`);
  }
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
