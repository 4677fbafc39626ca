/**
 * The slash-path helpers pprof names nodes with: Go's path/filepath Clean and Base (Unix
 * rules, https://pkg.go.dev/path/filepath#Clean), and internal/report trimPath with no
 * -trim_path or -source_path given (only the /proc/self/cwd prefixes go).
 */

/** filepath.Clean: one slash between elements, no "." elements, ".." resolved lexically. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!rooted) out.push('..');
  }
  const body = out.join('/');
  if (rooted) return '/' + body;
  return body === '' ? '.' : body;
}

/** filepath.Base: the last element, trailing slashes dropped; "" -> ".", "///" -> "/". */
export function basePath(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

const CWD_PREFIXES = ['/proc/self/cwd/./', '/proc/self/cwd/'];

/** report.trimPath with no configured paths: strips a /proc/self/cwd prefix. */
export function trimSourcePath(path: string): string {
  for (const prefix of CWD_PREFIXES) if (path.startsWith(prefix)) return path.slice(prefix.length);
  return path;
}
