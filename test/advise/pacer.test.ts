import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  gogcGoal,
  heapGoal,
  limitGoal,
  limitGoalAt,
  movingTrigger,
  trigger,
} from '../../src/analysis/pacer-goal.js';
import { simulate } from '../../src/analysis/pacer.js';
import type { Workload } from '../../src/analysis/pacer-model.js';
import { limiterStep, LIMITER_EMPTY } from '../../src/analysis/pacer-limiter.js';
import { MiB } from '../../src/model/units.js';

/** 100 MiB/s, 100 MiB live, no roots, a GC that costs 10 ms of CPU and marks in 1 ms. */
const W: Workload = {
  allocRate: 100 * MiB,
  live: 100 * MiB,
  liveGrowth: 0,
  stacks: 0,
  globals: 0,
  runtimeOverhead: 10 * MiB,
  unusedRatio: 0,
  spanRatio: 1,
  nonGo: 5 * MiB,
  gomaxprocs: 2,
  mutatorCpu: 0.5,
  markCpu: 2,
  cost: { fixed: 0, perByte: 0.01 / (100 * MiB) },
  markJitter: [],
};

const near = (a: number, b: number, rel = 0.02) =>
  assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${a} is not within ${rel * 100}% of ${b}`);

test('GOGC goal: marked + (marked + roots) x GOGC/100, at least 4 MiB x GOGC/100 (commit, setGCPercent)', () => {
  assert.equal(gogcGoal(64 * MiB, 1 * MiB, 100), 129 * MiB);
  assert.equal(gogcGoal(64 * MiB, 0, 50), 96 * MiB);
  assert.equal(gogcGoal(1 * MiB, 0, 100), 4 * MiB);
  assert.equal(gogcGoal(64 * MiB, 0, 'off'), Infinity);
});

test('memory-limit goal: limit - non-heap, less max(3%, 1 MiB), never below the marked heap', () => {
  near(limitGoal(200 * MiB, 50 * MiB, W, 0), 190 * MiB * 0.97, 1e-9);
  near(limitGoal(200 * MiB, 50 * MiB, W, 20 * MiB), 170 * MiB * 0.97, 1e-9); // overage lowers it
  assert.equal(limitGoal(200 * MiB, 195 * MiB, W, 0), 195 * MiB);
  assert.equal(limitGoal(20 * MiB, 0, { ...W, runtimeOverhead: 25 * MiB }, 0), 0);
  // Small limits: a fixed 1 MiB of headroom.
  near(limitGoal(20 * MiB, 0, W, 0), 9 * MiB, 1e-9);
  const g = heapGoal(100 * MiB, W, { gogc: 100, gomemlimit: 150 * MiB }, 0);
  assert.equal(g.by, 'memory-limit');
  assert.equal(heapGoal(100 * MiB, W, { gogc: 100, gomemlimit: 400 * MiB }, 0).by, 'gogc');
});

test('trigger: between 45/64 and 61/64 of the way to the goal, upper bound goal - 4 MiB on large heaps', () => {
  assert.equal(trigger(100 * MiB, 200 * MiB, 0), 196 * MiB);
  assert.equal(trigger(100 * MiB, 200 * MiB, 1e12), 100 * MiB + (100 * MiB * 45) / 64);
  assert.equal(trigger(2 * MiB, 4 * MiB, 0), 2 * MiB + (2 * MiB * 61) / 64);
  assert.equal(trigger(200 * MiB, 200 * MiB, 0), 200 * MiB); // back to back
});

test('GOGC=100: a cycle per (live x GOGC/100) allocated; GC share = CPU per cycle x rate / GOMAXPROCS', () => {
  const p = simulate(W, { gogc: 100 });
  assert.equal(p.regime, 'gogc');
  // Marking takes 5 ms (0.5 MiB allocated black): marked 100.5 MiB, goal 201 MiB. The runway
  // is small, so the trigger is the upper bound goal - 4 MiB = 197 MiB; a cycle allocates
  // 96.5 MiB in 0.965 s and marks for 0.005 s.
  near(p.cyclesPerSec, 1 / 0.97, 0.005);
  near(p.gcCpuShare, 0.01 / 2 / 0.97, 0.005);
  near(p.peakHeap, 197.5 * MiB, 0.005);
  near(p.peakContainer, 212.5 * MiB, 0.005);
  assert.equal(p.thrash, false);
  assert.equal(p.oomAtSec, undefined);
  // GOGC=50: goal 150.75 MiB; the trigger is 61/64 of the way from 100.5 MiB.
  near(simulate(W, { gogc: 50 }).cyclesPerSec, 1 / ((50.25 * 61) / 64 / 100 + 0.005), 0.005);
  near(simulate(W, { gogc: 100, gomaxprocs: 1 }).gcCpuShare, 0.01, 0.05);
});

test('memory-limit goal inside a cycle: free slots left by the sweep are non-heap until refilled', () => {
  // 10 MiB runtime + 100 MiB marked + 30 MiB of swept garbage in spans: 140 MiB in use.
  const inUse = 140 * MiB;
  near(limitGoalAt(200 * MiB, 100 * MiB, inUse, W, 0), 160 * MiB * 0.97, 1e-9);
  // Each MiB refilled moves the goal up by 0.97 MiB...
  near(limitGoalAt(200 * MiB, 120 * MiB, inUse, W, 0), 180 * MiB * 0.97, 1e-9);
  // ...until the slots are full: then new spans count, and the goal is the cycle's end goal.
  near(limitGoalAt(200 * MiB, 135 * MiB, inUse, W, 0), limitGoal(200 * MiB, 100 * MiB, W, 0), 1e-9);
  // The trigger of that moving goal (at the lower bound, a long runway): the heap meets 45/64
  // of the way to the goal at that heap, well before the cycle's end goal would trigger it.
  const tight = (h: number) => limitGoalAt(150 * MiB, h, inUse, W, 0);
  const endGoal = limitGoal(150 * MiB, 100 * MiB, W, 0);
  const t = movingTrigger(100 * MiB, 1e12, tight, endGoal);
  near(t, trigger(100 * MiB, tight(t), 1e12), 1e-4);
  near(t, 114.8 * MiB, 0.005);
  near(trigger(100 * MiB, endGoal, 1e12), 125.2 * MiB, 0.005);
  // Slots that already cover the whole room: the GC starts at the marked heap.
  assert.equal(
    movingTrigger(100 * MiB, 0, () => 99 * MiB, 150 * MiB),
    100 * MiB,
  );
});

test('the moving goal makes a tight GOMEMLIMIT cycle more often, by the share left in spans', () => {
  const settings = { gogc: 100, gomemlimit: 130 * MiB } as const;
  const cycles = (sweptInSpans: number) => simulate({ ...W, sweptInSpans }, settings).cyclesPerSec;
  assert.ok(
    cycles(1) > cycles(0.7) * 1.2 && cycles(0.7) >= cycles(0),
    `${cycles(0)} ${cycles(0.7)} ${cycles(1)}`,
  );
});

test('GOMEMLIMIT below the GOGC goal paces the GC; below the live heap the GC runs back to back', () => {
  const p = simulate(W, { gogc: 100, gomemlimit: 160 * MiB });
  assert.equal(p.regime, 'memory-limit');
  near(p.heapGoal, 150 * MiB * 0.97, 0.01);
  assert.ok(p.cyclesPerSec > 2);
  // A mutator that uses 0.1 CPU: the limiter counts 25% of the Ps as GC while marking.
  const busyGc = { ...W, mutatorCpu: 0.1, cost: { fixed: 0, perByte: 1 / (100 * MiB) } };
  const spiral = simulate(busyGc, { gogc: 100, gomemlimit: 100 * MiB });
  assert.equal(spiral.regime, 'continuous');
  assert.equal(spiral.thrash, true);
  assert.equal(spiral.limiterEngaged, true);
  assert.equal(spiral.oomAtSec, undefined); // the live heap does not grow: no kill
});

test('OOM: GOGC=off without GOMEMLIMIT grows until the container limit; a growing live heap too', () => {
  const p = simulate(W, { gogc: 'off', containerLimit: 400 * MiB });
  assert.equal(p.regime, 'no-gc');
  // From the marked heap (100 MiB + what one mark allocates) plus 15 MiB around it, at 100 MiB/s.
  near(p.oomAtSec!, (400 - 115 - 0.5) / 100, 0.02);
  assert.equal(
    simulate(W, { gogc: 'off', gomemlimit: 300 * MiB, containerLimit: 400 * MiB }).oomAtSec,
    undefined,
  );
  assert.notEqual(simulate(W, { gogc: 200, containerLimit: 300 * MiB }).oomAtSec, undefined);
  const growing = simulate(
    { ...W, liveGrowth: 10 * MiB },
    { gogc: 100, containerLimit: 400 * MiB },
    { durationSec: 120 },
  );
  assert.ok(growing.oomAtSec! > 5 && growing.oomAtSec! < 15, String(growing.oomAtSec));
});

test('limiter: the bucket fills with 25% of GOMAXPROCS while marking and drains with the mutator (mgclimit.go)', () => {
  let s = LIMITER_EMPTY;
  for (let i = 0; i < 10; i++) s = limiterStep(s, 2, 0.1, 1, 1); // +0.5 - 0.1 per cycle
  assert.equal(s.on, true);
  assert.equal(s.fill, 2);
  s = limiterStep(s, 2, 1, 0.1, 1);
  assert.equal(s.on, false);
});
