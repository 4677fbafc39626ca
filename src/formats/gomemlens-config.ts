/**
 * The gomemlens configuration file (YAML or JSON; `k8s lint|fix|gen --config FILE`). Today it
 * holds a team's own image classification:
 *
 *   k8s:
 *     goImages: ['registry\.example\.com/team/.*']      # regular expressions, whole image
 *     otherImages: ['registry\.example\.com/team/nginx-.*']
 *
 * Unknown keys are refused (a typo should not silently classify nothing).
 */
import { parseDocument } from 'yaml';
import { ParseError } from '../model/errors.js';

export interface GomemlensConfig {
  readonly goImages: readonly string[];
  readonly otherImages: readonly string[];
}

const MAX_ALIAS_COUNT = 50;
const MAX_PATTERNS = 1000;

export function parseConfig(text: string): GomemlensConfig {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0].line;
    throw new ParseError(`not YAML: ${err.message.split('\n')[0]}`, { line });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new ParseError(`not YAML: ${(e as Error).message}`);
  }
  if (value === null || value === undefined) return { goImages: [], otherImages: [] };
  const top = record(value, 'the file');
  only(top, ['k8s'], '');
  const k8s = top.k8s === undefined || top.k8s === null ? {} : record(top.k8s, 'k8s');
  only(k8s, ['goImages', 'otherImages'], 'k8s.');
  return {
    goImages: strings(k8s.goImages, 'k8s.goImages'),
    otherImages: strings(k8s.otherImages, 'k8s.otherImages'),
  };
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new ParseError(`${what} must be a map`);
  return v as Record<string, unknown>;
}

function only(obj: Record<string, unknown>, keys: string[], prefix: string): void {
  const extra = Object.keys(obj).find((k) => !keys.includes(k));
  if (extra !== undefined)
    throw new ParseError(`unknown key ${prefix}${extra} (known: ${keys.join(', ')})`);
}

function strings(v: unknown, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ParseError(`${what} must be a list of regular expressions`);
  if (v.length > MAX_PATTERNS)
    throw new ParseError(`${what} has more than ${MAX_PATTERNS} entries`);
  return v.map((s, i) => {
    if (typeof s !== 'string' || s === '')
      throw new ParseError(`${what}[${i}] must be a non-empty string`);
    return s;
  });
}
