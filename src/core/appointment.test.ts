import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Appointment,
  appointmentKey,
  checkAppointment,
  tenureAt,
  tenuresAt,
} from './appointment.ts';
import { parseFuzzyDate } from './fuzzy-date.ts';
import type { PartyId, PersonId } from './ids.ts';

const d = parseFuzzyDate;

function appointment(person: string, from: string, to?: string): Appointment {
  const base = {
    person: person as PersonId,
    party: 'ukraine' as PartyId,
    role: 'head-of-delegation' as const,
    from: d(from),
    ...(to === undefined ? {} : { to: d(to) }),
  };
  return { ...base, key: appointmentKey(base) };
}

describe('tenureAt', () => {
  const yermak = appointment('yermak', '..2025-11-23', '2025-11-28');
  const umerov = appointment('umerov', '2025-11-28..2025-11-30');

  test('names the head before and after the change', () => {
    assert.equal(tenureAt(yermak, d('2025-11-25')), 'certain');
    assert.equal(tenureAt(umerov, d('2025-11-25')), undefined);
    assert.equal(tenureAt(yermak, d('2025-12-01')), undefined);
    assert.equal(tenureAt(umerov, d('2025-12-01')), 'certain');
  });

  test('judges a day at its close, so changes made that day count', () => {
    assert.equal(tenureAt(yermak, d('2025-11-27')), 'certain');
    assert.equal(tenureAt(yermak, d('2025-11-28')), undefined);
    assert.equal(tenureAt(umerov, d('2025-11-28')), 'possible');
    assert.equal(tenureAt(umerov, d('2025-11-30')), 'certain');
  });

  test('is only possible while a fuzzy start or end straddles the instant', () => {
    assert.equal(tenureAt(yermak, d('2025-11-28T10:00Z')), 'possible');
    assert.equal(tenureAt(yermak, d('2025-11-20')), 'possible');
    const monthly = appointment('x', '2024-03', '2024-09');
    assert.equal(tenureAt(monthly, d('2024-03-10')), 'possible');
    assert.equal(tenureAt(monthly, d('2024-04-10')), 'certain');
    assert.equal(tenureAt(monthly, d('2024-09-10')), 'possible');
    assert.equal(tenureAt(monthly, d('2024-10-01')), undefined);
    assert.equal(tenureAt(monthly, d('2024-02-29')), undefined);
  });

  test('tenuresAt keeps the held ones with their certainty', () => {
    const held = tenuresAt([yermak, umerov], d('2025-11-28'));
    assert.deepEqual(
      held.map((t) => [t.appointment.person, t.certainty]),
      [['umerov', 'possible']],
    );
  });
});

describe('checkAppointment', () => {
  test('refuses an appointment that ends before it starts', () => {
    const problems = checkAppointment({ ...appointment('x', '2025-11-28'), to: d('2025-11-27') });
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.field, 'to');
    assert.match(problems[0]?.message ?? '', /ends \(2025-11-27\) before it starts \(2025-11-28\)/);
  });

  test('accepts an end on the start day, and overlapping fuzzy dates', () => {
    assert.deepEqual(checkAppointment(appointment('x', '2025-11-28', '2025-11-28')), []);
    assert.deepEqual(checkAppointment(appointment('x', '2025-11-20', '2025-11')), []);
  });

  test('needs a title or role, a "to" for an ending, and no self-replacement', () => {
    const { role: _role, ...noRole } = appointment('x', '2025-01-01');
    assert.match(checkAppointment(noRole)[0]?.message ?? '', /title, a role, or both/);
    const ended = {
      ...appointment('x', '2025-01-01'),
      ended: { reason: 'resigned' as const, replacedBy: 'x' as PersonId },
    };
    assert.deepEqual(
      checkAppointment(ended).map((p) => p.field),
      ['ended', 'ended.replacedBy'],
    );
  });

  test('keys depend on content, not on position', () => {
    assert.equal(appointment('x', '2025-01-01').key, appointment('x', '2025-01-01').key);
    assert.notEqual(appointment('x', '2025-01-01').key, appointment('x', '2025-01-02').key);
  });
});
