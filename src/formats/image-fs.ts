/**
 * The filesystem of an image, as far as finding one program needs it: layers are read from the
 * top one down, and an entry counts only when no upper layer hides it (the same path, a
 * non-directory or whiteout on one of its parent directories, an opaque directory). Whiteouts:
 * `.wh.NAME` deletes NAME, `.wh..wh..opq` hides the lower contents of its directory (OCI image
 * spec, layer.md "Whiteouts"). Only metadata is kept; file contents are the caller's business.
 */
import { ParseError } from '../model/errors.js';
import type { TarEntry } from './tar.js';

export type FsEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'whiteout' | 'other';

export interface FsEntry {
  readonly type: FsEntryType;
  /** Layer index (0 = the base layer). */
  readonly layer: number;
  readonly link?: string;
  readonly size: number;
}

/** Entries of a large image (a Python or Node.js one holds 100,000+): more is not plausible. */
export const MAX_ENTRIES = 2_000_000;
const MAX_HOPS = 40; // Linux follows at most 40 symlinks (path_resolution(7))

export class ImageFs {
  private readonly entries = new Map<string, FsEntry>();
  private readonly opaque = new Map<string, number>();

  /**
   * Records a tar entry of `layer` (layers must come top first). Returns the normalized path
   * when the entry is visible, undefined when an upper layer hides it or it is a whiteout.
   */
  add(e: TarEntry, layer: number): string | undefined {
    const path = normalize(e.name);
    if (path === '') return undefined;
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    const base = path.slice(slash + 1);
    if (base === '.wh..wh..opq') {
      if (!this.hidden(dir, layer)) this.opaque.set(dir, layer);
      return undefined;
    }
    if (base.startsWith('.wh.')) {
      const target = (dir ? dir + '/' : '') + base.slice(4);
      if (!this.hidden(target, layer)) this.set(target, { type: 'whiteout', layer, size: 0 });
      return undefined;
    }
    if (this.hidden(path, layer)) return undefined;
    const link =
      e.type === 'symlink' ? e.linkname : e.type === 'hardlink' ? normalize(e.linkname) : undefined;
    this.set(path, { type: e.type, layer, link, size: e.size });
    return path;
  }

  get(path: string): FsEntry | undefined {
    const e = this.entries.get(path);
    return e?.type === 'whiteout' ? undefined : e;
  }

  /**
   * Follows symlinks (in every component) and hard links from an absolute path. Returns the
   * path of the regular file it names, or why there is none.
   */
  resolve(absolute: string): { path: string } | { missing: string } {
    let todo = normalize(absolute)
      .split('/')
      .filter((p) => p !== '');
    let done: string[] = [];
    for (let hops = 0; todo.length > 0;) {
      const part = todo.shift()!;
      if (part === '..') {
        done.pop();
        continue;
      }
      const path = [...done, part].join('/');
      const e = this.get(path);
      if (e?.type === 'symlink' || (e?.type === 'hardlink' && todo.length === 0)) {
        if (++hops > MAX_HOPS) return { missing: `too many symbolic links at /${path}` };
        const target = e.link ?? '';
        if (e.type === 'hardlink' || target.startsWith('/')) done = [];
        todo = [...target.split('/').filter((p) => p !== '' && p !== '.'), ...todo];
        continue;
      }
      if (todo.length > 0 && e && e.type !== 'dir')
        return { missing: `/${path} is not a directory` };
      done.push(part);
    }
    const path = done.join('/');
    const e = this.get(path);
    if (!e) return { missing: `/${path} not found` };
    if (e.type !== 'file') return { missing: `/${path} is not a regular file (${e.type})` };
    return { path };
  }

  private set(path: string, e: FsEntry): void {
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(path))
      throw new ParseError(`image has more than ${MAX_ENTRIES} files`, { kind: 'too-large' });
    this.entries.set(path, e);
  }

  /** Whether an upper layer (not `layer` itself) hides `path`. */
  private hidden(path: string, layer: number): boolean {
    const own = this.entries.get(path);
    if (own && own.layer !== layer) return true;
    let dir = path;
    for (let i = dir.lastIndexOf('/'); ; i = dir.lastIndexOf('/')) {
      dir = i < 0 ? '' : dir.slice(0, i);
      const e = this.entries.get(dir);
      if (e && e.layer !== layer && e.type !== 'dir') return true;
      const opq = this.opaque.get(dir);
      if (opq !== undefined && opq !== layer) return true;
      if (i < 0) return false;
    }
  }
}

/** "./usr/bin/app", "/usr//bin/./app/" -> "usr/bin/app" (no leading slash). */
export function normalize(name: string): string {
  return name
    .split('/')
    .filter((p) => p !== '' && p !== '.')
    .join('/');
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
