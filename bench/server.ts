/**
 * `npm run bench:server`: the HTTP API under load. The server runs in a
 * process of its own (`concord serve`), autocannon in this one, on loopback,
 * as a member of Ukraine's delegation signed in with an API token.
 *
 * Data: the reference scenario (`concord demo`) plus a generated process of
 * 20 parties, 2,000 people, 10,000 events and 30,000 statements (seed 42) in
 * the same database, so that every query has to find the reference process's
 * few rows among many.
 *
 * Scenarios, each `--duration` seconds (default 30) with `--connections`
 * (default 100), after a warm-up:
 * - reads: the dashboard (with "since my last visit") and the positions
 *   matrix of the peace plan, alternating, as fast as the connections go;
 * - the same reads at an even 1,500 requests per second (the target), for
 *   the latency at that load rather than at saturation (sent by this program
 *   itself: autocannon's rate limit sends each second's share in a burst);
 * - mix: the same reads with one request in ten recording a position (each
 *   body unique);
 * - writes: positions only (append-only, each chained in the audit log).
 * Afterwards the audit chain must verify. Targets (2 cores, SQLite): reads
 * ≥ 1,500 req/s with p99 ≤ 50 ms; writes ≥ 300/s.
 *
 * SQLite always; PostgreSQL too when CONCORD_BENCH_PG (or else DATABASE_URL
 * or CONCORD_TEST_PG, with the database concord_bench) is set: it works in
 * the schema bench_server, dropped and made anew first.
 *
 * Options: --duration S, --connections N, --only sqlite|postgres, --no-enlarge
 * (the reference scenario alone), --cpu-prof DIR (profile the server: a
 * .cpuprofile per store in DIR), --json (print only the JSON).
 */

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, type ClientRequest, get as httpGet } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { recordToScenario } from '../src/io/scenario/scenario-write.ts';
import { generateRecord, type RecordSize } from '../src/testing/generate-record.ts';
import { machine, percentile } from './stats.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const duration = Number(option('--duration') ?? 30);
const connections = Number(option('--connections') ?? 100);
const only = option('--only');
const enlarge = !args.includes('--no-enlarge');
const jsonOnly = args.includes('--json');
const profileDir = option('--cpu-prof');
if (!(duration > 0) || !(connections > 0)) {
  console.error('--duration and --connections take positive numbers');
  process.exit(1);
}
const warmup = Math.min(5, Math.max(1, Math.round(duration / 6)));

const SIZE: RecordSize = {
  parties: 20,
  people: 2_000,
  events: 10_000,
  statements: 30_000,
  sources: 100,
};
const SEED = 42;
const TALKS = 'ukraine-talks-2025';
const USER = 'bench-member';
const DASHBOARD = `/api/v1/processes/${TALKS}/dashboard?since=2025-11-28`;
const MATRIX = `/api/v1/processes/${TALKS}/texts/peace-plan/positions`;
const WRITE = `/api/v1/processes/${TALKS}/texts/peace-plan/positions`;
/** Closed provisions of the revised framework the writes take stances on. */
const PROVISIONS = [
  'ceasefire',
  'security-guarantees',
  'nato',
  'elections',
  'sanctions-relief',
  'frozen-assets',
];
/** The read target: latency is also measured at this rate (as many requests per second, no more). */
const READ_RATE = 1_500;
const STANCES = ['accepts', 'rejects', 'undecided', 'red-line'];

const dir = join(process.cwd(), '.bench');
mkdirSync(dir, { recursive: true });
const cli = join(process.cwd(), 'bin', 'concord.js');
const log = (text: string) => {
  if (!jsonOnly) console.log(text);
};

interface ScenarioFigures {
  scenario: string;
  requests: number;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Responses by status other than 2xx. */
  statuses: Record<string, number>;
  errors: number;
  /** Writes answered 201, per second. */
  writesPerSec?: number;
  /** The server process's CPU time over the run, as a share of one core. */
  serverCpu: number;
  /** This process's (the load generator's) CPU time, as a share of one core. */
  clientCpu: number;
  /** Load average (1 min) of the machine at the start and the end. */
  load: [number, number];
}

interface StoreFigures {
  store: string;
  scenarios: ScenarioFigures[];
  auditEntries: number;
}

async function main(): Promise<void> {
  log(`Concord server benchmark — ${machine()}`);
  log(
    `${connections} connections, ${duration} s per scenario (warm-up ${warmup} s); data: the reference scenario${enlarge ? ` + a generated process (${SIZE.events.toLocaleString('en')} events, ${SIZE.statements.toLocaleString('en')} statements)` : ''}`,
  );
  const generated = enlarge ? generatedScenario() : undefined;
  const stores: { name: string; db: string; clean: () => Promise<void> }[] = [];
  if (only === undefined || only === 'sqlite') {
    const file = join(dir, 'server.db');
    stores.push({
      name: 'SQLite',
      db: file,
      clean: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      },
    });
  }
  const pgUrl = postgresUrl();
  if ((only === undefined || only === 'postgres') && pgUrl !== undefined) {
    const schema = 'bench_server';
    const url = new URL(pgUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    stores.push({
      name: 'PostgreSQL',
      db: url.toString(),
      clean: async () => {
        const admin = new pg.Client({ connectionString: pgUrl });
        await admin.connect();
        await admin.query(`drop schema if exists ${schema} cascade`);
        await admin.query(`create schema ${schema}`);
        await admin.end();
      },
    });
  } else if (only !== 'sqlite')
    log('PostgreSQL: skipped (set CONCORD_BENCH_PG=postgres://… to include it)');

  const results: StoreFigures[] = [];
  for (const store of stores) {
    log(`\n${store.name}: preparing the database…`);
    await store.clean();
    const concord = (...rest: string[]) =>
      execFileSync(process.execPath, [cli, '--db', store.db, ...rest], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    concord('demo');
    if (generated !== undefined) concord('import', generated);
    concord('user', 'add', USER);
    concord('--process', TALKS, 'team', 'add-member', '--user', USER, '--team', 'ukraine');
    const { token } = JSON.parse(concord('--json', 'user', 'token', USER, '--label', 'bench')) as {
      token: string;
    };
    const server = await startServer(store.db);
    try {
      results.push({
        store: store.name,
        scenarios: await runScenarios(server.url, token, server.child),
        auditEntries: 0,
      });
    } finally {
      await stopServer(server.child);
    }
    const audit = JSON.parse(concord('--process', TALKS, '--json', 'audit', 'verify')) as {
      ok: boolean;
      entries: number;
    };
    if (!audit.ok) throw new Error(`${store.name}: the audit chain does not verify`);
    (results[results.length - 1] as StoreFigures).auditEntries = audit.entries;
    log(`${store.name}: the audit chain verifies (${audit.entries.toLocaleString('en')} entries)`);
  }

  if (!jsonOnly) printTable(results);
  console.log(
    JSON.stringify({
      bench: 'server',
      machine: machine(),
      duration,
      connections,
      enlarged: enlarge,
      results,
    }),
  );
}

/** The generated process as a JSON scenario file (made once per seed and size). */
function generatedScenario(): string {
  const file = join(dir, `server-process-${SEED}.json`);
  if (!existsSync(file)) {
    const record = generateRecord(SIZE, SEED, () => {});
    writeFileSync(file, JSON.stringify(recordToScenario(record)));
  }
  return file;
}

function postgresUrl(): string | undefined {
  if (process.env.CONCORD_BENCH_PG) return process.env.CONCORD_BENCH_PG;
  const base = process.env.DATABASE_URL || process.env.CONCORD_TEST_PG;
  if (!base) return undefined;
  const url = new URL(base);
  url.pathname = '/concord_bench';
  return url.toString();
}

async function startServer(db: string): Promise<{ url: string; child: ChildProcess }> {
  const profile = profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir];
  const child = spawn(process.execPath, [...profile, cli, '--db', db, 'serve', '--port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start:\n${stderr}`)),
      60_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /Concord API on (http:\/\/\S+)\/api\/v1/.exec(stderr);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}):\n${stderr}`));
    });
  });
  return { url, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function runScenarios(
  url: string,
  token: string,
  server: ChildProcess,
): Promise<ScenarioFigures[]> {
  const headers = { authorization: `Bearer ${token}` };
  // Make sure the requests do what they should before timing them.
  for (const path of [DASHBOARD, MATRIX]) {
    const response = await fetch(`${url}${path}`, { headers });
    const body = (await response.json()) as { viewer?: { party?: string } };
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
    if (path === DASHBOARD && body.viewer?.party !== 'ukraine')
      throw new Error('the bench user does not read as the Ukrainian delegation');
  }
  let written = 0;
  let writtenOk = 0;
  const write: autocannon.Request = {
    method: 'POST',
    path: WRITE,
    headers: { ...headers, 'content-type': 'application/json' },
    setupRequest: (request) => {
      const n = written++;
      return {
        ...request,
        body: JSON.stringify({
          version: 'revised-framework',
          provision: PROVISIONS[n % PROVISIONS.length],
          party: 'ukraine',
          stance: STANCES[n % STANCES.length],
          note: `bench ${process.pid}-${n}`,
          audience: 'party',
        }),
      };
    },
    onResponse: (status) => {
      if (status === 201) writtenOk++;
    },
  };
  const read = (path: string): autocannon.Request => ({ method: 'GET', path, headers });
  const reads = [read(DASHBOARD), read(MATRIX)];
  // One write in every ten requests; the reads between alternate.
  let k = 0;
  const mix = Array.from({ length: 20 }, (_, i) =>
    i % 10 === 9 ? write : (reads[k++ % 2] as autocannon.Request),
  );
  const scenarios: {
    name: string;
    requests: autocannon.Request[];
    writes: boolean;
    rate?: number;
  }[] = [
    { name: 'reads (dashboard + matrix)', requests: reads, writes: false },
    {
      name: `reads at ${READ_RATE.toLocaleString('en')} req/s`,
      requests: reads,
      writes: false,
      rate: READ_RATE,
    },
    { name: 'mix (10% writes)', requests: mix, writes: true },
    { name: 'writes (positions)', requests: [write], writes: true },
  ];

  log(`warming up for ${warmup} s…`);
  await autocannon({ url, connections, duration: warmup, requests: reads });
  const figures: ScenarioFigures[] = [];
  for (const scenario of scenarios) {
    writtenOk = 0;
    const load = loadavg()[0] as number;
    const cpuBefore = cpuSeconds(server.pid as number);
    const clientBefore = process.cpuUsage();
    const run =
      scenario.rate === undefined
        ? fromAutocannon(
            await autocannon({ url, connections, duration, requests: scenario.requests }),
          )
        : await paced(url, [DASHBOARD, MATRIX], headers, scenario.rate, duration);
    const cpu = cpuSeconds(server.pid as number) - cpuBefore;
    const client = process.cpuUsage(clientBefore);
    const seconds = run.seconds;
    const row: ScenarioFigures = {
      scenario: scenario.name,
      requests: run.requests,
      seconds: round(seconds, 1),
      reqPerSec: Math.round(run.requests / seconds),
      p50: run.p50,
      p99: run.p99,
      non2xx: run.non2xx,
      statuses: run.statuses,
      errors: run.errors,
      ...(scenario.writes ? { writesPerSec: Math.round(writtenOk / seconds) } : {}),
      serverCpu: round(cpu / seconds, 2),
      clientCpu: round((client.user + client.system) / 1e6 / seconds, 2),
      load: [round(load, 2), round(loadavg()[0] as number, 2)],
    };
    figures.push(row);
    log(
      `  ${row.scenario}: ${row.reqPerSec.toLocaleString('en')} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, non-2xx ${row.non2xx}${row.non2xx > 0 ? ` ${JSON.stringify(row.statuses)}` : ''}, errors ${row.errors}${row.writesPerSec === undefined ? '' : `, ${row.writesPerSec} writes/s`}; server CPU ${Math.round(row.serverCpu * 100)}% of a core, load generator ${Math.round(row.clientCpu * 100)}%; load ${row.load.join(' → ')}`,
    );
  }
  return figures;
}

/** What a run measured. */
interface Run {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  non2xx: number;
  statuses: Record<string, number>;
  errors: number;
}

function fromAutocannon(result: autocannon.Result): Run {
  return {
    requests: result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'],
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {})
        .filter(([status]) => !status.startsWith('2'))
        .map(([status, stats]) => [status, stats.count ?? 0]),
    ),
    errors: result.errors,
  };
}

/**
 * `rate` requests per second at an even pace (a few every 10 ms, over at most
 * `connections` kept-alive connections), whether or not earlier ones have been
 * answered: the latency at that load. (autocannon's own rate limit sends each
 * connection's share for the second at once, so its latencies measure bursts.)
 */
async function paced(
  base: string,
  paths: readonly string[],
  headers: Record<string, string>,
  rate: number,
  seconds: number,
): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  const inFlight = new Set<Promise<void>>();
  const open = new Set<ClientRequest>();
  const one = (path: string) =>
    new Promise<void>((resolve) => {
      const start = performance.now();
      const request = httpGet(`${base}${path}`, { agent, headers }, (response) => {
        response.resume();
        response.on('end', () => {
          open.delete(request);
          latencies.push(performance.now() - start);
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300) statuses[status] = (statuses[status] ?? 0) + 1;
          resolve();
        });
      });
      request.setTimeout(10_000, () => request.destroy(new Error('timeout')));
      open.add(request);
      request.on('error', () => {
        open.delete(request);
        errors++;
        resolve();
      });
    });
  const began = performance.now();
  const tick = 10;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - began;
      if (elapsed >= seconds * 1000) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor((elapsed / 1000) * rate);
      while (sent < due) {
        const done = one(paths[sent % paths.length] as string);
        sent++;
        inFlight.add(done);
        void done.then(() => inFlight.delete(done));
      }
    }, tick);
  });
  // Requests still waiting 10 s after the last was sent count as errors (a server slower than
  // the rate would otherwise keep the run going until it had caught up).
  await Promise.race([
    Promise.all(inFlight),
    new Promise((resolve) => setTimeout(resolve, 10_000)),
  ]);
  for (const request of open) request.destroy(new Error('unanswered'));
  await Promise.all(inFlight);
  agent.destroy();
  const non2xx = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    requests: latencies.length,
    seconds: (performance.now() - began) / 1000,
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
    non2xx,
    statuses,
    errors,
  };
}

/** User + system CPU seconds a process has used (Linux: /proc/PID/stat; ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function printTable(results: StoreFigures[]): void {
  const header = [
    'store',
    'scenario',
    'req/s',
    'p50',
    'p99',
    'non-2xx',
    'writes/s',
    'server CPU',
    'load generator CPU',
    'load',
  ];
  const rows = results.flatMap((store) =>
    store.scenarios.map((s) => [
      store.store,
      s.scenario,
      s.reqPerSec.toLocaleString('en'),
      `${s.p50} ms`,
      `${s.p99} ms`,
      String(s.non2xx + s.errors),
      s.writesPerSec === undefined ? '' : String(s.writesPerSec),
      `${Math.round(s.serverCpu * 100)}%`,
      `${Math.round(s.clientCpu * 100)}%`,
      `${s.load[0]} → ${s.load[1]}`,
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n${line(header)}`);
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('\nTargets (2 cores, SQLite): reads ≥ 1,500 req/s with p99 ≤ 50 ms; writes ≥ 300/s.');
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
