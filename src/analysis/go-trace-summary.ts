/**
 * A Go execution trace, read whole, summarized for the GC. A trace that breaks off (cut short
 * by a kill, damaged) still gives what was read before, marked incomplete with the reason;
 * a trace with nothing readable (no complete generation) is an error.
 */
import { ParseError } from '../model/errors.js';
import { Ev } from '../formats/go-trace-spec.js';
import { GoTraceReader } from '../formats/go-trace-reader.js';
import { GcTraceBuilder, type GcTraceSummary } from './go-trace-gc.js';

export function summarizeGcTrace(buf: Uint8Array): GcTraceSummary {
  const reader = new GoTraceReader(buf);
  const builder = new GcTraceBuilder(reader.version);
  let seen = false;
  try {
    for (let ev = reader.next(); ev; ev = reader.next()) {
      seen ||= ev.typ !== Ev.ReaderSync;
      builder.add(ev);
    }
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    if (!seen) throw err;
    return builder.finish(err.message);
  }
  if (!seen) throw new ParseError('an empty trace: no events after the header');
  return builder.finish();
}
