// Hostile inputs for `gomemlens k8s` (lint, fix, gen vpa, webhook): endless streams and
// devices, huge and sparse files, YAML bombs, absurd nesting and key counts, odd encodings,
// FIFOs and broken links in directories. Each: the documented exit code, one stderr line for
// exit 2, no stack trace, bounded peak RSS.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { asList, deployments, kubectlList } from '../k8s/list-gen.js';
import { seededRandom } from '../support/random.js';
import { hostileSuite, type HostileCase } from './support.js';

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: api}',
  'spec:',
  '  containers:',
  '  - name: api',
  '    env:',
  '    - name: GOMEMLIMIT',
  '      value: 512Mi',
  '    resources: {limits: {memory: 1Gi}}',
  '',
].join('\n');

const write = (name: string, data: string | Buffer) => (dir: string) =>
  writeFileSync(join(dir, name), data);

/** A file of `bytes` that takes no disk space (a hole). */
const sparse = (name: string, bytes: number) => (dir: string) => {
  const fd = openSync(join(dir, name), 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
};

function randomBytes(seed: number, n: number): Buffer {
  const r = seededRandom(seed);
  return Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
}

function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [n, prev] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((n, i) => [
    n,
    'abcdefgh'[i],
  ]))
    lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`);
  return lines.join('\n') + '\n';
}

function keys(n: number): string {
  const out = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: many}', 'data:'];
  for (let i = 0; i < n; i++) out.push(`  k${i}: "v"`);
  return out.join('\n') + '\n';
}

const MIB = 1 << 20;

/** The first item anchors its replicas, the last one aliases them. */
function sharedAnchor(items: string[]): string[] {
  items[0] = items[0].replace('replicas: 3', 'replicas: &r 3');
  items[items.length - 1] = items[items.length - 1].replace('replicas: 3', 'replicas: *r');
  return items;
}

const inputs: HostileCase[] = [
  {
    name: 'lint - from an endless pipe stops at 64 MiB',
    args: ['k8s', 'lint', '-'],
    stdin: 'endless-pipe',
    expectCode: 2,
    stderr: /stdin: larger than 64 MiB for a manifest; refused/,
    maxRssMiB: 300,
  },
  {
    name: 'lint - with /dev/zero as stdin',
    args: ['k8s', 'lint', '-'],
    stdin: 'dev-zero',
    expectCode: 2,
    stderr: /larger than 64 MiB/,
    maxRssMiB: 300,
  },
  ...(['lint', 'fix', 'gen vpa'] as const).map((cmd): HostileCase => ({
    name: `${cmd} /dev/zero`,
    args: ['k8s', ...cmd.split(' '), '/dev/zero'],
    expectCode: 2,
    stderr: /\/dev\/zero: larger than 64 MiB for a manifest; refused/,
    maxRssMiB: 300,
  })),
  {
    name: 'lint a 1 GiB sparse file',
    args: ['k8s', 'lint', '{dir}/huge.yaml'],
    setup: sparse('huge.yaml', 1 << 30),
    expectCode: 2,
    stderr: /larger than 64 MiB/,
    maxRssMiB: 300,
  },
  {
    name: 'lint a 200 MB YAML scalar (over the byte cap)',
    args: ['k8s', 'lint', '{dir}/scalar.yaml'],
    setup: write('scalar.yaml', 'kind: ConfigMap\ndata:\n  a: ' + 'x'.repeat(200e6) + '\n'),
    expectCode: 2,
    stderr: /larger than 64 MiB/,
    maxRssMiB: 300,
  },
  {
    name: 'lint a 48 MiB block scalar of 4 million lines (under the byte cap)',
    args: ['k8s', 'lint', '{dir}/block.yaml'],
    setup: write('block.yaml', 'kind: ConfigMap\ndata:\n  a: |\n' + '    abcdefgh\n'.repeat(4e6)),
    expectCode: 2,
    stderr: /block\.yaml:1:1: a YAML document over 500,000 tokens; refused/,
    maxRssMiB: 300,
  },
  {
    name: 'lint a 4 MiB flow list of zeros (the costliest shape for the yaml library)',
    args: ['k8s', 'lint', '{dir}/flow.yaml'],
    setup: write('flow.yaml', 'kind: Pod\nspec: [' + '0,'.repeat(2 * MIB) + '0]\n'),
    expectCode: 2,
    stderr: /over 500,000 tokens/,
    maxRssMiB: 300,
  },
  {
    name: 'lint 40,000 keys in one map: linear, not quadratic',
    args: ['k8s', 'lint', '{dir}/keys.yaml'],
    setup: write('keys.yaml', keys(40_000)),
    expectCode: 0,
    timeoutMs: 10_000,
    maxRssMiB: 300,
  },
  {
    name: 'lint 500,000 keys: refused by the token budget, quickly',
    args: ['k8s', 'lint', '{dir}/keys.yaml'],
    setup: write('keys.yaml', keys(500_000)),
    expectCode: 2,
    stderr: /over 500,000 tokens/,
    timeoutMs: 10_000,
    maxRssMiB: 300,
  },
  {
    name: 'lint 300,000 tiny documents: refused at 6,000,000 tokens in one input',
    args: ['k8s', 'lint', '{dir}/docs.yaml'],
    setup: write('docs.yaml', '---\n{kind: ConfigMap, metadata: {name: x}}\n'.repeat(300_000)),
    expectCode: 2,
    stderr: /over 6,000,000 YAML tokens in one input; refused/,
    timeoutMs: 60_000, // about 8 s alone; a loaded machine can triple it
    maxRssMiB: 300,
  },
  // A whole-cluster export is one `kind: List` document, read one item at a time.
  {
    name: 'lint a 12.5 MiB kind: List of 16,000 Deployments (kubectl get deploy -A -o yaml)',
    args: ['k8s', 'lint', '{dir}/cluster.yaml'],
    setup: write('cluster.yaml', kubectlList(16_000)),
    expectCode: 1,
    stdout: /in 1 file: 16000 workloads, 16000 Go containers/,
    maxRssMiB: 400,
  },
  {
    name: 'lint a List with one item over 500,000 tokens: refused at the item',
    args: ['k8s', 'lint', '{dir}/list.yaml'],
    setup: write('list.yaml', asList([...deployments(2), keys(200_000)])),
    expectCode: 2,
    stderr: /list\.yaml:62:1: a List item over 500,000 tokens; refused/,
    maxRssMiB: 300,
  },
  {
    name: 'lint a List over 500,000 tokens whose items share an anchor: refused, saying why',
    args: ['k8s', 'lint', '{dir}/list.yaml'],
    setup: write('list.yaml', asList(sharedAnchor(deployments(2100)))),
    expectCode: 2,
    stderr:
      /list\.yaml:1:1: a YAML document over 500,000 tokens; refused \(the alias \*r at \d+:\d+ refers to an anchor outside its List item, so the List is read whole\)/,
    maxRssMiB: 300,
  },
  {
    name: 'lint a List of 300,000 tiny items: refused at 6,000,000 tokens in one input',
    args: ['k8s', 'lint', '{dir}/list.yaml'],
    setup: write(
      'list.yaml',
      asList(Array(300_000).fill('{kind: ConfigMap, metadata: {name: x}}\n')),
    ),
    expectCode: 2,
    stderr: /over 6,000,000 YAML tokens in one input; refused/,
    maxRssMiB: 300,
  },
  {
    name: 'lint a billion-laughs alias bomb',
    args: ['k8s', 'lint', '{dir}/bomb.yaml'],
    setup: write('bomb.yaml', billionLaughs()),
    expectCode: 2,
    stderr: /bomb\.yaml:\d+:\d+: .*(alias|resource exhaustion)/i,
    maxRssMiB: 300,
  },
  {
    name: 'lint 100,000 nested flow lists',
    args: ['k8s', 'lint', '-'],
    stdin: 'a: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n',
    expectCode: 2,
    stderr: /nesting too deep/,
    maxRssMiB: 300,
  },
  {
    name: 'lint 3,000 nested block maps',
    args: ['k8s', 'lint', '-'],
    stdin: Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + '\n',
    expectCode: 2,
    stderr: /nesting too deep/,
    maxRssMiB: 300,
  },
  {
    name: 'lint 300 levels of nesting (under the parser stack, over the 256-level limit)',
    args: ['k8s', 'lint', '-'],
    stdin: 'kind: Pod\nspec: ' + '{a: '.repeat(300) + '1' + '}'.repeat(300) + '\n',
    expectCode: 2,
    stderr: /-:2:\d+: nesting too deep \(over 256 levels\)/,
  },
  {
    name: 'lint a plain env value with 400,000 spaces inside (no regex backtracking)',
    args: ['k8s', 'lint', '-'],
    stdin: POD.replace('512Mi', '5' + (' '.repeat(100_000) + 'x\n       ').repeat(4) + '1'),
    expectCode: 1,
    timeoutMs: 10_000,
  },
  {
    name: 'lint a key given twice',
    args: ['k8s', 'lint', '-'],
    stdin: 'kind: Pod\nmetadata: {name: a}\nmetadata: {name: b}\n',
    expectCode: 2,
    stderr: /-:3:1: Map keys must be unique/,
  },
  // Random bytes are often a valid YAML scalar; both kinds of luck, from fixed seeds.
  {
    name: 'lint random bytes that are not YAML',
    args: ['k8s', 'lint', '{dir}/garbage.yaml'],
    setup: write('garbage.yaml', randomBytes(1, 4096)),
    expectCode: 2,
    stderr: /garbage\.yaml:9:1: Unexpected scalar at node end/,
  },
  {
    name: 'lint random bytes that happen to be one YAML scalar',
    args: ['k8s', 'lint', '{dir}/garbage.yaml'],
    setup: write('garbage.yaml', randomBytes(2, 4096)),
    expectCode: 0,
    stdout: /0 workloads/,
  },
  {
    name: 'lint an empty file',
    args: ['k8s', 'lint', '{dir}/empty.yaml'],
    setup: write('empty.yaml', ''),
    expectCode: 0,
    stdout: /0 errors, 0 warnings, 0 info in 1 file/,
  },
  {
    name: 'lint text that is not UTF-8 (Latin-1)',
    args: ['k8s', 'lint', '{dir}/latin1.yaml'],
    setup: write('latin1.yaml', Buffer.from(POD.replace('api}', 'caf\xe9}'), 'latin1')),
    expectCode: 1,
    stdout: /k8s-gomemlimit-malformed/,
  },
  {
    name: 'lint a manifest with a byte order mark and CRLF line ends',
    args: ['k8s', 'lint', '{dir}/bom.yaml'],
    setup: write('bom.yaml', '\ufeff' + POD.replaceAll('\n', '\r\n')),
    expectCode: 1,
    stdout: /bom\.yaml:9:14: error k8s-gomemlimit-malformed/,
  },
  {
    name: 'lint a container whose settings come through a merge key (<<: *base)',
    args: ['k8s', 'lint', '-'],
    stdin: [
      'kind: Pod',
      'metadata: {name: m}',
      'x-base: &base {env: [{name: GOMEMLIMIT, value: 512Mi}], resources: {limits: {memory: 1Gi}}}',
      'spec:',
      '  containers:',
      '  - <<: *base',
      '    name: merged',
      '',
    ].join('\n'),
    expectCode: 1,
    stdout: /container "merged": GOMEMLIMIT "512Mi" is not Go syntax/,
  },
  {
    name: 'lint an unrendered Helm template',
    args: ['k8s', 'lint', '-'],
    stdin: 'kind: Pod\nmetadata:\n  name: {{ .Release.Name }\n',
    expectCode: 2,
    stderr: /a Helm template\?/,
  },
  {
    name: 'gen vpa on binary garbage',
    args: ['k8s', 'gen', 'vpa', '-'],
    stdin: Buffer.from([0x00, 0x01, 0xff, 0x7b, 0x7b, 0x3a, 0x0a, 0x2d]),
    expectCode: 2,
  },
  {
    name: 'webhook --tls-cert /dev/zero',
    args: ['k8s', 'webhook', '--tls-cert', '/dev/zero', '--tls-key', '/dev/zero'],
    expectCode: 2,
    stderr: /\/dev\/zero: larger than 1 MiB for a PEM file; refused/,
    maxRssMiB: 200,
  },
  {
    name: 'webhook with a certificate that is not PEM',
    args: ['k8s', 'webhook', '--tls-cert', '{dir}/x.pem', '--tls-key', '{dir}/x.pem'],
    setup: write('x.pem', 'not a certificate\n'),
    expectCode: 2,
    stderr: /TLS certificate or key unusable/,
  },
];

/** A directory with a manifest, a FIFO and a socket-free set of broken links. */
function hostileDir(dir: string): void {
  const m = join(dir, 'manifests');
  mkdirSync(join(m, 'sub'), { recursive: true });
  writeFileSync(join(m, 'pod.yaml'), POD);
  spawnSync('mkfifo', [join(m, 'pipe.yaml')]);
  symlinkSync(join(m, 'missing.yaml'), join(m, 'dangling.yaml'));
  symlinkSync(m, join(m, 'sub', 'loop'));
  symlinkSync('self.yaml', join(m, 'self.yaml'));
}

const directories: HostileCase[] = [
  {
    name: 'lint a directory with a FIFO named *.yaml, a dangling link, a loop and a self-link',
    args: ['k8s', 'lint', '{dir}/manifests'],
    setup: hostileDir,
    expectCode: 1,
    timeoutMs: 10_000,
    stdout: /pod\.yaml:9:14: error k8s-gomemlimit-malformed/,
    after: (_dir, r) => {
      assert.match(r.stderr, /^note: .*pipe\.yaml: skipped, a FIFO/m);
      assert.match(r.stderr, /^note: .*dangling\.yaml: skipped, a dangling symlink/m);
      assert.match(r.stderr, /^note: .*loop: skipped, a symlink loop/m);
      assert.match(r.stderr, /^note: .*self\.yaml: skipped, too many levels of symbolic links/m);
    },
  },
  {
    name: 'fix a directory with the same traps',
    args: ['k8s', 'fix', '{dir}/manifests'],
    setup: hostileDir,
    expectCode: 0,
    timeoutMs: 10_000,
    stdout: /\+\s+value: 921MiB/,
  },
  {
    name: 'lint a directory with an unreadable subdirectory, as an unprivileged user',
    args: ['k8s', 'lint', '{dir}/manifests'],
    asNobody: true,
    setup: (dir) => {
      const m = join(dir, 'manifests');
      mkdirSync(join(m, 'secret'), { recursive: true });
      writeFileSync(join(m, 'pod.yaml'), POD);
      writeFileSync(join(m, 'secret', 'x.yaml'), POD);
      chmodSync(m, 0o755);
      chmodSync(join(m, 'secret'), 0o700);
    },
    expectCode: 1,
    after: (_dir, r) => {
      assert.match(r.stderr, /^note: .*secret: skipped, permission denied$/m);
      assert.equal(r.stdout.match(/k8s-gomemlimit-malformed/g)?.length, 1);
    },
  },
];

const writes: HostileCase[] = [
  {
    name: 'fix --write on a read-only file, as an unprivileged user: original untouched',
    args: ['k8s', 'fix', '--write', '{dir}/ro.yaml'],
    asNobody: true,
    setup: (dir) => {
      writeFileSync(join(dir, 'ro.yaml'), POD);
      chmodSync(join(dir, 'ro.yaml'), 0o444);
    },
    expectCode: 2,
    stderr: /cannot write .*ro\.yaml: permission denied/,
    after: (dir) => assert.equal(readFileSync(join(dir, 'ro.yaml'), 'utf8'), POD),
  },
  {
    name: 'fix --write of text that is not UTF-8: refused, untouched',
    args: ['k8s', 'fix', '--write', '{dir}/latin1.yaml'],
    setup: write('latin1.yaml', Buffer.from(POD.replace('api}', 'caf\xe9}'), 'latin1')),
    expectCode: 2,
    stderr: /latin1\.yaml: not changed: not UTF-8 text/,
    after: (dir) =>
      assert.deepEqual(
        readFileSync(join(dir, 'latin1.yaml')),
        Buffer.from(POD.replace('api}', 'caf\xe9}'), 'latin1'),
      ),
  },
  {
    name: 'fix --write keeps a byte order mark and CRLF',
    args: ['k8s', 'fix', '--write', '{dir}/bom.yaml'],
    setup: write('bom.yaml', '\ufeff' + POD.replaceAll('\n', '\r\n')),
    expectCode: 0,
    after: (dir) =>
      assert.equal(
        readFileSync(join(dir, 'bom.yaml'), 'utf8'),
        '\ufeff' + POD.replace('512Mi', '921MiB').replaceAll('\n', '\r\n'),
      ),
  },
  {
    name: 'fix --write to stdin is a usage error',
    args: ['k8s', 'fix', '--write', '-'],
    stdin: POD,
    expectCode: 2,
    stderr: /--write cannot write to stdin/,
  },
];

hostileSuite('k8s', [...inputs, ...directories, ...writes]);
