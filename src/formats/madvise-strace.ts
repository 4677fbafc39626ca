/**
 * `strace -f -e trace=madvise [-X raw] [-k]` output, read line by line:
 *
 *   [pid  9476] madvise(0x11b1c3470000, 65536, 0x4) = 0
 *   [pid  9476] madvise(0x11b1c3400000, 327680, MADV_DONTNEED <unfinished ...>
 *   [pid  9476] <... madvise resumed>)      = 0
 *    > /app/server(runtime.(*pageAlloc).scavengeOne+0x229) [0x32ec9]     (with -k)
 *   [pid  9476] madvise(0xc000000000, 4096, 0x19) = -1 EINVAL (Invalid argument)
 *   +++ exited with 0 +++
 *
 * Without a "[pid N]" prefix the line is the traced process's own thread (strace prints the
 * prefix only once it follows more than one). With -k the stack follows the line that ends
 * the call, so a call is handed out when the next non-stack line arrives (or at finish()).
 */
import { adviceNumber, type MadviseCall } from '../model/madvise.js';
import { MAX_FRAMES } from './madvise-bpftrace.js';

const PREFIX = /^\[pid\s+(\d+)\] /;
const CALL = /^madvise\((0x[0-9a-f]+|NULL|\d+), (\d+), (\w+)(?:\) += (.*)| <unfinished \.\.\.>)$/;
const RESUMED = /^<\.\.\. madvise resumed>\) += (.*)$/;
const FRAME = /^ > .*?\((.*)\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]$/;
/** A stack line without a symbol: " > /app/server() [0x32ec9]". */
const BARE_FRAME = /^ > .*\[(0x[0-9a-f]+)\]$/;
/** How many calls may be left unfinished at once (one per thread at most, in practice). */
const MAX_UNFINISHED = 4096;

export type StraceEvent =
  | { readonly kind: 'call'; readonly call: MadviseCall }
  | { readonly kind: 'exited'; readonly tid: number; readonly main: boolean };

type Open = { tid: number; advice: number; bytes: number };
type Done = Open & { result?: string; stack: string[] };

export class StraceMadviseReader {
  private readonly unfinished = new Map<number, Open>();
  private last?: Done;

  /** `pid`: the traced process, whose own lines carry no prefix. */
  constructor(private readonly pid: number) {}

  /** What this line completes: the call before it (once its stack is over), an exit. */
  line(text: string): StraceEvent[] {
    if (text.startsWith(' > ')) {
      this.frame(text);
      return [];
    }
    const done = this.finish();
    const out: StraceEvent[] = done ? [{ kind: 'call', call: done }] : [];
    const m = PREFIX.exec(text);
    const tid = m ? Number(m[1]) : this.pid;
    const rest = m ? text.slice(m[0].length) : text;
    if (rest.startsWith('+++ ')) out.push({ kind: 'exited', tid, main: !m || tid === this.pid });
    else this.call(tid, rest);
    return out;
  }

  /** The call still waiting for stack lines: returned once, then forgotten. */
  finish(): MadviseCall | undefined {
    const d = this.last;
    this.last = undefined;
    return d
      ? { tid: d.tid, advice: d.advice, bytes: d.bytes, result: d.result, stack: d.stack }
      : undefined;
  }

  private call(tid: number, rest: string): void {
    const c = CALL.exec(rest);
    if (c) {
      const advice = parseAdvice(c[3]);
      if (advice === undefined) return;
      const open = { tid, advice, bytes: Number(c[2]) };
      if (c[4] !== undefined) this.last = { ...open, result: parseResult(c[4]), stack: [] };
      else if (this.unfinished.size < MAX_UNFINISHED) this.unfinished.set(tid, open);
      return;
    }
    const r = RESUMED.exec(rest);
    const open = r ? this.unfinished.get(tid) : undefined;
    if (!r || !open) return;
    this.unfinished.delete(tid);
    this.last = { ...open, result: parseResult(r[1]), stack: [] };
  }

  private frame(text: string): void {
    if (!this.last || this.last.stack.length >= MAX_FRAMES) return;
    const f = FRAME.exec(text) ?? BARE_FRAME.exec(text);
    if (f) this.last.stack.push(f[1]);
  }
}

/** "0x4" (-X raw), "4", or "MADV_DONTNEED". */
function parseAdvice(text: string): number | undefined {
  if (/^0x[0-9a-f]+$/.test(text)) return parseInt(text, 16);
  if (/^\d+$/.test(text)) return Number(text);
  return adviceNumber(text);
}

/** "0" -> ok; "-1 EINVAL (Invalid argument)" -> EINVAL; "?" -> unknown. */
function parseResult(text: string): string | undefined {
  if (/^0\b/.test(text)) return 'ok';
  const e = /^-1 (E[A-Z0-9]+)/.exec(text);
  return e ? e[1] : undefined;
}
