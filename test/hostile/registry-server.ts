/**
 * A registry that misbehaves, for the hostile suite of `k8s lint --inspect-images`: each
 * repository name picks one way to be wrong. Blobs are made here: a gzip bomb is a stream of
 * small gzip members (1 MiB of zeros each, about 1 KB compressed), which gunzip reads as one.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

const MiB = 1 << 20;

/** A ustar header (GNU base-256 size when it does not fit in 11 octal digits). */
export function tarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  if (size < 8 ** 11) h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  else {
    h[124] = 0x80;
    for (let i = 135, n = size; i > 124; i--, n = Math.floor(n / 256)) h[i] = n % 256;
  }
  h.write('00000000000\0', 136);
  h.write('0', 156);
  h.write('ustar\0' + '00', 257);
  h.fill(' ', 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** gzip members: the header, then `mib` MiB of zeros. */
function zeroBomb(header: Buffer | undefined, mib: number): Buffer {
  const zeros = gzipSync(Buffer.alloc(MiB), { level: 9 });
  const parts = header ? [gzipSync(header)] : [];
  for (let i = 0; i < mib; i++) parts.push(zeros);
  return Buffer.concat(parts);
}

interface Blob {
  readonly bytes: Buffer;
  readonly digest: string;
}

function blob(bytes: Buffer): Blob {
  return { bytes, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` };
}

const CONFIG = blob(Buffer.from(JSON.stringify({ config: { Entrypoint: ['/app'] } })));

function manifestFor(layer: Blob, size = layer.bytes.length): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: CONFIG.digest,
        size: CONFIG.bytes.length,
      },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layer.digest, size },
      ],
    }),
  );
}

const LAYERS: Record<string, Blob> = {
  // One entry that claims 100 GiB: refused at its header.
  'bomb-header': blob(zeroBomb(tarHeader('app', 100 * 1024 * MiB), 4)),
  // 300 MiB of zeros in one entry: streamed, counted, refused past --max-image-size.
  'bomb-stream': blob(zeroBomb(tarHeader('data', 300 * MiB), 300)),
  'not-tar': blob(gzipSync(Buffer.from('this is not a tar archive, just text '.repeat(100)))),
  'not-gzip': blob(Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(64, 0xff)])),
  // A well-formed layer, for the registries that send it wrong (short, stall, wrong-digest).
  good: blob(gzipSync(Buffer.concat([tarHeader('app', 0), Buffer.alloc(1024)]))),
};

export interface HostileRegistry {
  readonly host: string;
  close(): Promise<void>;
}

export async function startHostileRegistry(): Promise<HostileRegistry> {
  const server = http.createServer((req, res) => route(req.url ?? '', res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

function route(url: string, res: http.ServerResponse): void {
  const m = /^\/v2\/([a-z-]+)\/(manifests|blobs)\/(.+)$/.exec(url);
  if (!m) return void res.writeHead(url === '/v2/' ? 200 : 404).end('{}');
  const [, repo, kind, ref] = m;
  if (repo === 'hang') return; // never answers
  if (repo === 'junk')
    return void res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(Buffer.alloc(4096, 0xfe));
  if (repo === 'huge') {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(50 * 1024 * MiB),
    });
    return void res.write('{"schemaVersion": 2, ');
  }
  if (repo === 'noauth') return void res.writeHead(401).end('{}');
  if (kind === 'blobs' && ref === CONFIG.digest) return void res.writeHead(200).end(CONFIG.bytes);
  const layer = LAYERS[repo] ?? LAYERS.good;
  if (kind === 'manifests') {
    const size = repo === 'short' ? layer.bytes.length + 10 : layer.bytes.length;
    return void res
      .writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' })
      .end(manifestFor(layer, size));
  }
  if (repo === 'stall') {
    res.writeHead(200);
    return void res.write(layer.bytes.subarray(0, 10)); // then nothing
  }
  if (repo === 'wrong-digest') {
    const other = Buffer.from(layer.bytes);
    other[4] ^= 0xff; // the gzip header's MTIME: still valid gzip, same size, another digest
    return void res.writeHead(200).end(other);
  }
  res.writeHead(200).end(layer.bytes);
}
