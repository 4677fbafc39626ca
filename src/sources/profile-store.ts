/**
 * The exporter's pre-OOM profiles on disk: DIR/<container key>/<unix ms>-<kind>.<ext>, the last
 * `keep` of each kind per container, and never more than `maxBytes` in all (the oldest go
 * first). Files are written whole (temp file + rename, sources/output-file.ts), so a reader
 * never gets half a profile; profiles already in DIR when the exporter starts are kept.
 */
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { hasCode } from './fs-errors.js';
import { writeFileAtomic } from './output-file.js';

export type StoredKind = 'heap' | 'goroutine';

export interface StoredProfile {
  /** "<key>/<file>": the path under /profiles/ that serves it. */
  readonly path: string;
  readonly key: string;
  readonly kind: StoredKind;
  readonly t: number;
  readonly bytes: number;
}

export interface ProfileStoreOptions {
  readonly keep: number;
  readonly maxBytes: number;
}

/** gzipped profile.proto for the heap; the goroutine dump is ?debug=1 text. */
const EXT: Record<StoredKind, string> = { heap: 'pb.gz', goroutine: 'txt' };
const FILE = /^(\d{1,15})-(heap|goroutine)\.(pb\.gz|txt)$/;
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,250}$/;

export class ProfileStore {
  private files: StoredProfile[] = [];

  private constructor(
    readonly dir: string,
    private readonly o: ProfileStoreOptions,
  ) {}

  static async open(dir: string, o: ProfileStoreOptions): Promise<ProfileStore> {
    await makeDirs(dir);
    const store = new ProfileStore(dir, o);
    await store.index();
    return store;
  }

  get totalBytes(): number {
    return this.files.reduce((n, f) => n + f.bytes, 0);
  }

  list(): readonly StoredProfile[] {
    return this.files;
  }

  async save(key: string, kind: StoredKind, t: number, data: Uint8Array): Promise<StoredProfile> {
    if (!KEY.test(key)) throw new Error(`bad profile key ${JSON.stringify(key)}`);
    await makeDirs(join(this.dir, key));
    const name = `${Math.round(t)}-${kind}.${EXT[kind]}`;
    await writeFileAtomic(join(this.dir, key, name), data);
    const saved = { path: `${key}/${name}`, key, kind, t, bytes: data.length };
    this.files = this.files.filter((f) => f.path !== saved.path).concat(saved);
    await this.evict(key, kind);
    return saved;
  }

  /** The bytes of a stored profile, or undefined for any path the store did not write. */
  async read(path: string): Promise<Uint8Array | undefined> {
    const known = this.files.find((f) => f.path === path);
    if (!known) return undefined;
    try {
      return await readFile(join(this.dir, known.path));
    } catch {
      return undefined; // removed meanwhile: the same answer as never stored
    }
  }

  private async evict(key: string, kind: StoredKind): Promise<void> {
    const same = this.files.filter((f) => f.key === key && f.kind === kind);
    const drop = new Set(
      same.sort((a, b) => a.t - b.t).slice(0, Math.max(0, same.length - this.o.keep)),
    );
    const byAge = this.files.filter((f) => !drop.has(f)).sort((a, b) => a.t - b.t);
    let total = byAge.reduce((n, f) => n + f.bytes, 0);
    for (const f of byAge) {
      if (total <= this.o.maxBytes) break;
      drop.add(f);
      total -= f.bytes;
    }
    this.files = this.files.filter((f) => !drop.has(f));
    await Promise.all([...drop].map((f) => unlink(join(this.dir, f.path)).catch(() => undefined)));
  }

  private async index(): Promise<void> {
    for (const key of await readdir(this.dir)) {
      if (!KEY.test(key)) continue;
      const names = await readdir(join(this.dir, key)).catch(() => [] as string[]);
      for (const name of names) {
        const m = FILE.exec(name);
        if (!m) continue;
        const st = await stat(join(this.dir, key, name));
        const kind = m[2] as StoredKind;
        this.files.push({ path: `${key}/${name}`, key, kind, t: Number(m[1]), bytes: st.size });
      }
    }
    const keys = new Set(this.files.map((f) => `${f.key}\0${f.kind}`));
    for (const k of keys) await this.evict(k.split('\0')[0], k.split('\0')[1] as StoredKind);
  }
}

/**
 * mkdir -p by hand: Node's recursive mkdir never returns for a path under /proc/self (it keeps
 * retrying the ENOENT there), so each level is made in turn, at most 64 of them.
 */
async function makeDirs(dir: string, depth = 0): Promise<void> {
  try {
    await mkdir(dir);
  } catch (err) {
    if (hasCode(err, 'EEXIST')) return;
    if (!hasCode(err, 'ENOENT') || depth >= 64 || dirname(dir) === dir) throw err;
    await makeDirs(dirname(dir), depth + 1);
    await mkdir(dir);
  }
}
