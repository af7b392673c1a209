import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { InvalidError, type Problem } from '../../core/errors.ts';
import { readScenario } from './scenario-read.ts';

const example = readFileSync(
  new URL('../../../examples/ukraine-talks-2025.yaml', import.meta.url),
  'utf8',
);

function problemsOf(text: string, limits?: Parameters<typeof readScenario>[2]): Problem[] {
  try {
    readScenario(text, 'talks.yaml', limits);
  } catch (error) {
    if (error instanceof InvalidError) return [...error.problems];
    throw error;
  }
  assert.fail('the scenario was accepted');
}

/** Line (1-based) of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `"${needle}" is in the text`);
  return index + 1;
}

const minimal = (body: string) => `process:\n  slug: talks\n  title: Talks\n${body}`;

describe('readScenario', () => {
  test('reads the reference scenario', () => {
    const record = readScenario(example, 'ukraine-talks-2025.yaml');
    assert.equal(record.process.id, 'ukraine-talks-2025');
    assert.deepEqual(
      record.parties.map((p) => p.id),
      ['us', 'ukraine', 'russia'],
    );
    assert.equal(record.events.length, 7);
    const sunday = record.statements.find(
      (s) => s.speaker === 'rubio' && s.event === 'sunday-meeting',
    );
    assert.equal(sunday?.date.precision, 'day', 'a statement takes its date from its event');
  });

  test('names the file, line and field of an unknown reference, with a suggestion', () => {
    const text = example.replace(
      'participants: [rubio, witkoff, kushner, umerov, hnatov, bevz]',
      'participants: [rubio, witkoff, kushner, umerov2, hnatov, bevz]',
    );
    const [problem, ...rest] = problemsOf(text);
    assert.deepEqual(rest, []);
    assert.deepEqual(problem, {
      file: 'talks.yaml',
      path: 'events[4].participants[3]',
      message: 'unknown person "umerov2"; did you mean "umerov"?',
      line: lineOf(text, 'umerov2'),
    });
  });

  test('reports every problem at once, in line order', () => {
    const text = minimal(
      [
        'parties:',
        '  - slug: us',
        '    name: United States',
        '    kind: state',
        '    role: mediater',
        'people:',
        '  - slug: yermak',
        '    name: Andriy Yermak',
        '    appointments:',
        '      - party: ukraine',
        '        role: head-of-delegation',
        '        from: 2025-11-28',
        '        to: 2025-11-23',
        'events:',
        '  - slug: geneva',
        '    kind: meeting',
        '    status: held',
        '    title: Geneva',
        '    date: 2025-02-30',
        '    venue: Geneva',
        '',
      ].join('\n'),
    );
    const problems = problemsOf(text);
    assert.deepEqual(
      problems.map((p) => `${p.line}: ${p.path}: ${p.message}`),
      [
        `8: parties[0].role: "mediater" is not one of: mediator, party, guarantor, observer; did you mean "mediator"?`,
        `22: events[0].date: "2025-02-30": day 30 does not exist: February 2025 has 28 days`,
        `23: events[0].venue: unknown field "venue"; expected one of: slug, kind, status, title, date, place, duration, led_by, participants, parties, outcome, description, follow_up_of, sources, audience`,
      ],
    );
  });

  test('checks references and rules once the shape is right', () => {
    const text = minimal(
      [
        'people:',
        '  - slug: yermak',
        '    name: Andriy Yermak',
        '    appointments:',
        '      - party: ukraine',
        '        role: head-of-delegation',
        '        from: 2025-11-28',
        '        to: 2025-11-23',
        '        ended: { reason: resigned, replaced_by: yermak }',
        '  - slug: yermak',
        '    name: Duplicate',
        'events:',
        '  - slug: a',
        '    kind: meeting',
        '    status: held',
        '    title: A',
        '    date: 2025-11-23',
        '    follow_up_of: b',
        '  - slug: b',
        '    kind: meeting',
        '    status: held',
        '    title: B',
        '    date: 2025-11-24',
        '    follow_up_of: a',
        'statements:',
        '  - speaker: yermak',
        '    event: c',
        '    form: quotation',
        '    text: Hello',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      problemsOf(text).map((p) => `${p.line}: ${p.path}: ${p.message}`),
      [
        '8: people[0].appointments[0].party: unknown party "ukraine"',
        '11: people[0].appointments[0].to: the appointment ends (2025-11-23) before it starts (2025-11-28)',
        '12: people[0].appointments[0].ended.replaced_by: a person cannot replace themselves',
        '13: people[1].slug: duplicate: person "yermak" is already given at position 1',
        '21: events[0].follow_up_of: the follow-up chain loops back to this event',
        '27: events[1].follow_up_of: the follow-up chain loops back to this event',
        '30: statements[0].event: unknown event "c"; did you mean "a"?',
      ],
    );
  });

  test('refuses YAML that is not a scenario, alias bombs and oversize files', () => {
    assert.match(
      problemsOf('just text')[0]?.message ?? '',
      /expected a mapping, got the text "just text"/,
    );
    assert.deepEqual(problemsOf('process: [\n')[0]?.line, 2);
    const bomb = minimal(`sources:\n  - &a { slug: a, title: T, kind: other }\n  - *a\n`);
    assert.match(problemsOf(bomb)[0]?.message ?? '', /aliases .* are not allowed/);
    const tooBig = problemsOf(example, { maxBytes: 1000, maxDepth: 64 });
    assert.match(tooBig[0]?.message ?? '', /the limit is 1 KiB/);
    assert.match(
      problemsOf('a: [[[[[[[[[[[[1]]]]]]]]]]]]\n', { maxBytes: 1000, maxDepth: 5 })[0]?.message ??
        '',
      /maxDepth/,
    );
  });
});
