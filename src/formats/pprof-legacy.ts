/**
 * The legacy text heap profile (/debug/pprof/heap?debug=1, written by runtime/pprof
 * writeHeapInternal), read the way google/pprof's parseHeap reads it (profile/
 * legacy_profile.go): same header and sample regexes, same sample types, same Poisson
 * un-sampling (scaleHeapSample). Frames are named from the `#` comments and the trailing
 * `# runtime.MemStats` block is parsed into memstats.
 */
import type { Profile, ValueType } from '../model/profile.js';
import { parseMemStatsTrailer } from './memstats-trailer.js';
import { ParseError } from '../model/errors.js';
import {
  buildTextProfile,
  parseFrameComment,
  parseHexAddresses,
  type TextRecord,
} from './pprof-text-builder.js';

const HEADER_RE =
  /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)\/?(\d*)/;
// Anchored (pprof's is not): on a line of 100k digits an unanchored JS regex backtracks
// quadratically, where Go's RE2 is linear. Lines are trimmed, so a sample starts the line.
const SAMPLE_RE = /^(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*)/;
const MEMORY_MAP_SENTINELS = ['--- Memory map: ---', 'MAPPED_LIBRARIES:'];

const vt = (type: string, unit: string): ValueType => ({ type, unit });

interface Header {
  readonly sampling: '' | 'v2';
  readonly period: number;
  readonly hasAlloc: boolean;
}

function parseHeader(line: string): Header {
  const h = HEADER_RE.exec(line);
  if (!h) throw new ParseError('not a legacy heap profile', { kind: 'unrecognized' });
  const period = h[6] ? Number(h[6]) : 0;
  const hasAlloc = (h[3] !== h[1] && h[3] !== '0') || (h[4] !== h[2] && h[4] !== '0');
  switch (h[5]) {
    case 'heapz_v2':
    case 'heap_v2':
      return { sampling: 'v2', period, hasAlloc };
    case 'heapprofile':
      return { sampling: '', period: 1, hasAlloc };
    case 'heap':
      // runtime/pprof writes 2*MemProfileRate after "heap/".
      return { sampling: 'v2', period: Math.trunc(period / 2), hasAlloc };
    default:
      throw new ParseError(`unknown heap profile kind "${h[5]}"`, { kind: 'unrecognized' });
  }
}

/**
 * pprof's scaleHeapSample: a heap sample of average size S taken at rate R was seen with
 * probability 1-exp(-S/R); divide by it. Truncation toward zero as Go's int64() does.
 */
export function scaleHeapSample(count: number, size: number, rate: number): [number, number] {
  if (count === 0 || size === 0) return [0, 0];
  if (rate <= 1) return [count, size];
  const avg = size / count;
  const scale = 1 / (1 - Math.exp(-avg / rate));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}

export function parseLegacyHeap(text: string): Profile {
  const lines = text.split('\n');
  const header = parseHeader(lines[0] ?? '');
  const records: TextRecord[] = [];
  let current: TextRecord | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) {
      const frame = current && parseFrameComment(lines[i]);
      if (frame) current!.frames.push(frame);
      if (line === '# runtime.MemStats') break;
      continue;
    }
    if (MEMORY_MAP_SENTINELS.some((s) => line.includes(s))) break;
    current = parseSample(line, i + 1, header);
    records.push(current);
  }
  const sampleTypes = header.hasAlloc
    ? [
        vt('alloc_objects', 'count'),
        vt('alloc_space', 'bytes'),
        vt('inuse_objects', 'count'),
        vt('inuse_space', 'bytes'),
      ]
    : [vt('objects', 'count'), vt('space', 'bytes')];
  const notes: string[] = [];
  let memstats;
  try {
    memstats = parseMemStatsTrailer(text);
  } catch (err) {
    notes.push((err as Error).message); // the samples are still good
  }
  return buildTextProfile({
    format: 'legacy-heap',
    sampleTypes,
    periodType: vt('space', 'bytes'),
    period: header.period,
    records,
    ...(memstats ? { memstats } : {}),
    notes,
  });
}

function parseSample(line: string, lineNo: number, h: Header): TextRecord {
  const m = SAMPLE_RE.exec(line);
  if (!m) throw new ParseError('not a heap sample', { line: lineNo, text: line });
  const values: number[] = [];
  let blocksize = 0;
  const add = (countText: string, sizeText: string, label: string) => {
    let count = Number(countText);
    let size = Number(sizeText);
    if (!Number.isSafeInteger(count) || !Number.isSafeInteger(size)) {
      throw new ParseError(`${label} value out of range`, { line: lineNo });
    }
    if (count === 0 && size !== 0)
      throw new ParseError(`${label} count was 0 but ${label} bytes was ${size}`, {
        line: lineNo,
      });
    if (count !== 0) {
      blocksize = Math.trunc(size / count);
      if (h.sampling === 'v2') [count, size] = scaleHeapSample(count, size, h.period);
    }
    values.push(count, size);
  };
  if (h.hasAlloc) add(m[3], m[4], 'allocation');
  add(m[1], m[2], 'inuse');
  return { values, addrs: parseHexAddresses(m[5], lineNo), frames: [], bytes: blocksize };
}
