import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { test } from 'node:test';
import {
  type AuditEntry,
  type Checkpoint,
  checkpointMessage,
  digestOf,
  entryHash,
  GENESIS,
  verifyChain,
} from './audit.ts';

function chain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= length; seq++) {
    const fields = {
      seq,
      at: 1_000 * seq,
      actor: 'operator',
      object: `position:p${seq}`,
      operation: 'create',
      after: digestOf({ seq }),
      prev,
    };
    const entry = { ...fields, hash: entryHash(fields) };
    entries.push(entry);
    prev = entry.hash;
  }
  return entries;
}

function checkpointOf(entries: readonly AuditEntry[], seq: number): Checkpoint {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const body = { process: 'talks', seq, hash: entries[seq - 1]?.hash as string, at: 99 };
  return {
    ...body,
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    signature: sign(null, Buffer.from(checkpointMessage(body)), privateKey).toString('base64'),
  };
}

test('an intact chain verifies, alone and against a checkpoint', () => {
  const entries = chain(5);
  assert.deepEqual(verifyChain(entries), []);
  assert.deepEqual(verifyChain(entries, checkpointOf(entries, 3)), []);
});

test('an edited, deleted or reordered entry is caught', () => {
  const entries = chain(5);
  const edited = entries.map((e) => (e.seq === 3 ? { ...e, actor: 'mallory' } : e));
  assert.deepEqual(
    verifyChain(edited).map((p) => p.seq),
    [3],
  );
  const deleted = entries.filter((e) => e.seq !== 2);
  assert.ok(verifyChain(deleted).length > 0);
  const reordered = [entries[0], entries[2], entries[1], entries[3], entries[4]] as AuditEntry[];
  assert.ok(verifyChain(reordered).length > 0);
});

test('a chain cut short or rewritten is caught against a checkpoint; a forged checkpoint too', () => {
  const entries = chain(5);
  const checkpoint = checkpointOf(entries, 5);
  const truncated = entries.slice(0, 3);
  assert.deepEqual(verifyChain(truncated), [], 'a cut chain is consistent in itself');
  assert.match(verifyChain(truncated, checkpoint)[0]?.message ?? '', /gone: the history was cut/);
  const other = chain(5).map((e) => (e.seq === 5 ? { ...e, object: 'position:other' } : e));
  const rehashed = other.map((e) => {
    const { hash: _hash, ...fields } = e;
    return { ...fields, hash: entryHash(fields) };
  });
  assert.match(
    verifyChain(rehashed, checkpoint)
      .map((p) => p.message)
      .join(' '),
    /rewritten/,
  );
  const forged = { ...checkpoint, seq: 4, hash: entries[3]?.hash as string };
  assert.match(
    verifyChain(entries, forged)
      .map((p) => p.message)
      .join(' '),
    /signature is not valid/,
  );
});
