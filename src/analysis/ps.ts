/**
 * One row of `gomemlens ps` per Go process: what it is, which Go, what limit it lives under,
 * how much memory it holds, and which GOMEMLIMIT/GOGC are in effect (as Go would read them).
 */
import { parseGoMemLimit } from '../model/gomemlimit.js';
import { valueOf, type Observation } from '../model/observation.js';
import type { BinaryInfo, CgroupMemory, ProcessInfo } from '../model/snapshot.js';
import type { Limit } from '../model/units.js';
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
  /** GOMEMLIMIT from the environment, as written, and as Go parses it. */
  readonly gomemlimit: { readonly text?: string; readonly bytes?: number; readonly malformed?: boolean };
  /** GOGC from the environment ("100" when unset, Go's default). */
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
    gomemlimit: gomemlimitOf(env.GOMEMLIMIT),
    gogc: env.GOGC ?? '100',
  };
}

function gomemlimitOf(text: string | undefined): PsRow['gomemlimit'] {
  if (text === undefined || text === '') return {};
  const parsed = parseGoMemLimit(text);
  if (parsed.kind === 'bytes') return { text, bytes: parsed.bytes };
  if (parsed.kind === 'off') return { text };
  return { text, malformed: true };
}
