/**
 * The GC pacer model: steps a workload through GC cycles under GOGC, GOMEMLIMIT, a container
 * limit and GOMAXPROCS, as runtime/mgcpacer.go, mgclimit.go and mgcscavenge.go pace them, and
 * predicts GC cycles per second, GC CPU share, the heap's, Go memory's and the container's
 * peaks, the GC CPU limiter, thrashing and the OOM kill. Pure and deterministic: the observed
 * jitter of the mark phase is replayed in order. docs/advise.md has the model and its checks.
 */
import { SCAVENGE_LIMIT_SHARE, THRASH_GC_SHARE } from './pacer-constants.js';
import { gogcGoal, heapGoal, limitGoalAt, type Goal } from './pacer-goal.js';
import { gcCpuPerCycle, markCpus, pushRunway, runCycle, type Cycle } from './pacer-cycle.js';
import { LIMITER_EMPTY, limiterStep, type LimiterState } from './pacer-limiter.js';
import type { Prediction, Regime, Settings, Workload } from './pacer-model.js';

export interface SimulateOptions {
  /** Seconds of steady state to average over (default 60). */
  readonly durationSec?: number;
  /** Cycles run first and not counted (default 8). */
  readonly warmupCycles?: number;
}

/** A cap on cycles: a GC that runs back to back every millisecond for the whole duration. */
const MAX_CYCLES = 200_000;

export function simulate(w: Workload, s: Settings, o: SimulateOptions = {}): Prediction {
  const run = new Run(onHost(w, s.cpuAvailability), s, o.durationSec ?? 60);
  return run.go(o.warmupCycles ?? 8);
}

/**
 * The workload on a host that gives its threads another share of the CPU: the runtime counts
 * wall time on a P, so the same work costs GC and program "CPU" in inverse proportion, and the
 * mark phase lasts as much longer (runtime/mgclimit.go and metrics.go count nanotime, not CPU).
 */
export function onHost(w: Workload, availability: number | undefined): Workload {
  if (availability === undefined || w.cpuAvailability === undefined) return w;
  const k = w.cpuAvailability / availability;
  const moved = { ...w, cpuAvailability: availability, mutatorCpu: w.mutatorCpu * k };
  // The calibrated marking CPUs keep their ratio to what the idle Ps allow (pacer-cycle.ts).
  const markCpu =
    w.markCpu === undefined
      ? {}
      : {
          markCpu:
            (w.markCpu * markCpus({ ...moved, markCpu: undefined }, w.gomaxprocs)) /
            markCpus({ ...w, markCpu: undefined }, w.gomaxprocs),
        };
  return { ...moved, ...markCpu, cost: { fixed: w.cost.fixed * k, perByte: w.cost.perByte * k } };
}

class Run {
  private readonly procs: number;
  private readonly gcCpus: number;
  private t = 0;
  private marked: number;
  private limiter: LimiterState = LIMITER_EMPTY;
  private runways: number[] = [];
  private overage = 0;
  /** Go memory in use after the last sweep: the runtime's own, spans of the marked heap and
   *  the swept garbage's free slots in them (mappedReady - heapFree); none before a cycle. */
  private inUseAfterSweep: number | undefined;
  private counted = { sec: 0, cycles: 0, gcCpu: 0, continuous: 0, byLimit: 0 };
  private peak = { heap: 0, go: 0, goal: 0 };
  private engaged = false;
  private oomAtSec: number | undefined;
  private jitterAt = 0;

  constructor(
    private readonly w: Workload,
    private readonly s: Settings,
    private readonly durationSec: number,
  ) {
    this.procs = s.gomaxprocs ?? w.gomaxprocs;
    this.gcCpus = markCpus(w, this.procs);
    this.marked = w.live + (w.allocRate * gcCpuPerCycle(w, w.live)) / this.gcCpus;
  }

  go(warmup: number): Prediction {
    for (let i = 0; i < MAX_CYCLES && this.oomAtSec === undefined; i++) {
      const counting = i >= warmup;
      if (counting && this.counted.sec >= this.durationSec) break;
      const goal = heapGoal(this.marked, this.w, this.s, this.overage);
      if (goal.by === 'none') {
        this.growWithoutGc();
        break;
      }
      this.step(goal, counting);
    }
    return this.prediction();
  }

  private liveAt(t: number): number {
    return this.w.live + this.w.liveGrowth * t;
  }

  private step(goal: Goal, counting: boolean): void {
    const c = runCycle({
      w: this.w,
      procs: this.procs,
      gcCpus: this.gcCpus,
      live: this.liveAt(this.t),
      marked: this.marked,
      goal,
      jitter: this.nextJitter(),
      limiterOn: this.limiter.on,
      runways: this.runways,
      goalAt: this.goalAt(),
    });
    this.checkOom(c);
    this.limiter = limiterStep(this.limiter, this.procs, this.w.mutatorCpu, c.markSec, c.periodSec);
    this.runways = pushRunway(this.runways, c.runway);
    const goMemory = this.goMemory(c.peak);
    this.inUseAfterSweep = Math.min(goMemory, this.afterSweep(c));
    this.overage = Math.max(0, goMemory - (this.s.gomemlimit ?? Infinity));
    if (counting) this.count(c, goal, goMemory);
    this.t += c.periodSec;
    this.marked = c.nextMarked;
  }

  /** Under GOMEMLIMIT the goal the trigger sees moves with the heap (pacer-goal.ts limitGoalAt). */
  private goalAt(): ((heap: number) => number) | undefined {
    const limit = this.s.gomemlimit;
    const inUse = this.inUseAfterSweep;
    if (limit === undefined || inUse === undefined) return undefined;
    const byGogc = gogcGoal(this.marked, this.w.stacks + this.w.globals, this.s.gogc);
    return (heap) => Math.min(byGogc, limitGoalAt(limit, heap, inUse, this.w, this.overage));
  }

  private afterSweep(c: Cycle): number {
    const w = this.w;
    const marked = c.nextMarked * (1 + w.unusedRatio);
    return w.runtimeOverhead + marked + (w.sweptInSpans ?? 0) * (c.peak - c.nextMarked);
  }

  private count(c: Cycle, goal: Goal, goMemory: number): void {
    const k = this.counted;
    k.sec += c.periodSec;
    k.cycles++;
    k.gcCpu += c.gcCpuSec;
    if (c.trigger >= goal.bytes) k.continuous++;
    if (goal.by === 'memory-limit') k.byLimit++;
    this.engaged ||= this.limiter.on;
    this.peak.heap = Math.max(this.peak.heap, c.peak);
    this.peak.go = Math.max(this.peak.go, goMemory);
    this.peak.goal = Math.max(this.peak.goal, goal.bytes);
  }

  /**
   * Go memory with the heap at `heap`: heap spans kept (calibrated per byte of peak heap) plus
   * the runtime's own. Under GOMEMLIMIT the scavenger returns what is above 95% of the limit
   * (mgcscavenge.go reduceExtraPercent), down to the spans in use.
   */
  private goMemory(heap: number): number {
    const w = this.w;
    let spans = heap * w.spanRatio;
    if (this.s.gomemlimit !== undefined) {
      const inUse = heap * (1 + w.unusedRatio);
      spans = Math.min(
        spans,
        Math.max(inUse, SCAVENGE_LIMIT_SHARE * this.s.gomemlimit - w.runtimeOverhead),
      );
    }
    return spans + w.runtimeOverhead;
  }

  /** The kernel kills when the container's charge passes its limit, as the heap grows. */
  private checkOom(c: Cycle): void {
    const limit = this.s.containerLimit;
    if (limit === undefined || this.goMemory(c.peak) + this.w.nonGo <= limit) return;
    const heapAtLimit = (limit - this.w.nonGo - this.w.runtimeOverhead) / this.w.spanRatio;
    this.oomAtSec = this.t + Math.max(0, heapAtLimit - this.marked) / this.w.allocRate;
    this.peak.heap = Math.max(this.peak.heap, heapAtLimit);
    this.peak.go = Math.max(this.peak.go, limit - this.w.nonGo);
  }

  /** GOGC=off without GOMEMLIMIT: the heap grows until the duration ends or the kernel kills. */
  private growWithoutGc(): void {
    const w = this.w;
    const limit = this.s.containerLimit;
    const perSec = w.allocRate * (1 + w.unusedRatio);
    const start = this.marked * (1 + w.unusedRatio) + w.runtimeOverhead + w.nonGo;
    const untilKill = limit === undefined ? Infinity : Math.max(0, (limit - start) / perSec);
    const sec = Math.min(untilKill, this.durationSec);
    if (untilKill <= this.durationSec) this.oomAtSec = this.t + untilKill;
    this.counted.sec += sec;
    this.peak.heap = this.marked + w.allocRate * sec;
    this.peak.go = this.peak.heap * (1 + w.unusedRatio) + w.runtimeOverhead;
    this.peak.goal = Infinity;
  }

  private nextJitter(): number {
    const j = this.w.markJitter;
    return j.length === 0 ? 1 : j[this.jitterAt++ % j.length];
  }

  private prediction(): Prediction {
    const k = this.counted;
    const sec = Math.max(k.sec, 1e-9);
    const share = k.gcCpu / (this.procs * sec);
    return {
      settings: this.s,
      regime: this.regime(),
      cyclesPerSec: k.cycles / sec,
      gcCpuShare: share,
      peakHeap: this.peak.heap,
      peakGoMemory: this.peak.go,
      peakContainer: this.peak.go + this.w.nonGo,
      heapGoal: this.peak.goal,
      limiterEngaged: this.engaged,
      thrash: share >= THRASH_GC_SHARE,
      ...(this.oomAtSec === undefined ? {} : { oomAtSec: this.oomAtSec }),
      simulatedSec: this.t,
    };
  }

  private regime(): Regime {
    const k = this.counted;
    if (this.peak.goal === Infinity) return 'no-gc';
    if (k.continuous * 2 > k.cycles) return 'continuous';
    return k.byLimit * 2 > k.cycles ? 'memory-limit' : 'gogc';
  }
}
