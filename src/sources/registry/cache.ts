/**
 * The on-disk cache of image inspections, one JSON file per image manifest digest (or the
 * digest a reference pins) and platform: the image's run config and, per program lookup, what
 * was found. Digests name immutable content, so an entry never goes stale; a tag is resolved
 * to its digest on every run. A damaged or foreign file is a miss, and is rewritten. Files are
 * written through the atomic writer (temp file + rename).
 */
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ImageRunConfig } from '../../formats/image-command.js';
import type { ImageInspection } from '../../model/image-inspection.js';
import { readInputText } from '../input-file.js';
import { writeFileAtomic } from '../output-file.js';

/** What was found for one program lookup: the inspection less the image and command line. */
export type CachedProgram = Pick<
  ImageInspection,
  'binary' | 'verdict' | 'reason' | 'goVersion' | 'goexperiment' | 'mainModule'
>;

export interface CacheEntry {
  readonly manifestDigest: string;
  readonly platform: string;
  readonly config: ImageRunConfig;
  /** By program lookup key (lookupKey in inspect.ts). */
  readonly programs: Readonly<Record<string, CachedProgram>>;
}

const FORMAT = 'gomemlens-image-cache/1';
const MAX_ENTRY_BYTES = 1 << 20;

/** $XDG_CACHE_HOME/gomemlens/images, else ~/.cache/gomemlens/images. */
export function defaultCacheDir(env = process.env): string {
  const base = env.XDG_CACHE_HOME?.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'gomemlens', 'images');
}

function fileOf(dir: string, digest: string, platform: string): string {
  return join(dir, `${digest.replace(':', '-')}_${platform.replace(/\//g, '-')}.json`);
}

export async function readCache(
  dir: string,
  digest: string,
  platform: string,
): Promise<CacheEntry | undefined> {
  try {
    const text = await readInputText(fileOf(dir, digest, platform), { maxBytes: MAX_ENTRY_BYTES });
    const doc = JSON.parse(text) as { format?: unknown; entry?: CacheEntry };
    const e = doc.entry;
    if (doc.format !== FORMAT || !e || typeof e.programs !== 'object' || !e.config)
      return undefined;
    return e;
  } catch {
    return undefined; // absent, unreadable or damaged: inspect again
  }
}

export async function writeCache(dir: string, digest: string, entry: CacheEntry): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(
    fileOf(dir, digest, entry.platform),
    JSON.stringify({ format: FORMAT, entry }) + '\n',
  );
}
