// Hostile inputs of `k8s lint --inspect-images` and the configuration files: a registry that
// hangs, serves junk, claims 50 GiB, streams a gzip bomb or a bad digest; a garbage Docker
// config and --config. Each: exit 2 with one stderr line naming the image, bounded memory.
import { after, before } from 'node:test';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { startHostileRegistry, type HostileRegistry } from './registry-server.js';
import { hostileSuite, type HostileCase } from './support.js';

let registry: HostileRegistry | undefined;
before(async () => {
  registry = await startHostileRegistry();
});
after(() => registry?.close());

/** A pod whose image is `repo` on the hostile registry, and the lint arguments. */
const pod = (repo: string) => (dir: string) =>
  writeFileSync(
    join(dir, 'pod.yaml'),
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: ${registry!.host}/${repo}:1\n`,
  );
const LINT = [
  'k8s',
  'lint',
  '--inspect-images',
  '--cache-dir',
  '{dir}/cache',
  '--registry-timeout',
  '2s',
];

const imageCase = (
  repo: string,
  stderr: RegExp,
  extra: string[] = [],
  maxRssMiB = 160,
): HostileCase => ({
  name: `--inspect-images: ${repo}`,
  args: [...LINT, ...extra, '{dir}/pod.yaml'],
  setup: pod(repo),
  expectCode: 2,
  stderr,
  maxRssMiB,
  timeoutMs: 60_000,
});

const cases: HostileCase[] = [
  imageCase('hang', /hang:1: 127\.0\.0\.1:\d+: no answer within 2 s/),
  imageCase('junk', /junk:1: manifest 1: manifest is not JSON/),
  imageCase('huge', /huge:1: manifest 1: 50 GiB is more than 4 MiB/),
  imageCase('noauth', /noauth:1: 127\.0\.0\.1:\d+: authentication required and no credentials/),
  imageCase('bomb-header', /bomb-header:1: image layers larger than 4 GiB uncompressed/),
  imageCase('bomb-stream', /bomb-stream:1: image layers larger than 256 MiB uncompressed/, [
    '--max-image-size',
    '256MiB',
  ]),
  imageCase('not-tar', /not-tar:1: layer sha256:[0-9a-f]{12}: tar: header checksum mismatch/),
  imageCase('not-gzip', /not-gzip:1: layer sha256:[0-9a-f]{12}: /),
  imageCase('stall', /stall:1: layer sha256:[0-9a-f]{12}: no data for 2 s/),
  imageCase(
    'short',
    /short:1: layer sha256:[0-9a-f]{12}: \d+ bytes arrived, the manifest gives \d+/,
  ),
  imageCase(
    'wrong-digest',
    /wrong-digest:1: layer sha256:[0-9a-f]{12}: the registry sent bytes of digest sha256:/,
  ),
  {
    name: '--inspect-images with a Docker config.json of random bytes',
    args: [...LINT, '{dir}/pod.yaml'],
    setup: (dir) => {
      pod('junk')(dir);
      writeFileSync(join(dir, 'config.json'), Buffer.alloc(300, 0xc3));
    },
    env: { DOCKER_CONFIG: '.' },
    expectCode: 2,
    stderr: /config\.json: not JSON/,
  },
  {
    name: 'lint --config with random bytes',
    args: ['k8s', 'lint', '--config', '{dir}/conf.yaml', '{dir}/pod.yaml'],
    setup: (dir) => {
      pod('junk')(dir);
      writeFileSync(join(dir, 'conf.yaml'), Buffer.from([0x7b, 0x5b, 0xff, 0x00, 0x3a, 0x5d]));
    },
    expectCode: 2,
    stderr: /conf\.yaml: not YAML/,
  },
  {
    name: 'lint --config /dev/zero',
    args: ['k8s', 'lint', '--config', '/dev/zero', '{dir}/pod.yaml'],
    setup: pod('junk'),
    expectCode: 2,
    stderr: /\/dev\/zero: larger than 1 MiB for a configuration; refused/,
  },
  {
    name: 'lint --go-image with a broken regular expression',
    args: ['k8s', 'lint', '--go-image', '([a-z]', '{dir}/pod.yaml'],
    setup: pod('junk'),
    expectCode: 2,
    stderr: /--go-image "\(\[a-z\]": Invalid regular expression/,
  },
];

hostileSuite('k8s images', cases);
