import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { InvalidError } from '../core/errors.ts';
import { testStoreKinds } from '../testing/test-stores.ts';
import { AccountService } from './account-service.ts';
import { setUpDemo } from './demo-setup.ts';

const scenario = readFileSync(
  new URL('../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);

for (const kind of testStoreKinds()) {
  describe(`the demo of concord serve --demo on ${kind.name}`, () => {
    test('loads the scenario once, a user per team, passwords new at each start', async () => {
      await kind.use(async (store) => {
        const first = await setUpDemo(store, scenario, 'example.yaml');
        assert.equal(first.imported, true);
        assert.deepEqual(
          first.users.map((user) => [user.name, user.team]),
          [
            ['demo-mediator', { kind: 'mediator' }],
            ['demo-us', { kind: 'delegation', party: 'us' }],
            ['demo-russia', { kind: 'delegation', party: 'russia' }],
            ['demo-ukraine', { kind: 'delegation', party: 'ukraine' }],
            ['demo-observer', { kind: 'observers' }],
          ],
        );
        const accounts = new AccountService(store);
        for (const user of first.users) await accounts.signIn(user.name, user.password);
        const auditLength = async () =>
          (await store.repositories.audit.entries(first.process)).length;
        const entries = await auditLength();

        const second = await setUpDemo(store, scenario, 'example.yaml');
        assert.equal(second.imported, false);
        assert.equal(await auditLength(), entries, 'nothing changed in the process');
        for (const [index, user] of second.users.entries()) {
          assert.notEqual(user.password, first.users[index]?.password);
          await accounts.signIn(user.name, user.password);
          await assert.rejects(
            accounts.signIn(user.name, first.users[index]?.password as string),
            InvalidError,
          );
          const row = await accounts.getUser(user.name);
          assert.deepEqual(await accounts.membership(second.process, row?.id as number), {
            team: user.team,
            role: 'member',
          });
        }
      });
    });
  });
}
