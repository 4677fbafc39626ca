/**
 * Streams one image layer through its decompressor and the tar reader, never holding more than
 * a chunk: the compressed bytes are counted against the manifest's size and hashed against its
 * digest as they pass; the uncompressed bytes are counted against the inspection's budget, so
 * a gzip bomb stops at the budget (or at once, when a tar header claims more). Compression is
 * told by magic bytes (gzip 1f 8b, zstd 28 b5 2f fd), which also covers registries that label
 * layers wrongly.
 */
import { createHash } from 'node:crypto';
import { pipeline, Readable, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { Descriptor } from '../../formats/oci-image.js';
import { TarReader, type TarEntry, type TarSink } from '../../formats/tar.js';
import { InputError, ParseError } from '../../model/errors.js';
import { formatBytes } from '../../model/units.js';
import type { RegistryClient } from './client.js';
import { chunksOf } from './http.js';

/** Uncompressed bytes left for the layers of one image (shared by its layers). */
export interface Budget {
  left: number;
  readonly total: number;
}

export async function streamLayer(
  client: RegistryClient,
  layer: Descriptor,
  onEntry: (e: TarEntry) => TarSink | undefined,
  budget: Budget,
  idleMs: number,
): Promise<void> {
  const what = `layer ${layer.digest.slice(0, 19)}`;
  if (/foreign|nondistributable/.test(layer.mediaType))
    throw new InputError(
      `${what}: a foreign layer (${layer.mediaType}) is not served by the registry`,
    );
  const res = await client.blob(layer);
  const hash = createHash('sha256');
  let compressed = 0;
  async function* counted() {
    for await (const chunk of chunksOf(res, idleMs, what)) {
      compressed += chunk.length;
      if (compressed > layer.size)
        throw new InputError(
          `${what}: the registry sent more than the ${layer.size} bytes the manifest gives`,
        );
      hash.update(chunk);
      yield chunk;
    }
  }
  const tar = new TarReader((e) => {
    if (e.size > budget.left) throw tooLarge(budget);
    return onEntry(e);
  });
  try {
    const input = counted();
    const first = await input.next();
    const head: Uint8Array = first.done ? new Uint8Array(0) : first.value;
    const plain = Readable.from(prepend(head, input));
    const inflated = decompress(head, plain);
    for await (const chunk of inflated as AsyncIterable<Buffer>) {
      budget.left -= chunk.length;
      if (budget.left < 0) throw tooLarge(budget);
      if (!tar.done) await tar.write(chunk);
    }
    tar.end();
  } catch (err) {
    // A ParseError is an InputError too: the tar reader's (at an offset of the layer) needs its name.
    if (err instanceof ParseError) throw err.within({ file: what });
    if (err instanceof InputError) throw err;
    throw new InputError(`${what}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (compressed !== layer.size)
    throw new InputError(`${what}: ${compressed} bytes arrived, the manifest gives ${layer.size}`);
  const digest = `sha256:${hash.digest('hex')}`;
  if (digest !== layer.digest)
    throw new InputError(`${what}: the registry sent bytes of digest ${digest}`);
}

function tooLarge(budget: Budget): InputError {
  return new InputError(
    `image layers larger than ${formatBytes(budget.total)} uncompressed; not read`,
  );
}

async function* prepend(head: Uint8Array, rest: AsyncGenerator<Uint8Array>) {
  if (head.length > 0) yield head;
  yield* rest;
}

/** gzip and zstd by magic bytes; anything else is read as a plain tar. */
function decompress(head: Uint8Array, input: Readable): Readable {
  let inflate: Transform | undefined;
  if (head[0] === 0x1f && head[1] === 0x8b) inflate = zlib.createGunzip();
  else if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
    // zlib has zstd from Node 22.15 / 23.8 on.
    const zstd = (zlib as unknown as { createZstdDecompress?: () => Transform })
      .createZstdDecompress;
    if (!zstd)
      throw new InputError(`a zstd layer needs Node >= 22.15 (this is ${process.version})`);
    inflate = zstd();
  }
  if (!inflate) return input;
  // pipeline destroys both streams on an error, so the reader of `inflate` sees it.
  pipeline(input, inflate, () => undefined);
  return inflate;
}
