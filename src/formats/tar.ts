/**
 * An incremental tar reader for image layers: bytes go in as they arrive, entries come out with
 * their data streamed to a sink (or skipped), so a layer of any size needs a 512-byte header
 * buffer and at most MAX_META bytes of PAX or GNU long-name records. Formats: POSIX ustar,
 * pax (path, linkpath, size records; POSIX.1-2008 "pax Interchange Format") and GNU (long
 * names 'L'/'K', base-256 sizes), as written by Docker, BuildKit, ko and crane.
 * Reference: https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13
 */
import { ParseError } from '../model/errors.js';
import { concatBytes } from './bytes.js';

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  readonly name: string;
  readonly type: TarEntryType;
  readonly linkname: string;
  readonly size: number;
  readonly mode: number;
}

/** Receives an entry's data; `data` may return a promise to slow the reader down. */
export interface TarSink {
  data(chunk: Uint8Array): void | Promise<void>;
  end(): void | Promise<void>;
}

const BLOCK = 512;
/** PAX and GNU long-name records are a few hundred bytes; more is not a layer. */
export const MAX_META = 1 << 20;

type Meta = { path?: string; linkpath?: string; size?: number };

export class TarReader {
  private header = new Uint8Array(BLOCK);
  private have = 0;
  private remaining = 0;
  private padding = 0;
  private sink: TarSink | undefined;
  private meta: { kind: 'pax' | 'gnu-name' | 'gnu-link' | 'skip'; bytes: Uint8Array[] } | undefined;
  private next: Meta = {};
  /** Bytes read so far, for the positions in error messages. */
  private pos = 0;
  private finished = false;

  constructor(private readonly onEntry: (e: TarEntry) => TarSink | undefined) {}

  /** True once the end-of-archive block was read. */
  get done(): boolean {
    return this.finished;
  }

  async write(chunk: Uint8Array): Promise<void> {
    let i = 0;
    while (i < chunk.length && !this.finished) {
      let n: number;
      if (this.remaining > 0) {
        n = Math.min(this.remaining, chunk.length - i);
        await this.consume(chunk.subarray(i, i + n));
        this.remaining -= n;
      } else if (this.padding > 0) {
        n = Math.min(this.padding, chunk.length - i);
        this.padding -= n;
      } else {
        n = Math.min(BLOCK - this.have, chunk.length - i);
        this.header.set(chunk.subarray(i, i + n), this.have);
        this.have += n;
      }
      i += n;
      this.pos += n;
      if (this.have === BLOCK) {
        this.have = 0;
        await this.onHeader(this.pos - BLOCK);
      } else if (n > 0 && this.remaining === 0 && (this.sink || this.meta)) await this.closeEntry();
    }
  }

  /** The input ended: fine after the end-of-archive block (or between entries). */
  end(): void {
    if (this.finished || (this.remaining === 0 && this.have === 0 && this.padding === 0)) return;
    throw new ParseError('tar: truncated (the input ends inside an entry)', { offset: this.pos });
  }

  private async consume(bytes: Uint8Array): Promise<void> {
    if (this.meta) this.meta.bytes.push(bytes.slice());
    else if (this.sink) await this.sink.data(bytes);
  }

  private async closeEntry(): Promise<void> {
    if (this.meta) {
      const m = this.meta;
      this.meta = undefined;
      applyMeta(m.kind, concatBytes(m.bytes), this.next);
    } else if (this.sink) {
      const s = this.sink;
      this.sink = undefined;
      await s.end();
    }
  }

  private async onHeader(at: number): Promise<void> {
    const h = this.header;
    if (h.every((b) => b === 0)) {
      this.finished = true; // one zero block is enough: the second adds nothing
      return;
    }
    checkChecksum(h, at);
    const flag = String.fromCharCode(h[156]);
    const size = this.next.size ?? readSize(h.subarray(124, 136), at);
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    this.remaining = size;
    const metaKind =
      flag === 'x'
        ? 'pax'
        : flag === 'L'
          ? 'gnu-name'
          : flag === 'K'
            ? 'gnu-link'
            : flag === 'g'
              ? 'skip'
              : undefined;
    if (metaKind) {
      if (size > MAX_META)
        throw new ParseError(`tar: a ${size}-byte header record (at most ${MAX_META})`, {
          offset: at,
          kind: 'too-large',
        });
      this.meta = { kind: metaKind, bytes: [] };
      if (size === 0) await this.closeEntry();
      return;
    }
    const entry = this.entryOf(h, flag, size);
    this.next = {};
    this.sink = this.onEntry(entry);
    if (size === 0) await this.closeEntry();
  }

  private entryOf(h: Uint8Array, flag: string, size: number): TarEntry {
    const ustar = text(h.subarray(257, 262)) === 'ustar';
    const prefix = ustar ? text(h.subarray(345, 500)) : '';
    const plain = text(h.subarray(0, 100));
    const name = this.next.path ?? (prefix ? `${prefix}/${plain}` : plain);
    const linkname = this.next.linkpath ?? text(h.subarray(157, 257));
    const mode = parseInt(text(h.subarray(100, 108)).trim() || '0', 8) || 0;
    return { name, type: typeOf(flag), linkname, size, mode };
  }
}

function typeOf(flag: string): TarEntryType {
  if (flag === '0' || flag === '\0' || flag === '7') return 'file';
  if (flag === '5') return 'dir';
  if (flag === '2') return 'symlink';
  if (flag === '1') return 'hardlink';
  return 'other';
}

function applyMeta(kind: string, bytes: Uint8Array, next: Meta): void {
  if (kind === 'gnu-name') next.path = text(bytes);
  else if (kind === 'gnu-link') next.linkpath = text(bytes);
  else if (kind === 'pax') Object.assign(next, paxRecords(bytes));
}

/** "%d %s=%s\n" records; the length counts the whole record. */
function paxRecords(bytes: Uint8Array): Meta {
  const out: Meta = {};
  const s = new TextDecoder().decode(bytes);
  let i = 0;
  while (i < s.length) {
    const sp = s.indexOf(' ', i);
    const len = Number(s.slice(i, sp));
    if (sp < 0 || !Number.isInteger(len) || len <= sp - i + 1 || i + len > s.length)
      throw new ParseError('tar: malformed pax record');
    const record = s.slice(sp + 1, i + len - 1);
    const eq = record.indexOf('=');
    const [key, value] = [record.slice(0, eq), record.slice(eq + 1)];
    if (key === 'path') out.path = value;
    else if (key === 'linkpath') out.linkpath = value;
    else if (key === 'size') out.size = sizeValue(value);
    i += len;
  }
  return out;
}

function sizeValue(v: string): number {
  const n = Number(v);
  if (!/^[0-9]+$/.test(v) || !Number.isSafeInteger(n))
    throw new ParseError('tar: pax size', { text: v });
  return n;
}

/** Octal ASCII, or GNU base-256 when the top bit of the first byte is set. */
function readSize(field: Uint8Array, at: number): number {
  if (field[0] & 0x80) {
    let n = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i];
    if (!Number.isSafeInteger(n)) throw new ParseError('tar: entry size too large', { offset: at });
    return n;
  }
  const s = text(field).trim();
  if (!/^[0-7]*$/.test(s)) throw new ParseError('tar: bad size field', { offset: at, text: s });
  return s === '' ? 0 : parseInt(s, 8);
}

/** The header checksum: the sum of its bytes with the checksum field read as spaces. */
function checkChecksum(h: Uint8Array, at: number): void {
  const stored = parseInt(text(h.subarray(148, 156)).trim() || 'x', 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
  if (stored !== sum)
    throw new ParseError('tar: header checksum mismatch (not a tar file?)', { offset: at });
}

/** A NUL-terminated field. */
function text(b: Uint8Array): string {
  const end = b.indexOf(0);
  return new TextDecoder().decode(end < 0 ? b : b.subarray(0, end));
}
