/**
 * The output of the bpftrace program in sources/madvise-tracers.ts, read line by line: one
 * record per completed madvise call,
 *
 *   madvise TID ADVICE LEN RET
 *           runtime.madvise.abi0+23          (the user stack, innermost first, as ustack prints it)
 *           runtime.(*pageAlloc).scavengeOne+553
 *   ;
 *
 * "madvise trace attached" from the BEGIN probe, "@calls: N" (the calls counted in the kernel)
 * when bpftrace exits, and bpftrace's own lines ("Attaching 4 probes...", "Lost 12 events"). A record is complete
 * at its ";" line, so one is never split between two reads. Memory stays bounded: a record
 * keeps at most MAX_FRAMES frames.
 */
import { syscallResult, type MadviseCall } from '../model/madvise.js';

export const MAX_FRAMES = 64;
/** What the BEGIN probe prints. */
export const BPFTRACE_READY = 'madvise trace attached';

const HEADER = /^madvise (\d+) (-?\d+) (\d+) (-?\d+)(;?)$/;
const LOST = /^Lost (\d+) events/;
/** The @calls count map, printed when bpftrace exits. */
const CALLS = /^@calls: (\d+)$/;

export type BpftraceLine =
  | { readonly kind: 'call'; readonly call: MadviseCall }
  | { readonly kind: 'attached' }
  | { readonly kind: 'lost'; readonly events: number }
  | { readonly kind: 'counted'; readonly calls: number }
  | { readonly kind: 'none' };

const NONE = { kind: 'none' } as const;

export class BpftraceMadviseReader {
  private pending?: { tid: number; advice: number; bytes: number; ret: number; stack: string[] };

  line(text: string): BpftraceLine {
    const head = HEADER.exec(text);
    if (head) {
      const [tid, advice, bytes, ret] = head.slice(1, 5).map(Number);
      const done = this.finish();
      this.pending = { tid, advice, bytes, ret, stack: [] };
      // An empty stack closes the record on its own line.
      const call = done ?? (head[5] === ';' ? this.finish() : undefined);
      return call ? { kind: 'call', call } : NONE;
    }
    if (text === ';') {
      const done = this.finish();
      return done ? { kind: 'call', call: done } : NONE;
    }
    if (this.pending && /^\s/.test(text)) {
      const frame = frameName(text);
      if (frame && this.pending.stack.length < MAX_FRAMES) this.pending.stack.push(frame);
      return NONE;
    }
    if (text === BPFTRACE_READY) return { kind: 'attached' };
    const lost = LOST.exec(text);
    if (lost) return { kind: 'lost', events: Number(lost[1]) };
    const counted = CALLS.exec(text);
    return counted ? { kind: 'counted', calls: Number(counted[1]) } : NONE;
  }

  /** The record still open (output cut short): returned once, then forgotten. */
  finish(): MadviseCall | undefined {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return undefined;
    return {
      tid: p.tid,
      advice: p.advice,
      bytes: p.bytes,
      result: syscallResult(p.ret),
      stack: p.stack,
    };
  }
}

/**
 * "runtime.bgscavenge+72" -> "runtime.bgscavenge"; "main.f+3 (/app/server)" -> "main.f";
 * an unsymbolized "0x4a3f10" stays as it is.
 */
export function frameName(line: string): string | undefined {
  const t = line.trim().replace(/ \([^()]*\)$/, '');
  if (t === '') return undefined;
  return t.replace(/\+\d+$/, '');
}
