/**
 * One row of `gomemlens ps` per Go process: what it is, which Go, what limit it lives under,
 * how much memory it holds, and which GOMEMLIMIT/GOGC are in effect (as Go would read them).
 */
import { valueOf, type Observation } from '../model/observation.js';
import type { BinaryInfo, CgroupMemory, ProcessInfo } from '../model/snapshot.js';
import type { Limit } from '../model/units.js';
import { gogcOf, gomemlimitOf } from './settings.js';
import { workingSet } from './working-set.js';

export interface PsRow {
  readonly pid: number;
  readonly command: string;
  readonly goVersion: string;
  readonly modulePath?: string;
  /** Effective cgroup limit in bytes, "unlimited", or undefined when unknown. */
  readonly limit?: Limit;
  readonly limitSetBy?: string;
  readonly rssBytes?: number;
  readonly workingSetBytes?: number;
  /** GOMEMLIMIT from the environment, as written, and the bytes Go takes from it (none: absent). */
  readonly gomemlimit: {
    readonly text?: string;
    readonly bytes?: number;
    readonly malformed?: boolean;
  };
  /** GOGC as Go reads the environment: a percent, or "off". */
  readonly gogc: string;
}

export function psRow(
  pid: number,
  proc: ProcessInfo,
  binary: Observation<BinaryInfo>,
  cgroup: Observation<CgroupMemory>,
): PsRow | undefined {
  const bin = valueOf(binary);
  if (!bin?.isGo) return undefined;
  const env = valueOf(proc.environ) ?? {};
  const status = valueOf(proc.status);
  const cmdline = valueOf(proc.cmdline);
  const cg = valueOf(cgroup);
  const effective = cg ? valueOf(cg.effectiveLimit) : undefined;
  const usage = cg ? valueOf(cg.usage) : undefined;
  const stat = cg ? valueOf(cg.stat) : undefined;
  return {
    pid,
    command: cmdline?.length ? cmdline.join(' ') : (status?.name ?? '?'),
    goVersion: bin.buildInfo.goVersion,
    modulePath: bin.buildInfo.path,
    limit: effective?.limit,
    limitSetBy: effective?.setBy,
    rssBytes: status?.vmRss,
    workingSetBytes: usage !== undefined && stat ? workingSet(usage, stat) : undefined,
    gomemlimit: gomemlimitRow(env.GOMEMLIMIT, proc.environ.source, bin.buildInfo.goVersion),
    gogc: gogcText(env.GOGC, proc.environ.source),
  };
}

/** The same reading of the environment as diagnose's settings (Go's syntax and version rules). */
function gomemlimitRow(
  raw: string | undefined,
  source: string,
  goVersion: string,
): PsRow['gomemlimit'] {
  const inForce = gomemlimitOf(raw, source, undefined, goVersion);
  const row: { text?: string; bytes?: number; malformed?: boolean } = {};
  if (inForce.env) row.text = inForce.env.raw;
  if (inForce.bytes !== null) row.bytes = inForce.bytes;
  if (inForce.env?.parsed.kind === 'malformed') row.malformed = true;
  return row;
}

function gogcText(raw: string | undefined, source: string): string {
  const percent = gogcOf(raw, source).percent;
  return percent === null ? 'off' : String(percent);
}
