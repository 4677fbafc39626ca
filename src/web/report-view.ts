/**
 * The report's sections as one view, for the report file (main.ts, drawn once) and the live
 * page of `gomemlens serve` (live.ts, updated as records arrive). `update` redraws only what
 * changed: chart data in place, the findings, post-mortem and profiles when they grew, and the
 * breakdown follows the newest full snapshot until a chart is clicked.
 */
import type { ReportData, ReportProfile } from '../report/html/report-data.js';
import { liveChart, type ChartHandle } from './charts.js';
import { chartSpecs } from './chart-specs.js';
import { el, section } from './dom.js';
import { chosenIn, profilesView } from './profiles.js';
import { diagnoseMoment } from './diagnose-moment.js';
import { verdictView } from './verdict-view.js';
import {
  findingsSection,
  gcCyclesSection,
  gcTracesSection,
  headerView,
  postMortemSection,
  whatIfSection,
} from './report-sections.js';

export interface ReportViewOptions {
  readonly onError: (msg: string) => void;
  readonly title?: string;
  /** Put at the top of the heap profiles section (the live page's "take one now" button). */
  readonly profileActions?: HTMLElement;
}

export interface ReportView {
  readonly root: HTMLElement;
  update(data: ReportData): void;
}

export function reportView(first: ReportData, o: ReportViewOptions): ReportView {
  let data = first;
  let picked: number | undefined;
  const root = el('div', { class: 'report' });
  const width = Math.min(1200, (document.getElementById('app')?.clientWidth ?? 1040) - 40);
  const charts = section('Memory over time', 'charts');
  const breakdown = section('Breakdown at a chosen moment', 'breakdown');
  const pick = (tSec: number) => {
    picked = tSec * 1000;
    breakdown.body.replaceChildren(diagnoseMoment(data.snapshots, picked));
  };
  const handles: ChartHandle[] = chartSpecs(data).map((spec) => liveChart(spec, width, pick));
  charts.body.append(...handles.map((h) => h.root));
  const slots = {
    header: el('div', {}),
    verdict: el('div', {}),
    findings: el('div', {}),
    postMortem: el('div', {}),
    gcCycles: el('div', {}),
    whatIf: el('div', {}),
    gcTraces: el('div', {}),
    heap: el('div', {}),
    goroutines: el('div', {}),
  };
  root.append(slots.header, slots.verdict, charts.root, breakdown.root);
  root.append(slots.findings, slots.postMortem, slots.gcCycles, slots.whatIf, slots.gcTraces);
  root.append(slots.heap, slots.goroutines);
  const drawn = {
    snapshots: -1,
    findings: -1,
    died: false,
    grown: 0,
    profiles: -1,
    gcCycles: -1,
    whatIf: '',
    gcTraces: -1,
  };

  const render = () => {
    slots.header.replaceChildren(headerView(data, o.title));
    slots.verdict.replaceChildren(verdictView(data));
    if (picked === undefined && drawn.snapshots !== data.snapshots.length) {
      // The last full snapshot first: watch takes one with the last profile before the end.
      const last = data.snapshots[data.snapshots.length - 1]?.t ?? data.endedAt ?? 0;
      breakdown.body.replaceChildren(diagnoseMoment(data.snapshots, last));
    }
    if (drawn.findings !== data.findings.length)
      slots.findings.replaceChildren(findingsSection(data));
    const died = data.postMortem?.died ?? false;
    const grown = data.postMortem?.grownSites.length ?? 0;
    if (drawn.died !== died || drawn.grown !== grown || drawn.findings < 0)
      slots.postMortem.replaceChildren(postMortemSection(data));
    if (drawn.profiles !== data.profiles.length) drawProfiles();
    drawGcSections();
    drawn.snapshots = data.snapshots.length;
    drawn.findings = data.findings.length;
    drawn.died = died;
    drawn.grown = grown;
    drawn.profiles = data.profiles.length;
  };

  // The GC sections are redrawn only when what they show changed (the live page).
  const drawGcSections = () => {
    const cycles = data.gcCycles?.cycles ?? 0;
    if (drawn.gcCycles !== cycles) slots.gcCycles.replaceChildren(gcCyclesSection(data, width));
    drawn.gcCycles = cycles;
    const whatIf = JSON.stringify(data.whatIf);
    if (drawn.whatIf !== whatIf) slots.whatIf.replaceChildren(whatIfSection(data, width));
    drawn.whatIf = whatIf;
    if (drawn.gcTraces !== data.gcTraces.length)
      slots.gcTraces.replaceChildren(
        ...(data.gcTraces.length > 0 ? [gcTracesSection(data, width, pick)] : []),
      );
    drawn.gcTraces = data.gcTraces.length;
  };

  // Profiles drawn last time: a rebuild with more keeps what was chosen (the live page).
  let shownHeaps: ReportProfile[] = [];
  let shownGoroutines: ReportProfile[] = [];
  const drawProfiles = () => {
    const heaps = data.profiles.filter((p) => p.kind === 'heap');
    const goroutines = data.profiles.filter((p) => p.kind === 'goroutine');
    const prof = section('Heap profiles', 'profiles');
    if (o.profileActions) prof.body.append(o.profileActions);
    prof.body.append(profilesView(heaps, o.onError, '', chosenIn(slots.heap, shownHeaps)));
    const keepG = chosenIn(slots.goroutines, shownGoroutines, 'g-');
    slots.heap.replaceChildren(prof.root);
    shownHeaps = heaps;
    shownGoroutines = goroutines;
    if (goroutines.length === 0) return void slots.goroutines.replaceChildren();
    const g = section('Goroutine profiles', 'goroutines');
    g.body.append(profilesView(goroutines, o.onError, 'g-', keepG));
    slots.goroutines.replaceChildren(g.root);
  };

  render();
  return {
    root,
    update(next) {
      data = next;
      chartSpecs(next).forEach((spec, i) => handles[i].update(spec.columns, spec.marks));
      render();
    },
  };
}
