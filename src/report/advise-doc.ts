/**
 * The documents `simulate` and `advise` print (built once, rendered as text or JSON): the
 * calibration, the model's predictions, and the advice with its Kubernetes and agent values.
 * Sizes are bytes; GOMEMLIMIT is also given in Go's syntax, Kubernetes sizes in Mi.
 */
import type { Calibration } from '../analysis/gc-calibrate.js';
import type { Advice, AdviseOptions, Candidate } from '../analysis/pacer-advise.js';
import type { Prediction, Settings } from '../analysis/pacer-model.js';
import { formatGoMemLimit } from '../model/gomemlimit.js';
import { MiB } from '../model/units.js';

export interface SettingsView {
  readonly gogc: number | 'off';
  /** "off" or Go's syntax ("180MiB"). */
  readonly gomemlimit: string;
  readonly gomemlimitBytes: number | null;
  readonly containerLimitBytes: number | null;
  readonly gomaxprocs: number | null;
}

export interface PredictionView {
  readonly settings: SettingsView;
  readonly regime: Prediction['regime'];
  readonly cyclesPerSec: number;
  readonly gcCpuShare: number;
  readonly peakHeapBytes: number;
  readonly peakGoMemoryBytes: number;
  readonly peakContainerBytes: number;
  readonly heapGoalBytes: number | null;
  readonly limiterEngaged: boolean;
  readonly thrash: boolean;
  readonly oomAtSec: number | null;
}

export interface CalibrationView extends Omit<Calibration, 'observed'> {
  readonly observed: SettingsView;
}

export interface SimulateDoc {
  readonly command: 'simulate';
  readonly capture: string;
  readonly calibration: CalibrationView;
  /** The model at the capture's own settings, next to `calibration.measured`. */
  readonly now: PredictionView;
  readonly predictions: readonly PredictionView[];
}

export interface AdviseDoc {
  readonly command: 'advise';
  readonly capture: string;
  readonly calibration: CalibrationView;
  readonly now: PredictionView;
  readonly options: AdviseOptions;
  readonly advice: AdviceView | { readonly impossible: true; readonly stressed: PredictionView };
}

export interface AdviceView {
  readonly gogc: number | 'off';
  readonly gomemlimit: string;
  readonly gomemlimitBytes: number;
  readonly requestBytes: number;
  readonly limitBytes: number;
  /** GOMEMLIMIT / limit, rounded down to 3 decimals: `k8s fix --ratio` and the agent's Ratio. */
  readonly ratio: number;
  readonly observed: PredictionView;
  readonly stressed: PredictionView;
  /** The stressed workload paced by GOMEMLIMIT alone: what sized GOMEMLIMIT. */
  readonly paced: PredictionView;
  readonly stressedLiveBytes: number;
  readonly stressedAllocBytesPerSec: number;
  readonly candidates: readonly {
    readonly gogc: number | 'off';
    readonly observed: PredictionView;
    readonly stressed: PredictionView;
  }[];
  readonly k8s: {
    readonly requests: { readonly memory: string };
    readonly limits: { readonly memory: string };
    readonly env: readonly { readonly name: string; readonly value: string }[];
    readonly fix: string;
  };
  readonly agent: {
    readonly ratio: number;
    readonly budget: number;
    readonly min: number;
    readonly max: number;
    readonly go: string;
  };
}

export function settingsView(s: Settings): SettingsView {
  return {
    gogc: s.gogc,
    gomemlimit: s.gomemlimit === undefined ? 'off' : formatGoMemLimit(s.gomemlimit),
    gomemlimitBytes: s.gomemlimit ?? null,
    containerLimitBytes: s.containerLimit ?? null,
    gomaxprocs: s.gomaxprocs ?? null,
  };
}

export function predictionView(p: Prediction): PredictionView {
  return {
    settings: settingsView(p.settings),
    regime: p.regime,
    cyclesPerSec: p.cyclesPerSec,
    gcCpuShare: p.gcCpuShare,
    peakHeapBytes: p.peakHeap,
    peakGoMemoryBytes: p.peakGoMemory,
    peakContainerBytes: p.peakContainer,
    heapGoalBytes: Number.isFinite(p.heapGoal) ? p.heapGoal : null,
    limiterEngaged: p.limiterEngaged,
    thrash: p.thrash,
    oomAtSec: p.oomAtSec ?? null,
  };
}

function calibrationView(cal: Calibration): CalibrationView {
  return { ...cal, observed: settingsView(cal.observed) };
}

export function simulateDoc(
  name: string,
  cal: Calibration,
  now: Prediction,
  ps: readonly Prediction[],
): SimulateDoc {
  return {
    command: 'simulate',
    capture: name,
    calibration: calibrationView(cal),
    now: predictionView(now),
    predictions: ps.map(predictionView),
  };
}

export function adviseDoc(name: string, cal: Calibration, now: Prediction, a: Advice): AdviseDoc {
  const base = {
    command: 'advise' as const,
    capture: name,
    calibration: calibrationView(cal),
    now: predictionView(now),
  };
  if (a.kind === 'impossible')
    return {
      ...base,
      options: a.options,
      advice: { impossible: true, stressed: predictionView(a.stressed) },
    };
  return { ...base, options: a.options, advice: adviceView(a) };
}

const mi = (bytes: number) => `${Math.ceil(bytes / MiB)}Mi`;

function adviceView(a: Extract<Advice, { kind: 'advice' }>): AdviceView {
  const ratio = Math.floor((a.gomemlimit / a.limit) * 1000) / 1000;
  const gomemlimit = formatGoMemLimit(a.gomemlimit);
  const min = a.gogc === 'off' ? 100 : a.gogc;
  const max = a.gogcMax === 'off' ? Math.max(min, 1000) : Math.max(min, a.gogcMax);
  return {
    gogc: a.gogc,
    gomemlimit,
    gomemlimitBytes: a.gomemlimit,
    requestBytes: a.request,
    limitBytes: a.limit,
    ratio,
    observed: predictionView(a.observed),
    stressed: predictionView(a.stressed),
    paced: predictionView(a.paced),
    stressedLiveBytes: a.stressedWorkload.live,
    stressedAllocBytesPerSec: a.stressedWorkload.allocRate,
    candidates: a.candidates.map((c: Candidate) => ({
      gogc: c.gogc,
      observed: predictionView(c.observed),
      stressed: predictionView(c.stressed),
    })),
    k8s: {
      requests: { memory: mi(a.request) },
      limits: { memory: mi(a.limit) },
      env: [
        { name: 'GOMEMLIMIT', value: gomemlimit },
        { name: 'GOGC', value: String(a.gogc) },
      ],
      fix: `gomemlens k8s fix --ratio ${ratio} FILES`,
    },
    agent: {
      ratio,
      budget: a.options.gcCpuBudget,
      min,
      max,
      go: `agent.Options{Ratio: ${ratio}, GOGC: agent.GOGCOptions{Enabled: true, Budget: ${a.options.gcCpuBudget}, Min: ${min}, Max: ${max}}}`,
    },
  };
}
