/**
 * `npm run bench:record`: the record at scale (200 parties, 20,000 people,
 * 100,000 events, 300,000 statements). Imports the scenario file into SQLite
 * (and into PostgreSQL when CONCORD_BENCH_PG holds a URL) and reports import
 * time, database size, and p50/p99 of who-as-of, a filtered timeline page of
 * 50 rows, and a person's history. Targets (2 cores): import ≤ 20 s and every
 * query p99 ≤ 20 ms, on SQLite. Prints a table and a JSON line.
 *
 * Options: --small (a tenth of the size, for a quick look), --seed N,
 * --runs N (import N times into fresh databases and report the median: the
 * machine's timings vary by ±15% and more between runs).
 */

import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { processIo } from '../src/cli/io.ts';
import { progressBar } from '../src/cli/progress.ts';
import { parseFuzzyDate } from '../src/core/fuzzy-date.ts';
import type { PartyId, PersonId, ProcessId } from '../src/core/ids.ts';
import { EVENT_KINDS } from '../src/core/negotiation-event.ts';
import { readScenarioParallel } from '../src/io/scenario/scenario-read.ts';
import { recordToScenario, writeScenario } from '../src/io/scenario/scenario-write.ts';
import { RecordService } from '../src/services/record-service.ts';
import { openPostgresStore } from '../src/store/postgres-store.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';
import {
  generateRecord,
  ISSUE_SIZE,
  type RecordSize,
  seededRandom,
} from '../src/testing/generate-record.ts';
import { machine, ms, percentile, sample, timed } from './stats.ts';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(`Usage: npm run bench:record [-- --small] [--seed N] [--runs N]

Imports a generated process (200 parties, 20,000 people, 100,000 events,
300,000 statements; --small for a tenth) into SQLite, and into PostgreSQL when
CONCORD_BENCH_PG holds a URL, then times who-as-of, timeline and person
queries. --runs N imports N times into fresh databases and reports the median
(default 1). Prints a table and a JSON line.`);
  process.exit(0);
}
const small = args.includes('--small');
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  const value = at === -1 ? Number.NaN : Number(args[at + 1]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const seed = option('--seed', 42);
const runs = option('--runs', 1);
const size: RecordSize = small
  ? { parties: 20, people: 2_000, events: 10_000, statements: 30_000, sources: 100 }
  : ISSUE_SIZE;
const QUERIES = 1_000;
const io = processIo();
const dir = join(process.cwd(), '.bench');
mkdirSync(dir, { recursive: true });
const process_ = 'bench-process' as ProcessId;

interface StoreFigures {
  store: string;
  importSeconds: number;
  /** Each run's import time (the median is `importSeconds`). */
  importRuns: number[];
  checkSeconds: number;
  databaseMiB: number;
  queries: Record<string, { p50: number; p99: number }>;
}

async function main(): Promise<void> {
  console.log(`Concord record benchmark — ${machine()}`);
  console.log(
    `Size: ${size.parties} parties, ${size.people.toLocaleString('en')} people, ${size.events.toLocaleString('en')} events, ${size.statements.toLocaleString('en')} statements (seed ${seed})`,
  );
  const base = join(dir, `record-${small ? 'small' : 'full'}-${seed}`);
  if (!existsSync(`${base}.yaml`) || !existsSync(`${base}.json`)) {
    const record = generateRecord(size, seed, progressBar(io, 'Generating'));
    const [yaml, yamlMs] = await timed(() => writeScenario(record));
    writeFileSync(`${base}.yaml`, yaml);
    writeFileSync(`${base}.json`, JSON.stringify(recordToScenario(record)));
    console.log(
      `Wrote ${base}.yaml (${(yaml.length / 2 ** 20).toFixed(1)} MiB, exported in ${ms(yamlMs)}) and its JSON twin`,
    );
  }
  const text = readFileSync(`${base}.yaml`, 'utf8');
  const json = readFileSync(`${base}.json`, 'utf8');
  console.log(
    `Scenario file: ${(statSync(`${base}.yaml`).size / 2 ** 20).toFixed(1)} MiB as YAML, ${(statSync(`${base}.json`).size / 2 ** 20).toFixed(1)} MiB as JSON`,
  );

  // The JSON form of the same file, into a database of its own (JSON is YAML; it is parsed natively).
  const jsonFile = join(dir, 'record-bench-json.db');
  const jsonTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    removeDatabase(jsonFile);
    const jsonStore = await openSqliteStore({ file: jsonFile, create: true });
    const [, jsonMs] = await timed(() =>
      new RecordService(jsonStore).importScenario(json, 'bench.json', {
        onProgress: progressBar(io, '  Writing the JSON form to SQLite'),
      }),
    );
    await jsonStore.close();
    jsonTimes.push(jsonMs);
    console.log(`  SQLite, JSON form: imported in ${(jsonMs / 1000).toFixed(1)} s`);
  }
  removeDatabase(jsonFile);
  const jsonMs = percentile(jsonTimes, 50);

  const figures: StoreFigures[] = [];
  const sqliteFile = join(dir, 'record-bench.db');
  figures.push(
    await measure(
      'SQLite',
      text,
      async (fresh) => {
        if (fresh) removeDatabase(sqliteFile);
        return openSqliteStore({ file: sqliteFile, create: true });
      },
      async () => statSync(sqliteFile).size,
    ),
  );

  const pgUrl = process.env.CONCORD_BENCH_PG;
  if (pgUrl) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    figures.push(
      await measure(
        'PostgreSQL',
        text,
        async (fresh) => {
          if (fresh) {
            await admin.query('drop schema if exists bench cascade');
            await admin.query('create schema bench');
          }
          return openPostgresStore({ url: pgUrl, schema: 'bench' });
        },
        async () => {
          const result = await admin.query(
            "select sum(pg_total_relation_size(c.oid))::bigint as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'bench' and c.relkind = 'r'",
          );
          return Number(result.rows[0]?.bytes ?? 0);
        },
      ),
    );
    await admin.end();
  } else {
    console.log('PostgreSQL: skipped (set CONCORD_BENCH_PG=postgres://… to include it)');
  }

  console.log('\nResults');
  const median = runs > 1 ? `median of ${runs} runs: ` : '';
  console.log(
    `  SQLite, the same file in JSON form: import ${median}${(jsonMs / 1000).toFixed(1)} s${listed(jsonTimes)}`,
  );
  for (const f of figures) {
    console.log(
      `  ${f.store}: import ${median}${f.importSeconds.toFixed(1)} s${listed(f.importRuns.map((r) => r * 1000))} (of which reading and checking ${f.checkSeconds.toFixed(1)} s), database ${f.databaseMiB.toFixed(0)} MiB`,
    );
    for (const [name, q] of Object.entries(f.queries))
      console.log(
        `    ${name.padEnd(22)} p50 ${ms(q.p50).padStart(9)}   p99 ${ms(q.p99).padStart(9)}`,
      );
  }
  console.log(
    JSON.stringify({
      bench: 'record',
      machine: machine(),
      size,
      seed,
      runs,
      jsonImportSeconds: jsonMs / 1000,
      jsonImportRuns: jsonTimes.map((t) => t / 1000),
      figures,
    }),
  );
}

async function measure(
  name: string,
  text: string,
  open: (fresh: boolean) => Promise<Store>,
  sizeOf: () => Promise<number>,
): Promise<StoreFigures> {
  console.log(`\n${name}`);
  const [, checkMs] = await timed(() => readScenarioParallel(text, 'bench.yaml'));
  const importTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const fresh = await open(true);
    const [report, importMs] = await timed(() =>
      new RecordService(fresh).importScenario(text, 'bench.yaml', {
        onProgress: progressBar(io, `  Writing to ${name}`),
      }),
    );
    importTimes.push(importMs);
    console.log(
      `  Imported ${report.total.toLocaleString('en')} items in ${(importMs / 1000).toFixed(1)} s`,
    );
    await fresh.close();
  }
  const importMs = percentile(importTimes, 50);
  const bytes = await sizeOf();
  const store = await open(false);
  const service = new RecordService(store);
  const random = seededRandom(7);
  const int = (n: number) => Math.floor(random() * n);
  const dateIn5Years = () =>
    parseFuzzyDate(
      new Date(Date.UTC(2021, 0, 1) + int(5 * 365) * 86_400_000).toISOString().slice(0, 10),
    );
  const party = () => `party-${int(size.parties)}` as PartyId;
  const person = () => `person-${int(size.people)}` as PersonId;
  const page = { limit: 50, offset: 0 };

  const queries: StoreFigures['queries'] = {};
  const run = async (label: string, work: () => Promise<unknown>) => {
    const times = await sample(QUERIES, 50, work);
    queries[label] = { p50: percentile(times, 50), p99: percentile(times, 99) };
    console.log(
      `  ${label.padEnd(22)} p50 ${ms(queries[label].p50).padStart(9)}   p99 ${ms(queries[label].p99).padStart(9)}`,
    );
  };
  await run('who as of (a party)', () =>
    service.who(process_, { parties: [party()], asOf: dateIn5Years() }),
  );
  await run('timeline page of 50', () => {
    const roll = int(4);
    const from = dateIn5Years();
    if (roll === 0) return service.timeline(process_, { parties: [party()] }, page);
    if (roll === 1) return service.timeline(process_, { people: [person()] }, page);
    if (roll === 2)
      return service.timeline(
        process_,
        { kinds: [EVENT_KINDS[int(EVENT_KINDS.length)] ?? 'meeting'], from },
        page,
      );
    return service.timeline(process_, { upcomingAsOf: from, parties: [party()] }, page);
  });
  await run("person's history", () => service.showPerson(process_, person(), page));
  await store.close();
  return {
    store: name,
    importSeconds: importMs / 1000,
    importRuns: importTimes.map((t) => t / 1000),
    checkSeconds: checkMs / 1000,
    databaseMiB: bytes / 2 ** 20,
    queries,
  };
}

/** Removes an SQLite database file and its WAL companions. */
function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/** ` (runs: 19.2, 20.1, 21.0 s)` when there were several runs. */
function listed(times: readonly number[]): string {
  return times.length < 2 ? '' : ` (runs: ${times.map((t) => (t / 1000).toFixed(1)).join(', ')} s)`;
}

await main();
