/**
 * The answers of the text routes (`routes/texts.ts`, `versions.ts`,
 * `writes.ts`): texts, versions, provisions, diffs and positions as
 * `io/json-output.toJson` writes the core types (`core/text`).
 */

import { z } from 'zod';
import { AUDIENCES } from '../../core/audience.ts';
import { PARTY_KINDS, PARTY_ROLES } from '../../core/party.ts';
import { TEXT_KINDS, VERSION_STATUSES } from '../../core/text/negotiating-text.ts';
import { POSITION_AUDIENCES, STANCES } from '../../core/text/position.ts';
import { NUMBERING_STYLES } from '../../core/text/provision.ts';
import { CHANGE_KINDS } from '../../core/text/text-diff.ts';
import { fuzzyDateJson } from './common.ts';

/** The fields of a version, without its provisions. */
const versionFields = {
  id: z.string(),
  label: z.string(),
  date: fuzzyDateJson.optional(),
  proposedBy: z.string().optional().meta({ description: 'The party that proposed this version.' }),
  proposedByPerson: z.string().optional().meta({ description: 'The person who tabled it.' }),
  derivedFrom: z
    .string()
    .optional()
    .meta({ description: 'The version this one was derived from.' }),
  status: z.enum(VERSION_STATUSES),
  circulatedTo: z.array(z.string()).meta({ description: 'The parties it was circulated to.' }),
  audience: z.enum(AUDIENCES).meta({
    description:
      '`public`: published (observers may read it); `private`: only for the parties it was circulated to.',
  }),
  source: z.string().optional(),
  note: z.string().optional(),
};

/** A version without its provisions, with how many provisions it has. */
export const versionSummaryJson = z
  .strictObject({ ...versionFields, provisionCount: z.number().int() })
  .meta({ id: 'VersionSummary' });

/** A party's stance on a provision in a version (positions are append-only). */
export const positionJson = z
  .strictObject({
    key: z
      .string()
      .meta({ description: 'Derived from all the other fields: positions never change.' }),
    text: z.string(),
    version: z.string(),
    provision: z.string(),
    party: z.string(),
    stance: z.enum(STANCES),
    wording: z
      .string()
      .optional()
      .meta({ description: 'For `accepts-with-changes`: the wording the party proposes.' }),
    alternative: z
      .string()
      .optional()
      .meta({ description: 'For an open provision: the alternative the stance is about.' }),
    note: z.string().optional(),
    author: z
      .string()
      .optional()
      .meta({ description: "Who recorded it (a person's slug or a user's name)." }),
    recorded: fuzzyDateJson,
    audience: z.enum(POSITION_AUDIENCES),
    source: z.string().optional(),
  })
  .meta({ id: 'Position' });

/** A position with its tag (for If-Match on the next position of the party on the provision). */
export const taggedPositionJson = z
  .strictObject({
    ...positionJson.shape,
    tag: z.string().meta({ description: 'The ETag to send as If-Match: the key, quoted.' }),
  })
  .meta({ id: 'TaggedPosition' });

/** One bracketed alternative wording of an open provision. */
export const alternativeJson = z
  .strictObject({
    id: z.string(),
    text: z.string().meta({
      description: 'The complete wording of the provision if this alternative is chosen.',
    }),
  })
  .meta({ id: 'Alternative' });

/** A provision's own fields (its children aside). */
const provisionFields = {
  id: z.string(),
  style: z.enum(NUMBERING_STYLES).meta({
    description:
      'How it is numbered: article (counted through the whole text), section, decimal, dotted, alpha, roman, none.',
  }),
  heading: z.string().optional(),
  body: z
    .string()
    .meta({ description: 'The wording of a closed provision; empty for an open one.' }),
  alternatives: z
    .array(alternativeJson)
    .optional()
    .meta({ description: 'Two or more alternative wordings: the provision is open.' }),
  proposed: z
    .string()
    .optional()
    .meta({ description: 'The alternative this version proposes, if any.' }),
  from: z
    .array(z.string())
    .optional()
    .meta({ description: 'Provisions this one was split from or merged from (its lineage).' }),
  note: z.string().optional(),
};

/** A provision without its children (as a diff shows it). */
export const provisionFieldsJson = z.strictObject(provisionFields).meta({ id: 'ProvisionFields' });

/** A provision and, recursively, its children. */
export const provisionJson = z.strictObject({
  id: provisionFields.id,
  style: provisionFields.style,
  heading: provisionFields.heading,
  body: provisionFields.body,
  alternatives: provisionFields.alternatives,
  proposed: provisionFields.proposed,
  from: provisionFields.from,
  note: provisionFields.note,
  get children(): z.ZodArray<typeof provisionJson> {
    return z.array(provisionJson);
  },
});
// Registered in place (`.meta` would make a copy the getter does not refer to).
provisionJson.register(z.globalRegistry, { id: 'ProvisionNode' });

/** A version with its tree of provisions. */
export const versionJson = z
  .strictObject({ ...versionFields, provisions: z.array(provisionJson) })
  .meta({ id: 'Version' });

/** A version with each provision's displayed number (GET …/versions/{version}). */
export const versionDetailJson = z
  .strictObject({
    ...versionFields,
    provisions: z.array(provisionJson),
    numbers: z.record(z.string(), z.string()).meta({
      description:
        'Provision id → its displayed number ("Article 3", "4.2", "(b)"); unnumbered provisions are absent.',
    }),
  })
  .meta({ id: 'VersionDetail' });

const textFields = {
  id: z.string(),
  title: z.string(),
  kind: z.enum(TEXT_KINDS),
  description: z.string().optional(),
};

/** A text with the versions the reader may see, without their provisions. */
export const textSummaryJson = z
  .strictObject({ ...textFields, versions: z.array(versionSummaryJson) })
  .meta({ id: 'TextSummary' });

/** A text with the versions the reader may see, oldest first, each with its provisions. */
export const textJson = z
  .strictObject({ ...textFields, versions: z.array(versionJson) })
  .meta({ id: 'NegotiatingText' });

/** Word changes: `=` kept, `-` removed, `+` added. */
const wordOpsJson = z.array(z.tuple([z.enum(['=', '-', '+']), z.string()])).meta({
  id: 'WordOps',
  description: 'Word changes: [`=` kept | `-` removed | `+` added, words].',
});

/** Where a provision stood in one of the two versions, and what it said there. */
const provisionSnapshotJson = z
  .strictObject({
    number: z.string().optional(),
    parent: z.string().optional().meta({ description: 'Absent at the top level.' }),
    index: z.number().int().meta({ description: 'Its place among its siblings.' }),
    fields: provisionFieldsJson,
  })
  .meta({ id: 'ProvisionSnapshot' });

const provisionDiffJson = z
  .strictObject({
    id: z.string(),
    changes: z.array(z.enum(CHANGE_KINDS)),
    before: provisionSnapshotJson
      .optional()
      .meta({ description: 'Absent for an added provision.' }),
    after: provisionSnapshotJson
      .optional()
      .meta({ description: 'Absent for a removed provision.' }),
    body: wordOpsJson
      .optional()
      .meta({ description: 'Word changes of the body (closed in both versions).' }),
    heading: wordOpsJson.optional().meta({ description: 'Word changes of the heading.' }),
    alternatives: z
      .array(
        z.strictObject({
          id: z.string(),
          change: z.enum(['added', 'removed', 'reworded', 'unchanged']),
          text: wordOpsJson.optional(),
          before: z.string().optional(),
          after: z.string().optional(),
        }),
      )
      .optional()
      .meta({ description: 'Changes to the alternatives (open in both versions).' }),
    confidence: z.number().optional().meta({
      description: 'For provisions matched by similarity: how sure the match is, in [0, 1].',
    }),
  })
  .meta({ id: 'ProvisionDiff' });

/** What changed between two versions, provision by provision. */
export const textDiffJson = z
  .strictObject({
    matching: z.enum(['identity', 'similarity']).meta({
      description: 'How provisions were paired: by identity, or by similarity of wording.',
    }),
    provisions: z.array(provisionDiffJson).meta({
      description:
        "Changed provisions, in the new version's order; removed ones where they used to be.",
    }),
    order: z
      .array(z.strictObject({ parent: z.string().nullable(), children: z.array(z.string()) }))
      .meta({
        description:
          'The new lists of children (`parent` null: the top level), where they differ from the old.',
      }),
    summary: z.strictObject({
      ...Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, z.number().int()])),
      unchanged: z.number().int(),
      changed: z.number().int(),
    } as Record<(typeof CHANGE_KINDS)[number] | 'unchanged' | 'changed', z.ZodNumber>),
  })
  .meta({ id: 'TextDiff' });

/** A party as the positions matrix lists its columns. */
const matrixPartyJson = z.strictObject({
  id: z.string(),
  name: z.string(),
  shortName: z.string().optional(),
  kind: z.enum(PARTY_KINDS),
  role: z.enum(PARTY_ROLES),
  description: z.string().optional(),
});

/** The positions matrix of a version: each party's latest stance on each provision. */
export const positionMatrixJson = z
  .strictObject({
    version: z.string(),
    parties: z.array(matrixPartyJson).meta({ description: 'The columns (observers left out).' }),
    matrix: z.strictObject({
      parties: z.array(z.string()),
      rows: z.array(
        z.strictObject({
          provision: z.string(),
          number: z.string().optional(),
          heading: z.string().optional(),
          wording: z.string(),
          depth: z.number().int(),
          cells: z.record(z.string(), taggedPositionJson).meta({
            description: 'Party → its latest position (absent: none recorded).',
          }),
        }),
      ),
    }),
  })
  .meta({ id: 'PositionMatrix' });

/** A point to read stances at: the positions taken on a version, or everything recorded by a date. */
const stancePointJson = z
  .union([z.strictObject({ version: z.string() }), z.strictObject({ asOf: fuzzyDateJson })])
  .meta({ id: 'StancePoint' });

/** How each party's stance on each provision moved between two points. */
export const positionMovementJson = z
  .strictObject({
    text: z.string(),
    from: stancePointJson,
    to: stancePointJson,
    rows: z.array(
      z.strictObject({
        provision: z.string(),
        party: z.string(),
        before: positionJson.optional(),
        after: positionJson.optional(),
        change: z.enum(['moved', 'same', 'new', 'dropped']).meta({
          description:
            '`moved`: the stance (or its wording or alternative) differs; `same`: it does not; `new`: none before; `dropped`: none after.',
        }),
      }),
    ),
  })
  .meta({ id: 'PositionMovement' });

/** What putting a draft as a version did (or, with `dryRun`, would do). */
export const draftReportJson = z
  .strictObject({
    text: z.string(),
    version: z.string(),
    createdText: z.boolean(),
    replacedVersion: z
      .boolean()
      .meta({ description: 'Whether a version with this slug existed and was replaced.' }),
    provisions: z.number().int(),
    continued: z.array(z.strictObject({ id: z.string(), confidence: z.number() })).meta({
      description:
        'Provisions that continue one of the base version, with the confidence of the match.',
    }),
    added: z.array(z.string()),
    removed: z
      .array(z.string())
      .meta({ description: 'Provisions of the base version the draft no longer has.' }),
    dryRun: z.boolean(),
    tag: z.string().meta({ description: "The version's tag after the import (its ETag)." }),
  })
  .meta({ id: 'DraftImport' });

/** The version a package was written into (POST …/versions). */
export const madeVersionJson = z
  .strictObject({
    text: z.string(),
    version: z.string(),
    written: z
      .array(z.string())
      .meta({ description: 'Issues whose option was written into a provision.' }),
    skipped: z.array(z.string()).meta({
      description:
        'Issues that could not be written (not tied to this text, or their provision is absent).',
    }),
  })
  .meta({ id: 'MadeVersion' });
