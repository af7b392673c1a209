/** The answers of the audit routes (`routes/audit.ts`): the chain as a reader sees it, and a checkpoint. */

import { z } from 'zod';

export const auditEntryJson = z
  .strictObject({
    seq: z.number().int(),
    at: z.number().int().meta({ description: 'When (UTC milliseconds).' }),
    actor: z.string(),
    object: z
      .string()
      .meta({ description: 'What was written: `process:…`, `text:…/…`, `position:…`, `team:…`…' }),
    operation: z.string(),
    before: z.string().optional().meta({ description: "SHA-256 of the object's content before." }),
    after: z.string().optional().meta({ description: "SHA-256 of the object's content after." }),
    prev: z
      .string()
      .meta({ description: 'The hash of the entry before (64 zeros for the first).' }),
    hash: z
      .string()
      .meta({ description: "SHA-256 over the canonical JSON of the entry's fields." }),
  })
  .meta({ id: 'AuditEntry' });

export const hiddenAuditEntryJson = z
  .strictObject({
    seq: z.number().int(),
    prev: z.string(),
    hash: z.string(),
    hidden: z.literal(true),
  })
  .meta({
    id: 'HiddenAuditEntry',
    description:
      'An entry about an object you may not see: only its place in the chain, so the links still check.',
  });

/** GET …/audit */
export const auditViewJson = z
  .strictObject({
    process: z.string(),
    entries: z.array(z.union([auditEntryJson, hiddenAuditEntryJson])),
  })
  .meta({ id: 'AuditView' });

/** GET …/audit/checkpoint */
export const checkpointJson = z
  .strictObject({
    process: z.string(),
    seq: z.number().int(),
    hash: z.string(),
    at: z.number().int().meta({ description: 'When it was signed (UTC milliseconds).' }),
    publicKey: z.string().meta({ description: "The server's Ed25519 public key (SPKI, base64)." }),
    signature: z.string().meta({
      description:
        'Ed25519 signature (base64) over the canonical JSON of { process, seq, hash, at }.',
    }),
  })
  .meta({ id: 'Checkpoint' });
