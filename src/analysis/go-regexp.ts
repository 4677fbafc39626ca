/**
 * Go regular expressions (RE2 syntax, https://pkg.go.dev/regexp/syntax) as JavaScript RegExp,
 * for pprof's -focus, -ignore, -hide, -show, -show_from, -tagfocus and peek arguments. The
 * common syntax is the same; what differs is translated: leading (?ims) flags, (?P<name>,
 * \A \z \Q..\E, POSIX classes [[:alpha:]], \s (ASCII only in Go), escaped punctuation. What
 * RE2 rejects (lookaround, backreferences) is rejected here too. Matching is unanchored, as
 * regexp.MatchString is. JavaScript backtracks where RE2 does not: a pattern like (a+)+$
 * can be slow on long names.
 */
import { UsageError } from '../model/errors.js';

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const GO_SPACE = '\\t\\n\\f\\r ';

/** Compiles a Go regexp; a bad one is a usage error "parsing <what> regexp: ...". */
export function compileGoRegexp(source: string, what: string): RegExp {
  try {
    const { body, flags } = leadingFlags(source);
    return new RegExp(translate(body), flags + (/\\[pP]/.test(body) ? 'u' : ''));
  } catch (err) {
    throw new UsageError(`parsing ${what} regexp: ${(err as Error).message}`);
  }
}

/** A leading (?ims) group becomes RegExp flags; (?U) has no JavaScript form. */
function leadingFlags(source: string): { body: string; flags: string } {
  const m = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (!m) return { body: source, flags: '' };
  if (/[^ims]/.test(m[1])) throw new Error(`unsupported flag group ${m[0]}`);
  return { body: source.slice(m[0].length), flags: [...new Set(m[1])].join('') };
}

function translate(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const [text, used] = escape(src, i, inClass);
      out += text;
      i += used - 1;
    } else if (c === '[' && inClass && src.startsWith('[:', i)) {
      const end = src.indexOf(':]', i + 2);
      const name = end < 0 ? '' : src.slice(i + 2, end);
      if (!POSIX[name]) throw new Error(`invalid character class range: ${src.slice(i)}`);
      out += POSIX[name];
      i = end + 1;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') out += '\\' + src[++i]; // "[]a]": a literal ] first
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (c === '(' && !inClass && src[i + 1] === '?') {
      const [text, used] = group(src, i);
      out += text;
      i += used - 1;
    } else out += c;
  }
  return out;
}

/** (?: and (?P<name> / (?<name> are RE2; flags inside, lookaround and the rest are not. */
function group(src: string, i: number): [string, number] {
  const rest = src.slice(i);
  if (rest.startsWith('(?:')) return ['(?:', 3];
  const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
  if (named) return [`(?<${named[1]}>`, named[0].length];
  throw new Error(`invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
}

function escape(src: string, i: number, inClass: boolean): [string, number] {
  const c = src[i + 1];
  if (c === undefined) throw new Error('trailing backslash at end of expression');
  if (c === 'Q') {
    const end = src.indexOf('\\E', i + 2);
    const text = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
    const used = end < 0 ? src.length - i : end + 2 - i;
    return [[...text].map(literal).join(''), used];
  }
  if (c === 'A') return ['(?<![\\s\\S])', 2];
  if (c === 'z') return ['(?![\\s\\S])', 2];
  if (c === 'C') return ['[\\s\\S]', 2];
  if (c === 's') return [inClass ? GO_SPACE : `[${GO_SPACE}]`, 2];
  if (c === 'S' && !inClass) return [`[^${GO_SPACE}]`, 2];
  const octal = /^(?:0[0-7]{0,2}|[1-7][0-7]{1,2})/.exec(src.slice(i + 1));
  if (octal) return [literal(String.fromCharCode(parseInt(octal[0], 8))), octal[0].length + 1];
  if (/[1-9]/.test(c)) throw new Error(`invalid escape sequence: \`\\${c}\``);
  if (c === 'p' || c === 'P') return unicodeClass(src, i);
  if (c === 'x' && src[i + 2] === '{') {
    const end = src.indexOf('}', i);
    const code = parseInt(src.slice(i + 3, end), 16);
    if (end < 0 || !(code <= 0x10ffff)) throw new Error('invalid escape sequence: `\\x{`');
    return [literal(String.fromCodePoint(code)), end + 1 - i];
  }
  if (/[!-/:-@[-`{-~]/.test(c)) return [literal(c), 2];
  return [src.slice(i, i + 2), 2];
}

/** \pL, \p{Lu} (categories) and \p{Greek} (scripts: JavaScript wants Script=). */
function unicodeClass(src: string, i: number): [string, number] {
  const m = /^\\([pP])(?:\{(\^?)([A-Za-z_]+)\}|([A-Za-z]))/.exec(src.slice(i));
  if (!m) throw new Error(`invalid character class range: \`${src.slice(i, i + 4)}\``);
  const name = m[3] ?? m[4];
  const negate = (m[1] === 'P') !== (m[2] === '^');
  const prop = name.length <= 2 || name === 'Any' ? name : `Script=${name}`;
  return [`\\${negate ? 'P' : 'p'}{${prop}}`, m[0].length];
}

/** One character as a literal that means the same in or out of a class, with or without u. */
function literal(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (/[A-Za-z0-9 _]/.test(ch) || code > 0x7f) return ch;
  return `\\x${code.toString(16).padStart(2, '0')}`;
}
