/**
 * `go tool pprof -peek REGEX` as a library (internal/report printTree with a symbol regexp):
 * the untrimmed graph (peek turns trimming off, driver applyCommandOverrides), its nodes in
 * top's order, and for each node whose name matches: its callers and callees with the weight
 * of each edge (profile-edges.ts), heaviest first.
 */
import type { ValueType } from '../model/profile.js';
import { InputError } from '../model/errors.js';
import { compileGoRegexp } from './go-regexp.js';
import { collectEdges } from './profile-edges.js';
import { buildNodeGraph, type GraphInput } from './profile-graph.js';
import { activeFilters, filteredInputs } from './profile-inputs.js';
import { sortNodes, type TopOptions } from './profile-top.js';

export interface PeekEdge {
  readonly name: string;
  readonly weight: number;
  readonly inline: boolean;
}

export interface PeekNode {
  readonly name: string;
  readonly flat: number;
  readonly cum: number;
  readonly callers: readonly PeekEdge[];
  readonly callees: readonly PeekEdge[];
}

export interface PeekReport {
  readonly sampleType: ValueType;
  readonly total: number;
  /** Sum of flat over every node (pprof's "Showing nodes accounting for"). */
  readonly shown: number;
  /** flat and cum of every node: the output unit is picked from all of them. */
  readonly values: readonly { flat: number; cum: number }[];
  readonly nodes: readonly PeekNode[];
  readonly filters: readonly string[];
  readonly notes: readonly string[];
}

export function peekOfInputs(
  inputs: readonly GraphInput[],
  regex: string,
  o: TopOptions,
): PeekReport {
  const rx = compileGoRegexp(regex, 'argument');
  const filtered = filteredInputs(inputs, o);
  const g = buildNodeGraph(filtered.inputs, o, filtered.total);
  const present: number[] = [];
  for (let n = 0; n < g.names.length; n++) if (g.cum[n] !== 0 || g.flat[n] !== 0) present.push(n);
  sortNodes(present, g, o.cum ?? false);
  const matched = new Uint8Array(g.names.length);
  const hits = present.filter((n) => rx.test(g.names[n]));
  if (hits.length === 0) throw new InputError(`no matches found for regexp: ${regex}`);
  for (const n of hits) matched[n] = 1;
  const kept = new Uint8Array(g.names.length).fill(1);
  const callers = new Map<number, PeekEdge[]>();
  const callees = new Map<number, PeekEdge[]>();
  const add = (m: Map<number, PeekEdge[]>, at: number, e: PeekEdge) =>
    m.has(at) ? m.get(at)!.push(e) : m.set(at, [e]);
  collectEdges(g, kept, matched, matched).forEach((from, to, weight, inline) => {
    if (matched[to]) add(callers, to, { name: g.names[from], weight, inline });
    if (matched[from]) add(callees, from, { name: g.names[to], weight, inline });
  });
  const first = inputs[0];
  return {
    sampleType: first.profile.sampleTypes[first.sampleIndex],
    total: g.total,
    shown: present.reduce((s, n) => s + g.flat[n], 0),
    values: present.map((n) => ({ flat: g.flat[n], cum: g.cum[n] })),
    nodes: hits.map((n) => ({
      name: g.names[n],
      flat: g.flat[n],
      cum: g.cum[n],
      callers: sortEdges(callers.get(n) ?? [], g.names[n], true),
      callees: sortEdges(callees.get(n) ?? [], g.names[n], false),
    })),
    filters: activeFilters(o),
    notes: filtered.notes,
  };
}

/** edgeList.Less: |weight| desc, then the source's name, then the destination's. */
function sortEdges(edges: PeekEdge[], self: string, incoming: boolean): PeekEdge[] {
  const src = (e: PeekEdge) => (incoming ? e.name : self);
  const dst = (e: PeekEdge) => (incoming ? self : e.name);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return edges.sort(
    (a, b) => Math.abs(b.weight) - Math.abs(a.weight) || cmp(src(a), src(b)) || cmp(dst(a), dst(b)),
  );
}
