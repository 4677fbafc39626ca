/**
 * The diagnose inputs that come from the cgroup: the effective limit, the working set (via
 * working-set.ts, cAdvisor's formula), OOM kill counters and memory.high throttling.
 */
import { valueOf, type Observation } from '../model/observation.js';
import type { Snapshot } from '../model/snapshot.js';
import { UNLIMITED } from '../model/units.js';
import type { DiagnoseInputs, Measured, OomCount } from './diagnose-inputs.js';
import { workingSet } from './working-set.js';

export type In<T> = { value: T } | { missing: string };

export const have = <T>(value: T): In<T> => ({ value });
export const lack = <T>(missing: string): In<T> => ({ missing });

/** One line saying why an observation has no value. */
export function why(obs: Observation<unknown> | undefined, what: string): string {
  if (obs === undefined) return `${what} not observed`;
  if (obs.status === 'unreadable') return `${obs.source} unreadable: ${obs.reason}`;
  return `${obs.source} not found${obs.status === 'absent' && obs.note ? ` (${obs.note})` : ''}`;
}

export function limitOf(obs: In<DiagnoseInputs['limitObserved']>): In<Measured> {
  if ('missing' in obs) return obs;
  const { limit, source } = obs.value;
  return limit === UNLIMITED ? lack('no memory limit (unlimited)') : have({ bytes: limit, source });
}

export function workingSetOf(snapshot: Snapshot): In<Measured> {
  const cg = valueOf(snapshot.cgroup);
  if (!cg) return lack(why(snapshot.cgroup, 'cgroup'));
  const usage = valueOf(cg.usage);
  const stat = valueOf(cg.stat);
  if (usage === undefined) return lack(why(cg.usage, 'usage'));
  if (stat === undefined) return lack(why(cg.stat, 'memory.stat'));
  return have({
    bytes: workingSet(usage, stat),
    source: `${cg.usage.source} - ${cg.stat.source} inactive_file`,
  });
}

export function oomOf(snapshot: Snapshot): In<OomCount> {
  const cg = valueOf(snapshot.cgroup);
  if (!cg) return lack(why(snapshot.cgroup, 'cgroup'));
  const events = valueOf(cg.events);
  if (events) return have({ kills: events.oomKill, source: `${cg.events.source} oom_kill` });
  const ctl = valueOf(cg.oomControl);
  if (ctl?.oomKill !== undefined)
    return have({
      kills: ctl.oomKill,
      source: `${cg.oomControl.source} oom_kill`,
      underOom: ctl.underOom,
    });
  if (ctl) return lack(`${cg.oomControl.source} has no oom_kill counter (kernel < 4.13)`);
  return lack(
    cg.version === 2 ? why(cg.events, 'memory.events') : why(cg.oomControl, 'memory.oom_control'),
  );
}

export function highOf(snapshot: Snapshot): In<DiagnoseInputs['high']> {
  const cg = valueOf(snapshot.cgroup);
  if (!cg) return lack(why(snapshot.cgroup, 'cgroup'));
  if (cg.version === 1) return lack('memory.high exists only in cgroup v2');
  const high = valueOf(cg.high);
  const events = valueOf(cg.events);
  const usage = valueOf(cg.usage);
  if (!high) return lack(why(cg.high, 'memory.high'));
  if (high.limit === UNLIMITED) return lack('memory.high is max (not set)');
  if (!events) return lack(why(cg.events, 'memory.events'));
  if (usage === undefined) return lack(why(cg.usage, 'usage'));
  return have({
    high: high.limit,
    highSource: high.setBy,
    events: events.high,
    eventsSource: `${cg.events.source} high`,
    usage: { bytes: usage, source: cg.usage.source },
  });
}
