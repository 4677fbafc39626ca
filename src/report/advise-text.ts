/** Text for `simulate` and `advise`: the calibration, the predictions table, the advice. */
import { formatBytes } from '../model/units.js';
import type {
  AdviseDoc,
  AdviceView,
  CalibrationView,
  PredictionView,
  SimulateDoc,
} from './advise-doc.js';

const b = (n: number) => formatBytes(n);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f2 = (x: number) => x.toFixed(2);

export function calibrationText(c: CalibrationView, now: PredictionView): string[] {
  const w = c.workload;
  const s = c.spread;
  const m = c.measured;
  const settings =
    `GOGC=${c.observed.gogc}, GOMEMLIMIT=${c.observed.gomemlimit}, GOMAXPROCS=${w.gomaxprocs}` +
    (c.observed.containerLimitBytes === null ? '' : `, limit ${b(c.observed.containerLimitBytes)}`);
  return [
    `Calibration (${c.spanSec.toFixed(1)} s, ${c.cycles} GC cycles):`,
    `  allocation ${b(w.allocRate)}/s (p10-p90 ${b(s.allocRate.low)}/s to ${b(s.allocRate.high)}/s), live heap ${b(w.live)} (${b(s.live.low)} to ${b(s.live.high)})`,
    `  GC CPU ${(1000 * (w.cost.fixed + w.cost.perByte * (w.live + w.stacks + w.globals))).toFixed(1)} ms per cycle (${(1000 * s.gcCpuPerCycle.low).toFixed(1)}-${(1000 * s.gcCpuPerCycle.high).toFixed(1)}) = ${(1000 * w.cost.fixed).toFixed(2)} ms + ${(1e9 * w.cost.perByte).toFixed(2)} ns/byte of live heap and roots (${b(w.stacks + w.globals)})`,
    `  program CPU ${f2(w.mutatorCpu)}, Go memory besides the heap ${b(w.runtimeOverhead)}, container memory outside Go ${b(w.nonGo)}`,
    `At ${settings}:`,
    `  measured  ${f2(m.cyclesPerSec)} GC/s, GC CPU ${m.gcCpuShare === undefined ? '-' : pct(m.gcCpuShare)}, peak heap ${b(m.peakHeap)}, peak Go memory ${b(m.peakGoMemory)}` +
      (m.peakContainer === undefined ? '' : `, peak container ${b(m.peakContainer)}`),
    `  model     ${f2(now.cyclesPerSec)} GC/s, GC CPU ${pct(now.gcCpuShare)}, peak heap ${b(now.peakHeapBytes)}, peak Go memory ${b(now.peakGoMemoryBytes)}, peak container ${b(now.peakContainerBytes)}`,
    ...c.notes.map((n) => `  note: ${n}`),
  ];
}

export function predictionRow(p: PredictionView): string[] {
  const s = p.settings;
  const outcome =
    p.oomAtSec !== null
      ? `OOM-killed at ${p.oomAtSec.toFixed(1)} s`
      : p.thrash
        ? 'thrashing'
        : 'ok';
  return [
    String(s.gogc),
    s.gomemlimit,
    s.containerLimitBytes === null ? 'none' : b(s.containerLimitBytes),
    p.regime,
    p.oomAtSec !== null && p.cyclesPerSec === 0 ? '-' : f2(p.cyclesPerSec),
    p.oomAtSec !== null && p.cyclesPerSec === 0 ? '-' : pct(p.gcCpuShare),
    b(p.peakHeapBytes),
    b(p.peakContainerBytes),
    p.limiterEngaged ? 'on' : '-',
    outcome,
  ];
}

export const PREDICTION_COLUMNS = [
  'GOGC',
  'GOMEMLIMIT',
  'limit',
  'paced by',
  'GC/s',
  'GC CPU',
  'peak heap',
  'peak container',
  'limiter',
  'outcome',
];

export function table(rows: readonly string[][]): string[] {
  const all = [PREDICTION_COLUMNS, ...rows];
  const widths = PREDICTION_COLUMNS.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

export function renderSimulateText(d: SimulateDoc): string {
  return [
    `gomemlens simulate ${d.capture}`,
    '',
    ...calibrationText(d.calibration, d.now),
    '',
    'Predicted (steady state over 60 s, or until the kill):',
    ...table(d.predictions.map(predictionRow)).map((l) => `  ${l}`),
    '',
  ].join('\n');
}

export function renderAdviseText(d: AdviseDoc): string {
  const head = [
    `gomemlens advise ${d.capture} (GC CPU budget ${pct(d.options.gcCpuBudget)}, margin ${pct(d.options.margin)})`,
    '',
    ...calibrationText(d.calibration, d.now),
    '',
  ];
  if ('impossible' in d.advice)
    return [
      ...head,
      `No memory keeps the GC within ${pct(d.options.gcCpuBudget)} of CPU: even at 64x the live heap it takes ${pct(d.advice.stressed.gcCpuShare)}. Raise --gc-cpu-budget, or make the GC cheaper (fewer pointers, less allocation).`,
      '',
    ].join('\n');
  return [...head, ...adviceText(d.advice, d), ''].join('\n');
}

function adviceText(a: AdviceView, d: AdviseDoc): string[] {
  const { paced: pa, stressed: st, observed: ob } = a;
  const at = a.candidates.findIndex((c) => c.gogc === a.gogc);
  const lower = a.candidates
    .slice(0, at)
    .map((c) => `GOGC=${c.gogc}: ${pct(c.observed.gcCpuShare)} / ${pct(c.stressed.gcCpuShare)}`);
  return [
    `Advice: GOGC=${a.gogc} GOMEMLIMIT=${a.gomemlimit}, memory request ${a.k8s.requests.memory}, limit ${a.k8s.limits.memory}`,
    'Why:',
    `  - At ${pct(d.options.margin)} more live heap (${b(a.stressedLiveBytes)}) and allocation (${b(a.stressedAllocBytesPerSec)}/s), GOMEMLIMIT=${a.gomemlimit} is the least memory that keeps the GC within the budget when the limit alone paces it: ${pct(pa.gcCpuShare)} of CPU, ${f2(pa.cyclesPerSec)} GC/s, no thrashing.`,
    `  - GOGC=${a.gogc} is the lowest GOGC that keeps today's load and the stressed one within the budget under that limit: ${pct(ob.gcCpuShare)} and ${pct(st.gcCpuShare)} of CPU` +
      (lower.length ? ` (today / stressed: ${lower.join(', ')})` : '') +
      '.',
    `  - The limit ${a.k8s.limits.memory} holds GOMEMLIMIT and the memory Go does not count with ${pct(d.options.headroom)} of it to spare (stressed peak ${b(Math.max(st.peakContainerBytes, pa.peakContainerBytes))}): no OOM kill is predicted. The request ${a.k8s.requests.memory} is today's predicted peak (${b(ob.peakContainerBytes)}).`,
    'Kubernetes (the container spec):',
    `  resources: {requests: {memory: ${a.k8s.requests.memory}}, limits: {memory: ${a.k8s.limits.memory}}}`,
    `  env: [{name: GOMEMLIMIT, value: "${a.gomemlimit}"}, {name: GOGC, value: "${a.gogc}"}]`,
    `  or set the limit, then: ${a.k8s.fix}   (GOMEMLIMIT = ${a.ratio} x the limit, in Go's syntax)`,
    'Agent (gomemlens.dev/agent, docs/agent.md): instead of GOMEMLIMIT and GOGC in the environment,',
    `  agent.Start(${a.agent.go})`,
  ];
}
