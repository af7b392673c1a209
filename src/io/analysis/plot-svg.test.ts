import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { seededRandom } from '../../core/analysis/random.ts';
import { InvalidError } from '../../core/errors.ts';
import { skipXmlValidation } from '../../testing/xmllint.ts';
import { MAX_DRAWN_POINTS, type PlotMark, plotUtilitySpace, type UtilityPlot } from './plot-svg.ts';

// ---------------------------------------------------------------------------
// Helpers

/** Well-formed by fast-xml-parser (always) — and by xmllint where it is installed. */
function assertWellFormed(svg: string): void {
  assert.equal(XMLValidator.validate(svg), true);
  if (skipXmlValidation !== false) return;
  const result = spawnSync('xmllint', ['--noout', '-'], { input: svg, encoding: 'utf8' });
  assert.equal(result.error, undefined, 'cannot run xmllint');
  assert.equal(result.status, 0, result.stderr);
}

/** Uniform utilities, `count` × `n`, from a fixed seed. */
function uniform(count: number, n: number, seed = 1): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: count * n }, () => random());
}

/** A two-party frontier: points on the quarter circle, sorted by neither coordinate. */
function arcFrontier(count: number): Float64Array {
  const out = new Float64Array(count * 2);
  for (let k = 0; k < count; k++) {
    const angle = (((k * 7919) % count) / (count - 1)) * (Math.PI / 2);
    out[2 * k] = Math.cos(angle);
    out[2 * k + 1] = Math.sin(angle);
  }
  return out;
}

function parties(n: number) {
  return Array.from({ length: n }, (_, i) => ({ id: `p${i}`, name: `Party ${i + 1}` }));
}

function twoParty(overrides: Partial<UtilityPlot> = {}): UtilityPlot {
  return {
    title: 'Utility space',
    subtitle: 'illustrative assumptions',
    parties: parties(2),
    samples: uniform(500, 2),
    frontier: arcFrontier(50),
    reservations: [0.3, 0.4],
    marks: [
      { label: 'Nash', kind: 'nash', utilities: [0.71, 0.71] },
      { label: 'KS', kind: 'kalai-smorodinsky', utilities: [0.71, 0.71] },
      { label: 'egalitarian', kind: 'egalitarian', utilities: [0.72, 0.69] },
      { label: 'utilitarian', kind: 'utilitarian', utilities: [0.6, 0.8] },
      { label: 'Draft 3', kind: 'draft', utilities: [0.5, 0.55] },
    ],
    ...overrides,
  };
}

function count(svg: string, pattern: RegExp): number {
  return [...svg.matchAll(pattern)].length;
}

/** How many dots (zero-length subpaths with round caps) each path of dots in `colour` draws. */
function dotCounts(svg: string, colour: string): number[] {
  const dots = `<path d="([^"]*)" fill="none" stroke="${colour}" stroke-width="[\\d.]+" stroke-linecap="round"`;
  const paths = svg.matchAll(new RegExp(dots, 'g'));
  return [...paths].map((m) => count(m[1] as string, /h0/g));
}

const SAMPLE = '#BBBBBB';
const FRONTIER = '#0072B2';

// ---------------------------------------------------------------------------

describe('plotUtilitySpace', () => {
  test('two parties: one panel, a standalone SVG 1.1 document', () => {
    const svg = plotUtilitySpace(twoParty());
    assertWellFormed(svg);
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    assert.match(
      svg,
      /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" version="1.1" width="(\d+)" height="(\d+)" viewBox="0 0 \1 \2"/,
    );
    assert.match(svg, /font-family="sans-serif"/);
    assert.doesNotMatch(svg, /<style|class="[^"]*" style=|href=/);
    assert.equal(count(svg, /class="panel"/g), 1);
    assert.equal(count(svg, /class="legend"/g), 1);
    assert.match(svg, />utility of Party 1</);
    assert.match(svg, />utility of Party 2</);
    assert.match(svg, />illustrative assumptions</);
    // the frontier as stairs (only V and H after the start) and as dots
    assert.match(svg, /<path d="M\d+ \d+(?:[VH]\d+)+" fill="none" stroke="#0072B2"/);
    assert.equal(dotCounts(svg, FRONTIER).length, 2, 'the panel and the legend');
    // reservation lines and the acceptable region
    assert.match(svg, /stroke-dasharray/);
    assert.match(svg, /<rect x="108" y="0" width="252" height="216" fill="#F0E442"/);
  });

  test('two-party frontier stairs go right and down, in x order', () => {
    const svg = plotUtilitySpace(twoParty({ frontier: arcFrontier(400) }));
    const d = /<path d="(M\d+ \d+(?:[VH]\d+)+)" fill="none" stroke="#0072B2"/.exec(svg)?.[1];
    assert.ok(d !== undefined);
    const moves = [...d.matchAll(/([MVH])(\d+)(?: (\d+))?/g)];
    let [x, y] = [Number(moves[0]?.[2]), Number(moves[0]?.[3])];
    for (const [, axis, value] of moves.slice(1)) {
      if (axis === 'H') assert.ok(Number(value) > x, d);
      else assert.ok(Number(value) > y, d);
      if (axis === 'H') x = Number(value);
      else y = Number(value);
    }
    assert.deepEqual([x, y], [360, 360]);
  });

  test('four parties: a panel per pair and one shared legend', () => {
    const marks: PlotMark[] = [
      { label: 'Nash', kind: 'nash', utilities: [0.5, 0.6, 0.7, 0.8] },
      { label: 'Draft', kind: 'draft', utilities: [0.4, 0.4, 0.4, 0.4] },
    ];
    const svg = plotUtilitySpace({
      title: 'Four',
      parties: parties(4),
      samples: uniform(300, 4),
      frontier: uniform(100, 4, 2),
      reservations: [0.1, 0.2, 0.3, 0.4],
      marks,
    });
    assertWellFormed(svg);
    assert.equal(count(svg, /class="panel"/g), 6);
    assert.equal(count(svg, /class="legend"/g), 1);
    assert.equal(count(svg, /<circle /g), 6 + 1, 'Nash in each panel and the legend');
    // projected frontier points are dots, never stairs
    assert.doesNotMatch(svg, /<path d="M\d+ \d+[VH]\d+[^"]*" fill="none" stroke="#0072B2"/);
    assert.equal(dotCounts(svg, FRONTIER).length, 6 + 1);
    assert.match(svg, /projects the frontier/);
    assert.equal(count(svg, />utility of Party 4</g), 3);
  });

  test('three parties: three panels', () => {
    const svg = plotUtilitySpace({
      title: 'Three',
      parties: parties(3),
      samples: uniform(30, 3),
      frontier: uniform(10, 3),
      reservations: [0, 0, 0],
      marks: [],
    });
    assertWellFormed(svg);
    assert.equal(count(svg, /class="panel"/g), 3);
  });

  test('marks: a symbol per kind, a legend entry each, shared labels where they coincide', () => {
    const svg = plotUtilitySpace(
      twoParty({
        marks: [...twoParty().marks, { label: 'Status quo', kind: 'other', utilities: [0.3, 0.4] }],
      }),
    );
    for (const colour of ['#D55E00', '#CC79A7', '#009E73', '#E69F00', '#000000', '#56B4E9'])
      assert.equal(count(svg, new RegExp(`stroke="${colour}" stroke-width="2`, 'g')), 2, colour);
    assert.match(svg, />Nash, KS</, 'coinciding marks share a label');
    assert.match(svg, />KS \(Kalai–Smorodinsky\)</, 'the kind is named when the label does not');
    assert.match(svg, />Draft 3</);
    assert.match(svg, />Status quo</);
  });

  test('user text is escaped', () => {
    const evil = '<script>alert("x")</script> & \'co\'';
    const svg = plotUtilitySpace(
      twoParty({
        title: `Talks ${evil}`,
        subtitle: evil,
        parties: [
          { id: 'a', name: evil },
          { id: 'b', name: 'B\u0001\uD800]]>' },
        ],
        marks: [{ label: evil, kind: 'draft', utilities: [0.5, 0.5] }],
      }),
    );
    assertWellFormed(svg);
    assert.doesNotMatch(svg, /<script/);
    assert.ok(!svg.includes('\u0001') && !svg.includes('\uD800'), 'forbidden characters dropped');
    assert.match(svg, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; 'co'/);
    assert.match(svg, />utility of B\]\]&gt;</);
  });

  test('any label makes well-formed XML', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (label) => {
        const svg = plotUtilitySpace(
          twoParty({
            title: label,
            parties: [
              { id: 'a', name: label },
              { id: 'b', name: 'b' },
            ],
            samples: new Float64Array(0),
            marks: [{ label, kind: 'other', utilities: [0.5, 0.5] }],
          }),
        );
        assert.equal(XMLValidator.validate(svg), true);
      }),
      { numRuns: 200 },
    );
  });

  test('samples are capped per panel, deterministically, with a note', () => {
    const samples = uniform(20_000, 2);
    const svg = plotUtilitySpace(twoParty({ samples }));
    const [drawn] = dotCounts(svg, SAMPLE);
    assert.ok(drawn !== undefined && drawn <= MAX_DRAWN_POINTS && drawn > 1000, `${drawn}`);
    assert.match(svg, /Sampled packages: 20,000 in all; each panel draws at most 5,000/);
    assert.equal(plotUtilitySpace(twoParty({ samples: samples.slice() })), svg);

    const four = plotUtilitySpace({
      title: 'Four',
      parties: parties(4),
      samples: uniform(20_000, 4),
      frontier: uniform(40_000, 4, 3),
      reservations: [0.1, 0.2, 0.3, 0.4],
      marks: [],
    });
    assertWellFormed(four);
    for (const colour of [SAMPLE, FRONTIER]) {
      const counts = dotCounts(four, colour).slice(0, 6);
      assert.equal(counts.length, 6);
      for (const c of counts) assert.ok(c <= MAX_DRAWN_POINTS, `${colour}: ${c}`);
    }
    assert.ok(four.length < 800_000, `${four.length} characters`);
  });

  test('points on the same pixel are drawn once', () => {
    const samples = new Float64Array(2000).fill(0.5);
    const svg = plotUtilitySpace(twoParty({ samples, frontier: new Float64Array([0.5, 0.5]) }));
    assert.deepEqual(dotCounts(svg, SAMPLE), [1, 1], 'the panel and the legend');
    assert.doesNotMatch(svg, /in all; each panel draws/);
  });

  test('empty samples and frontier', () => {
    const svg = plotUtilitySpace(
      twoParty({ samples: new Float64Array(0), frontier: new Float64Array(0), marks: [] }),
    );
    assertWellFormed(svg);
    assert.equal(count(svg, /class="panel"/g), 1);
    assert.deepEqual(dotCounts(svg, SAMPLE), []);
    assert.deepEqual(dotCounts(svg, FRONTIER), []);
    assert.doesNotMatch(svg, /sampled packages<|efficient frontier</);
    assert.match(svg, /No sampled packages or frontier points were given/);
  });

  test('points outside 0–1 or not finite are left out and counted', () => {
    const samples = new Float64Array([0.5, 0.5, 1.5, 0.5, Number.NaN, 0.2, 1 + 1e-12, -1e-12]);
    const svg = plotUtilitySpace(twoParty({ samples }));
    assert.deepEqual(dotCounts(svg, SAMPLE), [2, 1]);
    assert.match(svg, /Sampled packages: 2 with a utility outside 0–1 not drawn/);
  });

  test('coordinates carry at most two decimals', () => {
    const svg = plotUtilitySpace(
      twoParty({ marks: [{ label: 'x', kind: 'nash', utilities: [1 / 3, 2 / 7] }] }),
    );
    for (const [, value] of svg.matchAll(/ [a-z-]+="([^"]*)"/g))
      assert.doesNotMatch(value as string, /\d\.\d{3}/, value);
  });

  test('the same input gives the same string', () => {
    const plot = twoParty({ samples: uniform(8000, 2), frontier: arcFrontier(3000) });
    assert.equal(plotUtilitySpace(plot), plotUtilitySpace(plot));
  });

  test('bad shapes are refused with every problem', () => {
    assert.throws(() => plotUtilitySpace(twoParty({ parties: parties(1) })), InvalidError);
    assert.throws(
      () =>
        plotUtilitySpace(
          twoParty({
            samples: new Float64Array(3),
            reservations: [0.5],
            marks: [{ label: 'x', kind: 'nash', utilities: [1, 2, 3] }],
          }),
        ),
      (error: unknown) =>
        error instanceof InvalidError &&
        error.problems.map((p) => p.path).join() === 'samples,reservations,marks[0].utilities',
    );
  });
});
