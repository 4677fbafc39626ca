/**
 * Reads the layers of an image from the top one down into an ImageFs (metadata only) and
 * copies to a temporary directory the few regular files that may be the program: those whose
 * name is wanted. A symlink with a wanted name makes its target's name wanted too, for the
 * layers below; a file that still slipped through (its link was read after it) is fetched in
 * a second pass over its one layer.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { basename, ImageFs, normalize } from '../../formats/image-fs.js';
import type { Descriptor } from '../../formats/oci-image.js';
import type { TarEntry, TarSink } from '../../formats/tar.js';
import { InputError } from '../../model/errors.js';
import { formatBytes, GiB } from '../../model/units.js';
import type { RegistryClient } from './client.js';
import { streamLayer, type Budget } from './layers.js';

/** Copies of one image: at most this many bytes in all (a Go binary is 10-200 MB). */
const MAX_SPOOL_BYTES = 2 * GiB;

export class ImageFiles {
  readonly fs = new ImageFs();
  /** Image path -> copy on disk. */
  readonly copies = new Map<string, string>();
  private spooled = 0;
  private count = 0;
  private readonly open = new Set<Promise<FileHandle>>();

  constructor(
    private readonly client: RegistryClient,
    private readonly layers: readonly Descriptor[],
    private readonly tmp: string,
    private readonly budget: Budget,
    private readonly idleMs: number,
  ) {}

  /** Every layer, top first; files named in `wanted` are copied. */
  async readAll(wanted: Set<string>): Promise<void> {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      await streamLayer(
        this.client,
        this.layers[i],
        (e) => this.onEntry(e, i, wanted),
        this.budget,
        this.idleMs,
      );
    }
  }

  /** A second read of one layer for files the first pass did not copy. */
  async fetch(paths: readonly string[]): Promise<void> {
    for (const path of paths) {
      const layer = this.fs.get(path)?.layer;
      if (layer === undefined || this.copies.has(path)) continue;
      await streamLayer(
        this.client,
        this.layers[layer],
        (e) => (e.type === 'file' && normalize(e.name) === path ? this.copy(path, e) : undefined),
        { left: Infinity, total: Infinity },
        this.idleMs,
      );
    }
  }

  private onEntry(e: TarEntry, layer: number, wanted: Set<string>): TarSink | undefined {
    const path = this.fs.add(e, layer);
    if (path === undefined || !wanted.has(basename(path))) return undefined;
    if (e.type === 'symlink' || e.type === 'hardlink') wanted.add(basename(e.linkname));
    return e.type === 'file' ? this.copy(path, e) : undefined;
  }

  private copy(path: string, e: TarEntry): TarSink {
    this.spooled += e.size;
    if (this.spooled > MAX_SPOOL_BYTES)
      throw new InputError(`candidate programs larger than ${formatBytes(MAX_SPOOL_BYTES)} in all`);
    const file = join(this.tmp, `${this.count++}`);
    this.copies.set(path, file);
    const handle = open(file, 'w', 0o600);
    this.open.add(handle);
    return {
      data: async (chunk) => {
        await (await handle).write(chunk);
      },
      end: async () => {
        this.open.delete(handle);
        await (await handle).close();
      },
    };
  }

  /** Closes the copies a failed read left open. */
  async close(): Promise<void> {
    for (const h of this.open)
      await (await h.catch(() => undefined))?.close().catch(() => undefined);
    this.open.clear();
  }
}
