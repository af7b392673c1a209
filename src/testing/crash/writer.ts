/**
 * The durability harness's writer process (forked by harness.ts, which talks
 * to it over the IPC channel). On `start` it writes to the server with
 * several requests in flight at once — positions (append-only, each with a
 * note unique in the run) and, some of the time, the party's profile (read
 * for its ETag, then replaced with If-Match) — until the server goes away
 * (the harness kills it). Every write is logged as sent before its request
 * goes out, and as acknowledged, fsynced, before it is counted; then the
 * writer reports the cycle's figures and waits for the next `start`.
 */

import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import http from 'node:http';
import { seededRandom } from '../../core/analysis/random.ts';
import { POSITION_AUDIENCES, STANCES } from '../../core/text/position.ts';
import type { LogLine } from './ledger.ts';

export interface StartMessage {
  readonly type: 'start';
  readonly cycle: number;
  readonly port: number;
  readonly token: string;
  /** Prefix of every note, unique to the run. */
  readonly run: string;
  readonly process: string;
  readonly text: string;
  readonly version: string;
  readonly provisions: readonly string[];
  readonly party: string;
  readonly concurrency: number;
  /** Share of the writes that replace the profile, 0–1. */
  readonly profileShare: number;
  readonly seed: number;
}

export interface StopMessage {
  readonly type: 'stop';
}

export interface CycleReport {
  readonly type: 'stopped';
  readonly cycle: number;
  readonly positionsAcked: number;
  readonly profilesAcked: number;
  /** Profile writes answered 412 (the profile changed since it was read): fine, not lost. */
  readonly preconditionFailed: number;
  /** Requests cut off when the server died (or that could not connect). */
  readonly cutOff: number;
  /** Any other answer, by method, route and status. */
  readonly unexpected: Record<string, number>;
}

interface Answer {
  readonly status: number;
  readonly etag: string | undefined;
  readonly body: string;
}

const REQUEST_TIMEOUT_MS = 15_000;

class NetworkError extends Error {}

function send(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          ...headers,
          ...(payload === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': String(Buffer.byteLength(payload)),
              }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => reject(new NetworkError(error.message)));
        response.on('aborted', () => reject(new NetworkError('response aborted')));
        response.on('end', () => {
          // A response cut off midway is no acknowledgement.
          if (!response.complete) reject(new NetworkError('response incomplete'));
          else
            resolve({
              status: response.statusCode ?? 0,
              etag: response.headers.etag,
              body: Buffer.concat(chunks).toString('utf8'),
            });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => reject(new NetworkError(error.message)));
    request.end(payload);
  });
}

function main(): void {
  const logFile = process.argv[2];
  if (logFile === undefined || process.send === undefined) {
    process.stderr.write('usage: forked by src/testing/crash/harness.ts with the log file\n');
    process.exit(2);
  }
  const fd = openSync(logFile, 'a');
  const log = (line: LogLine, durable: boolean) => {
    writeSync(fd, `${JSON.stringify(line)}\n`);
    if (durable) fdatasyncSync(fd);
  };
  let counter = 0;
  let stopping = false;

  async function runCycle(start: StartMessage): Promise<CycleReport> {
    stopping = false;
    const random = seededRandom(start.seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const agent = new http.Agent({ keepAlive: true, maxSockets: start.concurrency });
    const auth = { authorization: `Bearer ${start.token}` };
    const base = `/api/v1/processes/${start.process}`;
    const stats = {
      positionsAcked: 0,
      profilesAcked: 0,
      preconditionFailed: 0,
      cutOff: 0,
      unexpected: {} as Record<string, number>,
    };
    const unexpected = (what: string, answer: Answer) => {
      const key = `${what} ${answer.status}`;
      stats.unexpected[key] = (stats.unexpected[key] ?? 0) + 1;
      if (stats.unexpected[key] === 1)
        process.stderr.write(`writer: ${key}: ${answer.body.slice(0, 300)}\n`);
    };

    const writePosition = async () => {
      counter += 1;
      const note = `${start.run} c${start.cycle} w${counter}`;
      const stance = pick(STANCES);
      log({ kind: 'position', state: 'sent', note }, false);
      const answer = await send(
        agent,
        start.port,
        'POST',
        `${base}/texts/${start.text}/positions`,
        auth,
        {
          version: start.version,
          provision: pick(start.provisions),
          party: start.party,
          stance,
          ...(stance === 'accepts-with-changes' ? { wording: `wording of ${note}` } : {}),
          audience: pick(POSITION_AUDIENCES),
          note,
        },
      );
      if (answer.status !== 201) return unexpected('POST position', answer);
      const { key } = JSON.parse(answer.body) as { key: string };
      log({ kind: 'position', state: 'acked', note, key }, true);
      stats.positionsAcked += 1;
    };

    const writeProfile = async () => {
      const path = `${base}/profiles/${start.party}`;
      const read = await send(agent, start.port, 'GET', path, auth);
      if (read.status !== 200 || read.etag === undefined) return unexpected('GET profile', read);
      counter += 1;
      const note = `${start.run} c${start.cycle} w${counter}`;
      const profile = { ...(JSON.parse(read.body) as object), note };
      log({ kind: 'profile', state: 'sent', note }, true);
      const answer = await send(
        agent,
        start.port,
        'PUT',
        path,
        { ...auth, 'if-match': read.etag },
        profile,
      );
      if (answer.status === 412) stats.preconditionFailed += 1;
      else if (answer.status !== 200 || answer.etag === undefined)
        unexpected('PUT profile', answer);
      else {
        log({ kind: 'profile', state: 'acked', note, tag: answer.etag }, true);
        stats.profilesAcked += 1;
      }
    };

    const loop = async () => {
      while (!stopping) {
        try {
          await (random() < start.profileShare ? writeProfile() : writePosition());
        } catch (error) {
          if (!(error instanceof NetworkError)) throw error;
          // The server is gone: this request was cut off, or could not connect.
          stats.cutOff += 1;
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: start.concurrency }, loop));
    agent.destroy();
    return { type: 'stopped', cycle: start.cycle, ...stats };
  }

  process.on('message', (message: StartMessage | StopMessage) => {
    if (message.type === 'stop') {
      stopping = true;
      return;
    }
    runCycle(message).then(
      (report) => process.send?.(report),
      (error: unknown) => {
        process.stderr.write(`writer: ${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(2);
      },
    );
  });
  process.on('disconnect', () => {
    closeSync(fd);
    process.exit(0);
  });
}

main();
