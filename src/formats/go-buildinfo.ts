/**
 * A Go ELF binary's build info, as `go version -m` prints it. The linker writes a 32-byte header
 * starting with the 16-byte-aligned magic "\xff Go buildinf:" into .go.buildinfo (or, without
 * section headers, near the start of the writable data segment). Byte 14 is the pointer size,
 * byte 15 the flags: bit 0 big-endian, bit 1 "strings inline" (Go >= 1.18: two uvarint-prefixed
 * strings follow the header; before: two pointers at offset 16 to Go string headers).
 * Reference: src/debug/buildinfo/buildinfo.go (readRawBuildInfo) in golang/go.
 *
 * The caller gives a ByteSource (a whole file in memory, or ranged reads of a file on disk), so
 * only the header tables and the build info itself are read from a large binary.
 */
import { ParseError } from '../model/errors.js';
import type { GoBuildInfo } from '../model/snapshot.js';
import { PF_W, PF_X, PT_LOAD, SHT_NOBITS, fileRangeOf, isElf, readElfLayout } from './elf.js';
import type { ByteSource, ElfLayout, ElfSegment } from './elf.js';

export { bytesSource, type ByteSource } from './elf.js';
export { formatBuildInfo, parseModInfo } from './go-modinfo.js';
import { parseModInfo } from './go-modinfo.js';

export type BuildInfoResult =
  | { readonly kind: 'go'; readonly info: GoBuildInfo }
  | { readonly kind: 'not-go'; readonly reason: string };

const MAGIC = [0xff, 0x20, 0x47, 0x6f, 0x20, 0x62, 0x75, 0x69, 0x6c, 0x64, 0x69, 0x6e, 0x66, 0x3a]; // "\xff Go buildinf:"
const HEADER_SIZE = 32;
const ALIGN = 16;
const FLAG_BIG_ENDIAN = 0x1;
const FLAG_INLINE = 0x2;
const SCAN_CHUNK = 1 << 20;
/** A .go.buildinfo section up to this size is read in one piece (it is ~1-20 KB). */
const WHOLE_REGION_MAX = 256 << 10;
/** Build info larger than this is not plausible (a few KB for a service with 200 deps). */
const MAX_STRING = 16 << 20;

/** Reads the build info of the ELF file behind `src`. Throws a ParseError when it is damaged. */
export async function readGoBuildInfo(src: ByteSource): Promise<BuildInfoResult> {
  const head = await src.read(0, 64);
  if (!isElf(head)) return { kind: 'not-go', reason: 'not an ELF file' };
  const layout = await readElfLayout(src, head);
  const region = findDataRegion(layout, src.size);
  if (!region)
    return { kind: 'not-go', reason: 'no .go.buildinfo section or writable data segment' };
  const inRegion = region.size <= WHOLE_REGION_MAX ? await preload(src, region) : src;
  const at = await searchMagic(inRegion, region.offset, region.size);
  if (at === undefined)
    return { kind: 'not-go', reason: 'no Go build info (magic "\\xff Go buildinf:" not found)' };
  const [goVersion, modinfo] = await readStrings(
    inRegion,
    layout.segments,
    at,
    region.offset + region.size,
  );
  if (goVersion === '')
    throw new ParseError('Go build info has an empty Go version', { offset: at });
  return { kind: 'go', info: parseModInfo(goVersion, modinfo) };
}

interface Region {
  readonly offset: number;
  readonly size: number;
}

/** Reads a small region once; later reads inside it come from memory (one read, not five). */
async function preload(src: ByteSource, region: Region): Promise<ByteSource> {
  const data = await src.read(region.offset, region.size);
  const end = region.offset + data.length;
  return {
    size: src.size,
    read: (offset, length) =>
      offset >= region.offset && offset + length <= end
        ? Promise.resolve(data.subarray(offset - region.offset, offset - region.offset + length))
        : src.read(offset, length),
  };
}

/** The .go.buildinfo section, else the first writable, non-executable PT_LOAD (as Go does). */
function findDataRegion(layout: ElfLayout, fileSize: number): Region | undefined {
  const s = layout.sections.find((x) => x.name === '.go.buildinfo' && x.type !== SHT_NOBITS);
  if (s) return { offset: s.offset, size: Math.min(s.size, Math.max(0, fileSize - s.offset)) };
  const data = layout.segments.find(
    (p) => p.type === PT_LOAD && (p.flags & (PF_X | PF_W)) === PF_W,
  );
  if (!data || data.filesz === 0) return undefined;
  return { offset: data.offset, size: Math.min(data.filesz, Math.max(0, fileSize - data.offset)) };
}

/** File offset of the first 16-byte-aligned magic in [start, start+size) (file offsets and
 *  virtual addresses agree modulo the page size, so file alignment is address alignment). */
async function searchMagic(
  src: ByteSource,
  start: number,
  size: number,
): Promise<number | undefined> {
  const end = start + size;
  for (let pos = start + ((ALIGN - (start % ALIGN)) % ALIGN); pos < end; pos += SCAN_CHUNK) {
    const chunk = await src.read(pos, Math.min(SCAN_CHUNK, end - pos));
    for (let i = 0; i + MAGIC.length <= chunk.length; i += ALIGN) {
      if (MAGIC.every((b, j) => chunk[i + j] === b)) {
        if (end - (pos + i) < HEADER_SIZE)
          throw new ParseError('build info header truncated', { offset: pos + i });
        return pos + i;
      }
    }
    if (chunk.length === 0) break;
  }
  return undefined;
}

async function readStrings(
  src: ByteSource,
  segments: readonly ElfSegment[],
  at: number,
  regionEnd: number,
): Promise<[string, string]> {
  const header = await src.read(at, HEADER_SIZE);
  if (header.length < HEADER_SIZE)
    throw new ParseError('build info header truncated', { offset: at });
  const flags = header[15];
  if (flags & FLAG_INLINE) {
    const version = await readUvarintString(src, at + HEADER_SIZE, regionEnd);
    const mod = await readUvarintString(src, version.next, regionEnd);
    return [decode(version.bytes), decode(stripSentinels(mod.bytes))];
  }
  const ptrSize = header[14];
  if (ptrSize !== 4 && ptrSize !== 8)
    throw new ParseError(`pointer size ${ptrSize} (expected 4 or 8)`, { offset: at + 14 });
  const big = (flags & FLAG_BIG_ENDIAN) !== 0;
  const ptr = (b: Uint8Array, i: number) => readPointer(b, i, ptrSize, big);
  const version = await readGoString(src, segments, ptr(header, 16), ptrSize, ptr);
  const mod = await readGoString(src, segments, ptr(header, 16 + ptrSize), ptrSize, ptr);
  return [decode(version), decode(stripSentinels(mod))];
}

async function readUvarintString(src: ByteSource, offset: number, end: number) {
  const head = await src.read(offset, 10);
  let length = 0;
  let shift = 1;
  let n = 0;
  for (;;) {
    if (n >= head.length || n >= 10) throw new ParseError('bad uvarint string length', { offset });
    const b = head[n++];
    length += (b & 0x7f) * shift;
    shift *= 128;
    if (b < 0x80) break;
  }
  const start = offset + n;
  if (length > MAX_STRING || start + length > end) {
    throw new ParseError(`string of ${length} bytes runs past the build info section`, { offset });
  }
  const bytes = await src.read(start, length);
  if (bytes.length < length) throw new ParseError('build info string truncated', { offset: start });
  return { bytes, next: start + length };
}

type PtrReader = (b: Uint8Array, i: number) => number;

function readPointer(b: Uint8Array, i: number, size: 4 | 8, big: boolean): number {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (size === 4) return view.getUint32(i, !big);
  const v = view.getBigUint64(i, !big);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(v);
}

/** A Go string header {data *byte; len int} at virtual address `addr` (Go < 1.18). */
async function readGoString(
  src: ByteSource,
  segs: readonly ElfSegment[],
  addr: number,
  size: 4 | 8,
  ptr: PtrReader,
) {
  const where = fileRangeOf(segs, addr);
  if (!where || where.max < 2 * size)
    throw new ParseError(`string header at 0x${addr.toString(16)} outside the file`);
  const hdr = await src.read(where.offset, 2 * size);
  if (hdr.length < 2 * size)
    throw new ParseError('string header truncated', { offset: where.offset });
  const [data, length] = [ptr(hdr, 0), ptr(hdr, size)];
  const body = fileRangeOf(segs, data);
  if (length === 0) return new Uint8Array(0);
  if (!body || length < 0 || length > Math.min(body.max, MAX_STRING)) {
    throw new ParseError(`string of ${length} bytes at 0x${data.toString(16)} outside the file`, {
      offset: where.offset,
    });
  }
  const bytes = await src.read(body.offset, length);
  if (bytes.length < length)
    throw new ParseError('build info string truncated', { offset: body.offset });
  return bytes;
}

/** modinfo is framed by two 16-byte sentinels (cmd/go/internal/modload infoStart/infoEnd); Go
 *  drops it unless the frame looks right, and so do we. */
function stripSentinels(mod: Uint8Array): Uint8Array {
  if (mod.length >= 33 && mod[mod.length - 17] === 0x0a) return mod.subarray(16, mod.length - 16);
  return new Uint8Array(0);
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
