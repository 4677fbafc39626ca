// The capped reader, the atomic writer and the directory walk on real hostile inputs: devices,
// FIFOs, symlink loops, unreadable directories and a full filesystem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { InputError } from '../../src/model/errors.js';
import { readInputBytes } from '../../src/sources/input-file.js';
import { expandInputs } from '../../src/sources/input-walk.js';
import { writeFileAtomic } from '../../src/sources/output-file.js';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-inputs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('an endless device or stream stops at the cap with an InputError', async () => {
  const before = process.memoryUsage().rss;
  await assert.rejects(readInputBytes('/dev/zero', { maxBytes: 8 << 20 }), (err: Error) => {
    assert.ok(err instanceof InputError);
    assert.match(err.message, /^\/dev\/zero: larger than 8 MiB; refused$/);
    return true;
  });
  assert.ok(process.memoryUsage().rss - before < 64 << 20, 'memory stayed bounded');
  const endless = Readable.from(
    (function* () {
      for (;;) yield Buffer.alloc(1 << 16);
    })(),
  );
  await assert.rejects(
    readInputBytes('-', { maxBytes: 1 << 20, stdin: endless, what: 'manifest' }),
    /^InputError: stdin: larger than 1 MiB for a manifest; refused$/,
  );
});

test('missing, directory and unreadable inputs are one-line InputErrors', async (t) => {
  const dir = tempDir(t);
  await assert.rejects(readInputBytes(join(dir, 'nope'), { maxBytes: 10 }), /no such file/);
  await assert.rejects(readInputBytes(dir, { maxBytes: 10 }), /is a directory/);
  const small = join(dir, 'ok.txt');
  writeFileSync(small, 'hello');
  assert.equal((await readInputBytes(small, { maxBytes: 5 })).toString(), 'hello');
  await assert.rejects(readInputBytes(small, { maxBytes: 4 }), /larger than 4 B/);
});

test('a directory walk skips FIFOs, sockets-like entries, loops and dangling links, with notes', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'a.yaml'), 'a: 1');
  writeFileSync(join(dir, 'sub', 'b.yml'), 'b: 1');
  writeFileSync(join(dir, 'c.txt'), 'not a manifest');
  assert.equal(spawnSync('mkfifo', [join(dir, 'fifo.yaml')]).status, 0);
  symlinkSync(join(dir, 'missing.yaml'), join(dir, 'dangling.yaml'));
  symlinkSync(dir, join(dir, 'sub', 'loop'));
  symlinkSync('/dev/null', join(dir, 'null.yaml'));
  const r = await expandInputs([dir], (n) => /\.ya?ml$/.test(n));
  assert.deepEqual(r.files, [join(dir, 'a.yaml'), join(dir, 'sub', 'b.yml')]);
  const notes = r.notes.join('\n');
  assert.match(notes, /fifo\.yaml: skipped, a FIFO/);
  assert.match(notes, /dangling\.yaml: skipped, a dangling symlink/);
  assert.match(notes, /null\.yaml: skipped, a device node/);
  assert.match(notes, /loop: skipped, a symlink loop/);
  await assert.rejects(
    expandInputs([join(dir, 'x')], () => true),
    /no such file/,
  );
});

test('an unreadable subdirectory is a note, not a crash', async (t) => {
  const dir = tempDir(t);
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'locked'));
  chmodSync(join(dir, 'locked'), 0);
  writeFileSync(join(dir, 'a.yaml'), 'a: 1');
  // Root reads every directory: walk as the unprivileged user 65534 instead.
  const walker = resolve('dist/src/sources/input-walk.js');
  const script = `import(${JSON.stringify(walker)}).then(async (m) => console.log(JSON.stringify(await m.expandInputs([${JSON.stringify(dir)}], () => true))))`;
  const asNobody =
    process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
  const cmd = [...asNobody, process.execPath, '--input-type=module', '-e', script];
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const walked = JSON.parse(r.stdout) as { files: string[]; notes: string[] };
  assert.deepEqual(walked.files, [join(dir, 'a.yaml')]);
  assert.match(walked.notes.join('\n'), /locked: skipped, permission denied/);
});

test('the atomic writer replaces whole files and keeps their mode', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'm.yaml');
  writeFileSync(path, 'old', { mode: 0o640 });
  await writeFileAtomic(path, 'new');
  assert.equal(readFileSync(path, 'utf8'), 'new');
  assert.equal(spawnSync('stat', ['-c', '%a', path], { encoding: 'utf8' }).stdout.trim(), '640');
  assert.deepEqual(readdirSync(dir), ['m.yaml'], 'no temp file left');
  await assert.rejects(writeFileAtomic(join(dir, 'no', 'x'), 'y'), (err: Error) => {
    assert.ok(err instanceof InputError);
    assert.match(err.message, /^cannot write .*no\/x: no such file or directory$/);
    return true;
  });
});

const canMount = process.getuid?.() === 0 && process.platform === 'linux';
test(
  'on a full filesystem the original stays whole and no temp file is left',
  { skip: canMount ? undefined : 'needs root to mount a small tmpfs' },
  async (t) => {
    const mnt = mkdtempSync(join(tmpdir(), 'gomemlens-fullfs-'));
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    t.after(() => {
      spawnSync('umount', [mnt]);
      rmSync(mnt, { recursive: true, force: true });
    });
    if (m.status !== 0) return t.skip(`mount tmpfs failed: ${m.stderr}`);
    const path = join(mnt, 'deploy.yaml');
    writeFileSync(path, 'original: true\n');
    await assert.rejects(writeFileAtomic(path, Buffer.alloc(1 << 20, 0x61)), (err: Error) => {
      assert.ok(err instanceof InputError);
      assert.match(err.message, /: no space left on device$/);
      return true;
    });
    assert.equal(readFileSync(path, 'utf8'), 'original: true\n');
    assert.deepEqual(readdirSync(mnt), ['deploy.yaml']);
  },
);
