/**
 * gomemlens's execution-trace reader printed the way testdata/tracedump prints
 * golang.org/x/exp/trace's events (-events), with the same summary lines, so that the two
 * outputs compare line for line.
 */
import { Ev } from '../../src/formats/go-trace-spec.js';
import {
  kindOf,
  metricOf,
  rangeOf,
  transitionOf,
  MARK_ASSIST,
  MARK_PHASE,
  type TraceEvent,
} from '../../src/formats/go-trace-event.js';
import { GoTraceReader } from '../../src/formats/go-trace-reader.js';

function resource(kind: string, id: number): string {
  return kind === 'None' ? 'None' : `${kind}(${id})`;
}

export function eventLine(ev: TraceEvent, base: bigint): string {
  const kind = kindOf(ev);
  const head = `${base + BigInt(ev.time)} ${kind} g=${ev.g} p=${ev.p} m=${ev.m}`;
  switch (kind) {
    case 'Sync':
      return `${head} n=${ev.a0}`;
    case 'Metric': {
      const m = metricOf(ev);
      return `${head} ${m.name}=${BigInt(m.value)}`;
    }
    case 'Label':
      return `${head} ${JSON.stringify(ev.str(0))} Goroutine(${ev.g})`;
    case 'RangeBegin':
    case 'RangeActive':
    case 'RangeEnd': {
      const r = rangeOf(ev);
      return `${head} ${JSON.stringify(r.name)} ${resource(r.scope, r.id)}`;
    }
    case 'StateTransition': {
      const t = transitionOf(ev);
      return `${head} ${resource(t.resource, t.id)} ${t.from}->${t.to}`;
    }
    default:
      return head;
  }
}

/** Every line tracedump -events prints for the trace in buf, and the error that ended it. */
export function dumpLines(buf: Uint8Array, events = true): { lines: string[]; error?: string } {
  const lines: string[] = [];
  const r = new GoTraceReader(buf);
  const s = new Summary();
  let n = 0;
  let error: string | undefined;
  try {
    for (let ev = r.next(); ev; ev = r.next()) {
      n++;
      if (events) lines.push(eventLine(ev, r.base));
      s.add(ev, r.base);
    }
  } catch (err) {
    error = (err as Error).message;
  }
  if (error === undefined) {
    lines.push(`events ${n}`);
    lines.push(...s.lines());
  }
  return { lines, error };
}

class Summary {
  private gcOpen = -1n;
  private readonly gcs: string[] = [];
  private readonly stwOpen = new Map<number, bigint>();
  private readonly stws: string[] = [];
  private readonly assist = new Map<number, bigint>();
  private readonly assists: string[] = [];

  add(ev: TraceEvent, base: bigint): void {
    const k = kindOf(ev);
    if (k !== 'RangeBegin' && k !== 'RangeActive' && k !== 'RangeEnd') return;
    const r = rangeOf(ev);
    const t = base + BigInt(ev.time);
    const g = r.scope === 'Goroutine' ? r.id : -1;
    const end = k === 'RangeEnd';
    if (r.name === MARK_PHASE) {
      if (!end) this.gcOpen = t;
      else {
        this.gcs.push(`gc ${this.gcOpen} ${t}`);
        this.gcOpen = -1n;
      }
    } else if (r.name === MARK_ASSIST) {
      if (!end) this.assist.set(g, t);
      else if (this.assist.has(g)) {
        this.assists.push(`assist ${g} ${this.assist.get(g)} ${t}`);
        this.assist.delete(g);
      }
    } else if (ev.typ === Ev.STWBegin || ev.typ === Ev.STWEnd) {
      if (!end) this.stwOpen.set(g, t);
      else if (this.stwOpen.has(g)) {
        this.stws.push(`stw ${this.stwOpen.get(g)} ${t} ${JSON.stringify(r.name)}`);
        this.stwOpen.delete(g);
      }
    }
  }

  lines(): string[] {
    return [...this.gcs, ...this.stws, ...this.assists];
  }
}
