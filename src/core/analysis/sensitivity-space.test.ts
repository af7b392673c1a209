import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { spaceArb } from '../../testing/analysis-arbitrary.ts';
import { compileSpace } from './compiled-space.ts';
import { seededRandom } from './random.ts';
import { sampleProfiles } from './sensitivity-sample.ts';
import { resampleSpace } from './sensitivity-space.ts';

describe('resampleSpace', () => {
  test('equals compiling the sampled profiles, number for number (property)', () => {
    fc.assert(
      fc.property(spaceArb(), fc.integer(), ({ issues, profiles }, seed) => {
        const nominal = compileSpace(issues, profiles);
        const ranged = profiles.map((profile) => ({ ...profile, uncertainty: { relative: 0.3 } }));
        const sampled = sampleProfiles(ranged, issues, seededRandom(seed));
        assert.deepEqual(resampleSpace(nominal, sampled), compileSpace(issues, sampled));
        // Unsampled (values on a grid of tenths, so classes merge): the same as well.
        assert.deepEqual(resampleSpace(nominal, profiles), nominal);
      }),
      { numRuns: 200 },
    );
  });
});
