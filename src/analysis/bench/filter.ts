/**
 * Result filters, a subset of benchstat's -filter language (x/perf benchproc): terms joined by
 * spaces (AND), each `key:value` (exact), `key:/regexp/`, or `-term` (NOT); `*` matches all.
 * Keys are those of projections (.name, .fullname, /subkey, config keys) plus `.unit`,
 * which keeps only the matching measurements of a result.
 */
import { ParseError } from '../../model/errors.js';
import type { BenchResult } from '../../model/bench.js';
import { extractKey } from './projection.js';

interface Term {
  readonly key: string;
  readonly negate: boolean;
  readonly test: (value: string) => boolean;
}

export interface Filter {
  /** Null when the result is dropped; otherwise the indexes of the values it keeps (read only). */
  apply(r: BenchResult): number[] | null;
}

function tokenize(query: string): string[] {
  const out: string[] = [];
  const re = /\s*(-?[^\s:]+:(?:\/(?:\\.|[^/])*\/|"[^"]*"|\S+)|\*)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(query)) !== null) {
    out.push(m[1]);
    end = re.lastIndex;
  }
  if (query.slice(end).trim() !== '')
    throw new ParseError(`cannot parse filter at "${query.slice(end).trim()}"`);
  return out;
}

function parseTerm(tok: string): Term | undefined {
  if (tok === '*') return undefined;
  const negate = tok.startsWith('-');
  const body = negate ? tok.slice(1) : tok;
  const colon = body.indexOf(':');
  const key = body.slice(0, colon);
  const raw = body.slice(colon + 1);
  if (key === '.config') throw new ParseError('.config is only allowed in projections');
  if (raw.length >= 2 && raw.startsWith('/') && raw.endsWith('/')) {
    let re: RegExp;
    try {
      re = new RegExp(raw.slice(1, -1));
    } catch (err) {
      throw new ParseError(`bad regexp in filter: ${(err as Error).message}`);
    }
    return { key, negate, test: (v) => re.test(v) };
  }
  const want = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  return { key, negate, test: (v) => v === want };
}

/**
 * [0, 1, ..., n-1], shared per n: most results keep every value, and go test lines have the
 * same few lengths. One array per length seen (not every shorter one too: a line with 60k
 * values would otherwise build 60k arrays), and a bounded number of lengths.
 */
const ALL = new Map<number, number[]>();
function allIndexes(n: number): number[] {
  let idx = ALL.get(n);
  if (!idx) {
    if (ALL.size >= 64) ALL.clear();
    idx = Array.from({ length: n }, (_, i) => i);
    ALL.set(n, idx);
  }
  return idx;
}

export function parseFilter(query: string): Filter {
  const terms = tokenize(query).flatMap((t) => parseTerm(t) ?? []);
  return {
    apply(r) {
      if (terms.length === 0) return r.values.length > 0 ? allIndexes(r.values.length) : null;
      let keep = r.values.map((_, i) => i);
      for (const t of terms) {
        if (t.key === '.unit') {
          keep = keep.filter((i) => {
            const v = r.values[i];
            const hit = t.test(v.unit) || (v.origUnit !== undefined && t.test(v.origUnit));
            return hit !== t.negate;
          });
          continue;
        }
        if (t.test(extractKey(t.key, r)) === t.negate) return null;
      }
      return keep.length > 0 ? keep : null;
    },
  };
}
