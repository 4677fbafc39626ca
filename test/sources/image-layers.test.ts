// The pieces of image reading that need no registry: the tar reader against GNU tar (an
// archiver we did not write) in its ustar, gnu and pax formats, fed in random chunk sizes;
// mutated archives; whiteouts and links of the layered filesystem; command resolution.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  linkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ImageFs } from '../../src/formats/image-fs.js';
import { lookupProgram } from '../../src/formats/image-command.js';
import { ParseError } from '../../src/model/errors.js';
import { TarReader, type TarEntry } from '../../src/formats/tar.js';

const hasTar = spawnSync('tar', ['--version']).status === 0;

interface Read {
  entry: TarEntry;
  sha?: string;
}

async function readTar(bytes: Uint8Array, chunk: (i: number) => number): Promise<Read[]> {
  const out: Read[] = [];
  const reader = new TarReader((entry) => {
    const r: Read = { entry };
    out.push(r);
    if (entry.type !== 'file') return undefined;
    const h = createHash('sha256');
    return { data: (c) => void h.update(c), end: () => void (r.sha = h.digest('hex')) };
  });
  for (let i = 0, n = 0; i < bytes.length; n++) {
    const size = Math.max(1, chunk(n));
    await reader.write(bytes.subarray(i, i + size));
    i += size;
  }
  reader.end();
  return out;
}

function tree(dir: string): void {
  const long = 'd'.repeat(60) + '/' + 'e'.repeat(60) + '/' + 'f'.repeat(110);
  mkdirSync(join(dir, 'usr/bin'), { recursive: true });
  mkdirSync(join(dir, long.slice(0, long.lastIndexOf('/'))), { recursive: true });
  writeFileSync(join(dir, 'usr/bin/app'), Buffer.alloc(70_000, 7));
  writeFileSync(join(dir, 'usr/bin/empty'), '');
  writeFileSync(join(dir, long), 'deep');
  symlinkSync('app', join(dir, 'usr/bin/app-link'));
  symlinkSync('/' + 'x'.repeat(150), join(dir, 'usr/bin/long-link'));
  linkSync(join(dir, 'usr/bin/app'), join(dir, 'usr/bin/app-hard'));
}

for (const format of ['ustar', 'gnu', 'pax']) {
  test(
    `tar reader = GNU tar --format=${format}, in random chunks`,
    { skip: !hasTar && 'GNU tar missing' },
    async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'gomemlens-tar-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      tree(join(dir, 'root'));
      const file = join(dir, 'a.tar');
      const ustarTooLong = format === 'ustar';
      const args = ['--format', format, '--sort=name', '-C', join(dir, 'root'), '-cf', file, '.'];
      const made = spawnSync('tar', args, { encoding: 'utf8' });
      if (ustarTooLong) assert.notEqual(made.status, null); // ustar refuses the long names: fine
      const bytes = readFileSync(file);
      // GNU tar's own listing: type, size and name (and link target) of each member.
      const listing = spawnSync('tar', ['-tvf', file], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n');
      const seeds = [1, 7, 512, 513, 4096, 65_536];
      for (const seed of seeds) {
        const got = await readTar(bytes, (n) => (n % 3 === 0 ? seed : (seed * (n + 3)) % 9000));
        assert.equal(got.length, listing.length, `${format}/${seed}: as many members as tar -t`);
        got.forEach((r, i) => {
          const line = listing[i];
          const type = { '-': 'file', d: 'dir', l: 'symlink', h: 'hardlink' }[line[0]];
          assert.equal(r.entry.type, type, line);
          const name = line.replace(/^.*\d\d:\d\d /, '').replace(/ (->|link to) .*$/, '');
          assert.equal(r.entry.name, name, line);
          if (type === 'file') assert.equal(r.entry.size, Number(line.split(/\s+/)[2]), line);
          if (type === 'symlink' || type === 'hardlink')
            assert.equal(r.entry.linkname, line.replace(/^.* (->|link to) /, ''), line);
        });
        const app = got.find((r) => r.entry.name.endsWith('usr/bin/app'))!;
        assert.equal(app.sha, createHash('sha256').update(Buffer.alloc(70_000, 7)).digest('hex'));
      }
    },
  );
}

test(
  'mutated archives: entries or a ParseError, never another exception',
  { skip: !hasTar && 'GNU tar missing' },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-tar-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    tree(join(dir, 'root'));
    spawnSync('tar', ['--format', 'pax', '-C', join(dir, 'root'), '-cf', join(dir, 'a.tar'), '.']);
    const seed = readFileSync(join(dir, 'a.tar')).subarray(0, 8192);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(8191),
        fc.integer({ min: 0, max: 255 }),
        fc.nat(300),
        async (at, byte, cut) => {
          const bytes = Buffer.from(seed);
          bytes[at] = byte;
          try {
            await readTar(bytes.subarray(0, bytes.length - cut), (n) => 100 + n);
          } catch (err) {
            assert.ok(err instanceof ParseError, String(err));
          }
        },
      ),
      { numRuns: 400 },
    );
  },
);

const entry = (name: string, type: TarEntry['type'] = 'file', linkname = ''): TarEntry => ({
  name,
  type,
  linkname,
  size: 1,
  mode: 0o755,
});

test('layers top first: whiteouts, opaque directories, symlinks and hard links', () => {
  const fs = new ImageFs();
  // layer 2 (top)
  fs.add(entry('usr/bin/.wh.old'), 2);
  fs.add(entry('app/server', 'symlink', '../opt/bin/server'), 2);
  fs.add(entry('etc/.wh..wh..opq'), 2);
  // layer 1
  fs.add(entry('bin', 'symlink', 'usr/bin'), 1);
  fs.add(entry('etc/conf'), 1);
  fs.add(entry('usr/bin/hard', 'hardlink', 'opt/bin/server'), 1);
  // layer 0 (base)
  fs.add(entry('usr/bin/old'), 0);
  fs.add(entry('usr/bin/tool'), 0);
  fs.add(entry('opt/bin/server'), 0);
  fs.add(entry('app/server'), 0); // hidden by the symlink above
  assert.deepEqual(fs.resolve('/app/server'), { path: 'opt/bin/server' });
  assert.deepEqual(fs.resolve('/bin/tool'), { path: 'usr/bin/tool' }, 'through a directory link');
  assert.deepEqual(fs.resolve('/usr/bin/hard'), { path: 'opt/bin/server' });
  assert.deepEqual(fs.resolve('/usr/bin/old'), { missing: '/usr/bin/old not found' });
  assert.deepEqual(
    fs.resolve('/etc/conf'),
    { missing: '/etc/conf not found' },
    'opaque in layer 2 hides layer 1',
  );
  fs.add(entry('loop/a', 'symlink', 'b'), 0);
  fs.add(entry('loop/b', 'symlink', 'a'), 0);
  assert.match((fs.resolve('/loop/a') as { missing: string }).missing, /too many symbolic links/);
});

test('the program of a container: command/args over Entrypoint/Cmd, wrappers, PATH', () => {
  const image = {
    entrypoint: ['/sbin/tini', '--'],
    cmd: ['server', '-v'],
    env: ['PATH=/app:/usr/bin'],
    workingDir: '/srv',
  };
  const candidates = (req: object) => {
    const l = lookupProgram(image, req);
    return 'unknown' in l ? l.unknown : l.candidates.join(' ');
  };
  assert.equal(candidates({}), '/app/server /usr/bin/server');
  assert.equal(candidates({ args: ['worker'] }), '/app/worker /usr/bin/worker', 'args replace Cmd');
  assert.equal(
    candidates({ command: ['./bin/x'] }),
    '/srv/./bin/x',
    'command drops Cmd; relative to WorkingDir',
  );
  assert.equal(
    candidates({ command: ['dumb-init', '-r', '15:2', 'api'] }),
    '/app/api /usr/bin/api',
  );
  assert.equal(candidates({ command: ['sh', '-c', 'exec /opt/api --port 80'] }), '/opt/api');
  assert.match(candidates({ command: ['sh', '-c', 'cd /x && ./api'] }), /runs a script/);
  assert.equal(
    candidates({ command: ['api'], pathEnv: '/opt/bin' }),
    '/opt/bin/api',
    "the container's PATH",
  );
  assert.equal(lookupProgram({}, {}).argv.length, 0);
  assert.match((lookupProgram({}, {}) as { unknown: string }).unknown, /no command/);
});
