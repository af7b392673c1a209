import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type AuditEntry, entryHash, GENESIS } from '../../core/audit.ts';
import { type Expectation, judge, Ledger, type LogLine, type Observed } from './ledger.ts';

/** A valid chain of entries for `objects` (with `after` digests), as the store would write it. */
function chainOf(items: readonly { object: string; after?: string }[]): AuditEntry[] {
  const chain: AuditEntry[] = [];
  for (const [i, item] of items.entries()) {
    const fields = {
      seq: i + 1,
      at: 1_000 + i,
      actor: 'crash-writer',
      object: item.object,
      operation: 'create',
      ...(item.after === undefined ? {} : { after: item.after }),
      prev: chain[i - 1]?.hash ?? GENESIS,
    };
    chain.push({ ...fields, hash: entryHash(fields) });
  }
  return chain;
}

const TAG_A = 'a'.repeat(32);
const TAG_B = 'b'.repeat(32);

/** Two acked positions, one sent but not acked; two acked profile writes (A, then B). */
function scenario(): { expect: Expectation; observed: Observed } {
  const ledger = new Ledger();
  const lines: LogLine[] = [
    { kind: 'position', state: 'sent', note: 'n1' },
    { kind: 'position', state: 'acked', note: 'n1', key: 'k1' },
    { kind: 'position', state: 'sent', note: 'n2' },
    { kind: 'position', state: 'acked', note: 'n2', key: 'k2' },
    { kind: 'position', state: 'sent', note: 'n3' },
    { kind: 'profile', state: 'sent', note: 'p1' },
    { kind: 'profile', state: 'acked', note: 'p1', tag: `"${TAG_A}"` },
    { kind: 'profile', state: 'sent', note: 'p2' },
    { kind: 'profile', state: 'acked', note: 'p2', tag: `"${TAG_B}"` },
  ];
  for (const line of lines) ledger.add(line);
  const chain = chainOf([
    { object: 'process:p' },
    { object: 'position:k1' },
    { object: 'profile:ukraine', after: `${TAG_A}${'0'.repeat(32)}` },
    { object: 'position:k2' },
    { object: 'profile:ukraine', after: `${TAG_B}${'0'.repeat(32)}` },
  ]);
  return {
    expect: { ledger, initialProfileNote: 'initial', profileObject: 'profile:ukraine' },
    observed: {
      positions: [
        { note: 'n1', key: 'k1' },
        { note: 'n2', key: 'k2' },
      ],
      chain,
      profile: { note: 'p2', tag: `"${TAG_B}"` },
      integrity: 'ok',
    },
  };
}

describe('the durability judgement', () => {
  test('everything acknowledged, found: no problems', () => {
    const { expect, observed } = scenario();
    assert.deepEqual(judge(expect, observed), { problems: [], found: 4 });
    // An unacknowledged write that made it is fine too.
    const more = {
      ...observed,
      positions: [...observed.positions, { note: 'n3', key: 'k3' }],
    };
    assert.deepEqual(judge(expect, more).problems, []);
  });

  test('a lost, doubled, unknown or re-keyed position is caught', () => {
    const { expect, observed } = scenario();
    const problems = (positions: Observed['positions']) =>
      judge(expect, { ...observed, positions }).problems.join('\n');
    assert.match(
      problems([{ note: 'n2', key: 'k2' }]),
      /1 acknowledged positions are missing: "n1"/,
    );
    assert.match(problems([...observed.positions, { note: 'n1', key: 'k9' }]), /"n1" × 2/);
    assert.match(
      problems([...observed.positions, { note: 'n9', key: 'k9' }]),
      /were never sent: "n9"/,
    );
    assert.match(
      problems([{ note: 'n1', key: 'k9' }, observed.positions[1] as Observed['positions'][0]]),
      /stored with another key/,
    );
  });

  test('a broken, rewritten or cut chain is caught', () => {
    const { expect, observed } = scenario();
    const [first, second, ...rest] = observed.chain as [AuditEntry, AuditEntry, ...AuditEntry[]];
    const edited = [first, { ...second, actor: 'mallory' }, ...rest];
    assert.match(
      judge(expect, { ...observed, chain: edited }).problems.join('\n'),
      /entry 2 was changed/,
    );
    const earlier = chainOf([{ object: 'process:other' }]);
    assert.match(
      judge({ ...expect, earlierChain: earlier }, observed).problems.join('\n'),
      /no longer begins with the 1 entries seen before/,
    );
    // Cutting off the last entries loses the audit of acknowledged writes.
    const cut = judge(expect, { ...observed, chain: observed.chain.slice(0, 3) }).problems.join(
      '\n',
    );
    assert.match(cut, /do not have exactly one audit entry: "n2" \(position:k2\)/);
    assert.match(cut, /profile writes are not exactly once in the audit chain: "p2"/);
  });

  test('the stored profile must be the last one written', () => {
    const { expect, observed } = scenario();
    const older = judge(expect, { ...observed, profile: { note: 'p1', tag: `"${TAG_A}"` } });
    assert.match(older.problems.join('\n'), /is not the last one the audit chain records/);
    const unknown = judge(expect, { ...observed, profile: { note: 'zz', tag: `"${TAG_B}"` } });
    assert.match(unknown.problems.join('\n'), /note "zz" was never sent/);
  });

  test('SQLite integrity problems are reported', () => {
    const { expect, observed } = scenario();
    assert.match(
      judge(expect, { ...observed, integrity: 'row 3 missing from index' }).problems.join('\n'),
      /PRAGMA integrity_check: row 3 missing/,
    );
  });

  test('the log is read incrementally, complete lines only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-ledger-'));
    try {
      const file = join(dir, 'writes.log');
      const line = JSON.stringify({ kind: 'position', state: 'acked', note: 'é1', key: 'k1' });
      writeFileSync(file, `${line}\n${line.slice(0, 10)}`);
      const ledger = new Ledger();
      ledger.readFrom(file);
      assert.equal(ledger.positionsAcked.size, 1);
      appendFileSync(file, `${line.slice(10).replace('é1', 'é2')}\n`);
      ledger.readFrom(file);
      assert.deepEqual([...ledger.positionsAcked.keys()], ['é1', 'é2']);
      appendFileSync(file, `${line.replace('é1', 'é3')}\n`);
      ledger.readFrom(file);
      assert.deepEqual([...ledger.positionsAcked.keys()], ['é1', 'é2', 'é3']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
