/**
 * The challenge of a registry's 401 answer (RFC 7235 section 4.1; the distribution token
 * spec): `Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"`
 * or `Basic realm="registry"`. Only the first challenge is read, as Docker does.
 */

export interface Challenge {
  readonly scheme: 'bearer' | 'basic' | 'other';
  readonly params: Readonly<Record<string, string>>;
}

export function parseChallenge(header: string | null | undefined): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const name = m[1].toLowerCase();
  const scheme = name === 'bearer' || name === 'basic' ? name : 'other';
  const params: Record<string, string> = {};
  const re = /\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gy;
  let p: RegExpExecArray | null;
  while ((p = re.exec(m[2])) !== null && p[0] !== '') {
    params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  }
  return { scheme, params };
}
