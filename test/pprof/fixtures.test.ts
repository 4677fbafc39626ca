// google/pprof's own expected parse of legacy heap profiles (profile/testdata/*.heap.string):
// sample types, scaled values, the bytes label, stacks and addresses must come out the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseUncompressedProfile } from '../../src/formats/pprof-detect.js';
import { scaleHeapSample } from '../../src/formats/pprof-legacy.js';
import type { Profile } from '../../src/model/profile.js';
import { pprofFixtures, upstreamSkipReason } from '../support/upstream.js';

const skip = upstreamSkipReason();

interface Expected {
  periodType: string;
  period: number;
  types: string;
  samples: { values: number[]; stack: number[]; bytes: number }[];
  addresses: Map<number, number>;
}

/** Reads the parts of pprof's Profile.String() dump that a legacy heap parse must reproduce. */
function readExpected(text: string): Expected {
  const lines = text.split('\n');
  const samples: Expected['samples'] = [];
  const addresses = new Map<number, number>();
  const start = lines.indexOf('Samples:');
  let i = start + 2;
  for (; lines[i] !== 'Locations'; i += 2) {
    const [vals, stack] = lines[i].split(':');
    const bytes = /bytes:\[(\d+)\]/.exec(lines[i + 1])![1];
    samples.push({
      values: vals.trim().split(/\s+/).map(Number),
      stack: stack.trim() ? stack.trim().split(/\s+/).map(Number) : [],
      bytes: Number(bytes),
    });
  }
  for (i++; lines[i] && lines[i] !== 'Mappings'; i++) {
    const m = /^\s*(\d+): (0x[0-9a-f]+)/.exec(lines[i]);
    if (m) addresses.set(Number(m[1]), parseInt(m[2], 16));
  }
  return {
    periodType: lines[0].replace('PeriodType: ', ''),
    period: Number(lines[1].replace('Period: ', '')),
    types: lines[start + 1],
    samples,
    addresses,
  };
}

function actual(p: Profile) {
  const s = p.samples;
  const k = p.sampleTypes.length;
  return Array.from({ length: s.count }, (_, i) => ({
    values: Array.from(s.values.subarray(i * k, i * k + k)),
    stack: Array.from(
      s.stack.subarray(s.stackStart[i], s.stackStart[i + 1]),
      (loc) => p.locations.id[loc],
    ),
    bytes: s.labelNum[s.labelStart[i]],
  }));
}

for (const name of ['gobench.heap', 'cppbench.heap']) {
  test(`${name} parses to the values in ${name}.string`, { skip }, () => {
    const expected = readExpected(readFileSync(`${pprofFixtures()}/${name}.string`, 'utf8'));
    const p = parseUncompressedProfile(readFileSync(`${pprofFixtures()}/${name}`));
    assert.equal(p.format, 'legacy-heap');
    assert.equal(`${p.periodType!.type} ${p.periodType!.unit}`, expected.periodType);
    assert.equal(p.period, expected.period);
    assert.equal(p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(' '), expected.types);
    assert.ok(expected.samples.length > 10);
    assert.deepEqual(actual(p), expected.samples);
    for (const [id, addr] of expected.addresses)
      assert.equal(p.locations.address[id - 1], addr, `location ${id}`);
  });
}

test('scaleHeapSample: the worked example of the spec', () => {
  assert.deepEqual(scaleHeapSample(3, 1572864, 524288), [4, 2488234]);
  assert.deepEqual(scaleHeapSample(1, 524288, 524288), [1, 829411]);
  assert.deepEqual(scaleHeapSample(0, 100, 524288), [0, 0]);
  assert.deepEqual(scaleHeapSample(5, 100, 1), [5, 100]);
});
