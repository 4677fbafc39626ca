/**
 * pprof's sample filters, in the order internal/driver applyFocus runs them:
 *  - focus / ignore / hide / show (profile.FilterSamplesByName): a location matches when one
 *    of its lines' function name or file name, or its mapping's file, matches. A sample is
 *    kept when a location matches focus and none matches ignore; hide drops the matching
 *    lines (a location left without lines leaves the stack), show keeps only matching lines;
 *  - show_from (Profile.ShowFrom): frames above the root-most match are dropped;
 *  - tagfocus / tagignore (FilterSamplesByTag, profile-tags.ts).
 * The result is a new Profile (same locations, edited lines; kept samples with their stacks
 * rewritten). The report total is taken before filtering, as pprof does.
 */
import type { Profile } from '../model/profile.js';
import { compileGoRegexp } from './go-regexp.js';
import { compileTagFilter, type TagMatch } from './profile-tags.js';
import { rebuildProfile, type StackEdit } from './profile-rebuild.js';

export interface FilterOptions {
  readonly focus?: string;
  readonly ignore?: string;
  readonly hide?: string;
  readonly show?: string;
  readonly showFrom?: string;
  readonly tagFocus?: string;
  readonly tagIgnore?: string;
}

export interface CompiledFilters {
  readonly focus?: RegExp;
  readonly ignore?: RegExp;
  readonly hide?: RegExp;
  readonly show?: RegExp;
  readonly showFrom?: RegExp;
  readonly tagFocus?: TagMatch;
  readonly tagIgnore?: TagMatch;
  /** pprof's notes from reading the filters ("tagfocus:Interpreted '1kb' as range, ..."). */
  readonly notes?: readonly string[];
}

const REGEX_FILTERS = ['focus', 'ignore', 'hide', 'show', 'showFrom'] as const;
/** pprof's names, for "... expression matched no samples". */
const LABEL: Record<Exclude<keyof CompiledFilters, 'notes'>, string> = {
  focus: 'Focus',
  ignore: 'Ignore',
  hide: 'Hide',
  show: 'Show',
  showFrom: 'ShowFrom',
  tagFocus: 'TagFocus',
  tagIgnore: 'TagIgnore',
};

/** Compiles the filters given (an empty string is no filter, as in pprof). */
export function compileFilters(o: FilterOptions): CompiledFilters {
  const out: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const k of REGEX_FILTERS) if (o[k]) out[k] = compileGoRegexp(o[k], k.toLowerCase());
  for (const [k, name] of [
    ['tagFocus', 'tagfocus'],
    ['tagIgnore', 'tagignore'],
  ] as const) {
    const value = o[k];
    if (!value) continue;
    const tag = compileTagFilter(name, value);
    out[k] = tag.match;
    if (tag.note) notes.push(tag.note);
  }
  return { ...out, notes } as CompiledFilters;
}

export function hasFilters(f: CompiledFilters): boolean {
  return (Object.keys(LABEL) as (keyof CompiledFilters)[]).some((k) => f[k] !== undefined);
}

export interface Filtered {
  readonly profile: Profile;
  /** The filters that matched something ("Focus", ...): pprof warns about the others. */
  readonly matched: ReadonlySet<string>;
}

/** Applies the filters; base marks a diff's base profile (its samples carry pprof::base). */
export function filterProfile(p: Profile, f: CompiledFilters, base = false): Filtered {
  const matched = new Set<string>();
  const names = new NameMatcher(p);
  const edit = locationEdits(p, f, names, matched);
  const showFrom = f.showFrom && showFromLocations(p, f.showFrom, names, edit, matched);
  const keep = (s: number): boolean => {
    const focused = f.tagFocus ? f.tagFocus(p, s, base) : true;
    const ignored = f.tagIgnore ? f.tagIgnore(p, s, base) : false;
    if (focused) matched.add(LABEL.tagFocus);
    if (ignored) matched.add(LABEL.tagIgnore);
    return focused && !ignored;
  };
  const profile = rebuildProfile(p, edit.lines, (s, stack) => {
    if (!editStack(stack, edit, showFrom)) return false;
    return f.tagFocus || f.tagIgnore ? keep(s) : true;
  });
  for (const k of Object.keys(LABEL) as (keyof typeof LABEL)[]) if (!f[k]) matched.add(LABEL[k]);
  return { profile, matched };
}

/** Per location: focus (1) / ignore (2) / neither (0), hidden, and its lines after hide/show. */
interface LocationEdit {
  readonly mark: Int8Array;
  readonly hidden: Uint8Array;
  readonly lines: (readonly number[] | undefined)[];
  readonly byName: boolean;
}

function locationEdits(
  p: Profile,
  f: CompiledFilters,
  names: NameMatcher,
  matched: Set<string>,
): LocationEdit {
  const n = p.locations.count;
  const edit = {
    mark: new Int8Array(n),
    hidden: new Uint8Array(n),
    lines: new Array<number[] | undefined>(n),
    byName: !!(f.focus || f.ignore || f.hide || f.show),
  };
  if (!edit.byName) return edit;
  for (let l = 0; l < n; l++) {
    if (f.ignore && names.location(l, f.ignore)) {
      matched.add(LABEL.ignore);
      edit.mark[l] = 2;
    } else if (!f.focus || names.location(l, f.focus)) {
      matched.add(LABEL.focus);
      edit.mark[l] = 1;
    }
    let lines = names.lines(l);
    const all = lines.length;
    if (f.hide && names.location(l, f.hide)) {
      matched.add(LABEL.hide);
      lines = names.mapping(l, f.hide) ? [] : lines.filter((j) => !names.line(j, f.hide!));
      if (lines.length === 0) edit.hidden[l] = 1;
    }
    if (f.show) {
      if (!names.mapping(l, f.show)) lines = lines.filter((j) => names.line(j, f.show!));
      if (lines.length > 0) matched.add(LABEL.show);
      else edit.hidden[l] = 1;
    }
    if (lines.length !== all) edit.lines[l] = lines;
  }
  return edit;
}

/** ShowFrom: per location, matched (lines cut after the outermost matching one) or not. */
function showFromLocations(
  p: Profile,
  re: RegExp,
  names: NameMatcher,
  edit: LocationEdit,
  matched: Set<string>,
): Uint8Array {
  const out = new Uint8Array(p.locations.count);
  for (let l = 0; l < out.length; l++) {
    if (names.mapping(l, re)) out[l] = 1;
    else {
      const lines = edit.lines[l] ?? names.lines(l);
      let i = lines.length - 1;
      while (i >= 0 && !names.line(lines[i], re)) i--;
      if (i < 0) continue;
      out[l] = 1;
      if (i < lines.length - 1) edit.lines[l] = lines.slice(0, i + 1);
    }
    matched.add(LABEL.showFrom);
  }
  return out;
}

/** Edits one stack (leaf first) in place; false drops the sample. */
function editStack(stack: StackEdit, edit: LocationEdit, showFrom: Uint8Array | undefined) {
  if (edit.byName) {
    let focused = false;
    for (let i = 0; i < stack.length; i++) {
      const mark = edit.mark[stack.at(i)];
      if (mark === 2) return false;
      if (mark === 1) focused = true;
    }
    if (!focused) return false;
    stack.removeWhere((loc) => edit.hidden[loc] === 1);
    if (stack.length === 0) return false;
  }
  if (showFrom) {
    let i = stack.length - 1;
    while (i >= 0 && !showFrom[stack.at(i)]) i--;
    if (i < 0) return false;
    stack.truncate(i + 1);
  }
  return true;
}

/** Regexp tests on function names, file names and mapping files, each string tested once. */
class NameMatcher {
  private readonly memo = new Map<RegExp, Map<number, boolean>>();
  constructor(private readonly p: Profile) {}

  /** The location's line indexes, innermost first. */
  lines(l: number): number[] {
    const { lineStart } = this.p.locations;
    const out: number[] = [];
    for (let j = lineStart[l]; j < lineStart[l + 1]; j++) out.push(j);
    return out;
  }

  line(j: number, re: RegExp): boolean {
    const f = this.p.functions;
    const fn = this.p.locations.lineFunction[j];
    return this.test(re, f.name[fn]) || this.test(re, f.filename[fn]);
  }

  mapping(l: number, re: RegExp): boolean {
    const m = this.p.locations.mapping[l];
    return m >= 0 && re.test(this.p.mappings[m].file);
  }

  location(l: number, re: RegExp): boolean {
    return this.lines(l).some((j) => this.line(j, re)) || this.mapping(l, re);
  }

  private test(re: RegExp, str: number): boolean {
    let m = this.memo.get(re);
    if (!m) this.memo.set(re, (m = new Map()));
    let hit = m.get(str);
    if (hit === undefined) m.set(str, (hit = re.test(this.p.strings.get(str))));
    return hit;
  }
}
