/**
 * The verdict at the top of the report and the live view: how it ended (OOM-killed, when and
 * after how long), the allocation site that grew most, how good the forecast was in hindsight
 * (the ETA it gave halfway through against the kill that came), the GOMEMLIMIT and GOGC in
 * force, and the top findings (indexes into the report's findings, for links).
 */
import type { PostMortem } from '../../analysis/postmortem.js';
import type { Capture, ForecastRecord } from '../../formats/capture.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../../model/finding.js';

export interface Verdict {
  readonly outcome: 'oom-killed' | 'exited' | 'running';
  readonly startedAt: number;
  /** The end, or the last sample while running. */
  readonly lastAt?: number;
  /** How the kill was seen ("memory.oom_control oom_kill 0 -> 1"). */
  readonly evidence: readonly string[];
  readonly grew?: {
    readonly func: string;
    readonly growthBytes: number;
    readonly inuseBytes: number;
  };
  readonly hindsight?: Hindsight;
  readonly limit?: number;
  /** GOMEMLIMIT in bytes; null when the runtime reports it off. */
  readonly gomemlimit?: number | null;
  readonly gogc?: number;
  readonly top: readonly { readonly index: number; readonly severity: Severity }[];
}

/** The forecast nearest to halfway between the start and the kill, against the real end. */
export interface Hindsight {
  readonly at: number;
  readonly etaSec: number;
  readonly etaLowSec?: number;
  readonly etaHighSec?: number;
  /** Seconds from that forecast to the kill. */
  readonly actualSec: number;
}

export function buildVerdict(
  c: Capture,
  pm: PostMortem | undefined,
  findings: readonly { readonly finding: Finding }[],
): Verdict {
  const outcome = pm?.oomKilled ? 'oom-killed' : pm?.died ? 'exited' : 'running';
  const lastAt = pm?.endedAt ?? c.samples[c.samples.length - 1]?.t;
  const go = [...c.samples].reverse().find((s) => s.go)?.go;
  const limit = [...c.samples].reverse().find((s) => s.cgroup?.limit)?.cgroup?.limit;
  const top = findings
    .map((f, index) => ({ index, severity: f.finding.severity }))
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.index - b.index)
    .slice(0, 3);
  const grown = pm?.grownSites[0];
  return {
    outcome,
    startedAt: c.header.startedAt,
    lastAt,
    evidence: pm?.evidence ?? [],
    grew: grown && {
      func: grown.func,
      growthBytes: grown.growthBytes,
      inuseBytes: grown.inuseBytes,
    },
    hindsight:
      outcome === 'oom-killed' && lastAt
        ? hindsight(c.forecasts, c.header.startedAt, lastAt)
        : undefined,
    limit,
    gomemlimit: go ? (go.gomemlimit ?? null) : undefined,
    gogc: go?.gogc,
    top,
  };
}

function hindsight(
  forecasts: readonly ForecastRecord[],
  start: number,
  end: number,
): Hindsight | undefined {
  const half = start + (end - start) / 2;
  const withEta = forecasts.filter((f) => f.etaSec !== undefined && f.t < end);
  if (withEta.length === 0) return undefined;
  const f = withEta.reduce((a, b) => (Math.abs(b.t - half) < Math.abs(a.t - half) ? b : a));
  return {
    at: f.t,
    etaSec: f.etaSec!,
    etaLowSec: f.etaLowSec,
    etaHighSec: f.etaHighSec,
    actualSec: (end - f.t) / 1000,
  };
}
