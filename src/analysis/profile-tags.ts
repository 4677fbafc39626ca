/**
 * pprof's -tagfocus / -tagignore (internal/driver driver_focus.go compileTagFilter): a
 * sample matches "[key=]value". A value that reads as a range of numbers ("32kb", ":64kb",
 * "4mb:", "1kb:4mb", units as measurement.Scale reads them) tests numeric labels; anything
 * else is a comma-separated list of regexps: without a key every one must match some
 * "key:value" of the sample's string labels, with a key any one must match a value of it.
 */
import { scaleMeasurement } from '../model/pprof-units.js';
import type { Profile } from '../model/profile.js';
import { compileGoRegexp } from './go-regexp.js';

/** Tests sample s of a profile (base: the sample is in a diff's base, pprof::base=true). */
export type TagMatch = (p: Profile, s: number, base: boolean) => boolean;

const RANGE_RE = /([+-]?[0-9]+)([A-Za-z]+)?/g;

/** The filter, and pprof's note when the value was read as a range of numbers. */
export function compileTagFilter(name: string, value: string): { match: TagMatch; note?: string } {
  const eq = value.indexOf('=');
  const key = eq >= 0 ? value.slice(0, eq) : '';
  const text = eq >= 0 ? value.slice(eq + 1) : value;
  const range = tagRange(text);
  if (range)
    return {
      match: numericMatch(key, range),
      note: `${name}:Interpreted '${text}' as range, not regexp`,
    };
  const res = text.split(',').map((t) => compileGoRegexp(t, name));
  return { match: key ? keyedMatch(key, res) : unkeyedMatch(res) };
}

type Range = (v: number, unit: string) => boolean;

/** driver parseTagFilterRange: "32kb", "32kb:", ":32kb", "1kb:4mb", or undefined. */
function tagRange(filter: string): Range | undefined {
  const m = [...filter.matchAll(RANGE_RE)].slice(0, 2);
  if (m.length === 0) return undefined;
  const [lo, unit] = scaleMeasurement(Number(m[0][1]), m[0][2] ?? '', m[0][2] ?? '');
  const at = (v: number, u: string): number | undefined => {
    const [sv, su] = scaleMeasurement(v, u, unit);
    return su === unit ? sv : undefined;
  };
  if (m.length === 1) {
    const cmp = { [m[0][0]]: 0, [m[0][0] + ':']: 1, [':' + m[0][0]]: -1 }[filter];
    if (cmp === undefined) return undefined;
    return (v, u) => {
      const sv = at(v, u);
      return sv !== undefined && (cmp === 0 ? sv === lo : cmp > 0 ? sv >= lo : sv <= lo);
    };
  }
  if (filter !== `${m[0][0]}:${m[1][0]}`) return undefined;
  const [hi, unit2] = scaleMeasurement(Number(m[1][1]), m[1][2] ?? '', unit);
  if (unit2 !== unit) return undefined;
  return (v, u) => {
    const sv = at(v, u);
    return sv !== undefined && sv >= lo && sv <= hi;
  };
}

/** Profile.NumLabelUnits: a key's unit is the first one given, else alignment/request are bytes, else the key. */
function numLabelUnits(p: Profile): Map<number, string> {
  const units = new Map<number, string>();
  const { labelKey, labelUnit, labelStr } = p.samples;
  for (let i = 0; i < labelKey.length; i++) {
    if (labelStr[i] !== 0 || units.get(labelKey[i])) continue;
    units.set(labelKey[i], labelUnit[i] ? p.strings.get(labelUnit[i]) : '');
  }
  for (const [k, unit] of units) {
    const key = p.strings.get(k);
    if (!unit) units.set(k, key === 'alignment' || key === 'request' ? 'bytes' : key);
  }
  return units;
}

function numericMatch(key: string, range: Range): TagMatch {
  let cache: { p: Profile; units: Map<number, string> } | undefined;
  return (p, s) => {
    if (cache?.p !== p) cache = { p, units: numLabelUnits(p) };
    const { labelStart, labelKey, labelStr, labelNum, labelUnit } = p.samples;
    for (let i = labelStart[s]; i < labelStart[s + 1]; i++) {
      // A label with neither a string nor a number nor a unit is no label (profile decode).
      if (labelStr[i] !== 0 || (labelNum[i] === 0 && labelUnit[i] === 0)) continue;
      if (key && p.strings.get(labelKey[i]) !== key) continue;
      if (range(labelNum[i], cache.units.get(labelKey[i]) ?? '')) return true;
    }
    return false;
  };
}

/** The sample's string labels as [key, value] pairs, the diff base's mark included. */
function* stringLabels(p: Profile, s: number, base: boolean): Generator<[string, string]> {
  const { labelStart, labelKey, labelStr } = p.samples;
  for (let i = labelStart[s]; i < labelStart[s + 1]; i++)
    if (labelStr[i] !== 0) yield [p.strings.get(labelKey[i]), p.strings.get(labelStr[i])];
  if (base) yield ['pprof::base', 'true'];
}

function unkeyedMatch(res: RegExp[]): TagMatch {
  return (p, s, base) =>
    res.every((re) => {
      for (const [k, v] of stringLabels(p, s, base)) if (re.test(`${k}:${v}`)) return true;
      return false;
    });
}

function keyedMatch(key: string, res: RegExp[]): TagMatch {
  return (p, s, base) => {
    for (const [k, v] of stringLabels(p, s, base))
      if (k === key && res.some((re) => re.test(v))) return true;
    return false;
  };
}
