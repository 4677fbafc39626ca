/** Flags shared by the pprof subcommands, and loading a profile with them. */
import type { TopOptions } from '../analysis/profile-top.js';
import { GRANULARITIES, type Granularity } from '../analysis/profile-nodes.js';
import { DEFAULT_MAX_DECOMPRESSED } from '../formats/gzip.js';
import { readProfileInput } from '../app/profile-input.js';
import type { Profile } from '../model/profile.js';
import { UsageError } from '../model/errors.js';
import { durationFlag, intFlag } from './flags.js';
import { sizeFlag } from './size-flag.js';

export const COMMON_OPTIONS = {
  'sample-index': { type: 'string' },
  cum: { type: 'boolean' },
  nodecount: { type: 'string' },
  noinlines: { type: 'boolean' },
  functions: { type: 'boolean' },
  filefunctions: { type: 'boolean' },
  files: { type: 'boolean' },
  lines: { type: 'boolean' },
  addresses: { type: 'boolean' },
  focus: { type: 'string' },
  ignore: { type: 'string' },
  hide: { type: 'string' },
  show: { type: 'string' },
  'show-from': { type: 'string' },
  tagfocus: { type: 'string' },
  tagignore: { type: 'string' },
  trim: { type: 'string' },
  nodefraction: { type: 'string' },
  edgefraction: { type: 'string' },
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
  --functions        one node per function (the default); --filefunctions, --files,
  --lines,           --lines (function, file and line) and --addresses (per instruction):
  --addresses        pprof's granularities
  --focus RE         only samples with a frame matching RE (function or file name; Go regexp)
  --ignore RE        drop samples with a frame matching RE
  --hide RE          drop the frames matching RE from the stacks
  --show RE          keep only the frames matching RE
  --show-from RE     drop the frames above the outermost frame matching RE
  --tagfocus F       only samples with a label matching F ([key=]regexp or range: 1kb:64kb)
  --tagignore F      drop samples with a label matching F
  --trim BOOL        false: no node count, node or edge fraction (like -trim=false)
  --nodefraction F   drop nodes whose cum is under F of the total (default 0.005)
  --edgefraction F   (inline) marks from calls over F of the total only (default 0.001)
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
    granularity: granularityFlag(v),
    focus: v.focus,
    ignore: v.ignore,
    hide: v.hide,
    show: v.show,
    showFrom: v['show-from'],
    tagFocus: v.tagfocus,
    tagIgnore: v.tagignore,
    trim: boolFlag('trim', v.trim) ?? true,
    nodeFraction: fractionFlag('nodefraction', v.nodefraction),
    edgeFraction: fractionFlag('edgefraction', v.edgefraction),
    unit,
  };
}

function granularityFlag(v: Values): Granularity {
  const given = GRANULARITIES.filter((g) => v[g]);
  if (given.length > 1)
    throw new UsageError(`give at most one of ${given.map((g) => `--${g}`).join(', ')}`);
  return given[0] ?? 'functions';
}

function boolFlag(name: string, text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (text === 'true' || text === 'false') return text === 'true';
  throw new UsageError(`--${name} wants true or false, got "${text}"`);
}

function fractionFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const f = Number(text);
  if (text.trim() === '' || !(f >= 0 && f <= 1))
    throw new UsageError(`--${name} wants a fraction from 0 to 1, got "${text}"`);
  return f;
}

/** Sample labels are read only when a tag filter needs them (decoding is faster without). */
export function needsLabels(o: TopOptions): boolean {
  return !!(o.tagFocus || o.tagIgnore);
}

/** --max-size: the largest profile read and inflated. */
export function maxSizeFlag(text: string | undefined): number {
  return sizeFlag('max-size', text) ?? DEFAULT_MAX_DECOMPRESSED;
}

export async function loadProfile(given: string, v: Values, labels = false): Promise<Profile> {
  const profile = await readProfileInput(given, {
    maxBytes: maxSizeFlag(v['max-size']),
    timeoutMs: durationFlag('timeout', v.timeout),
    gc: v.gc,
    labels,
  });
  // The input's bytes are garbage now: free them before the report's work, when that is worth
  // the few milliseconds of a collection.
  if (process.memoryUsage().arrayBuffers > 32 << 20) (await import('./gc.js')).collectGarbage();
  return profile;
}
