/**
 * The module text of a Go binary's build info, parsed and printed like `go version -m`: the
 * reverse of runtime/debug BuildInfo.String() (src/runtime/debug/mod.go, ParseBuildInfo).
 */
import { ParseError } from '../model/errors.js';
import type { GoBuildInfo, GoModule } from '../model/snapshot.js';

// ParseBuildInfo): lines "path\t", "mod\t", "dep\t", "=>\t", "build\tkey=value".

/** Parses modinfo lines; throws a ParseError naming the line when one is malformed. */
export function parseModInfo(goVersion: string, modinfo: string): GoBuildInfo {
  let path: string | undefined;
  let main: GoModule | undefined;
  const deps: GoModule[] = [];
  const settings: [string, string][] = [];
  let last: { set(m: GoModule): void; get(): GoModule } | undefined;
  const lines = modinfo.split('\n');
  lines.pop(); // Go ignores text after the last newline
  lines.forEach((line, i) => {
    const fail = (why: string) =>
      new ParseError(`could not parse Go build info: ${why}`, { line: i + 1 });
    const [word, rest] = splitOnce(line, '\t');
    if (rest === undefined) return;
    if (word === 'path') path = rest;
    else if (word === 'mod') {
      main = moduleLine(rest.split('\t'), fail);
      last = { set: (m) => (main = m), get: () => main! };
    } else if (word === 'dep') {
      deps.push(moduleLine(rest.split('\t'), fail));
      const at = deps.length - 1;
      last = { set: (m) => (deps[at] = m), get: () => deps[at] };
    } else if (word === '=>') {
      const elem = rest.split('\t');
      if (elem.length !== 3) throw fail(`expected 3 columns for replacement; got ${elem.length}`);
      if (!last) throw fail('replacement with no module on previous line');
      last.set({ ...last.get(), replace: { path: elem[0], version: elem[1], sum: elem[2] } });
      last = undefined;
    } else if (word === 'build') settings.push(buildSetting(rest, fail));
  });
  return { goVersion, path, main, deps, settings };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function moduleLine(elem: string[], fail: (why: string) => Error): GoModule {
  if (elem.length !== 2 && elem.length !== 3)
    throw fail(`expected 2 or 3 columns; got ${elem.length}`);
  return { path: elem[0], version: elem[1], sum: elem[2] ?? '' };
}

const needsQuotedKey = (k: string) => k === '' || /[= \t\r\n"`]/.test(k);
const needsQuotedValue = (v: string) => /[ \t\r\n"`]/.test(v);

function buildSetting(kv: string, fail: (why: string) => Error): [string, string] {
  if (kv === '') throw fail("build line missing '='");
  let key: string;
  let raw: string;
  if (kv[0] === '=') throw fail('build line with missing key');
  if (kv[0] === '"' || kv[0] === '`') {
    const end = quotedPrefixLength(kv);
    if (end < 0) throw fail('invalid quoted key in build line');
    if (kv[end] !== '=') throw fail("build line missing '=' after quoted key");
    key = unquoteGo(kv.slice(0, end))!;
    raw = kv.slice(end + 1);
  } else {
    const [k, v] = splitOnce(kv, '=');
    if (v === undefined) throw fail("build line missing '=' after key");
    if (needsQuotedKey(k)) throw fail(`unquoted key ${JSON.stringify(k)} must be quoted`);
    [key, raw] = [k, v];
  }
  if (raw[0] === '"' || raw[0] === '`') {
    const value = quotedPrefixLength(raw) === raw.length ? unquoteGo(raw) : undefined;
    if (value === undefined) throw fail('invalid quoted value in build line');
    return [key, value];
  }
  if (needsQuotedValue(raw)) throw fail(`unquoted value ${JSON.stringify(raw)} must be quoted`);
  return [key, raw];
}

/** Length of the Go quoted string at the start of s (strconv.QuotedPrefix), or -1. */
function quotedPrefixLength(s: string): number {
  const q = s[0];
  if (q === '`') {
    const end = s.indexOf('`', 1);
    return end < 0 ? -1 : end + 1;
  }
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '\n') return -1;
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return unquoteGo(s.slice(0, i + 1)) === undefined ? -1 : i + 1;
  }
  return -1;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

/** strconv.Unquote for "..." and `...` strings; undefined when invalid. \x and octal escapes
 *  are bytes, so the result is decoded as UTF-8 at the end, as Go's string would be. */
function unquoteGo(s: string): string | undefined {
  if (s.length < 2 || s[s.length - 1] !== s[0]) return undefined;
  if (s[0] === '`')
    return s.indexOf('`', 1) === s.length - 1 ? s.slice(1, -1).replace(/\r/g, '') : undefined;
  if (s[0] !== '"') return undefined;
  const bytes: number[] = [];
  for (let i = 1; i < s.length - 1;) {
    if (s[i] === '"' || s[i] === '\n') return undefined;
    if (s[i] !== '\\') {
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      bytes.push(...UTF8.encode(ch));
      i += ch.length;
      continue;
    }
    const esc = readEscape(s, i + 1);
    if (!esc) return undefined;
    bytes.push(...esc.bytes);
    i = esc.next;
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const UTF8 = new TextEncoder();

/** One escape after a backslash at `at`: its bytes and where the text continues. */
function readEscape(s: string, at: number): { bytes: number[]; next: number } | undefined {
  const e = s[at];
  if (SIMPLE_ESCAPES[e] !== undefined)
    return { bytes: [SIMPLE_ESCAPES[e].charCodeAt(0)], next: at + 1 };
  const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  const digits = hexLen > 0 ? s.slice(at + 1, at + 1 + hexLen) : s.slice(at, at + 3);
  const valid =
    hexLen > 0 ? new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(digits) : /^[0-7]{3}$/.test(digits);
  if (!valid) return undefined;
  const code = parseInt(digits, hexLen > 0 ? 16 : 8);
  const next = at + (hexLen > 0 ? hexLen + 1 : 3);
  if (hexLen <= 2) return code > 255 ? undefined : { bytes: [code], next }; // \xNN and \NNN are bytes
  if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) return undefined;
  return { bytes: [...UTF8.encode(String.fromCodePoint(code))], next };
}

/** strconv.Quote for the printable-ASCII-and-controls case (what build settings contain). */
function quoteGo(s: string): string {
  const named: Record<string, string> = {
    '\x07': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
    '\\': '\\\\',
    '"': '\\"',
  };
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (named[c]) out += named[c];
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += c;
  }
  return out + '"';
}

/** The text `go version -m` prints under the file name (runtime/debug BuildInfo.String()). */
export function formatBuildInfo(bi: GoBuildInfo): string {
  const lines: string[] = [];
  if (bi.goVersion) lines.push(`go\t${bi.goVersion}`);
  if (bi.path) lines.push(`path\t${bi.path}`);
  const mod = (word: string, m: GoModule): void => {
    if (m.replace) {
      lines.push(`${word}\t${m.path}\t${m.version}`);
      mod('=>', m.replace);
      lines.push(''); // Go's String() writes a second newline after a replacement: an empty line
    } else lines.push(`${word}\t${m.path}\t${m.version}\t${m.sum ?? ''}`);
  };
  if (bi.main && (bi.main.path || bi.main.version || bi.main.sum)) mod('mod', bi.main);
  for (const d of bi.deps) mod('dep', d);
  for (const [k, v] of bi.settings) {
    lines.push(
      `build\t${needsQuotedKey(k) ? quoteGo(k) : k}=${needsQuotedValue(v) ? quoteGo(v) : v}`,
    );
  }
  return lines.map((l) => l + '\n').join('');
}
