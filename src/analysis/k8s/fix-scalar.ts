/**
 * The new text of a scalar k8s fix rewrites, in the scalar's own style: double or single
 * quotes stay, plain stays plain unless YAML would read a number, and a block scalar (`>-`,
 * `|`, ...) stays a block scalar with strip chomping (`-`), so the value has no trailing line
 * break; the lines after it are untouched.
 */
import { Scalar } from 'yaml';

export function scalarText(src: string, scalar: Scalar, start: number, end: number, value: string) {
  const original = src.slice(start, end);
  if (scalar.type === Scalar.BLOCK_FOLDED || scalar.type === Scalar.BLOCK_LITERAL)
    return blockScalar(original, value);
  if (original.startsWith('"')) return JSON.stringify(value);
  if (original.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  return /^[0-9.+-]/.test(value) && /^[0-9.e+-]+$/i.test(value) ? JSON.stringify(value) : value;
}

/**
 * `original` runs from the header (`>-  # comment`) through the content's last line break and
 * any trailing blank lines (the library's range for a block scalar). The header keeps its
 * style and comment; the content becomes one line at the same indentation; what follows the
 * content (line breaks, blank lines) stays.
 */
function blockScalar(original: string, value: string): string {
  const headerEnd = original.indexOf('\n');
  if (headerEnd === -1) return JSON.stringify(value); // a header alone at the end of the text
  const eol = original[headerEnd - 1] === '\r' ? '\r\n' : '\n';
  const header = original.slice(0, headerEnd).replace(/\r$/, '');
  const rest = original.slice(header.length); // from the header's line break
  const trailing = whitespaceTail(rest);
  const h = /^([|>])([+-]?)([1-9]?)([+-]?)(.*)$/.exec(header);
  const indent = /^[ \t]*(?=\S)/m.exec(rest.slice(eol.length))?.[0];
  // An explicit indentation indicator, or no content line to take the indentation from:
  // a quoted value is simpler and as valid.
  if (!h || h[3] || !indent || /\t/.test(indent)) return JSON.stringify(value) + trailing;
  return `${h[1]}-${h[5]}${eol}${indent}${value}${trailing}`;
}

/** From the first line break of the text's trailing whitespace (a scan, not a backtracking regex). */
function whitespaceTail(text: string): string {
  let i = text.length;
  while (i > 0 && ' \t\r\n'.includes(text[i - 1])) i--;
  const nl = text.indexOf('\n', i);
  if (nl === -1) return '';
  return text.slice(nl > i && text[nl - 1] === '\r' ? nl - 1 : nl);
}
