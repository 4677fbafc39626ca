/**
 * A Go execution trace, read whole, summarized for the GC. A trace that breaks off (cut short
 * by a kill, damaged) still gives what was read before, marked incomplete with the reason;
 * only a trace with nothing readable is an error.
 */
import { ParseError } from '../model/errors.js';
import { GoTraceReader } from '../formats/go-trace-reader.js';
import { GcTraceBuilder, type GcTraceSummary } from './go-trace-gc.js';

export function summarizeGcTrace(buf: Uint8Array): GcTraceSummary {
  const reader = new GoTraceReader(buf);
  const builder = new GcTraceBuilder(reader.version);
  try {
    for (let ev = reader.next(); ev; ev = reader.next()) builder.add(ev);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    const summary = builder.finish(err.message);
    if (summary.durationNs === 0) throw err;
    return summary;
  }
  return builder.finish();
}
