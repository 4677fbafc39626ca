/** Flags shared by the pprof subcommands, and loading a profile with them. */
import type { TopOptions } from '../analysis/profile-top.js';
import { DEFAULT_MAX_DECOMPRESSED } from '../formats/gzip.js';
import { readProfileInput } from '../app/profile-input.js';
import type { Profile } from '../model/profile.js';
import { UsageError } from '../model/errors.js';
import { durationFlag, intFlag } from './flags.js';

export const COMMON_OPTIONS = {
  'sample-index': { type: 'string' },
  cum: { type: 'boolean' },
  nodecount: { type: 'string' },
  noinlines: { type: 'boolean' },
  unit: { type: 'string' },
  json: { type: 'boolean' },
  'max-size': { type: 'string' },
  timeout: { type: 'string' },
  gc: { type: 'boolean' },
} as const;

export const COMMON_HELP = `  --sample-index T   inuse_space (heap default), inuse_objects, alloc_space, alloc_objects,
                     or a number; like -sample_index
  --cum              sort by cum instead of flat
  --nodecount N      show only the first N rows (default: all, like -top)
  --noinlines        attribute inlined calls to the function they were inlined into
  --unit U           minimum (default), B, kB, MB, GB: like -unit
  --json             raw numbers (bytes, counts) as JSON
  --max-size SIZE    largest profile accepted, file/HTTP body and inflated (default 512MiB)
  --timeout D        HTTP deadline for a URL (default 30s)
  --gc               for a URL: ask the service to run a GC first (?gc=1)`;

type Values = {
  [K in keyof typeof COMMON_OPTIONS]?: (typeof COMMON_OPTIONS)[K]['type'] extends 'boolean'
    ? boolean
    : string;
};

const UNITS = ['minimum', 'auto', 'B', 'kB', 'MB', 'GB', 'TB'];

export function topOptions(v: Values): TopOptions & { unit: string } {
  const unit = v.unit ?? 'minimum';
  if (!UNITS.includes(unit))
    throw new UsageError(`--unit wants one of ${UNITS.join(', ')}, got "${unit}"`);
  return {
    sampleIndex: v['sample-index'],
    cum: v.cum ?? false,
    nodeCount: intFlag('nodecount', v.nodecount) ?? 0,
    noInlines: v.noinlines ?? false,
    unit,
  };
}

/** Parses "512MiB", "64M", "1048576" into bytes. */
export function sizeFlag(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_DECOMPRESSED;
  const m = /^(\d+)\s*(B|K|KiB|M|MiB|G|GiB)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--max-size wants a size like 64MiB or 1GiB, got "${text}"`);
  const mult: Record<string, number> = {
    b: 1,
    k: 1024,
    kib: 1024,
    m: 2 ** 20,
    mib: 2 ** 20,
    g: 2 ** 30,
    gib: 2 ** 30,
  };
  return Number(m[1]) * mult[(m[2] ?? 'b').toLowerCase()];
}

export function loadProfile(given: string, v: Values): Promise<Profile> {
  return readProfileInput(given, {
    maxBytes: sizeFlag(v['max-size']),
    timeoutMs: durationFlag('timeout', v.timeout),
    gc: v.gc,
  });
}
