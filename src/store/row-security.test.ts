/**
 * The second wall (migration 0006): on PostgreSQL, raw SQL that filters
 * nothing, run through a viewer's store, returns exactly the rows the rules
 * of `core/audience.ts` let that viewer see — checked row by row against the
 * rules applied to what the operator reads, and by canary strings planted in
 * every kind of confidential row. A store that names no viewer reads as the
 * public; writes outside a viewer's rights are refused by the policies. The
 * check of the connected role, which `concord serve` applies, is tested here
 * as a pure decision and against the real test role.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import {
  type Audience,
  canSee,
  canSeePosition,
  canSeeVersion,
  OPERATOR,
  PUBLIC_VIEWER,
  type Viewer,
} from '../core/audience.ts';
import { parseFuzzyDate } from '../core/fuzzy-date.ts';
import type { PartyId, ProcessId, ProvisionId, TextId, VersionId } from '../core/ids.ts';
import type { PositionAudience } from '../core/text/position.ts';
import { walkProvisions } from '../core/text/provision.ts';
import { profileSchema, toProfile } from '../io/scenario/scenario-analysis.ts';
import { ProfileService } from '../services/analysis-service.ts';
import { PositionService } from '../services/position-service.ts';
import { RecordService } from '../services/record-service.ts';
import { TextService } from '../services/text-service.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import type { Database } from './database.ts';
import { ROW_SECURITY } from './migrations/0006-row-security.ts';
import { beginAs, inReadScope, roleProblem, viewerSettings } from './postgres-store.ts';
import { executorOf, type Store } from './store.ts';

/** Replaces `from` (which must occur exactly once) by `to`. */
function plant(text: string, from: string | RegExp, to: string): string {
  const count = typeof from === 'string' ? text.split(from).length - 1 : 1;
  assert.equal(count, 1, `exactly one ${from} in the example`);
  const planted = text.replace(from, to);
  assert.notEqual(planted, text, `${from} planted`);
  return planted;
}

const PRIVATE_EVENT = `  - slug: canary-back-channel
    kind: meeting
    status: held
    title: CANARY-private-event
    date: 2025-11-29
    participants: [umerov]
    parties: [ukraine]
    audience: private
`;
const STATEMENTS = `  - speaker: umerov
    party: ukraine
    date: 2025-11-29
    form: quotation
    text: CANARY-private-statement
    audience: private

  - speaker: umerov
    party: ukraine
    date: 2025-11-29
    event: canary-back-channel
    form: quotation
    text: CANARY-statement-at-private-event
`;
/** Circulated to Russia only, derived from a version Russia may not see. */
const RUSSIA_VERSION = `      - slug: russia-draft
        label: CANARY-russia-version
        proposed_by: us
        derived_from: revised-framework
        status: draft
        circulated_to: [russia]
        provisions:
          - id: sanctions-relief
            heading: Sanctions
            body: CANARY-russia-provision
            from: [sanctions-relief]
`;

let example = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);
example = plant(example, '\nstatements:\n', `\n${PRIVATE_EVENT}\nstatements:\n`);
example = plant(example, '\n# The peace plan.', `\n${STATEMENTS}\n# The peace plan.`);
example = plant(example, '\n# Positions:', `\n${RUSSIA_VERSION}\n# Positions:`);
example = plant(
  example,
  'Illustrative throughout: the negotiators',
  'CANARY-ukraine-version. Illustrative throughout: the negotiators',
);
example = plant(
  example,
  'effect to those among allies.',
  'effect to those among allies. CANARY-ukraine-provision',
);
for (const [party, audience] of [
  ['us', 'mediator'],
  ['ukraine', 'party'],
  ['russia', 'party'],
]) {
  example = plant(
    example,
    new RegExp(`(- party: ${party}\\n {4}audience: )mediator\\n {4}note: [^\\n]*`),
    `$1${audience}\n    note: CANARY-${party}-${audience}-profile`,
  );
}
const talks = 'ukraine-talks-2025' as ProcessId;

const party = (slug: string): Viewer => ({ kind: 'party', party: slug as PartyId });
const VIEWERS: Record<string, Viewer> = {
  public: PUBLIC_VIEWER,
  mediator: { kind: 'mediator' },
  ukraine: party('ukraine'),
  russia: party('russia'),
  us: party('us'),
  operator: OPERATOR,
};

const isParty = (v: Viewer, slug: string) => v.kind === 'party' && v.party === slug;
const CANARIES: Record<string, (v: Viewer) => boolean> = {
  'CANARY-private-event': (v) => v.kind === 'operator',
  'CANARY-private-statement': (v) => v.kind === 'operator',
  'CANARY-statement-at-private-event': (v) => v.kind === 'operator',
  'CANARY-ukraine-version': (v) =>
    v.kind === 'operator' || v.kind === 'mediator' || isParty(v, 'ukraine'),
  'CANARY-ukraine-provision': (v) =>
    v.kind === 'operator' || v.kind === 'mediator' || isParty(v, 'ukraine'),
  'CANARY-russia-version': (v) =>
    v.kind === 'operator' || v.kind === 'mediator' || isParty(v, 'russia'),
  'CANARY-russia-provision': (v) =>
    v.kind === 'operator' || v.kind === 'mediator' || isParty(v, 'russia'),
  'CANARY-ukraine-mediator-red-line': (v) =>
    v.kind === 'operator' || v.kind === 'mediator' || isParty(v, 'ukraine'),
  'CANARY-ukraine-private-army-cap': (v) => v.kind === 'operator' || isParty(v, 'ukraine'),
  'CANARY-russia-private-nato': (v) => v.kind === 'operator' || isParty(v, 'russia'),
  'CANARY-us-mediator-profile': (v) =>
    v.kind === 'operator' || v.kind === 'mediator' || isParty(v, 'us'),
  'CANARY-ukraine-party-profile': (v) => v.kind === 'operator' || isParty(v, 'ukraine'),
  'CANARY-russia-party-profile': (v) => v.kind === 'operator' || isParty(v, 'russia'),
};

type Row = Record<string, unknown>;

async function rows(db: Kysely<Database>, query: string): Promise<Row[]> {
  return (await sql.raw<Row>(query).execute(db)).rows;
}

/**
 * Per table under row-level security: a key for each row, and the facts (read
 * as the operator) the rules decide on.
 */
const TABLES: Record<
  string,
  { key: string; facts: string; visible: (r: Row, v: Viewer) => boolean }
> = {
  events: {
    key: 'id',
    facts: 'select id as key, audience from events',
    visible: (r, v) => canSee(v, r.audience as Audience),
  },
  statements: {
    key: 'id',
    facts:
      'select s.id as key, s.audience, e.audience as event from statements s left join events e on e.id = s.event_id',
    visible: (r, v) =>
      canSee(v, r.audience as Audience) && (r.event === null || canSee(v, r.event as Audience)),
  },
  ...Object.fromEntries(
    (
      [
        ['event_participants', 'person_id'],
        ['event_parties', 'party_id'],
        ['event_sources', 'source_id'],
      ] as const
    ).map(([table, column]) => [
      table,
      {
        key: `event_id || ':' || ${column}`,
        facts: `select l.event_id || ':' || l.${column} as key, e.audience from ${table} l join events e on e.id = l.event_id`,
        visible: (r: Row, v: Viewer) => canSee(v, r.audience as Audience),
      },
    ]),
  ),
  text_versions: {
    key: 'id',
    facts: `select v.id as key, v.audience, array(select p.slug from version_circulation c join parties p on p.id = c.party_id where c.version_id = v.id) as circulated from text_versions v`,
    visible: (r, v) =>
      canSeeVersion(v, {
        audience: r.audience as Audience,
        circulatedTo: r.circulated as PartyId[],
      }),
  },
  provisions: {
    key: 'id',
    facts: `select q.id as key, v.audience, array(select p.slug from version_circulation c join parties p on p.id = c.party_id where c.version_id = v.id) as circulated from provisions q join text_versions v on v.id = q.version_id`,
    visible: (r, v) =>
      canSeeVersion(v, {
        audience: r.audience as Audience,
        circulatedTo: r.circulated as PartyId[],
      }),
  },
  version_circulation: {
    key: `version_id || ':' || party_id`,
    facts: `select version_id || ':' || party_id as key from version_circulation`,
    // Readable by all (it holds row ids only): see the migration.
    visible: () => true,
  },
  ...Object.fromEntries(
    ['positions', 'profiles'].map((table) => [
      table,
      {
        key: 'id',
        facts: `select t.id as key, p.slug as party, t.audience from ${table} t join parties p on p.id = t.party_id`,
        visible: (r: Row, v: Viewer) =>
          canSeePosition(v, {
            party: r.party as PartyId,
            audience: r.audience as PositionAudience,
          }),
      },
    ]),
  ),
};

const keysOf = (list: Row[]) => list.map((r) => String(r.key)).sort();

/** Imports the planted example as the operator. */
async function load(store: Store): Promise<void> {
  await new RecordService(store).importScenario(example, 'example.yaml');
}

/** The PostgreSQL error code of a rejected promise. */
async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
  return undefined;
}

const RLS_REFUSED = '42501';

describe('the connected role', () => {
  test('a superuser, a BYPASSRLS role or a default viewer is refused, with the reason; others pass', () => {
    assert.equal(roleProblem({ name: 'concord', superuser: false, bypassRls: false }), undefined);
    const superuser = roleProblem({ name: 'postgres', superuser: true, bypassRls: true });
    assert.match(superuser ?? '', /"postgres" has SUPERUSER and BYPASSRLS/);
    assert.match(
      roleProblem({ name: 'app', superuser: false, bypassRls: true }) ?? '',
      /"app" has BYPASSRLS, so row-level security would not/,
    );
    assert.match(
      roleProblem({ name: 'app', superuser: true, bypassRls: false }) ?? '',
      /"app" has SUPERUSER,/,
    );
    assert.match(
      roleProblem({ name: 'app', superuser: false, bypassRls: false, defaultViewer: 'operator' }) ??
        '',
      /concord.viewer has a default \("operator"\)/,
    );
    for (const none of [null, ''])
      assert.equal(
        roleProblem({ name: 'app', superuser: false, bypassRls: false, defaultViewer: none }),
        undefined,
      );
  });

  test('the viewer is set in one statement, every value quoted as a literal', () => {
    assert.deepEqual(viewerSettings(party('ukraine'), 'alice'), {
      'concord.viewer': 'party',
      'concord.party': 'ukraine',
      'concord.user': 'alice',
    });
    assert.deepEqual(viewerSettings(PUBLIC_VIEWER, undefined), {
      'concord.viewer': 'public',
      'concord.party': '',
      'concord.user': '',
    });
    assert.equal(
      beginAs({ 'concord.party': "x'); drop table positions; --" }),
      "begin; select set_config('concord.party', 'x''); drop table positions; --', true)",
    );
  });
});

for (const kind of testStoreKinds()) {
  describe(`row-level security on ${kind.name}`, () => {
    if (kind.name === 'sqlite') {
      test('SQLite has no second wall: a viewer gets the store itself, and the role is no concern', async () => {
        await kind.use(async (store) => {
          assert.equal(store.forViewer(party('ukraine'), 'alice'), store);
          assert.equal(await store.rowSecurityProblem(), undefined);
        });
      });
      return;
    }

    test('the test role is subject to row-level security: the server would start', async () => {
      await kind.use(async (store) => {
        assert.equal(await store.rowSecurityProblem(), undefined);
        const [role] = await rows(
          executorOf(store),
          'select rolsuper, rolbypassrls from pg_roles where rolname = current_user',
        );
        assert.deepEqual(role, { rolsuper: false, rolbypassrls: false });
        const forced = await rows(
          executorOf(store),
          `select relname from pg_class where relrowsecurity and relforcerowsecurity and relnamespace = current_schema()::regnamespace order by relname`,
        );
        assert.deepEqual(
          forced.map((r) => r.relname),
          Object.keys(ROW_SECURITY).sort(),
        );
      });
    });

    test('raw SQL that filters nothing returns only the rows each viewer may see', async () => {
      await kind.use(async (store) => {
        await load(store);
        const operator = executorOf(store.forViewer(OPERATOR));
        const plain = executorOf(store);
        for (const [name, viewer] of Object.entries(VIEWERS)) {
          const db = executorOf(store.forViewer(viewer));
          let seen = '';
          for (const [table, spec] of Object.entries(TABLES)) {
            const facts = await rows(operator, spec.facts);
            const expected = keysOf(facts.filter((r) => spec.visible(r, viewer)));
            const all = await rows(db, `select *, ${spec.key} as key from ${table}`);
            assert.deepEqual(keysOf(all), expected, `${table} as ${name}`);
            seen += JSON.stringify(all);
            if (viewer.kind === 'public') {
              // A store that names no viewer reads exactly as the public.
              const none = await rows(plain, `select ${spec.key} as key from ${table}`);
              assert.deepEqual(keysOf(none), expected, `${table} with no viewer`);
            }
          }
          for (const [canary, mayShow] of Object.entries(CANARIES))
            assert.equal(seen.includes(canary), mayShow(viewer), `${canary} as ${name}`);
        }
        // Every kind of confidential row was planted, and the operator sees them all.
        const everything = JSON.stringify(
          await Promise.all(Object.keys(TABLES).map((t) => rows(operator, `select * from ${t}`))),
        );
        for (const canary of Object.keys(CANARIES)) assert.ok(everything.includes(canary), canary);
      });
    });

    test('the repositories too, asked as the operator through a viewer’s store, return only its rows', async () => {
      await kind.use(async (store) => {
        await load(store);
        const { record } = store.forViewer(party('russia')).repositories;
        const all = await record.loadRecord(talks);
        const text = JSON.stringify(all);
        for (const [canary, mayShow] of Object.entries(CANARIES))
          assert.equal(text.includes(canary), mayShow(party('russia')), canary);
        // Russia's draft derives from a version hidden from Russia: no reference into it, nor lineage.
        const draft = all?.texts[0]?.versions.find((v) => v.id === 'russia-draft');
        assert.ok(draft !== undefined);
        assert.equal(draft.derivedFrom, undefined);
        assert.ok([...walkProvisions(draft.provisions)].every((p) => p.from === undefined));
      });
    });

    test('the viewer and the user live in the transaction only', async () => {
      await kind.use(async (store) => {
        const settings = `select current_setting('concord.viewer', true) as viewer, current_setting('concord.party', true) as party, current_setting('concord.user', true) as "user", pg_backend_pid() as pid`;
        const tricky = party("o'brien\\x");
        const scoped = store.forViewer(tricky, 'alice');
        assert.equal(store.forViewer(tricky, 'alice'), scoped, 'one store per viewer and user');
        assert.equal(scoped.forViewer(tricky), scoped, 'the same viewer keeps its user');
        const [inside] = await rows(executorOf(scoped), settings);
        assert.deepEqual(
          { ...inside, pid: undefined },
          { viewer: 'party', party: "o'brien\\x", user: 'alice', pid: undefined },
        );
        const inTransaction = await executorOf(store.forViewer({ kind: 'mediator' }))
          .transaction()
          .execute(async (trx) => {
            await sql`select 1`.execute(trx);
            return (await sql.raw<Row>(settings).execute(trx)).rows[0];
          });
        assert.equal(inTransaction?.viewer, 'mediator');
        // The pool hands the most recently used connection out again: the settings did not stay on it.
        for (let i = 0; i < 5; i++) {
          const [after] = await rows(executorOf(store), settings);
          assert.ok(
            after?.viewer === null || after?.viewer === '',
            `left behind: ${after?.viewer}`,
          );
          assert.ok(after?.user === null || after?.user === '');
        }
        // A failed statement outside a transaction leaves no aborted transaction behind.
        await assert.rejects(rows(executorOf(scoped), 'select 1 / 0'));
        for (let i = 0; i < 5; i++)
          assert.deepEqual(await rows(executorOf(scoped), 'select 1 as ok'), [{ ok: 1 }]);
      });
    });

    test('in a read scope each viewer’s queries share one transaction, and the settings go with it', async () => {
      await kind.use(async (store) => {
        const settings = `select current_setting('concord.viewer', true) as viewer, current_setting('concord.party', true) as party, txid_current_if_assigned() as xid, pg_backend_pid() as pid, now()::text as began`;
        const russia = executorOf(store.forViewer(party('russia')));
        const mediator = executorOf(store.forViewer({ kind: 'mediator' }));
        const seen = await inReadScope(async () =>
          Promise.all([
            rows(russia, settings),
            rows(mediator, settings),
            rows(russia, settings),
            // A transaction inside joins the scope's.
            russia
              .transaction()
              .execute(async (trx) => (await sql.raw<Row>(settings).execute(trx)).rows),
          ]),
        );
        const [first, other, second, joined] = seen.map((r) => r[0]);
        assert.equal(first?.viewer, 'party');
        assert.equal(first?.party, 'russia');
        assert.equal(other?.viewer, 'mediator');
        // One transaction (same start) on one connection for Russia; the mediator's is apart.
        assert.equal(second?.pid, first?.pid);
        assert.equal(second?.began, first?.began);
        assert.equal(joined?.pid, first?.pid);
        assert.equal(joined?.began, first?.began);
        assert.notEqual(other?.pid, first?.pid);
        // Once the scope ends, nothing stays on the connections.
        for (let i = 0; i < 5; i++) {
          const [after] = await rows(executorOf(store), settings);
          assert.ok(
            after?.viewer === null || after?.viewer === '',
            `left behind: ${after?.viewer}`,
          );
        }
        // A failure rolls the scope back and leaves no aborted transaction behind.
        await assert.rejects(inReadScope(() => rows(russia, 'select 1 / 0')));
        assert.deepEqual(await rows(russia, 'select 1 as ok'), [{ ok: 1 }]);
      });
    });

    test('writes outside the viewer’s rights are refused by the policies', async () => {
      await kind.use(async (store) => {
        await load(store);
        const operator = executorOf(store.forViewer(OPERATOR));
        const copy = async (slug: string, db: Kysely<Database>) =>
          codeOf(
            sql`insert into positions (process_id, key, version_id, provision_key, party_id, stance, recorded_text, recorded_start, recorded_end, audience)
              select process_id, key || '-copy', version_id, provision_key, party_id, stance, recorded_text, recorded_start, recorded_end, audience
              from positions where party_id = (select id from parties where slug = ${slug}) limit 1`.execute(
              db,
            ),
          );
        const ukraine = executorOf(store.forViewer(party('ukraine')));
        // A delegation records its own party's positions…
        assert.equal(await copy('ukraine', ukraine), undefined);
        // …but cannot write another party's: the row it selects is hidden, so write it out.
        const [russian] = await rows(
          operator,
          "select q.* from positions q join parties p on p.id = q.party_id where p.slug = 'russia' limit 1",
        );
        assert.ok(russian !== undefined);
        const forge = (db: Kysely<Database>) =>
          codeOf(
            sql`insert into positions (process_id, key, version_id, provision_key, party_id, stance, recorded_text, recorded_start, recorded_end, audience)
              values (${russian.process_id}, 'forged', ${russian.version_id}, ${russian.provision_key}, ${russian.party_id}, 'accepts', '2025-12-01', 0, 1, 'public')`.execute(
              db,
            ),
          );
        for (const db of [
          ukraine,
          executorOf(store.forViewer({ kind: 'mediator' })),
          executorOf(store.forViewer(PUBLIC_VIEWER)),
          executorOf(store),
        ])
          assert.equal(await forge(db), RLS_REFUSED);
        assert.equal(await forge(operator), undefined);

        // Through the services, as a route would call them (the route checks the writer first).
        const position = {
          text: 'peace-plan' as TextId,
          version: 'v1' as VersionId,
          provision: 'nato' as ProvisionId,
          party: 'russia' as PartyId,
          stance: 'accepts' as const,
          recorded: parseFuzzyDate('2025-12-02'),
          audience: 'public' as const,
        };
        assert.equal(
          await codeOf(new PositionService(store, party('ukraine')).record(talks, position)),
          RLS_REFUSED,
        );
        await new PositionService(store, party('russia')).record(talks, position);
        const profile = toProfile(
          profileSchema.parse({
            party: 'russia',
            audience: 'public',
            reservation: 0.3,
            weights: { territory: 1 },
            values: { territory: { cede: 0, freeze: 1 } },
          }),
        );
        assert.equal(
          await codeOf(new ProfileService(store, party('ukraine')).put(talks, profile, '*', 'a')),
          RLS_REFUSED,
        );
        // Russia's own profile: replaced by its delegation.
        const own = new ProfileService(store, party('russia'));
        const { tag } = await own.get(talks, 'russia' as PartyId);
        await own.put(talks, profile, tag, 'a');
        assert.equal((await own.get(talks, 'russia' as PartyId)).profile.audience, 'public');

        // Updates and deletions reach no row the viewer may not change.
        const changed = await sql`update positions set note = 'x'`.execute(ukraine);
        assert.equal(changed.numAffectedRows, 0n);
        const [count] = await rows(operator, 'select count(*)::int as n from profiles');
        const removed = await sql`delete from profiles`.execute(ukraine);
        assert.equal(removed.numAffectedRows, 1n, "only Ukraine's own profile");
        const [left] = await rows(operator, 'select count(*)::int as n from profiles');
        assert.equal(left?.n, Number(count?.n) - 1);
        assert.equal(
          await codeOf(
            sql`insert into events (process_id, slug, kind, status, title, date_text, date_start, date_end, audience)
              select process_id, 'forged', kind, status, title, date_text, date_start, date_end, 'private' from events limit 1`.execute(
              ukraine,
            ),
          ),
          RLS_REFUSED,
        );

        // Versions: the mediator writes them, a delegation does not.
        const draft = '1. A ceasefire takes effect.\n';
        const input = { text: 'peace-plan' as TextId, version: 'm1' as VersionId };
        assert.equal(
          await codeOf(
            new TextService(store, party('ukraine')).importDraft(talks, input, draft, 'd'),
          ),
          RLS_REFUSED,
        );
        const made = await new TextService(store, { kind: 'mediator' }).importDraft(
          talks,
          input,
          draft,
          'd',
        );
        assert.equal(made.version, 'm1');
      });
    });

    test('a provision hidden positions name cannot be removed, and the refusal names none', async () => {
      await kind.use(async (store) => {
        await load(store);
        // Ukraine's army-cap stance (its own only) names `armed-forces` of the revised framework:
        // the mediator does not see it, the foreign key does.
        const mediator = store.forViewer({ kind: 'mediator' });
        const error = await mediator
          .transaction(async ({ text }) => {
            const stored = await text.getText(talks, 'peace-plan' as TextId);
            assert.ok(stored !== undefined);
            const versions = stored.versions.map((v) =>
              v.id !== 'revised-framework'
                ? v
                : { ...v, provisions: v.provisions.filter((p) => p.id !== 'armed-forces') },
            );
            await text.saveText(talks, { ...stored, versions }, stored);
          })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        assert.ok(error instanceof Error);
        assert.equal((error as { code?: unknown }).code, 'invalid');
        assert.doesNotMatch(error.message, /CANARY|army|armed|ukraine/i);
      });
    });
  });
}
