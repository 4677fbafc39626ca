/**
 * The few parts of an ELF file needed to find a Go binary's build info: the file header, the
 * section headers (with names) and the program headers. Reads only what it is given; the caller
 * decides which byte ranges to fetch. Layout: the System V gABI, "ELF Header", "Section Header",
 * "Program Header" (https://refspecs.linuxfoundation.org/elf/gabi4+/contents.html).
 */
import { ParseError } from '../model/errors.js';

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46]; // "\x7fELF"
export const PT_LOAD = 1;
export const PF_X = 1;
export const PF_W = 2;
export const SHT_NOBITS = 8;

/** Random access to a file's bytes; `read` may return fewer bytes at the end of the file. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}

/** An ELF file whose structures point outside the file or have impossible sizes. */
function elfError(what: string, offset?: number): ParseError {
  return new ParseError(`ELF: ${what}`, { offset });
}

export interface ElfHeader {
  readonly bits: 32 | 64;
  readonly littleEndian: boolean;
  readonly phoff: number;
  readonly phentsize: number;
  readonly phnum: number;
  readonly shoff: number;
  readonly shentsize: number;
  readonly shnum: number;
  readonly shstrndx: number;
}

export interface ElfSection {
  readonly nameOffset: number;
  name: string;
  readonly type: number;
  readonly addr: number;
  readonly offset: number;
  readonly size: number;
}

export interface ElfSegment {
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly vaddr: number;
  readonly filesz: number;
  readonly memsz: number;
}

/** Bytes needed to parse the file header of either class. */
const ELF_HEADER_SIZE = 64;

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ELF_MAGIC.every((b, i) => bytes[i] === b);
}

/** Reads integers of the file's class and byte order. */
class Fields {
  private readonly view: DataView;
  constructor(
    bytes: Uint8Array,
    private readonly le: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(at: number): number {
    return this.view.getUint16(at, this.le);
  }
  u32(at: number): number {
    return this.view.getUint32(at, this.le);
  }
  /** A 64-bit field; values past 2^53 cannot be file offsets or sizes we can read. */
  u64(at: number): number {
    const v = this.view.getBigUint64(at, this.le);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw elfError(`64-bit value ${v} too large`, at);
    return Number(v);
  }
  word(at: number, bits: 32 | 64): number {
    return bits === 64 ? this.u64(at) : this.u32(at);
  }
}

function parseElfHeader(bytes: Uint8Array): ElfHeader {
  if (!isElf(bytes)) throw elfError('not an ELF file', 0);
  const bits = bytes[4] === 1 ? 32 : bytes[4] === 2 ? 64 : undefined;
  if (bits === undefined) throw elfError(`unknown class ${bytes[4]}`, 4);
  if (bytes[5] !== 1 && bytes[5] !== 2) throw elfError(`unknown data encoding ${bytes[5]}`, 5);
  const need = bits === 64 ? 64 : 52;
  if (bytes.length < need) throw elfError(`header truncated: ${bytes.length} of ${need} bytes`, 0);
  const f = new Fields(bytes, bytes[5] === 1);
  const w = bits === 64 ? 8 : 4; // size of Elf_Addr / Elf_Off
  const after = 24 + 3 * w + 4; // e_flags ends here; then e_ehsize, e_phentsize, ...
  return {
    bits,
    littleEndian: bytes[5] === 1,
    phoff: f.word(24 + w, bits),
    shoff: f.word(24 + 2 * w, bits),
    phentsize: f.u16(after + 2),
    phnum: f.u16(after + 4),
    shentsize: f.u16(after + 6),
    shnum: f.u16(after + 8),
    shstrndx: f.u16(after + 10),
  };
}

/** Parses `header.shnum` section headers from the bytes at `header.shoff`. Names are filled later. */
function parseSectionHeaders(table: Uint8Array, header: ElfHeader): ElfSection[] {
  const entry = header.bits === 64 ? 64 : 40;
  checkTable(table, header.shnum, header.shentsize, entry, 'section header table');
  const f = new Fields(table, header.littleEndian);
  const w = header.bits === 64 ? 8 : 4;
  const out: ElfSection[] = [];
  for (let i = 0; i < header.shnum; i++) {
    const at = i * header.shentsize;
    // sh_name u32, sh_type u32, sh_flags word, sh_addr word, sh_offset word, sh_size word
    out.push({
      nameOffset: f.u32(at),
      name: '',
      type: f.u32(at + 4),
      addr: f.word(at + 8 + w, header.bits),
      offset: f.word(at + 8 + 2 * w, header.bits),
      size: f.word(at + 8 + 3 * w, header.bits),
    });
  }
  return out;
}

/** Parses `header.phnum` program headers from the bytes at `header.phoff`. */
function parseProgramHeaders(table: Uint8Array, header: ElfHeader): ElfSegment[] {
  const entry = header.bits === 64 ? 56 : 32;
  checkTable(table, header.phnum, header.phentsize, entry, 'program header table');
  const f = new Fields(table, header.littleEndian);
  const out: ElfSegment[] = [];
  for (let i = 0; i < header.phnum; i++) {
    const at = i * header.phentsize;
    if (header.bits === 64) {
      // p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz
      out.push({
        type: f.u32(at),
        flags: f.u32(at + 4),
        offset: f.u64(at + 8),
        vaddr: f.u64(at + 16),
        filesz: f.u64(at + 32),
        memsz: f.u64(at + 40),
      });
    } else {
      // p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags
      out.push({
        type: f.u32(at),
        offset: f.u32(at + 4),
        vaddr: f.u32(at + 8),
        filesz: f.u32(at + 16),
        memsz: f.u32(at + 20),
        flags: f.u32(at + 24),
      });
    }
  }
  return out;
}

function checkTable(
  table: Uint8Array,
  count: number,
  entsize: number,
  minEntry: number,
  what: string,
) {
  if (count > 0 && entsize < minEntry)
    throw elfError(`${what} entry size ${entsize} < ${minEntry}`);
  if (table.length < count * entsize) {
    throw elfError(`${what} truncated: ${table.length} of ${count * entsize} bytes`);
  }
}

/** Fills in section names from the section-name string table (.shstrtab). */
function nameSections(sections: ElfSection[], strtab: Uint8Array): void {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (const s of sections) {
    if (s.nameOffset >= strtab.length) continue;
    let end = s.nameOffset;
    while (end < strtab.length && strtab[end] !== 0) end++;
    s.name = decoder.decode(strtab.subarray(s.nameOffset, end));
  }
}

/** The file range that holds virtual address `vaddr` (in a PT_LOAD), up to the segment's end. */
export function fileRangeOf(
  segments: readonly ElfSegment[],
  vaddr: number,
): { offset: number; max: number } | undefined {
  for (const p of segments) {
    if (p.type === PT_LOAD && vaddr >= p.vaddr && vaddr < p.vaddr + p.filesz) {
      const delta = vaddr - p.vaddr;
      return { offset: p.offset + delta, max: p.filesz - delta };
    }
  }
  return undefined;
}

export interface ElfLayout {
  readonly header: ElfHeader;
  readonly segments: readonly ElfSegment[];
  /** Empty when the file has no section headers. */
  readonly sections: readonly ElfSection[];
}

/** Reads the file header, program headers and named section headers: three or four small reads. */
export async function readElfLayout(src: ByteSource, head?: Uint8Array): Promise<ElfLayout> {
  const header = parseElfHeader(head ?? (await src.read(0, ELF_HEADER_SIZE)));
  const segments = parseProgramHeaders(
    await readExact(src, header.phoff, header.phnum * header.phentsize),
    header,
  );
  let sections: ElfSection[] = [];
  if (header.shnum > 0 && header.shstrndx < header.shnum) {
    sections = parseSectionHeaders(
      await readExact(src, header.shoff, header.shnum * header.shentsize),
      header,
    );
    const names = sections[header.shstrndx];
    nameSections(sections, await readExact(src, names.offset, Math.min(names.size, 1 << 20)));
  }
  return { header, segments, sections };
}

async function readExact(src: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  if (offset + length > src.size) {
    throw elfError(
      `table of ${length} bytes runs past the end of the ${src.size}-byte file`,
      offset,
    );
  }
  const bytes = await src.read(offset, length);
  if (bytes.length < length)
    throw elfError(`short read: ${bytes.length} of ${length} bytes`, offset);
  return bytes;
}
