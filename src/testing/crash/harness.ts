/**
 * The durability harness: `npm run test:crash [-- --db sqlite|postgres|both
 * --cycles N --seed S …]` (`-- --help` lists the options). The databases run
 * at the same time, each with its own server, writer and port.
 *
 * On a fresh database (a SQLite file in a temporary folder; on PostgreSQL a
 * fresh schema) with the reference scenario and a member of Ukraine's
 * delegation with an API token, each cycle starts `concord serve`, lets the
 * writer process (writer.ts) write through the API with several requests in
 * flight, and SIGKILLs the server at a random moment. After each restart,
 * and once more at the end, every write the server acknowledged must be
 * there: each position exactly once, each profile replacement in the audit
 * chain and the stored profile the last one; the chain must verify, still
 * begin with what was seen before and hold the entries of signed checkpoints
 * taken while the server ran; SQLite's `PRAGMA integrity_check` must say ok.
 * At the end `concord audit verify --against` the last checkpoint runs as
 * the operator would. Exit code 0 only if nothing was lost.
 */

import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { deriveSeed, seededRandom } from '../../core/analysis/random.ts';
import type { AuditEntry, Checkpoint } from '../../core/audit.ts';
import { describeUrl } from '../../store/postgres-store.ts';
import { cliRunner } from '../cli-runner.ts';
import { judge, Ledger } from './ledger.ts';
import { type DatabaseKind, probeDatabase, type Target } from './probe.ts';
import type { CycleReport, StartMessage } from './writer.ts';

const BIN = fileURLToPath(new URL('../../../bin/concord.js', import.meta.url));
const WRITER = fileURLToPath(new URL('./writer.ts', import.meta.url));
const PROCESS = 'ukraine-talks-2025';
const TEXT = 'peace-plan';
const PARTY = 'ukraine';
const USER = 'crash-writer';
const READY_TIMEOUT_MS = 60_000;

interface Options {
  readonly databases: DatabaseKind[];
  readonly cycles: number;
  readonly seed: number;
  readonly concurrency: number;
  readonly killAfter: readonly [number, number];
  readonly profileShare: number;
  readonly keep: boolean;
  /** Run the databases one after the other rather than at the same time. */
  readonly sequential: boolean;
  readonly pgUrl: string | undefined;
}

const USAGE = `usage: npm run test:crash -- [options]
  --db sqlite|postgres|both   databases (default: sqlite, plus postgres when
                              CONCORD_TEST_PG or DATABASE_URL is set)
  --cycles N                  kill-and-restart cycles per database (default 50)
  --seed S                    seed of the random choices (default: random, printed)
  --concurrency C             requests in flight at once (default 6)
  --kill-after MIN-MAX        kill the server MIN–MAX ms after writing starts (default 100-1500)
  --keep                      keep the database and the writer's log afterwards
  --sequential                one database after the other (default: both at once;
                              a server's start is mostly one core's work)
`;

function parseOptions(argv: string[]): Options {
  try {
    return optionsOf(argv);
  } catch (error) {
    // parseArgs's own errors (an unknown option, a missing value).
    fail(error instanceof Error ? error.message : String(error));
  }
}

function optionsOf(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      cycles: { type: 'string', default: '50' },
      seed: { type: 'string' },
      concurrency: { type: 'string', default: '6' },
      'kill-after': { type: 'string', default: '100-1500' },
      keep: { type: 'boolean', default: false },
      sequential: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const pgUrl = process.env.CONCORD_TEST_PG || process.env.DATABASE_URL || undefined;
  const db = values.db ?? (pgUrl === undefined ? 'sqlite' : 'both');
  const databases: DatabaseKind[] =
    db === 'both' ? ['sqlite', 'postgres'] : db === 'sqlite' || db === 'postgres' ? [db] : [];
  if (databases.length === 0) fail(`--db: expected sqlite, postgres or both, got "${db}"`);
  if (databases.includes('postgres') && pgUrl === undefined)
    fail('--db postgres needs CONCORD_TEST_PG or DATABASE_URL (see scripts/setup-postgres.sh)');
  const integer = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min)
      fail(`--${name}: expected an integer ≥ ${min}, got "${text}"`);
    return n;
  };
  const range = /^(\d+)-(\d+)$/.exec(values['kill-after']);
  if (range === null || Number(range[1]) > Number(range[2]))
    fail(`--kill-after: expected MIN-MAX in milliseconds, got "${values['kill-after']}"`);
  return {
    databases,
    cycles: integer('cycles', values.cycles, 1),
    seed:
      values.seed === undefined ? randomBytes(4).readUInt32BE(0) : integer('seed', values.seed, 0),
    concurrency: integer('concurrency', values.concurrency, 1),
    killAfter: [Number(range?.[1]), Number(range?.[2])],
    profileShare: 0.15,
    keep: values.keep,
    sequential: values.sequential,
    pgUrl,
  };
}

function fail(message: string): never {
  process.stderr.write(`test:crash: ${message}\n${USAGE}`);
  process.exit(2);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** The environment for child processes: the database comes from --db only. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.CONCORD_DB;
  return env;
}

/** The processes of group `pgid` that still run (zombies do not), as "PID (NAME)"; Linux /proc. */
function livingMembers(pgid: number): string[] {
  const living: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const [state, , pgrp] = stat.slice(close + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X')
      living.push(`${entry} (${stat.slice(stat.indexOf('(') + 1, close)})`);
  }
  return living;
}

/** The process groups of the servers running now: killed if the harness itself is stopped. */
const liveGroups = new Set<number>();

function killLiveGroups(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

process.on('exit', killLiveGroups);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    killLiveGroups();
    process.exit(130);
  });

/** `concord serve` in its own process group, so that a kill reaches all of it. */
class Server {
  private stderr = '';
  private exited: Promise<number | string>;
  private readonly child: ChildProcess;

  constructor(target: Target, port: number) {
    this.child = spawn(
      process.execPath,
      [BIN, 'serve', '--port', String(port), '--db', target.db],
      {
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: childEnv(),
      },
    );
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    const pid = this.child.pid;
    if (pid !== undefined) liveGroups.add(pid);
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => resolve(signal ?? code ?? 'unknown')),
    );
  }

  /** Waits until the server says it listens and /api/ready answers 200. */
  async ready(port: number): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let running = true;
    void this.exited.then(() => {
      running = false;
    });
    while (Date.now() < deadline) {
      if (!running) throw new Error(`the server exited while starting:\n${this.stderr}`);
      if (this.stderr.includes('Concord API on')) {
        const answer = await get(port, '/api/ready').catch(() => undefined);
        if (answer?.status === 200) return;
      }
      await sleep(20);
    }
    throw new Error(
      `the server did not become ready in ${seconds(READY_TIMEOUT_MS)}:\n${this.stderr}`,
    );
  }

  /**
   * Kills the whole process group (the server and the esbuild service tsx starts) and waits
   * until none of it runs; returns a problem if something still did after a while.
   */
  async kill(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<string | undefined> {
    const pid = this.child.pid;
    if (pid === undefined) return undefined;
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
    await this.exited;
    // Orphaned members of the group (esbuild) are reaped by init a moment later.
    const deadline = Date.now() + 5_000;
    let left = livingMembers(pid);
    while (left.length > 0 && Date.now() < deadline) {
      await sleep(20);
      left = livingMembers(pid);
    }
    if (left.length === 0) {
      liveGroups.delete(pid);
      return undefined;
    }
    process.kill(-pid, 'SIGKILL');
    return `processes of the server's group kept running after its ${signal}: ${left.join(', ')}`;
  }

  get log(): string {
    return this.stderr;
  }
}

/**
 * A GET on a fresh connection (none kept alive across a kill), with the writer's token when
 * given; rejects when the server cannot be reached or cuts the answer off.
 */
function get(
  port: number,
  path: string,
  token?: string,
): Promise<{ status: number; etag: string | undefined; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: '127.0.0.1',
        port,
        path,
        agent: false,
        timeout: 15_000,
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('error', reject);
        response.on('end', () => {
          if (!response.complete) return reject(new Error(`GET ${path}: answer cut off`));
          try {
            resolve({
              status: response.statusCode ?? 0,
              etag: response.headers.etag,
              body: text === '' ? undefined : JSON.parse(text),
            });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`GET ${path}: timed out`)));
    request.on('error', reject);
  });
}

interface DatabaseResult {
  readonly kind: DatabaseKind;
  readonly cycles: number;
  readonly positionsAcked: number;
  readonly profilesAcked: number;
  readonly found: number;
  readonly preconditionFailed: number;
  readonly cutOff: number;
  readonly unexpected: Record<string, number>;
  readonly auditEntries: number;
  readonly checkpoints: number;
  readonly integrity: string;
  readonly startMs: number[];
  readonly ms: number;
  readonly problems: string[];
}

/** A fresh database for the run: a SQLite file in `dir`, or a new schema on PostgreSQL. */
async function freshTarget(
  kind: DatabaseKind,
  dir: string,
  options: Options,
): Promise<{ target: Target; label: string; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const file = join(dir, 'concord.db');
    return { target: { kind, db: file }, label: `SQLite file ${file}`, drop: async () => {} };
  }
  const url = options.pgUrl as string;
  const schema = `crash_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return {
    target: { kind, db: withSchema.toString() },
    label: `PostgreSQL schema ${schema} (${describeUrl(url)})`,
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}

/** `concord demo`, a user in Ukraine's delegation, and their API token. */
async function setUp(dir: string, target: Target): Promise<string> {
  const concord = cliRunner(dir, Date.now());
  const steps = [
    ['demo'],
    ['user', 'add', USER],
    ['team', 'add-member', '--user', USER, '--team', PARTY, '--role', 'member'],
    ['user', 'token', USER, '--label', 'durability harness', '--json'],
  ];
  let out = '';
  for (const step of steps) {
    const run = await concord('--db', target.db, ...step);
    if (run.code !== 0) throw new Error(`concord ${step.join(' ')}: ${run.err}`);
    out = run.out;
  }
  return (JSON.parse(out) as { token: string }).token;
}

/** The version the writer records positions on (the latest it may see) and its provisions. */
async function versionToWrite(
  port: number,
  token: string,
): Promise<{ version: string; provisions: string[] }> {
  const answer = await get(port, `/api/v1/processes/${PROCESS}/texts/${TEXT}`, token);
  const text = answer.body as { versions: { id: string; provisions: { id: string }[] }[] };
  const version = text.versions[text.versions.length - 1];
  if (answer.status !== 200 || version === undefined)
    throw new Error(`cannot read the text ${TEXT}: ${answer.status}`);
  return { version: version.id, provisions: version.provisions.map((p) => p.id) };
}

/** The writer process (writer.ts), driven over its IPC channel. */
class Writer {
  private readonly child: ChildProcess;
  private waiting: { resolve: (r: CycleReport) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;
  private closing = false;

  constructor(logFile: string) {
    this.child = fork(WRITER, [logFile], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (report: CycleReport) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.resolve(report);
    });
    this.child.on('exit', (code, signal) => {
      if (this.closing) return;
      this.failure = new Error(`the writer process stopped (${signal ?? `exit code ${code}`})`);
      this.waiting?.reject(this.failure);
    });
  }

  /** Starts a cycle of writes; resolves with its figures once the server is gone and all stopped. */
  start(message: StartMessage): Promise<CycleReport> {
    const report = new Promise<CycleReport>((resolve, reject) => {
      if (this.failure !== undefined) return reject(this.failure);
      this.waiting = { resolve, reject };
      this.child.send(message);
    });
    report.catch(() => {}); // awaited later; a failure meanwhile is not unhandled
    return report;
  }

  stop(): void {
    if (this.child.connected) this.child.send({ type: 'stop' });
  }

  close(): void {
    this.closing = true;
    if (this.child.connected) this.child.disconnect();
  }
}

/** `runOn`, with a failure to even begin (no PostgreSQL, no port) as a failed result. */
function runSafelyOn(kind: DatabaseKind, options: Options): Promise<DatabaseResult> {
  const began = Date.now();
  return runOn(kind, options).catch((error: unknown) => ({
    kind,
    cycles: 0,
    positionsAcked: 0,
    profilesAcked: 0,
    found: 0,
    preconditionFailed: 0,
    cutOff: 0,
    unexpected: {},
    auditEntries: 0,
    checkpoints: 0,
    integrity: 'not checked',
    startMs: [],
    ms: Date.now() - began,
    problems: [`could not run: ${error instanceof Error ? error.message : String(error)}`],
  }));
}

async function runOn(kind: DatabaseKind, options: Options): Promise<DatabaseResult> {
  const began = Date.now();
  const dir = mkdtempSync(join(tmpdir(), `concord-crash-${kind}-`));
  const logFile = join(dir, 'writes.log');
  writeFileSync(logFile, '');
  const { target, label, drop } = await freshTarget(kind, dir, options);
  let token = '';
  const port = await freePort();
  const run = `crash-${randomBytes(4).toString('hex')}`;
  const random = seededRandom(deriveSeed(options.seed, kind === 'sqlite' ? 1 : 2));
  const ledger = new Ledger();
  let writer: Writer | undefined;
  /** The server now running, if any: killed whatever happens. */
  let running: Server | undefined;
  const problems: string[] = [];
  const totals = { preconditionFailed: 0, cutOff: 0, unexpected: {} as Record<string, number> };
  const checkpoints: Checkpoint[] = [];
  const startMs: number[] = [];
  let chain: readonly AuditEntry[] = [];
  let integrity = 'not checked';
  let initialProfileNote: string | undefined;
  let writeTo: { version: string; provisions: string[] } | undefined;
  let found = 0;
  let checkedAcked = 0;
  let cycles = 0;

  /** Starts the server and checks everything acknowledged so far. */
  const restartAndCheck = async (): Promise<Server> => {
    const t0 = Date.now();
    const server = new Server(target, port);
    running = server;
    await server.ready(port);
    startMs.push(Date.now() - t0);
    const profile = await get(port, `/api/v1/processes/${PROCESS}/profiles/${PARTY}`, token);
    if (profile.status !== 200 || profile.etag === undefined)
      throw new Error(`cannot read the profile of ${PARTY}: ${profile.status}`);
    const note = (profile.body as { note?: string }).note ?? '';
    initialProfileNote ??= note;
    writeTo ??= await versionToWrite(port, token);
    const state = await probeDatabase(target, PROCESS, run);
    const judgement = judge(
      {
        ledger,
        initialProfileNote,
        profileObject: `profile:${PARTY}`,
        earlierChain: chain,
        checkpoints,
      },
      { ...state, profile: { note, tag: profile.etag } },
    );
    chain = state.chain;
    integrity = state.integrity ?? 'n/a';
    found = judgement.found;
    checkedAcked = ledger.acked;
    problems.push(...judgement.problems);
    return server;
  };

  const line = (text: string) => process.stdout.write(`[${kind}] ${text}\n`);
  line(`database: ${label}; port ${port}`);
  try {
    token = await setUp(dir, target);
    writer = new Writer(logFile);
    for (let cycle = 1; cycle <= options.cycles && problems.length === 0; cycle++) {
      const cycleBegan = Date.now();
      const server = await restartAndCheck();
      if (problems.length > 0) {
        await server.kill();
        break;
      }
      const [min, max] = options.killAfter;
      const killAfter = Math.round(min + random() * (max - min));
      const checkpointAt = Math.round(random() * killAfter);
      const version = writeTo as { version: string; provisions: string[] };
      const report = writer.start({
        type: 'start',
        cycle,
        port,
        token,
        run,
        process: PROCESS,
        text: TEXT,
        version: version.version,
        provisions: version.provisions,
        party: PARTY,
        concurrency: options.concurrency,
        profileShare: options.profileShare,
        seed: deriveSeed(options.seed, cycle * 2 + (kind === 'sqlite' ? 0 : 1)),
      });
      // A signed checkpoint at a random moment while the writes go on: its entry must survive.
      const checkpoint = sleep(checkpointAt).then(() =>
        get(port, `/api/v1/processes/${PROCESS}/audit/checkpoint`, token).then(
          (answer) => {
            if (answer.status === 200) checkpoints.push(answer.body as Checkpoint);
            else {
              const key = `GET checkpoint ${answer.status}`;
              totals.unexpected[key] = (totals.unexpected[key] ?? 0) + 1;
            }
          },
          () => undefined,
        ),
      );
      await sleep(killAfter);
      const survivor = await server.kill();
      if (survivor !== undefined) problems.push(survivor);
      writer.stop();
      const figures = await report;
      await checkpoint;
      ledger.readFrom(logFile);
      cycles = cycle;
      totals.preconditionFailed += figures.preconditionFailed;
      totals.cutOff += figures.cutOff;
      for (const [key, n] of Object.entries(figures.unexpected))
        totals.unexpected[key] = (totals.unexpected[key] ?? 0) + n;
      const odd = Object.entries(figures.unexpected)
        .map(([key, n]) => `${n} × ${key}`)
        .join(', ');
      line(
        `cycle ${String(cycle).padStart(3)}/${options.cycles}: up in ${seconds(startMs[startMs.length - 1] ?? 0)}, ` +
          `${found}/${checkedAcked} acked before found (${chain.length} audit entries${kind === 'sqlite' ? `, integrity ${integrity}` : ''}); ` +
          `killed after ${killAfter} ms: +${figures.positionsAcked} positions, +${figures.profilesAcked} profiles acked, ` +
          `${figures.preconditionFailed} × 412, ${figures.cutOff} cut off${odd === '' ? '' : `, UNEXPECTED ${odd}`}; ${seconds(Date.now() - cycleBegan)}`,
      );
    }
    if (problems.length === 0) {
      // The last restart: everything acknowledged is there; then stop the server the polite way.
      const server = await restartAndCheck();
      const survivor = await server.kill('SIGTERM');
      if (survivor !== undefined) problems.push(survivor);
      problems.push(...(await operatorChecks(dir, target, checkpoints, ledger.acked)));
      if (kind === 'sqlite') {
        const after = await probeDatabase(target, PROCESS, run);
        integrity = after.integrity ?? integrity;
        if (integrity !== 'ok') problems.push(`PRAGMA integrity_check: ${integrity}`);
      }
      line(
        `final check: ${found} of ${ledger.acked} acknowledged writes found; ${chain.length} audit entries; integrity ${integrity}`,
      );
    }
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    await running?.kill();
    writer?.close();
  }
  const unexpectedCount = Object.values(totals.unexpected).reduce((a, b) => a + b, 0);
  if (unexpectedCount > 0)
    problems.push(
      `the server gave ${unexpectedCount} unexpected answers: ${Object.entries(totals.unexpected)
        .map(([key, n]) => `${n} × ${key}`)
        .join(', ')}`,
    );
  if (problems.length === 0 && !options.keep) {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  } else line(`kept for inspection: ${dir} (writes.log, the writer's log) and the ${label}`);
  return {
    kind,
    cycles,
    positionsAcked: ledger.positionsAcked.size,
    profilesAcked: ledger.profilesAcked.size,
    found,
    ...totals,
    auditEntries: chain.length,
    checkpoints: checkpoints.length,
    integrity,
    startMs,
    ms: Date.now() - began,
    problems,
  };
}

/** `concord audit verify --against` the last checkpoint, as a separate process, like an operator. */
async function operatorChecks(
  dir: string,
  target: Target,
  checkpoints: readonly Checkpoint[],
  acked: number,
): Promise<string[]> {
  const args = [BIN, 'audit', 'verify', '--db', target.db, '-p', PROCESS, '--json'];
  const last = checkpoints[checkpoints.length - 1];
  if (last !== undefined) {
    const file = join(dir, 'checkpoint.json');
    writeFileSync(file, JSON.stringify(last));
    args.push('--against', file);
  }
  const child = spawn(process.execPath, args, {
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) return [`concord audit verify exited with ${code}: ${err.trim() || out.trim()}`];
  const result = JSON.parse(out) as { ok: boolean; entries: number };
  if (!result.ok) return [`concord audit verify: ${out}`];
  if (result.entries < acked)
    return [
      `concord audit verify counts ${result.entries} entries for ${acked} acknowledged writes`,
    ];
  return [];
}

function summary(options: Options, results: readonly DatabaseResult[]): string {
  const rows = [
    [
      'database',
      'cycles',
      'acked',
      'positions',
      'profiles',
      'found',
      '412',
      'cut off',
      'audit entries',
      'checkpoints',
      'integrity',
      'restart (median)',
      'time',
    ],
    ...results.map((r) => {
      const sorted = [...r.startMs].sort((a, b) => a - b);
      return [
        r.kind,
        String(r.cycles),
        String(r.positionsAcked + r.profilesAcked),
        String(r.positionsAcked),
        String(r.profilesAcked),
        String(r.found),
        String(r.preconditionFailed),
        String(r.cutOff),
        String(r.auditEntries),
        String(r.checkpoints),
        r.integrity,
        seconds(sorted[Math.floor(sorted.length / 2)] ?? 0),
        seconds(r.ms),
      ];
    }),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  const table = rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const failed = results.filter((r) => r.problems.length > 0);
  const verdicts = results.map((r) =>
    r.problems.length === 0
      ? `${r.kind}: nothing lost — every acknowledged write found after ${r.cycles} kills`
      : `${r.kind}: FAILED\n${r.problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  return [
    '',
    `Durability (seed ${options.seed}, ${options.concurrency} requests in flight, SIGKILL ${options.killAfter[0]}–${options.killAfter[1]} ms after writing starts)`,
    ...table,
    '',
    ...verdicts,
    `crash: ${results.length - failed.length} passed, ${failed.length} failed`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  process.stdout.write(
    `test:crash on ${options.databases.join(' and ')}: ${options.cycles} cycles each, seed ${options.seed} (replay with --seed ${options.seed})\n`,
  );
  const results: DatabaseResult[] = [];
  if (options.sequential)
    for (const kind of options.databases) results.push(await runSafelyOn(kind, options));
  else
    results.push(
      ...(await Promise.all(options.databases.map((kind) => runSafelyOn(kind, options)))),
    );
  process.stdout.write(summary(options, results));
  process.exitCode = results.every((r) => r.problems.length === 0) ? 0 : 1;
}

await main();
