/**
 * Reading the records of runtime/pprof's text profiles (?debug=1) fast: a line cursor over
 * the text (native indexOf, no split into line strings), and the records collected into flat
 * arrays. Each record's `#\t0xPC\tfunc+0xoff\tfile:line` comment lines name its frames; a
 * PC's frames are read from the first record that names it, and for every other comment
 * line only the PC is read (most lines of a big profile repeat frames already known).
 */
import type { TextFrame } from './pprof-text-builder.js';
import { parseFrameComment } from './pprof-text-builder.js';

/** Walks the lines of a text; `start`..`end` is the current line without its newline. */
export class LineCursor {
  start = 0;
  end = -1;
  /** 1-based number of the current line. */
  number = 0;

  constructor(private readonly text: string) {}

  next(): boolean {
    if (this.end >= this.text.length) return false;
    this.start = this.end + 1;
    const nl = this.text.indexOf('\n', this.start);
    this.end = nl < 0 ? this.text.length : nl;
    this.number++;
    return true;
  }

  line(): string {
    return this.text.slice(this.start, this.end);
  }

  /** The first character that is not a space or tab (0 for a blank line). */
  firstChar(): number {
    for (let i = this.start; i < this.end; i++) {
      const c = this.text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return c;
    }
    return 0;
  }

  /** The PC of a "#\t0x..." comment line, or -1 (hex digits read in place, no string made). */
  commentPc(): number {
    const t = this.text;
    let i = this.start;
    if (t.charCodeAt(i) !== 0x23 || t.charCodeAt(i + 1) !== 0x09) return -1;
    if (t.charCodeAt(i + 2) !== 0x30 || t.charCodeAt(i + 3) !== 0x78) return -1;
    let pc = 0;
    let digits = 0;
    for (i += 4; i < this.end; i++, digits++) {
      const c = t.charCodeAt(i);
      const d = c <= 0x39 ? c - 0x30 : c - 0x57; // 0-9, a-f
      if (d < 0 || d > 15 || (c > 0x39 && c < 0x61)) break;
      pc = pc * 16 + d;
    }
    return digits > 0 && digits <= 16 ? pc : -1;
  }
}

/** Records as flat arrays: values (k per record), the `bytes` label, stacks of call PCs. */
export class TextRecords {
  readonly values: number[] = [];
  readonly bytes: number[] = [];
  readonly stackStart: number[] = [0];
  readonly pcs: number[] = [];
  /** Each PC's frames, innermost first, from the first record that named it. */
  readonly frames = new Map<number, TextFrame[]>();
  private addrs: number[] = [];
  private named = new Set<number>();
  private collecting = new Set<number>();
  private open = false;

  /** Starts a record: its values, return addresses (leaf first) and `bytes` label. */
  add(values: readonly number[], addrs: number[], bytes?: number): void {
    this.close();
    for (const v of values) this.values.push(v);
    if (bytes !== undefined) this.bytes.push(bytes);
    this.addrs = addrs;
    this.open = true;
  }

  /** A comment line of the current record (other comments are ignored). */
  comment(cursor: LineCursor): void {
    if (!this.open) return;
    const pc = cursor.commentPc();
    if (pc < 0) return;
    this.named.add(pc);
    if (this.frames.has(pc) && !this.collecting.has(pc)) return;
    const frame = parseFrameComment(cursor.line());
    if (!frame) return;
    const list = this.frames.get(frame.pc);
    if (list) list.push(frame);
    else {
      this.frames.set(frame.pc, [frame]);
      this.collecting.add(frame.pc);
    }
  }

  /** Ends the last record; returns the record count. */
  finish(): number {
    this.close();
    return this.stackStart.length - 1;
  }

  /**
   * The record's call PCs (return address - 1, as pprof). When the record names any frame,
   * the unnamed ones at either end are frames the runtime's text writer leaves out
   * (runtime/pprof printStackRecord): the allocator's runtime.* frames at the leaf, which
   * runtime/pprof also drops from its proto profiles, and runtime.goexit at the root.
   */
  private close(): void {
    if (!this.open) return;
    const pcs = this.addrs.map((a) => a - 1);
    let first = 0;
    let last = pcs.length - 1;
    if (this.named.size > 0) {
      while (first <= last && !this.named.has(pcs[first])) first++;
      while (last >= first && !this.named.has(pcs[last])) last--;
      if (first > last) [first, last] = [0, pcs.length - 1];
    }
    for (let i = first; i <= last; i++) this.pcs.push(pcs[i]);
    this.stackStart.push(this.pcs.length);
    this.named.clear();
    this.collecting.clear();
    this.open = false;
  }
}
