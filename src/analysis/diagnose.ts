/**
 * `diagnose` as pure analysis: a Snapshot in, a report out (settings in effect, the reconciled
 * breakdown, findings sorted by severity, skipped rules and missing observations). The report
 * is plain JSON data: it is the documented --json schema (schemaVersion 1).
 */
import type { RuntimeCode } from '../model/codes/index.js';
import { SEVERITY_RANK, type Finding } from '../model/finding.js';
import { describeMissing, type Observation } from '../model/observation.js';
import { endpointProblems, type Snapshot } from '../model/snapshot.js';
import { buildBreakdown, type Breakdown } from './breakdown.js';
import { diagnoseInputs, type DiagnoseInputs } from './diagnose-inputs.js';
import { agentDocument } from './go-memory.js';
import { runRules, type Skipped } from './engine.js';
import { DIAGNOSE_RULES, type RuntimeArgs } from './rules/index.js';
import { readSettings, type GoSettings } from './settings.js';

export interface DiagnoseReport {
  readonly schemaVersion: 1;
  readonly snapshot: Snapshot;
  readonly settings: GoSettings;
  readonly breakdown: Breakdown;
  readonly findings: readonly Finding<RuntimeCode>[];
  readonly skipped: readonly Skipped[];
  /** One line per absent or unreadable observation: "memory.events not found (cgroup v1?)". */
  readonly missing: readonly string[];
}

export function analyzeSnapshot(snapshot: Snapshot): DiagnoseReport {
  const settings = readSettings(snapshot);
  const inputs = diagnoseInputs(snapshot, settings);
  // Rules of scope "go" do not apply to a binary known not to be Go (and serving no runtime).
  const notGo =
    snapshot.binary?.status === 'ok' && !snapshot.binary.value.isGo && !snapshot.runtime;
  const { findings, skipped } = runRules<DiagnoseInputs, RuntimeArgs>(DIAGNOSE_RULES, inputs, {
    notGo: notGo ? 'not a Go binary' : undefined,
  });
  return {
    schemaVersion: 1,
    snapshot,
    settings,
    breakdown: buildBreakdown(snapshot),
    findings: sortBySeverity(findings),
    skipped,
    missing: missingObservations(snapshot),
  };
}

/** Most severe first; the rule order is kept within a severity. */
export function sortBySeverity<T extends Finding<string>>(findings: readonly T[]): T[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

export function missingObservations(snapshot: Snapshot): string[] {
  const out: string[] = [];
  const add = (obs: Observation<unknown> | undefined) => {
    const line = obs && describeMissing(obs);
    if (line) out.push(line);
  };
  const t = snapshot.target;
  if (snapshot.cgroup) {
    add(snapshot.cgroup);
    if (snapshot.cgroup.status === 'ok')
      Object.values(snapshot.cgroup.value).forEach((v) => isObservation(v) && add(v));
  } else if (t.pid !== undefined || t.cgroupDir !== undefined) out.push('cgroup not observed');
  if (snapshot.process) Object.values(snapshot.process).forEach((v) => isObservation(v) && add(v));
  else out.push('no process observed (no --pid)');
  add(snapshot.binary);
  if (snapshot.runtime) {
    add(snapshot.runtime.memstats);
    add(snapshot.runtime.prometheus);
    out.push(...endpointProblems(snapshot.runtime));
    const agent = agentDocument(snapshot.runtime);
    if (agent.problem) out.push(agent.problem);
  } else out.push('no Go runtime endpoint (no --url, none discovered)');
  return [...out, ...snapshot.notes];
}

function isObservation(v: unknown): v is Observation<unknown> {
  return typeof v === 'object' && v !== null && 'status' in v && 'source' in v;
}
