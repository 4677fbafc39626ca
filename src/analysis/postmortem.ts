/**
 * What happened when the target died. The OOM kill is read from the kernel's counters, never
 * guessed from memory numbers: cgroup v2 memory.events oom_kill, v1 memory.oom_control
 * oom_kill (kernel >= 4.13), and an exit by SIGKILL when the exit status is known (a container
 * runtime reports it as 137 = 128 + 9).
 */
import type { CaptureHeader, EndRecord, ProfileRecord, TriggerRecord } from '../formats/capture.js';
import type { Finding } from '../model/finding.js';
import type { Sample } from '../model/series.js';
import type { SiteGrowth } from './series-rules/inputs.js';

/** The args of the post-mortem's two codes (the messages table is typed by them). */
export type PostMortemArgs = {
  'oom-kill-observed': {
    /** The signs that the kernel's OOM killer ended the target, joined with "; ". */
    readonly evidence: string;
    readonly lastWorkingSet: number;
    readonly limit: number;
  };
  /** "signal SIGTERM", "exit status 2" or "exit status unknown". */
  'target-exited': { readonly how: string };
};

export interface PostMortem {
  readonly died: boolean;
  readonly oomKilled: boolean;
  /** How the verdict was reached: "memory.oom_control oom_kill 0 -> 1". */
  readonly evidence: readonly string[];
  readonly endedAt?: number;
  readonly lastSample?: Sample;
  readonly captures: readonly {
    readonly t: number;
    readonly kind: string;
    readonly reason: string;
    readonly secBeforeEnd: number;
  }[];
  readonly triggers: readonly {
    readonly t: number;
    readonly name: string;
    readonly detail: string;
  }[];
  /** Sites whose inuse_space grew between the first and the last heap profile, largest growth first. */
  readonly grownSites: readonly SiteGrowth[];
  readonly finding?: Finding<'oom-kill-observed' | 'target-exited'>;
}

export interface PostMortemInput {
  readonly header: CaptureHeader;
  readonly samples: readonly Sample[];
  readonly profiles: readonly ProfileRecord[];
  readonly triggers: readonly TriggerRecord[];
  readonly end?: EndRecord;
  readonly grownSites?: readonly SiteGrowth[];
}

export function postMortem(c: PostMortemInput): PostMortem {
  const died = c.end?.why === 'target-exited';
  const last = lastAlive(c.samples) ?? c.samples[c.samples.length - 1];
  const endedAt = c.end?.t ?? c.samples[c.samples.length - 1]?.t;
  const evidence = oomEvidence(c.samples, c.end);
  const oomKilled = evidence.length > 0;
  const captures = c.profiles.map((p) => ({
    t: p.t,
    kind: p.kind,
    reason: p.reason,
    secBeforeEnd: ((endedAt ?? p.t) - p.t) / 1000,
  }));
  const triggers = c.triggers.map(({ t, name, detail }) => ({ t, name, detail }));
  const grownSites = (c.grownSites ?? [])
    .filter((s) => s.growthBytes > 0)
    .sort((a, b) => b.growthBytes - a.growthBytes);
  const finding = died ? verdict(oomKilled, evidence, last, c.end) : undefined;
  return {
    died,
    oomKilled,
    evidence,
    endedAt,
    lastSample: last,
    captures,
    triggers,
    grownSites,
    finding,
  };
}

function oomEvidence(samples: readonly Sample[], end: EndRecord | undefined): string[] {
  const out: string[] = [];
  const counter = (s: Sample) => s.cgroup?.events?.oomKill ?? s.cgroup?.oomKill;
  const withCounter = samples.filter((s) => counter(s) !== undefined);
  if (withCounter.length > 0) {
    const first = counter(withCounter[0])!;
    const last = counter(withCounter[withCounter.length - 1])!;
    const file = withCounter[0].cgroup?.events
      ? 'memory.events oom_kill'
      : 'memory.oom_control oom_kill';
    if (last > first) out.push(`${file} ${first} -> ${last}`);
  }
  if (end?.signal === 'SIGKILL' && out.length > 0) out.push('exit by SIGKILL');
  if (end?.exitCode === 137 && out.length > 0) out.push('exit status 137 (128 + SIGKILL)');
  return out;
}

function verdict(
  oom: boolean,
  evidence: string[],
  last: Sample | undefined,
  end: EndRecord | undefined,
): Finding<'oom-kill-observed' | 'target-exited'> {
  if (oom) {
    const args: PostMortemArgs['oom-kill-observed'] = {
      evidence: evidence.join('; '),
      lastWorkingSet: last?.cgroup?.workingSet ?? 0,
      limit: last?.cgroup?.limit ?? 0,
    };
    return {
      code: 'oom-kill-observed',
      severity: 'error',
      args,
      evidence: evidence.map((e) => ({ what: 'OOM kill', value: e, source: e.split(' ')[0] })),
    };
  }
  const how = end?.signal
    ? `signal ${end.signal}`
    : end?.exitCode !== undefined
      ? `exit status ${end.exitCode}`
      : 'exit status unknown';
  const args: PostMortemArgs['target-exited'] = { how };
  return {
    code: 'target-exited',
    severity: 'info',
    args,
    evidence: [{ what: 'exit', value: how, source: 'watch' }],
  };
}

/** The last sample taken while the target was alive (the one after death has no /proc or Go data). */
function lastAlive(samples: readonly Sample[]): Sample | undefined {
  for (let i = samples.length - 1; i >= 0; i--)
    if (samples[i].proc || samples[i].go) return samples[i];
  return undefined;
}
