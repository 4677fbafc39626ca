// collectEdges looks only at the frames of locations that hold a wanted node and finds each
// one's neighbour by stepping over the rest. Checked against a plain transcription of
// google/pprof internal/graph newGraph's edge loop (every frame walked, a set of the pairs
// seen in the sample) on random graphs: recursion, inlined lines, zero and negative values,
// a diff's scaled base, and random kept and wanted sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { collectEdges } from '../../src/analysis/profile-edges.js';
import type { GraphInput, NodeGraph } from '../../src/analysis/profile-graph.js';
import type { LocationNodes } from '../../src/analysis/profile-nodes.js';
import type { Profile } from '../../src/model/profile.js';

interface Case {
  readonly nodeCount: number;
  /** Per location, its nodes innermost first. */
  readonly locations: number[][];
  /** Per sample, its locations leaf first, and its value. */
  readonly samples: { stack: number[]; value: number }[];
  readonly kept: number[];
  readonly calleeWanted: number[];
  readonly callerWanted: number[];
}

const arbCase: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 8 }).chain((nodeCount) =>
  fc.integer({ min: 1, max: 10 }).chain((locationCount) =>
    fc.record({
      nodeCount: fc.constant(nodeCount),
      locations: fc.array(fc.array(fc.nat(nodeCount - 1), { minLength: 1, maxLength: 3 }), {
        minLength: locationCount,
        maxLength: locationCount,
      }),
      samples: fc.array(
        fc.record({
          stack: fc.array(fc.nat(locationCount - 1), { maxLength: 12 }),
          value: fc.integer({ min: -5, max: 9 }),
        }),
        { maxLength: 12 },
      ),
      kept: fc.array(fc.nat(1), { minLength: nodeCount, maxLength: nodeCount }),
      calleeWanted: fc.array(fc.nat(1), { minLength: nodeCount, maxLength: nodeCount }),
      callerWanted: fc.array(fc.nat(1), { minLength: nodeCount, maxLength: nodeCount }),
    }),
  ),
);

function locationNodesOf(c: Case): LocationNodes {
  const nodesStart = new Uint32Array(c.locations.length + 1);
  const nodes = c.locations.flat();
  const inlined = new Uint8Array(nodes.length);
  c.locations.forEach((l, i) => {
    nodesStart[i + 1] = nodesStart[i] + l.length;
    for (let j = 0; j < l.length - 1; j++) inlined[nodesStart[i] + j] = 1;
  });
  const single = Int32Array.from(c.locations, (l) => (l.length === 1 ? l[0] : -1));
  return { nodesStart, nodes: Int32Array.from(nodes), inlined, single };
}

/** One sample type as given, the base of a diff (sign -1, scaled) as a second input. */
function graphOf(c: Case): NodeGraph {
  const stackStart = new Uint32Array(c.samples.length + 1);
  c.samples.forEach((s, i) => (stackStart[i + 1] = stackStart[i] + s.stack.length));
  const profile = {
    sampleTypes: [{ type: 'space', unit: 'bytes' }],
    samples: {
      count: c.samples.length,
      stackStart,
      stack: Uint32Array.from(c.samples.flatMap((s) => s.stack)),
      values: Int32Array.from(c.samples, (s) => s.value),
    },
  } as unknown as Profile;
  const inputs: GraphInput[] = [
    { profile, sampleIndex: 0, sign: 1 },
    { profile, sampleIndex: 0, sign: -1, scale: 0.5 },
  ];
  const ln = locationNodesOf(c);
  return {
    names: Array.from({ length: c.nodeCount }, (_, i) => `n${i}`),
    flat: new Float64Array(c.nodeCount),
    cum: new Float64Array(c.nodeCount),
    total: 0,
    inputs,
    locNodes: [ln, ln],
  };
}

/** newGraph's loop, frame by frame: "caller>callee" -> [weight, inline]. */
function reference(c: Case, g: NodeGraph): Map<string, [number, boolean]> {
  const edges = new Map<string, [number, boolean]>();
  for (const input of g.inputs) {
    for (const s of c.samples) {
      let w = input.scale === undefined ? s.value : Math.round(s.value * input.scale);
      if (w === 0) continue;
      w *= input.sign;
      const seen = new Set<string>();
      let parent = -1;
      for (let i = s.stack.length - 1; i >= 0; i--) {
        const lines = c.locations[s.stack[i]];
        for (let j = lines.length - 1; j >= 0; j--) {
          const node = lines[j];
          if (!c.kept[node]) continue;
          const key = `${parent}>${node}`;
          const wanted = c.calleeWanted[node] || (parent >= 0 && c.callerWanted[parent]);
          if (parent >= 0 && parent !== node && wanted && !seen.has(key)) {
            seen.add(key);
            const inline = j !== lines.length - 1;
            const e = edges.get(key);
            if (e) edges.set(key, [e[0] + w, e[1] && inline]);
            else edges.set(key, [w, inline]);
          }
          parent = node;
        }
      }
    }
  }
  return edges;
}

test('edges match newGraph walked frame by frame', () => {
  fc.assert(
    fc.property(arbCase, (c) => {
      const g = graphOf(c);
      const got = new Map<string, [number, boolean]>();
      const bytes = (xs: number[]) => Uint8Array.from(xs);
      collectEdges(g, bytes(c.kept), bytes(c.calleeWanted), bytes(c.callerWanted)).forEach(
        (caller, callee, weight, inline) => got.set(`${caller}>${callee}`, [weight, inline]),
      );
      assert.deepEqual(got, reference(c, g));
    }),
    { numRuns: 3000 },
  );
});
