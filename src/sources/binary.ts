/**
 * The Go build info of a process's binary (/proc/PID/exe), read in a few small ranged reads:
 * the ELF header, the program and section header tables, and the build info itself, never
 * the whole 10-100 MB file. Results are cached by device:inode:size:mtime, so listing 500
 * processes that share a handful of binaries opens each binary once.
 */
import { ok, unreadable, type Observation } from '../model/observation.js';
import type { BinaryInfo } from '../model/snapshot.js';
import { readGoBuildInfo, type ByteSource } from '../formats/go-buildinfo.js';
import { ParseError } from '../model/errors.js';
import { fromError, type HostFs, type RangedFile } from './hostfs.js';

type Outcome = { readonly info: BinaryInfo } | { readonly broken: string };

const CACHE_LIMIT = 512;
/** Promises, so concurrent lookups of one binary (ps over many processes) parse it once. */
const cache = new Map<string, Promise<Outcome>>();

/** Counters for tests and benchmarks: how often the cache answered and how many reads were made. */
export const binaryCacheStats = { hits: 0, misses: 0, reads: 0, bytesRead: 0 };

export function clearBinaryCache(): void {
  cache.clear();
  Object.assign(binaryCacheStats, { hits: 0, misses: 0, reads: 0, bytesRead: 0 });
}

/**
 * ok({isGo: true, buildInfo}) for a Go binary, ok({isGo: false, reason}) for anything else,
 * absent when the file (or process) is gone, unreadable when it cannot be read or its build
 * info is damaged.
 */
export async function readBinaryInfo(fs: HostFs, path: string): Promise<Observation<BinaryInfo>> {
  const opened = await fs.openRanged(path);
  if (opened.status !== 'ok') return opened;
  const file = opened.value;
  try {
    let pending = cache.get(file.identity);
    if (pending) binaryCacheStats.hits++;
    else {
      binaryCacheStats.misses++;
      pending = parse(file);
      remember(file.identity, pending);
    }
    const outcome = await pending;
    return 'info' in outcome ? ok(outcome.info, path) : unreadable(path, outcome.broken);
  } catch (err) {
    return fromError<BinaryInfo>(path, err);
  } finally {
    await file.close().catch(() => undefined);
  }
}

async function parse(file: RangedFile): Promise<Outcome> {
  const src: ByteSource = {
    size: file.size,
    read: async (offset, length) => {
      const bytes = await file.readRange(offset, length);
      binaryCacheStats.reads++;
      binaryCacheStats.bytesRead += bytes.length;
      return bytes;
    },
  };
  try {
    const r = await readGoBuildInfo(src);
    return {
      info: r.kind === 'go' ? { isGo: true, buildInfo: r.info } : { isGo: false, reason: r.reason },
    };
  } catch (err) {
    if (err instanceof ParseError) return { broken: `damaged Go build info: ${err.message}` };
    throw err;
  }
}

function remember(key: string, pending: Promise<Outcome>): void {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, pending);
  pending.catch(() => cache.delete(key)); // an I/O error is not remembered
}
