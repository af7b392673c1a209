/**
 * Use cases of the analysis: analyse a process's issues under the profiles
 * the viewer may see (with a version's draft package), test how robust the
 * answers are (sensitivity), and write a package back as a new version.
 *
 * Confidentiality: only the profiles the viewer may see enter an analysis, so
 * a result never depends on — and cannot reveal — a profile hidden from its
 * viewer. Parties without a visible profile are listed as left out.
 */

import { type Analysis, type AnalysisOptions, analyse } from '../core/analysis/analysis-report.ts';
import { checkProfiles } from '../core/analysis/compiled-space.ts';
import type { AnalysisIssue, Package } from '../core/analysis/issue-space.ts';
import type { Profile } from '../core/analysis/profile.ts';
import type { SensitivityCandidate } from '../core/analysis/sensitivity.ts';
import type { SensitivityResult } from '../core/analysis/sensitivity-summary.ts';
import {
  alternativeWordings,
  applyPackage,
  type DraftPackage,
  draftPackage,
} from '../core/analysis/text-link.ts';
import { canSeeVersion, OPERATOR, type Viewer } from '../core/audience.ts';
import { digestOf, etagOf } from '../core/audit.ts';
import { ConflictError, InvalidError, NotFoundError, PreconditionError } from '../core/errors.ts';
import type { FuzzyDate } from '../core/fuzzy-date.ts';
import type { IssueId, OptionId, PartyId, ProcessId, TextId, VersionId } from '../core/ids.ts';
import type { NegotiatingText, TextVersion } from '../core/text/negotiating-text.ts';
import type { Store } from '../store/store.ts';
import { OPERATOR_ACTOR } from './actor.ts';
import { runSensitivity, type SensitivityOptions } from './sensitivity-runner.ts';

export interface SpaceInput {
  readonly issues: AnalysisIssue[];
  readonly profiles: Profile[];
  /** Parties of the process with no profile the viewer may see. */
  readonly leftOut: PartyId[];
}

/** What an analysis by a viewer rests on (`AnalysisService.inputs`). */
export interface AnalysisInputs {
  readonly issues: {
    readonly id: IssueId;
    readonly name: string;
    readonly options: { readonly id: OptionId; readonly label: string }[];
    /** The text whose provision gives the options. */
    readonly text?: TextId;
  }[];
  /** The profiles the viewer may see, in the analysis' order of parties. */
  readonly profiles: { readonly party: PartyId; readonly audience: Profile['audience'] }[];
  readonly leftOut: PartyId[];
  /** The text the issues are tied to (the draft comes from one of its versions). */
  readonly text?: TextId;
  /** True when there are issues and at least two visible profiles. */
  readonly ready: boolean;
  /** The mediator's analysis on profiles shared with it: for the mediator team only. */
  readonly mediatorOnly: boolean;
}

export interface DraftChoice {
  /** The text and version whose proposals form the draft (default: the latest visible version of the text the issues are tied to). */
  readonly text?: string;
  readonly version?: string;
  /** Options set by hand, over the version's: issue → option. */
  readonly set?: Readonly<Record<string, string>>;
}

export interface ProcessAnalysis extends Analysis {
  readonly input: SpaceInput;
  /** Where the draft came from, when there is one. */
  readonly draftSource?: {
    readonly text?: TextId;
    readonly version?: VersionId;
    readonly found: DraftPackage;
    /** True when every issue has an option, so the draft was analysed. */
    readonly complete: boolean;
  };
}

export class AnalysisService {
  constructor(
    private readonly store: Store,
    private readonly viewer: Viewer = OPERATOR,
  ) {
    this.store = store.forViewer(viewer);
  }

  /**
   * What an analysis by the viewer would rest on, without running it (and
   * without failing when it cannot run): the issues with their options, the
   * parties whose profiles the viewer may see (with each profile's audience),
   * those left out, the text the issues are tied to, and whether the analysis
   * is the mediator's on profiles shared with it (mediator-only, docs/access.md).
   */
  async inputs(process: ProcessId): Promise<AnalysisInputs> {
    const { issues, profiles, leftOut } = await this.visibleSpace(process);
    const text = issues.find((i) => i.link !== undefined)?.link?.text;
    return {
      issues: issues.map((issue) => ({
        id: issue.id,
        name: issue.name,
        options: issue.options.map((o) => ({ id: o.id, label: o.label })),
        ...(issue.link === undefined ? {} : { text: issue.link.text }),
      })),
      profiles: profiles.map((p) => ({ party: p.party, audience: p.audience })),
      leftOut,
      ...(text === undefined ? {} : { text }),
      ready: issues.length > 0 && profiles.length >= 2,
      mediatorOnly:
        this.viewer.kind === 'mediator' && profiles.some((p) => p.audience !== 'public'),
    };
  }

  /**
   * The issues and the profiles the viewer may see. Throws when there are no
   * issues, or fewer than `minProfiles` profiles (an analysis needs two).
   */
  async space(process: ProcessId, minProfiles = 2): Promise<SpaceInput> {
    const { issues, profiles, leftOut } = await this.visibleSpace(process);
    if (issues.length === 0)
      throw InvalidError.of(
        'this process has no issues to analyse: add `issues` (and `profiles`) to its scenario file',
      );
    if (profiles.length < minProfiles)
      throw InvalidError.of(
        `${minProfiles === 1 ? 'there is nothing to write' : 'an analysis needs the profiles of at least two parties'}; ${profiles.length === 0 ? 'none is' : `only ${profiles[0]?.party}'s is`} visible${this.viewer.kind === 'operator' ? '' : ' to you'}`,
      );
    return { issues, profiles, leftOut };
  }

  /** The issues (those tied to a text the viewer sees no version of left out) and the visible profiles. */
  private async visibleSpace(process: ProcessId): Promise<SpaceInput> {
    const { analysis, record, text } = this.store.repositories;
    const [allIssues, profiles, parties] = await Promise.all([
      analysis.issues(process),
      analysis.profiles(process, this.viewer),
      record.listParties(process),
    ]);
    // An issue tied to a text the viewer sees no version of is hidden with it.
    const visibleTexts = new Set<string>();
    for (const id of new Set(allIssues.flatMap((i) => (i.link ? [i.link.text] : [])))) {
      const stored = await text.getText(process, id);
      if (stored?.versions.some((v) => canSeeVersion(this.viewer, v))) visibleTexts.add(id);
    }
    const issues = allIssues.filter((i) => i.link === undefined || visibleTexts.has(i.link.text));
    const withProfile = new Set<string>(profiles.map((p) => p.party));
    const leftOut = parties.map((p) => p.id).filter((id) => !withProfile.has(id));
    return { issues, profiles, leftOut };
  }

  /** Analyses a process; with a draft choice, also the draft package and improvements on it. */
  async analyse(
    process: ProcessId,
    draft: DraftChoice | undefined,
    options: Omit<AnalysisOptions, 'draft'> = {},
  ): Promise<ProcessAnalysis> {
    const input = await this.space(process);
    const source = draft === undefined ? undefined : await this.draft(process, input.issues, draft);
    const result = analyse(input.issues, input.profiles, {
      ...options,
      ...(source?.complete ? { draft: source.found.package as Package } : {}),
    });
    return { ...result, input, ...(source === undefined ? {} : { draftSource: source }) };
  }

  /**
   * Monte Carlo over the profiles' uncertainty: see `sensitivityOf`. With
   * `perturbation` (0.2: ±20%), every weight and option value of every profile
   * moves by up to that share instead of the profiles' stated uncertainty.
   */
  sensitivity(
    analysis: ProcessAnalysis,
    options: SensitivityOptions,
    perturbation?: number,
  ): Promise<SensitivityResult> {
    if (perturbation === undefined) return sensitivityOf(analysis, options);
    if (!(perturbation > 0 && perturbation <= 1))
      throw InvalidError.of(`the perturbation must be above 0 and at most 1 (got ${perturbation})`);
    const profiles = analysis.input.profiles.map((profile) => ({
      ...profile,
      uncertainty: { relative: perturbation },
    }));
    return sensitivityOf(
      { report: analysis.report, input: { ...analysis.input, profiles } },
      options,
    );
  }

  /**
   * Writes `pkg` into a new version of a text derived from `from`: each
   * provision tied to an issue proposes the chosen alternative. One transaction.
   */
  async packageToVersion(
    process: ProcessId,
    input: {
      readonly text: string;
      readonly from?: string;
      readonly version: string;
      readonly label?: string;
      readonly date?: FuzzyDate;
      readonly note?: string;
      readonly package: Readonly<Record<string, string>>;
    },
    actor: string = OPERATOR_ACTOR,
  ): Promise<{ text: TextId; version: VersionId; written: IssueId[]; skipped: IssueId[] }> {
    const { issues } = await this.space(process);
    const pkg = completePackage(issues, input.package);
    return this.store.transaction(async ({ record, text: texts, audit }) => {
      await record.lockProcess(process);
      const text = await this.visibleText(process, input.text, texts);
      const base = pickVersion(text, input.from, this.viewer);
      if (text.versions.some((v) => v.id === input.version))
        throw new ConflictError(`text "${text.id}" already has a version "${input.version}"`);
      const applied = applyPackage(
        issues,
        text.id,
        base.provisions,
        pkg,
        alternativeWordings(text.versions),
      );
      if (applied.written.length === 0)
        throw InvalidError.of(
          `no issue of the package is tied to a provision of version "${base.id}" of "${text.id}"`,
        );
      const version: TextVersion = {
        id: input.version as VersionId,
        label: input.label ?? input.version,
        ...(input.date === undefined ? {} : { date: input.date }),
        derivedFrom: base.id,
        status: 'draft',
        circulatedTo: [],
        audience: 'private',
        note:
          input.note ??
          `Made from a package: ${applied.written.map((id) => `${id} = ${pkg[id]}`).join(', ')}`,
        provisions: applied.provisions,
      };
      // Saved from the whole stored text: versions the viewer may not see stay as they are.
      const stored = await texts.getText(process, text.id);
      if (stored === undefined) throw new NotFoundError('text', text.id);
      await texts.saveText(process, { ...stored, versions: [...stored.versions, version] }, stored);
      await audit.append(process, {
        at: Date.now(),
        actor,
        object: `text:${text.id}/${version.id}`,
        operation: 'add-version',
        after: digestOf(version),
      });
      return {
        text: text.id,
        version: version.id,
        written: applied.written,
        skipped: applied.skipped,
      };
    });
  }

  private async draft(
    process: ProcessId,
    issues: readonly AnalysisIssue[],
    choice: DraftChoice,
  ): Promise<NonNullable<ProcessAnalysis['draftSource']>> {
    const textId =
      choice.text ?? issues.find((issue) => issue.link !== undefined)?.link?.text ?? undefined;
    let found: DraftPackage = { package: {}, sources: {}, unsettled: [] };
    let version: TextVersion | undefined;
    if (textId !== undefined) {
      const text = await this.visibleText(process, textId);
      version = pickVersion(text, choice.version, this.viewer);
      found = draftPackage(issues, text.id, version, alternativeWordings(text.versions));
    } else found = draftPackage(issues, undefined, undefined, new Map());
    if (choice.set !== undefined) {
      const manual = completePackage(issues, choice.set, false);
      const merged = { ...found.package, ...manual } as Record<string, OptionId>;
      found = {
        // In the issues' order, whatever set it.
        package: Object.fromEntries(
          issues.flatMap((issue) =>
            merged[issue.id] === undefined ? [] : [[issue.id, merged[issue.id]]],
          ),
        ),
        sources: { ...found.sources },
        unsettled: found.unsettled.filter((u) => !(u.issue in manual)),
      };
    }
    return {
      ...(textId === undefined ? {} : { text: textId as TextId }),
      ...(version === undefined ? {} : { version: version.id }),
      found,
      complete: found.unsettled.length === 0,
    };
  }

  /** A text with the versions the viewer may see (read through `texts`: inside a transaction, its own). */
  private async visibleText(
    process: ProcessId,
    slug: string,
    texts = this.store.repositories.text,
  ): Promise<NegotiatingText> {
    const text = await texts.getText(process, slug as TextId);
    const versions = text?.versions.filter((v) => canSeeVersion(this.viewer, v)) ?? [];
    if (text === undefined || versions.length === 0) throw new NotFoundError('text', slug);
    return { ...text, versions };
  }
}

function pickVersion(text: NegotiatingText, slug: string | undefined, viewer: Viewer): TextVersion {
  const visible = text.versions.filter((v) => canSeeVersion(viewer, v));
  const version =
    slug === undefined ? visible[visible.length - 1] : visible.find((v) => v.id === slug);
  if (version === undefined)
    throw new NotFoundError(
      'version',
      `${text.id}/${slug}`,
      `known: ${visible.map((v) => v.id).join(', ')}`,
    );
  return version;
}

/** `issue=option` choices checked against the issues; with `complete`, every issue must have one. */
function completePackage(
  issues: readonly AnalysisIssue[],
  choices: Readonly<Record<string, string>>,
  complete = true,
): Record<IssueId, OptionId> {
  const problems: { path: string; message: string }[] = [];
  const result: Record<string, OptionId> = {};
  for (const [issueId, optionId] of Object.entries(choices)) {
    const issue = issues.find((i) => i.id === issueId);
    if (issue === undefined) {
      problems.push({
        path: issueId,
        message: `unknown issue (known: ${issues.map((i) => i.id).join(', ')})`,
      });
      continue;
    }
    if (!issue.options.some((o) => o.id === optionId)) {
      problems.push({
        path: issueId,
        message: `unknown option "${optionId}" (options: ${issue.options.map((o) => o.id).join(', ')})`,
      });
      continue;
    }
    result[issueId] = optionId as OptionId;
  }
  if (complete)
    for (const issue of issues)
      if (!(issue.id in result))
        problems.push({ path: issue.id, message: 'the package gives no option for this issue' });
  if (problems.length > 0) throw new InvalidError(problems, 'the package is not valid:');
  return result as Record<IssueId, OptionId>;
}

/**
 * Monte Carlo over the profiles' uncertainty (seeded, over worker threads) for
 * the Nash packages, the draft and its best improvements.
 */
export async function sensitivityOf(
  analysis: Pick<ProcessAnalysis, 'report' | 'input'>,
  options: SensitivityOptions,
): Promise<SensitivityResult> {
  const candidates: SensitivityCandidate[] = [];
  const report = analysis.report;
  const nash = report.solutions.find((s) => s.criterion === 'nash');
  nash?.points.slice(0, 3).forEach((point, i) => {
    const pkg = point.packages[0];
    if (pkg !== undefined)
      candidates.push({
        label: i === 0 ? 'Nash' : `Nash (tie ${i + 1})`,
        package: pkg,
        nash: true,
      });
  });
  if (report.draft !== undefined) {
    candidates.push({ label: 'draft', package: report.draft.package });
    report.draft.improvements.slice(0, 3).forEach((x, i) => {
      const pkg = { ...report.draft?.package } as Record<string, OptionId>;
      for (const change of x.changes) pkg[change.issue] = change.to;
      candidates.push({ label: `improvement ${i + 1}`, package: pkg as Package });
    });
  }
  return runSensitivity(
    { issues: analysis.input.issues, profiles: analysis.input.profiles, candidates },
    options,
  );
}

/** A profile's entity tag: the digest of its content (any change, by anyone, changes it). */
export function profileTag(profile: Profile): string {
  return etagOf(profile);
}

/**
 * Reads and writes one party's profile with optimistic concurrency: a write
 * must name the tag of the profile it replaces (`ifMatch`; `*` only when
 * there is none yet), so two people editing it never silently overwrite each
 * other. Visibility as for every read; the caller decides who may write.
 */
export class ProfileService {
  constructor(
    private readonly store: Store,
    private readonly viewer: Viewer,
  ) {
    this.store = store.forViewer(viewer);
  }

  /** The party's profile if the viewer may see it, with its tag. */
  async get(process: ProcessId, party: PartyId): Promise<{ profile: Profile; tag: string }> {
    const profile = (await this.store.repositories.analysis.profiles(process, this.viewer)).find(
      (p) => p.party === party,
    );
    if (profile === undefined) throw new NotFoundError('profile', party);
    return { profile, tag: profileTag(profile) };
  }

  /** Replaces the profile; throws `PreconditionError` when `ifMatch` is not the current tag. */
  async put(
    process: ProcessId,
    profile: Profile,
    ifMatch: string,
    actor: string,
  ): Promise<{ profile: Profile; tag: string }> {
    const issues = await this.store.repositories.analysis.issues(process);
    const problems = checkProfiles(issues, [profile]).map((p) => ({
      ...p,
      path: p.path.replace(/^profiles\[0\]\.?/, ''),
    }));
    if (problems.length > 0) throw new InvalidError(problems, 'the profile is not valid:');
    return this.store.transaction(async ({ record, analysis, audit }) => {
      // Check and write are one step: the process lock comes first (SELECT … FOR UPDATE on
      // PostgreSQL, BEGIN IMMEDIATE on SQLite), so under READ COMMITTED the read below sees the
      // profile any earlier writer committed, and of N writers with one tag exactly one wins
      // (server/concurrency.test.ts).
      await record.lockProcess(process);
      const current = (await analysis.profiles(process, OPERATOR)).find(
        (p) => p.party === profile.party,
      );
      const currentTag = current === undefined ? undefined : profileTag(current);
      if (ifMatch !== '*' ? ifMatch !== currentTag : current !== undefined)
        throw new PreconditionError(
          `the profile changed since you read it (now ${currentTag ?? 'absent'}): read it again and redo your change`,
        );
      await analysis.saveProfile(process, profile);
      await audit.append(process, {
        at: Date.now(),
        actor,
        object: `profile:${profile.party}`,
        operation: current === undefined ? 'create' : 'replace',
        ...(current === undefined ? {} : { before: digestOf(current) }),
        after: digestOf(profile),
      });
      return { profile, tag: profileTag(profile) };
    });
  }
}
