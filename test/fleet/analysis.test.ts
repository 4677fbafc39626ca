// The fleet analysis in pieces, on hand-made inputs whose answers are worked out in the
// comments: Prometheus durations and API answers, the VPA histogram, KRR, OOM counting across
// restarts, owners from pod names, GOGC from the GC CPU budget, and the findings' thresholds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPromDuration, parsePromDuration } from '../../src/model/prom-duration.js';
import { parseLabelValues, parseSeriesAnswer, apiErrorOf } from '../../src/formats/prom-api.js';
import {
  bucketStart,
  decayedPercentile,
  findBucket,
  oomBump,
  vpaRecommendation,
} from '../../src/analysis/fleet/vpa.js';
import { krrRecommendation } from '../../src/analysis/fleet/krr.js';
import { oomKillsFromRestarts } from '../../src/analysis/fleet/oom-count.js';
import { guessFromName } from '../../src/analysis/fleet/owners.js';
import { recommend } from '../../src/analysis/fleet/recommend.js';
import { fleetFindings } from '../../src/analysis/fleet/findings.js';
import { regexEscape, scopeMatchers, stepFor } from '../../src/analysis/fleet/queries.js';
import { samplesOf } from '../../src/analysis/fleet/verdict-samples.js';
import type { PodRow } from '../../src/analysis/fleet/rows.js';
import type { WorkloadMeasures } from '../../src/model/fleet.js';
import { GiB, MiB } from '../../src/model/units.js';

const enc = (o: unknown) => new TextEncoder().encode(typeof o === 'string' ? o : JSON.stringify(o));
const series = (t: number[], v: number[]) => ({
  labels: {},
  t: Float64Array.from(t),
  v: Float64Array.from(v),
});

test('Prometheus durations: parsed and written back as Prometheus reads them', () => {
  assert.equal(parsePromDuration('7d'), 7 * 86_400_000);
  assert.equal(parsePromDuration('1h30m'), 5_400_000);
  assert.equal(parsePromDuration('2w'), 14 * 86_400_000);
  for (const bad of ['', '7', '1.5h', '30m1h', '0s', '-1d'])
    assert.equal(parsePromDuration(bad), undefined, bad);
  assert.equal(formatPromDuration(7 * 86_400_000), '7d');
  assert.equal(formatPromDuration(5_400_000), '1h30m');
  assert.equal(stepFor(7 * 86_400_000), 3_600_000, '7d in 168 steps of 1h');
  assert.equal(stepFor(86_400_000), 9 * 60_000, '1d in steps of 9 minutes (8.6 rounded up)');
});

test('API answers: vectors, matrices, special values, errors and junk', () => {
  const v = parseSeriesAnswer(
    enc({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { a: 'b' }, value: [10, '+Inf'] },
          { metric: {}, value: [10, 'NaN'] },
        ],
      },
    }),
  );
  assert.ok(v.ok);
  assert.equal(v.value[0].v[0], Infinity);
  assert.ok(Number.isNaN(v.value[1].v[0]));
  const m = parseSeriesAnswer(
    enc({
      status: 'success',
      warnings: ['partial'],
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: {},
            values: [
              [1, '2'],
              [2, '3'],
            ],
          },
        ],
      },
    }),
  );
  assert.ok(m.ok && m.value[0].v[1] === 3 && m.warnings[0] === 'partial');
  const err = enc({
    status: 'error',
    errorType: 'execution',
    error: 'query processing would load too many samples',
  });
  assert.deepEqual(parseSeriesAnswer(err), {
    ok: false,
    reason: 'execution: query processing would load too many samples',
  });
  assert.equal(apiErrorOf(err), 'execution: query processing would load too many samples');
  for (const junk of [
    '<html>',
    '[]',
    '{"status":"success","data":{"resultType":"scalar","result":[1,"2"]}}',
    '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":1},"value":[1,"2"]}]}}',
    '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}}',
    '['.repeat(100_000),
  ])
    assert.equal(parseSeriesAnswer(enc(junk)).ok, false, junk.slice(0, 40));
  assert.deepEqual(parseLabelValues(enc({ status: 'success', data: ['a', 'b'] })), {
    ok: true,
    value: ['a', 'b'],
    warnings: [],
  });
});

test('namespace matchers escape RE2 metacharacters', () => {
  assert.equal(regexEscape('a.b|c'), 'a\\.b\\|c');
  assert.equal(scopeMatchers({ namespaces: ['x', 'y.z'] }), 'namespace=~"x|y\\\\.z"');
  assert.equal(
    scopeMatchers({ namespaces: ['x'], podRange: 'a-f' }),
    'namespace=~"x",pod=~"[a-f].*"',
  );
});

test("VPA's exponential buckets: the first is 1e7 bytes, each next 5% wider", () => {
  assert.equal(findBucket(9_999_999), 0);
  assert.equal(findBucket(1e7), 1);
  assert.equal(bucketStart(1), 1e7);
  assert.ok(Math.abs(bucketStart(2) - 2.05e7) < 1e-6);
  // The percentile is the end of the bucket holding it.
  const v = 300 * MiB;
  assert.equal(decayedPercentile([{ t: 0, bytes: v }], 0.9), bucketStart(findBucket(v) + 1));
});

test('VPA: a day-old peak weighs half, so the p30 and p50 fall in different peaks', () => {
  const day = 86_400_000;
  const samples = [
    { t: 0, bytes: 100e6 },
    { t: day, bytes: 200e6 },
  ];
  // Weights 0.5 and 1 (total 1.5): the first bucket holds a third of the weight.
  assert.equal(decayedPercentile(samples, 0.3), bucketStart(findBucket(100e6) + 1));
  assert.equal(decayedPercentile(samples, 0.5), bucketStart(findBucket(200e6) + 1));
});

test("VPA: target = p90 + 15%, at least 250 MiB per pod; OOM bump max(+100 MiB, x1.2); limit keeps the spec's ratio", () => {
  assert.equal(oomBump(300 * MiB, 256 * MiB), 400 * MiB);
  assert.equal(oomBump(GiB, 256 * MiB), 1.2 * GiB);
  const small = vpaRecommendation({
    peaks: [{ t: 0, bytes: 50 * MiB }],
    oomIntervals: new Set(),
    containersPerPod: 2,
    windowDays: 7,
    requestBytes: 100 * MiB,
    limitBytes: 200 * MiB,
  });
  assert.equal(small.requestBytes, 125 * MiB, '250 MiB shared by two containers');
  assert.equal(small.limitBytes, 250 * MiB, 'limit/request 2 kept');
  const peaks = Array.from({ length: 7 }, (_, i) => ({ t: i * 86_400_000, bytes: 400 * MiB }));
  const plain = vpaRecommendation({
    peaks,
    oomIntervals: new Set(),
    containersPerPod: 1,
    windowDays: 7,
  });
  const bucketEnd = bucketStart(findBucket(400 * MiB) + 1);
  assert.equal(plain.requestBytes, Math.round(bucketEnd * 1.15));
  const oom = vpaRecommendation({
    peaks,
    oomIntervals: new Set([5, 6]),
    containersPerPod: 1,
    windowDays: 7,
    requestBytes: 512 * MiB,
  });
  // Two of seven days (the newest, weighing most) become 1.2 x 512 MiB: the p90 moves to them.
  assert.equal(oom.requestBytes, Math.round(bucketStart(findBucket(614.4 * MiB) + 1) * 1.15));
});

test('KRR simple: max working set x 1.15, nothing under an HPA on memory', () => {
  assert.deepEqual(krrRecommendation(200 * MiB, false), {
    requestBytes: 230 * MiB,
    limitBytes: 230 * MiB,
    notes: [],
  });
  assert.match(krrRecommendation(200 * MiB, true).undefinedReason!, /HPA/);
});

test('OOM kills: restarts made while the last termination was OOMKilled, across counter resets', () => {
  const t = [0, 60, 120, 180, 240, 300];
  // Restarts at 120 (OOMKilled), 240 (Error), and a reset at 300 to 1 (kube-state-metrics
  // restarted; the pod's count is 1 again) while the reason is OOMKilled again.
  const restarts = series(t, [2, 2, 3, 3, 4, 1]);
  const reason = series([0, 120, 180, 300], [1, 1, 1, 1]);
  assert.deepEqual(oomKillsFromRestarts(restarts, reason), { count: 2, times: [120, 300] });
  assert.equal(oomKillsFromRestarts(restarts).count, 0, 'no OOMKilled reason: no OOM kills');
  // The reason series (never cleared, kube-state-metrics#2153) without restarts is no kill.
  assert.equal(oomKillsFromRestarts(series(t, [3, 3, 3, 3, 3, 3]), reason).count, 0);
});

test('owners from pod names when kube-state-metrics is not there', () => {
  assert.deepEqual(guessFromName('api-7d9f8c6b5-x2x4q'), { kind: 'Deployment', name: 'api' });
  assert.deepEqual(guessFromName('cache-12'), { kind: 'StatefulSet', name: 'cache' });
  assert.deepEqual(guessFromName('node-agent-8zq2k'), { kind: 'DaemonSet', name: 'node-agent' });
  assert.deepEqual(guessFromName('debug'), { kind: 'Pod', name: 'debug' });
});

function measures(o: Partial<WorkloadMeasures> = {}): WorkloadMeasures {
  return {
    limit: { value: 512 * MiB, source: 'l' },
    gomemlimit: { value: 460 * MiB, source: 'g' },
    gogc: { value: 100, source: 'gogc' },
    workingSet: { max: 300 * MiB },
    peakLiveHeap: { value: 100 * MiB, source: 'live' },
    nonGo: { value: 20 * MiB, source: 'n' },
    runtimeOverhead: { value: 10 * MiB, source: 'o' },
    oomKills: { value: 0, source: 'k' },
    pods: 1,
    containersPerPod: 1,
    ...o,
  };
}

test('GOGC from the GC CPU budget: the share scales as 1/GOGC, kept within 50-400', () => {
  const gogc = (share: number | undefined, current = 100) =>
    recommend(
      measures({
        gcCpu: share === undefined ? undefined : { value: share, source: 's', of: 'process' },
        gogc: { value: current, source: 'g' },
      }),
      { kind: 'flat' },
      { gcCpuBudget: 0.1 },
    ).gogc;
  assert.equal(gogc(0.2), 200);
  assert.equal(gogc(0.15, 200), 300);
  assert.equal(gogc(0.9), 400);
  assert.equal(gogc(0.01), 50);
  assert.equal(gogc(undefined, 150), 150);
  assert.equal(gogc(0.3, -1), 100, 'GOGC=off: no calibration, the default');
  // GOGC=400, but GOMEMLIMIT held the goal to live x 3: the 20% was measured at 200.
  const bound = measures({
    gogc: { value: 400, source: 'g' },
    effectiveGogc: 200,
    gcCpu: { value: 0.2, source: 's', of: 'process' },
  });
  assert.equal(
    recommend(bound, { kind: 'flat' }, { gcCpuBudget: 0.1 }).gogc,
    400,
    '200 x 0.2 / 0.1',
  );
  const bound2 = measures({
    gogc: { value: 400, source: 'g' },
    effectiveGogc: 100,
    gcCpu: { value: 0.2, source: 's', of: 'process' },
  });
  assert.equal(recommend(bound2, { kind: 'flat' }, { gcCpuBudget: 0.1 }).gogc, 200);
});

test('the joint recommendation: Go peak, GOMEMLIMIT 5% above it, limit with 10% headroom, OOM floor', () => {
  const r = recommend(measures(), { kind: 'flat' }, { gcCpuBudget: 0.1 });
  // Go peak 100 x 2 + 10 = 210 MiB; GOMEMLIMIT >= 220.5; limit (220.5 + 20) / 0.9 = 267.2 -> 268 MiB.
  assert.equal(r.limitBytes, 268 * MiB);
  assert.equal(r.gomemlimit, '221MiB', '0.9 x 268 - 20 = 221.2, floored');
  assert.equal(r.requestBytes, 230 * MiB);
  const killed = recommend(
    measures({ oomKills: { value: 2, source: 'k' } }),
    { kind: 'flat' },
    { gcCpuBudget: 0.1 },
  );
  assert.equal(
    killed.limitBytes,
    Math.ceil((1.2 * 512 * MiB) / MiB) * MiB,
    'at least 20% over the limit that was killed',
  );
  const ws = recommend(
    measures({ peakLiveHeap: undefined }),
    { kind: 'flat' },
    { gcCpuBudget: 0.1 },
  );
  assert.equal(ws.basis, 'working-set');
  assert.equal(ws.limitBytes, Math.ceil((300 * 1.15 * MiB) / MiB) * MiB);
});

test('findings: thresholds as diagnose has them', () => {
  const id = { namespace: 'n', kind: 'Deployment', name: 'a', container: 'c' };
  const codes = (m: WorkloadMeasures) => fleetFindings(id, m).map((f) => f.code);
  assert.deepEqual(codes(measures()), [], '460 + 20 MiB <= 95% of 512 MiB (486.4)');
  assert.deepEqual(codes(measures({ nonGo: { value: 30 * MiB, source: 'n' } })), [
    'gomemlimit-too-close',
  ]);
  assert.deepEqual(codes(measures({ gomemlimit: { value: 512 * MiB, source: 'g' } })), [
    'gomemlimit-above-limit',
  ]);
  assert.deepEqual(
    codes(
      measures({ gomemlimit: { value: 'off', source: 'g' }, gogc: { value: -1, source: 'g' } }),
    ),
    ['gomemlimit-unset', 'gogc-off-without-limit'],
  );
  assert.deepEqual(
    codes(measures({ gomemlimit: undefined })),
    [],
    'GOMEMLIMIT unknown: nothing claimed',
  );
  assert.deepEqual(codes(measures({ previousLimit: GiB, gomemlimitConstant: true })), [
    'k8s-gomemlimit-vpa-frozen',
  ]);
  assert.deepEqual(
    codes(measures({ previousLimit: GiB, gomemlimitConstant: false })),
    [],
    'GOMEMLIMIT followed the resize',
  );
  const hpa = fleetFindings(
    id,
    measures({ hpa: { name: 'h', targetType: 'utilization', target: 80 } }),
  );
  assert.equal(hpa[0].code, 'hpa-scales-on-memory');
});

test("the forecast's samples: the GC count across a restart, the live heap's source, GOMEMLIMIT", () => {
  const t = [0, 3600, 7200, 10800];
  const named = (name: string, v: number[]) => ({ ...series(t, v), labels: { __name__: name } });
  const row = (own: Partial<PodRow['series']>, stats: [string, number][] = []): PodRow => ({
    namespace: 'ns',
    pod: 'p',
    container: 'app',
    stats: new Map(stats),
    sources: new Set(),
    series: {
      ws: series(
        t,
        [300, 310, 305, 300].map((x) => x * MiB),
      ),
      ...own,
    },
  });
  const withLive = samplesOf(
    row(
      {
        heap: series(
          t,
          [150, 190, 130, 170].map((x) => x * MiB),
        ),
        live: named(
          'go_gc_heap_live_bytes',
          [100, 100, 100, 100].map((x) => x * MiB),
        ),
        // A GC count that restarted from 0 (the container did, without a drop of memory).
        gcs: series(t, [500, 900, 100, 400]),
        goMapped: series(
          t,
          [200, 240, 180, 220].map((x) => x * MiB),
        ),
      },
      [
        ['go.gomemlimit_last', 460 * MiB],
        ['go.gogc_last', 100],
      ],
    ),
    512 * MiB,
  );
  assert.deepEqual(
    withLive.map((x) => x.go?.numGC),
    [500, 900, 1000, 1300],
  );
  assert.equal(withLive[3].t, 10_800_000);
  assert.deepEqual(withLive[3].cgroup, { workingSet: 300 * MiB, limit: 512 * MiB });
  assert.equal(withLive[3].go?.liveSource, 'metric');
  assert.equal(withLive[3].go?.heapInuse, 170 * MiB);
  assert.equal(withLive[3].go?.gomemlimit, 460 * MiB);
  assert.equal(withLive[3].go?.sys, 220 * MiB, 'Sys - HeapReleased, as one series');
  // No live heap series: estimated from NextGC and GOGC, as watch does (200 / 2 = 100 MiB).
  const estimated = samplesOf(
    row({
      heap: series(
        t,
        [150, 190, 130, 170].map((x) => x * MiB),
      ),
      nextGC: series(
        t,
        [200, 200, 200, 200].map((x) => x * MiB),
      ),
    }),
    undefined,
  );
  assert.equal(estimated[0].go?.live, 100 * MiB);
  assert.equal(estimated[0].go?.liveSource, 'estimate');
  assert.equal(estimated[0].go?.gomemlimit, undefined);
  // Only the exporter's live heap: it stands for the heap.
  const exporterOnly = samplesOf(
    row({
      live: named(
        'gomemlens_go_heap_live_bytes',
        [80, 80, 80, 80].map((x) => x * MiB),
      ),
    }),
    undefined,
  );
  assert.equal(exporterOnly[0].go?.heapInuse, 80 * MiB);
  assert.equal(exporterOnly[0].go?.liveSource, 'estimate');
});
