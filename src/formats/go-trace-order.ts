/**
 * The ordering of a Go execution trace: events of different Ms are merged by replaying the
 * scheduler (goroutine, P and M states with their sequence numbers); an event that cannot
 * happen yet waits for another M's. This also gives each event its goroutine, P and M.
 * A port of $GOROOT/src/internal/trace/order.go (ordering.Advance and its handlers), kept
 * close to the original so that the events come out in Go's reader's order.
 */
import { ParseError } from '../model/errors.js';
import { Ev, GoState, GoStatus, ProcState, ProcStatus, SPECS } from './go-trace-spec.js';
import { PROC_STATUS_TO_STATE, TraceEvent } from './go-trace-event.js';
import type { EvTable } from './go-trace-gen.js';

interface Seq {
  gen: number;
  seq: number;
}
/** Special ranges in flight on a goroutine or P (made on first use: goroutines are many). */
interface RangeHolder {
  ranges?: number[];
}
interface GState extends Seq, RangeHolder {
  status: number;
  regions?: string[];
}
interface PState extends Seq, RangeHolder {
  status: number;
}
interface MState {
  g: number;
  p: number;
}
/** The running context: goroutine, P, M (-1: none). */
interface Ctx {
  g: number;
  p: number;
  m: number;
}

/**
 * Bounds on the state a trace can make the reader hold (each costs memory, and a hostile
 * trace names a new goroutine every 5 bytes): far above what real programs reach.
 */
const MAX_GOROUTINES = 1 << 20;
const MAX_THREADS = 100_000;
const MAX_NESTING = 10_000;

const Must = 2;
const May = 1;
const MustNot = 0;
type Req = 0 | 1 | 2;

/** A range type: its Begin event and its description (the STW reason's string ID). */
function rangeType(typ: number, desc: number): number {
  return (SPECS[typ].startEv || typ) + desc * 256;
}

/** ThreadID(uint64) of Go: IDs past 2^63 are negative (2^64-1, read as 2^64, is NoThread). */
function threadId(v: number): number {
  if (v < 2 ** 63) return v;
  return v === 2 ** 64 ? -1 : v - 2 ** 64;
}

/** A context part present (have) meets its requirement. */
function fits(have: boolean, req: Req): boolean {
  return req === May || have === (req === Must);
}

function succeeds(gen: number, seq: number, s: Seq): boolean {
  return gen === s.gen && seq === s.seq + 1;
}

export class Ordering {
  private readonly gs = new Map<number, GState>();
  private readonly ps = new Map<number, PState>();
  private readonly ms = new Map<number, MState>();
  private readonly tasks = new Map<number, { name: string; parent: number }>();
  private gcSeq = 0;
  /** 0 undetermined, 1 not running, 2 running. */
  private gcState = 0;
  private initialGen = 0;
  /** Events ready to hand out: a small queue (an advance adds one to three). */
  private readonly queue: (TraceEvent | undefined)[] = [];
  private head = 0;
  private tail = 0;
  /** The context of the event being advanced and the one it leaves (reused objects). */
  private readonly cur: Ctx = { g: -1, p: -1, m: -1 };
  /** The M of the last advance and its state (the common case: the same M again). */
  private lastM = -2;
  private lastMs: MState | undefined;
  private readonly after: Ctx = { g: -1, p: -1, m: -1 };

  next(): TraceEvent | undefined {
    if (this.head === this.tail) return undefined;
    const ev = this.queue[this.head];
    this.queue[this.head++] = undefined;
    if (this.head === this.tail) this.head = this.tail = 0;
    return ev;
  }

  /** The context after the event: cur with another goroutine and/or P. */
  private with(cur: Ctx, g: number, p: number): Ctx {
    const a = this.after;
    a.m = cur.m;
    a.g = g;
    a.p = p;
    return a;
  }

  /** ordering.Advance: true when ev could happen now (it is queued), false to try another M. */
  advance(ev: TraceEvent, table: EvTable, m: number, gen: number): boolean {
    if (this.initialGen === 0) this.initialGen = gen;
    let ms: MState | undefined;
    if (m === this.lastM) ms = this.lastMs;
    else if (m !== -1) {
      ms = this.ms.get(m);
      if (!ms) {
        if (this.ms.size >= MAX_THREADS) throw this.tooMany('threads', MAX_THREADS);
        ms = { g: -1, p: -1 };
        this.ms.set(m, ms);
      }
      this.lastM = m;
      this.lastMs = ms;
    }
    const cur = this.cur;
    cur.g = ms ? ms.g : -1;
    cur.p = ms ? ms.p : -1;
    cur.m = m;
    ev.table = table;
    const next = this.dispatch(ev, gen, cur);
    if (next === undefined) return false;
    if (ms) {
      ms.g = next.g;
      ms.p = next.p;
    }
    return true;
  }

  private push(ev: TraceEvent, ctx: Ctx): void {
    ev.g = ctx.g;
    ev.p = ctx.p;
    ev.m = ctx.m;
    this.queue[this.tail++] = ev;
  }

  /** An extra event the ordering makes (GoSwitch's block and start). */
  private make(from: TraceEvent, ctx: Ctx, typ: number, args: number[]): void {
    const ev = new TraceEvent(typ, from.time);
    args.forEach((v, i) => ev.setArg(i, v));
    ev.table = from.table;
    this.push(ev, ctx);
  }

  private fail(ev: TraceEvent, what: string): ParseError {
    return new ParseError(`${SPECS[ev.typ].name || `event ${ev.typ}`}: ${what}`);
  }

  private check(ev: TraceEvent, ctx: Ctx, m: Req, p: Req, g: Req): void {
    if (!fits(ctx.m !== -1, m) || !fits(ctx.p !== -1, p) || !fits(ctx.g !== -1, g)) {
      const what = !fits(ctx.m !== -1, m)
        ? 'thread'
        : !fits(ctx.p !== -1, p)
          ? 'proc'
          : 'goroutine';
      throw this.fail(ev, `a ${what} where none was expected, or none where one was`);
    }
  }

  private runningG(ev: TraceEvent, ctx: Ctx): GState {
    this.check(ev, ctx, Must, Must, Must);
    const s = this.gs.get(ctx.g);
    if (!s) throw this.fail(ev, `goroutine ${ctx.g} does not exist`);
    return s;
  }

  private dispatch(ev: TraceEvent, gen: number, cur: Ctx): Ctx | undefined {
    switch (ev.typ) {
      case Ev.ProcsChange:
      case Ev.GoLabel:
      case Ev.UserLog:
        this.check(ev, cur, Must, Must, Must);
        this.push(ev, cur);
        return cur;
      case Ev.ProcStart:
        return this.procStart(ev, gen, cur);
      case Ev.ProcStop:
        return this.procStop(ev, cur);
      case Ev.ProcSteal:
        return this.procSteal(ev, gen, cur);
      case Ev.ProcStatus:
        return this.procStatus(ev, gen, cur);
      case Ev.GoCreate:
      case Ev.GoCreateBlocked:
        return this.goCreate(ev, gen, cur);
      case Ev.GoCreateSyscall:
        return this.goCreateSyscall(ev, gen, cur);
      case Ev.GoStart:
        return this.goStart(ev, gen, cur);
      case Ev.GoDestroy:
      case Ev.GoStop:
      case Ev.GoBlock:
        return this.goStopExec(ev, cur);
      case Ev.GoDestroySyscall:
        return this.goDestroySyscall(ev, cur);
      case Ev.GoUnblock:
        return this.goUnblock(ev, gen, cur);
      case Ev.GoSyscallBegin:
        return this.goSyscallBegin(ev, gen, cur);
      case Ev.GoSyscallEnd:
        return this.goSyscallEnd(ev, cur);
      case Ev.GoSyscallEndBlocked:
        return this.goSyscallEndBlocked(ev, cur);
      case Ev.GoStatus:
      case Ev.GoStatusStack:
        return this.goStatus(ev, gen, cur);
      case Ev.GoSwitch:
      case Ev.GoSwitchDestroy:
        return this.goSwitch(ev, gen, cur);
      case Ev.STWBegin:
      case Ev.GCMarkAssistBegin:
        return this.goRangeBegin(ev, cur);
      case Ev.STWEnd:
      case Ev.GCMarkAssistEnd:
        return this.goRangeEnd(ev, cur);
      case Ev.GCMarkAssistActive:
        return this.goRangeActive(ev, gen, cur);
      case Ev.GCActive:
        return this.gcActive(ev, gen, cur);
      case Ev.GCBegin:
        return this.gcBegin(ev, cur);
      case Ev.GCEnd:
        return this.gcEnd(ev, cur);
      case Ev.GCSweepBegin:
      case Ev.GCSweepActive:
      case Ev.GCSweepEnd:
        return this.sweep(ev, gen, cur);
      case Ev.HeapAlloc:
      case Ev.HeapGoal:
        this.check(ev, cur, Must, Must, May);
        this.push(ev, cur);
        return cur;
      case Ev.UserTaskBegin:
      case Ev.UserTaskEnd:
        return this.task(ev, cur);
      case Ev.UserRegionBegin:
      case Ev.UserRegionEnd:
        return this.region(ev, cur);
      default:
        if (ev.typ >= 128 && ev.typ <= 136) {
          this.check(ev, cur, Must, May, May);
          this.push(ev, cur);
          return cur;
        }
        throw new ParseError(`event type ${ev.typ} where a scheduling event was expected`);
    }
  }

  private procStatus(ev: TraceEvent, gen: number, cur: Ctx): Ctx | undefined {
    const pid = ev.a0;
    const status = ev.a1;
    if (status >= PROC_STATUS_TO_STATE.length)
      throw this.fail(ev, `invalid status ${status} for proc ${pid}`);
    let old = PROC_STATUS_TO_STATE[status];
    const s = this.ps.get(pid);
    const abandoned = status === ProcStatus.SyscallAbandoned;
    if (s) {
      if (abandoned && s.status === ProcStatus.Syscall) {
        // Not lost: the P is still in its syscall (promoted to Syscall, as Go does).
        old = ProcState.Running;
        ev.a1 = ProcStatus.Syscall;
      } else if (abandoned && s.status === ProcStatus.SyscallAbandoned) {
        old = ProcState.Idle;
      } else if (s.status !== status) {
        throw this.fail(ev, `inconsistent status for proc ${pid}: ${s.status} then ${status}`);
      }
      s.gen = gen;
      s.seq = 0;
    } else {
      this.newP(pid, { status, gen, seq: 0 });
      old = gen === this.initialGen ? ProcState.Undetermined : ProcState.NotExist;
    }
    ev.x0 = old;
    const next = { ...cur };
    if (status === ProcStatus.Running || status === ProcStatus.Syscall) next.p = pid;
    if (abandoned && old === ProcState.Running) {
      // Emit it in the context the P is bound to: it is about to be stolen from there.
      let found = false;
      for (const [mid, st] of this.ms) {
        if (st.p === pid) {
          cur = { m: mid, p: pid, g: st.g };
          found = true;
        }
      }
      if (!found) throw this.fail(ev, `no thread holds proc ${pid}, which is about to be stolen`);
    }
    this.push(ev, cur);
    return next;
  }

  private procStart(ev: TraceEvent, gen: number, cur: Ctx): Ctx | undefined {
    const pid = ev.a0;
    const s = this.ps.get(pid);
    if (!s || s.status !== ProcStatus.Idle || !succeeds(gen, ev.a1, s) || cur.p !== -1)
      return undefined;
    this.check(ev, cur, Must, MustNot, May);
    s.status = ProcStatus.Running;
    s.gen = gen;
    s.seq = ev.a1;
    this.push(ev, cur);
    return this.with(cur, cur.g, pid);
  }

  private procStop(ev: TraceEvent, cur: Ctx): Ctx {
    const s = this.ps.get(cur.p);
    if (!s) throw this.fail(ev, `proc ${cur.p} does not exist`);
    if (s.status !== ProcStatus.Running && s.status !== ProcStatus.Syscall)
      throw this.fail(ev, 'proc is not running');
    this.check(ev, cur, Must, Must, May);
    s.status = ProcStatus.Idle;
    this.push(ev, cur);
    return this.with(cur, cur.g, -1);
  }

  private procSteal(ev: TraceEvent, gen: number, cur: Ctx): Ctx | undefined {
    const pid = ev.a0;
    const s = this.ps.get(pid);
    const inSyscall = s?.status === ProcStatus.Syscall || s?.status === ProcStatus.SyscallAbandoned;
    if (!s || !inSyscall || !succeeds(gen, ev.a1, s)) return undefined;
    this.check(ev, cur, Must, May, May);
    const old = s.status;
    ev.x0 = old;
    s.status = ProcStatus.Idle;
    s.gen = gen;
    s.seq = ev.a1;
    this.push(ev, cur);
    if (old === ProcStatus.SyscallAbandoned) return cur;
    const mid = threadId(ev.a2);
    if (mid === cur.m) {
      if (cur.p !== pid)
        throw this.fail(ev, `self-steal of proc ${pid}, but the thread holds ${cur.p}`);
      return this.with(cur, cur.g, -1);
    }
    const victim = this.ms.get(mid);
    if (!victim) throw this.fail(ev, `stole proc ${pid} from thread ${mid}, which does not exist`);
    if (victim.p !== pid)
      throw this.fail(ev, `stole proc ${pid} from thread ${mid}, which holds ${victim.p}`);
    victim.p = -1;
    return cur;
  }

  private goStatus(ev: TraceEvent, gen: number, cur: Ctx): Ctx {
    const gid = ev.a0;
    const mid = threadId(ev.a1);
    const status = ev.a2;
    if (status > GoStatus.Waiting)
      throw this.fail(ev, `invalid status ${status} for goroutine ${gid}`);
    let old = [0, GoState.Runnable, GoState.Running, GoState.Syscall, GoState.Waiting][status];
    const s = this.gs.get(gid);
    if (s) {
      if (s.status !== status)
        throw this.fail(ev, `inconsistent status for goroutine ${gid}: ${s.status} then ${status}`);
      s.gen = gen;
      s.seq = 0;
    } else if (gen === this.initialGen) {
      this.newG(gid, { status, gen, seq: 0 });
      old = GoState.Undetermined;
    } else {
      throw this.fail(ev, `status of a new goroutine ${gid} after the first generation`);
    }
    ev.x0 = old;
    const next = { ...cur };
    if (status === GoStatus.Running) next.g = gid;
    else if (status === GoStatus.Syscall) {
      if (mid === -1) throw this.fail(ev, `goroutine ${gid} in a syscall without a thread`);
      if (mid === cur.m) {
        if (gen !== this.initialGen && cur.g !== gid)
          throw this.fail(ev, `goroutine ${gid} in a syscall, but the thread runs ${cur.g}`);
        next.g = gid;
      } else {
        const ms = this.ms.get(mid);
        if (ms) {
          if (ms.g !== gid)
            throw this.fail(ev, `goroutine ${gid} in a syscall, but the thread runs ${ms.g}`);
          cur = { ...cur, g: ms.g };
        } else this.ms.set(mid, { g: gid, p: -1 });
        cur = { ...cur, m: mid };
      }
    }
    this.push(ev, cur);
    return next;
  }

  private goCreate(ev: TraceEvent, gen: number, cur: Ctx): Ctx {
    this.check(ev, cur, Must, Must, May);
    const creator = this.gs.get(cur.g);
    if (creator && creator.status !== GoStatus.Running) throw this.fail(ev, 'creator not running');
    const id = ev.a0;
    if (this.gs.has(id)) throw this.fail(ev, `goroutine ${id} already exists`);
    const status = ev.typ === Ev.GoCreateBlocked ? GoStatus.Waiting : GoStatus.Runnable;
    this.newG(id, { status, gen, seq: 0 });
    this.push(ev, cur);
    return cur;
  }

  private goStopExec(ev: TraceEvent, cur: Ctx): Ctx {
    const s = this.runningG(ev, cur);
    if (s.status !== GoStatus.Running) throw this.fail(ev, `goroutine ${cur.g} is not running`);
    if (ev.typ === Ev.GoDestroy) this.gs.delete(cur.g);
    else s.status = ev.typ === Ev.GoStop ? GoStatus.Runnable : GoStatus.Waiting;
    this.push(ev, cur);
    return this.with(cur, -1, cur.p);
  }

  private goStart(ev: TraceEvent, gen: number, cur: Ctx): Ctx | undefined {
    const gid = ev.a0;
    const s = this.gs.get(gid);
    if (!s || s.status !== GoStatus.Runnable || !succeeds(gen, ev.a1, s)) return undefined;
    this.check(ev, cur, Must, Must, MustNot);
    s.status = GoStatus.Running;
    s.gen = gen;
    s.seq = ev.a1;
    this.push(ev, cur);
    return this.with(cur, gid, cur.p);
  }

  private goUnblock(ev: TraceEvent, gen: number, cur: Ctx): Ctx | undefined {
    const s = this.gs.get(ev.a0);
    if (!s || s.status !== GoStatus.Waiting || !succeeds(gen, ev.a1, s)) return undefined;
    s.status = GoStatus.Runnable;
    s.gen = gen;
    s.seq = ev.a1;
    this.push(ev, cur);
    return cur;
  }

  private goSwitch(ev: TraceEvent, gen: number, cur: Ctx): Ctx | undefined {
    const s = this.runningG(ev, cur);
    if (s.status !== GoStatus.Running) throw this.fail(ev, `goroutine ${cur.g} is not running`);
    const nextG = ev.a0;
    const n = this.gs.get(nextG);
    if (!n || n.status !== GoStatus.Waiting || !succeeds(gen, ev.a1, n)) return undefined;
    this.push(ev, cur);
    if (ev.typ === Ev.GoSwitch) {
      s.status = GoStatus.Waiting;
      this.make(ev, cur, Ev.GoBlock, [0, 0]);
    } else {
      this.gs.delete(cur.g);
      this.make(ev, cur, Ev.GoDestroy, []);
    }
    n.status = GoStatus.Running;
    n.gen = gen;
    n.seq = ev.a1;
    this.make(ev, this.with(cur, -1, cur.p), Ev.GoStart, [nextG, ev.a1]);
    return this.with(cur, nextG, cur.p);
  }

  private goSyscallBegin(ev: TraceEvent, gen: number, cur: Ctx): Ctx {
    const s = this.runningG(ev, cur);
    if (s.status !== GoStatus.Running) throw this.fail(ev, `goroutine ${cur.g} is not running`);
    s.status = GoStatus.Syscall;
    const p = this.ps.get(cur.p);
    if (!p) throw this.fail(ev, `proc ${cur.p} not initialized`);
    p.status = ProcStatus.Syscall;
    if (!succeeds(gen, ev.a0, p)) throw this.fail(ev, 'proc sequence number out of order');
    p.gen = gen;
    p.seq = ev.a0;
    this.push(ev, cur);
    return cur;
  }

  private goSyscallEnd(ev: TraceEvent, cur: Ctx): Ctx {
    const s = this.runningG(ev, cur);
    if (s.status !== GoStatus.Syscall)
      throw this.fail(ev, `goroutine ${cur.g} is not in a syscall`);
    s.status = GoStatus.Running;
    const p = this.ps.get(cur.p);
    if (!p) throw this.fail(ev, `proc ${cur.p} not initialized`);
    if (p.status !== ProcStatus.Syscall) throw this.fail(ev, `proc ${cur.p} is not in a syscall`);
    p.status = ProcStatus.Running;
    this.push(ev, cur);
    return cur;
  }

  private goSyscallEndBlocked(ev: TraceEvent, cur: Ctx): Ctx | undefined {
    if (cur.p !== -1) {
      const p = this.ps.get(cur.p);
      if (!p) throw this.fail(ev, `proc ${cur.p} not initialized`);
      if (p.status === ProcStatus.Syscall) return undefined;
    }
    this.check(ev, cur, Must, May, Must);
    const s = this.gs.get(cur.g);
    if (!s) throw this.fail(ev, `goroutine ${cur.g} does not exist`);
    if (s.status !== GoStatus.Syscall)
      throw this.fail(ev, `goroutine ${cur.g} is not in a syscall`);
    s.status = GoStatus.Runnable;
    this.push(ev, cur);
    return this.with(cur, -1, cur.p);
  }

  private goCreateSyscall(ev: TraceEvent, gen: number, cur: Ctx): Ctx {
    this.check(ev, cur, Must, May, MustNot);
    const id = ev.a0;
    if (this.gs.has(id)) throw this.fail(ev, `goroutine ${id} already exists`);
    this.newG(id, { status: GoStatus.Syscall, gen, seq: 0 });
    this.push(ev, cur);
    return this.with(cur, id, cur.p);
  }

  private goDestroySyscall(ev: TraceEvent, cur: Ctx): Ctx {
    this.check(ev, cur, Must, May, Must);
    const s = this.gs.get(cur.g);
    if (!s) throw this.fail(ev, `goroutine ${cur.g} does not exist`);
    if (s.status !== GoStatus.Syscall)
      throw this.fail(ev, `goroutine ${cur.g} is not in a syscall`);
    this.gs.delete(cur.g);
    const next = this.with(cur, -1, cur.p);
    if (cur.p !== -1) {
      const p = this.ps.get(cur.p);
      if (!p) throw this.fail(ev, `proc ${cur.p} not initialized`);
      if (p.status !== ProcStatus.Syscall) throw this.fail(ev, `proc ${cur.p} is not in a syscall`);
      p.status = ProcStatus.SyscallAbandoned;
      next.p = -1;
      const steal = new TraceEvent(Ev.ProcSteal, ev.time);
      steal.a0 = cur.p;
      steal.table = ev.table;
      steal.x0 = ProcStatus.Syscall;
      this.push(steal, cur);
    }
    this.push(ev, cur);
    return next;
  }

  private task(ev: TraceEvent, cur: Ctx): Ctx {
    const id = ev.a0;
    if (ev.typ === Ev.UserTaskBegin) {
      if (this.tasks.has(id)) throw this.fail(ev, `task ID conflict: ${id}`);
      if (this.tasks.size >= MAX_GOROUTINES) throw this.tooMany('tasks', MAX_GOROUTINES);
      if (ev.a1 === 0) ev.a1 = 2 ** 64 - 1; // no parent (NoTask)
      if (!ev.table?.strings.has(ev.a2) && ev.a2 !== 0)
        throw this.fail(ev, `string ${ev.a2} not in the table`);
      this.tasks.set(id, { name: ev.str(2), parent: ev.a1 });
    } else {
      const t = this.tasks.get(id);
      ev.x0 = t ? t.parent : 2 ** 64 - 1;
      ev.xs = t ? t.name : '';
      this.tasks.delete(id);
    }
    this.check(ev, cur, Must, Must, Must);
    this.push(ev, cur);
    return cur;
  }

  private region(ev: TraceEvent, cur: Ctx): Ctx {
    this.check(ev, cur, Must, Must, Must);
    if (!ev.table?.strings.has(ev.a1) && ev.a1 !== 0)
      throw this.fail(ev, `string ${ev.a1} not in the table`);
    const key = `${ev.a0}\0${ev.str(1)}`;
    const s = this.gs.get(cur.g);
    if (!s) throw this.fail(ev, `goroutine ${cur.g} has no known state`);
    if (ev.typ === Ev.UserRegionBegin) {
      s.regions ??= [];
      if (s.regions.length >= MAX_NESTING)
        throw this.tooMany(`regions open on goroutine ${cur.g}`, MAX_NESTING);
      s.regions.push(key);
    } else if (s.regions && s.regions.length > 0) {
      if (s.regions[s.regions.length - 1] !== key) throw this.fail(ev, 'region ends out of order');
      s.regions.pop();
    }
    this.push(ev, cur);
    return cur;
  }

  private gcActive(ev: TraceEvent, gen: number, cur: Ctx): Ctx | undefined {
    const seq = ev.a0;
    if (gen === this.initialGen) {
      if (this.gcState !== 0) throw this.fail(ev, 'not the first GC event of the first generation');
      this.gcSeq = seq;
      this.gcState = 2;
      this.push(ev, cur);
      return cur;
    }
    if (seq !== this.gcSeq + 1) return undefined;
    if (this.gcState !== 2) throw this.fail(ev, 'GC not in progress');
    this.gcSeq = seq;
    this.check(ev, cur, Must, Must, Must);
    this.push(ev, cur);
    return cur;
  }

  private gcBegin(ev: TraceEvent, cur: Ctx): Ctx | undefined {
    const seq = ev.a0;
    if (this.gcState === 0) {
      this.gcSeq = seq;
      this.gcState = 2;
      this.push(ev, cur);
      return cur;
    }
    if (seq !== this.gcSeq + 1) return undefined;
    if (this.gcState === 2) throw this.fail(ev, 'GC already in progress');
    this.gcSeq = seq;
    this.gcState = 2;
    this.check(ev, cur, Must, Must, Must);
    this.push(ev, cur);
    return cur;
  }

  private gcEnd(ev: TraceEvent, cur: Ctx): Ctx | undefined {
    const seq = ev.a0;
    if (seq !== this.gcSeq + 1) return undefined;
    if (this.gcState !== 2) throw this.fail(ev, 'GC not in progress');
    this.gcSeq = seq;
    this.gcState = 1;
    this.check(ev, cur, Must, Must, Must);
    this.push(ev, cur);
    return cur;
  }

  private sweep(ev: TraceEvent, gen: number, cur: Ctx): Ctx {
    if (ev.typ === Ev.GCSweepActive) {
      const p = this.ps.get(ev.a0);
      if (!p) throw this.fail(ev, `unknown proc ${ev.a0}`);
      activeRange(this, ev, p, gen === this.initialGen);
    } else {
      this.check(ev, cur, Must, Must, May);
      const p = this.ps.get(cur.p);
      if (!p) throw this.fail(ev, `unknown proc ${cur.p}`);
      if (ev.typ === Ev.GCSweepBegin) beginRange(this, ev, p, rangeType(ev.typ, 0));
      else endRange(this, ev, p);
    }
    this.push(ev, cur);
    return cur;
  }

  private goRangeBegin(ev: TraceEvent, cur: Ctx): Ctx {
    this.check(ev, cur, Must, Must, Must);
    const desc = ev.typ === Ev.STWBegin ? ev.a0 : 0;
    const s = this.gs.get(cur.g);
    if (!s) throw this.fail(ev, `goroutine ${cur.g} has no known state`);
    beginRange(this, ev, s, rangeType(ev.typ, desc));
    this.push(ev, cur);
    return cur;
  }

  private goRangeActive(ev: TraceEvent, gen: number, cur: Ctx): Ctx {
    const s = this.gs.get(ev.a0);
    if (!s) throw this.fail(ev, `goroutine ${ev.a0} not initialized`);
    activeRange(this, ev, s, gen === this.initialGen);
    this.push(ev, cur);
    return cur;
  }

  private goRangeEnd(ev: TraceEvent, cur: Ctx): Ctx {
    this.check(ev, cur, Must, Must, Must);
    const s = this.gs.get(cur.g);
    if (!s) throw this.fail(ev, `goroutine ${cur.g} has no known state`);
    const desc = endRange(this, ev, s);
    if (ev.typ === Ev.STWEnd) ev.a0 = desc;
    this.push(ev, cur);
    return cur;
  }

  private newG(id: number, s: GState): void {
    if (this.gs.size >= MAX_GOROUTINES) throw this.tooMany('goroutines', MAX_GOROUTINES);
    this.gs.set(id, s);
  }

  private newP(id: number, s: PState): void {
    if (this.ps.size >= MAX_THREADS) throw this.tooMany('procs', MAX_THREADS);
    this.ps.set(id, s);
  }

  private tooMany(what: string, max: number): ParseError {
    return new ParseError(`more than ${max} ${what} at once: refused, to bound memory`, {
      kind: 'too-large',
    });
  }

  /** For the range helpers below. */
  error(ev: TraceEvent, what: string): ParseError {
    return this.fail(ev, what);
  }
}

function beginRange(o: Ordering, ev: TraceEvent, h: RangeHolder, typ: number): void {
  const ranges = (h.ranges ??= []);
  if (ranges.includes(typ)) throw o.error(ev, 'range already in flight');
  ranges.push(typ);
}

function activeRange(o: Ordering, ev: TraceEvent, h: RangeHolder, initial: boolean): void {
  const typ = rangeType(ev.typ, 0);
  const ranges = (h.ranges ??= []);
  if (initial) {
    if (ranges.includes(typ)) throw o.error(ev, 'active range already in the first generation');
    ranges.push(typ);
  } else if (!ranges.includes(typ)) throw o.error(ev, 'resource is missing an active range');
}

/** Ends the range of ev's Begin type; returns its description (swap-remove, as Go does). */
function endRange(o: Ordering, ev: TraceEvent, h: RangeHolder): number {
  const ranges = h.ranges ?? [];
  const start = SPECS[ev.typ].startEv;
  let i = -1;
  for (let j = 0; j < ranges.length && i < 0; j++) if (ranges[j] % 256 === start) i = j;
  if (i < 0) throw o.error(ev, 'range ends but was not in flight');
  const desc = Math.floor(ranges[i] / 256);
  ranges[i] = ranges[ranges.length - 1];
  ranges.pop();
  return desc;
}
