/**
 * The demo behind `concord serve --demo` (`npm start`): the reference
 * scenario, imported when its process is not in the database yet (a process
 * already there is left as it is, with whatever was written to it since), and
 * a user in each team of the process — the mediator team, each party's
 * delegation, the observers — whose password is new at each start, so the
 * printed sign-ins always work.
 */

import type { ProcessId } from '../core/ids.ts';
import { describeTeam, type Team } from '../core/team.ts';
import type { Store } from '../store/store.ts';
import { AccountService } from './account-service.ts';
import { RecordService } from './record-service.ts';

export interface DemoUser {
  readonly name: string;
  readonly team: Team;
  readonly password: string;
}

export interface DemoSetup {
  readonly process: ProcessId;
  /** Whether the scenario was imported now (the process was not there). */
  readonly imported: boolean;
  readonly users: DemoUser[];
}

/** The demo user of a team: `demo-mediator`, `demo-<party>`, `demo-observer`. */
export function demoUserName(team: Team): string {
  if (team.kind === 'delegation') return `demo-${team.party}`;
  return team.kind === 'mediator' ? 'demo-mediator' : 'demo-observer';
}

export async function setUpDemo(
  store: Store,
  scenario: string,
  file: string,
  now: () => number = Date.now,
): Promise<DemoSetup> {
  const records = new RecordService(store);
  const plan = await records.importScenario(scenario, file, { dryRun: true });
  const imported = plan.processChange === 'added';
  if (imported) await records.importScenario(scenario, file);
  const process = plan.process;
  const parties = await store.repositories.record.listParties(process);
  const teams: Team[] = [
    { kind: 'mediator' },
    ...parties.map((party): Team => ({ kind: 'delegation', party: party.id })),
    { kind: 'observers' },
  ];
  const accounts = new AccountService(store, now);
  const users: DemoUser[] = [];
  for (const team of teams) {
    const name = demoUserName(team);
    const existing = await accounts.getUser(name);
    const password =
      existing === undefined
        ? (await accounts.addUser(name, { displayName: `Demo: ${describeTeam(team)}` })).password
        : await accounts.setPassword(name);
    const user = existing ?? (await accounts.getUser(name));
    const membership = user && (await accounts.membership(process, user.id));
    if (membership?.role !== 'member' || JSON.stringify(membership.team) !== JSON.stringify(team))
      await accounts.addMember(process, name, team, 'member');
    users.push({ name, team, password });
  }
  return { process, imported, users };
}
