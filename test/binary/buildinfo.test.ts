// readBinaryInfo against `go version -m` on Go binaries built here with different flags, the
// shared leaky scenario, pre-1.18-format binaries, and binaries that are not Go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostFs } from '../../src/sources/hostfs.js';
import { readBinaryInfo, binaryCacheStats, clearBinaryCache } from '../../src/sources/binary.js';
import { formatBuildInfo } from '../../src/formats/go-buildinfo.js';
import type { BinaryInfo } from '../../src/model/snapshot.js';
import type { Observation } from '../../src/model/observation.js';
import { goSkipReason, scenarioPath } from '../support/go-scenario.js';
import { buildVariant, goVersionM, hasCommand, makeModule, type Variant } from './go-binaries.js';

const fs = hostFs();
const haveGo = await hasCommand('go', 'version');
const haveGcc = await hasCommand('gcc', '--version');

/** What `go version -m FILE` would print for our reading of FILE. */
function asGoVersionM(file: string, obs: Observation<BinaryInfo>): string[] {
  assert.equal(obs.status, 'ok', JSON.stringify(obs));
  const info = (obs as { value: BinaryInfo }).value;
  assert.ok(info.isGo, JSON.stringify(info));
  const bi = info.buildInfo;
  const body = formatBuildInfo(bi).trimEnd().split('\n').slice(1); // drop "go\t<version>"
  return [`${file}: ${bi.goVersion}`, ...body.map((l) => '\t' + l)];
}

const VARIANTS: Variant[] = [
  { name: 'default', args: [] },
  { name: 'trimpath', args: ['-trimpath'] },
  { name: 'stripped', args: ['-ldflags=-s -w'] },
  { name: 'xflag', args: ['-ldflags=-X main.v=1'] },
  { name: 'vcs', args: ['-buildvcs=true'] },
  { name: 'novcs', args: ['-buildvcs=false', '-tags=netgo,osusergo'] },
  { name: '386', args: [], env: { GOARCH: '386' } },
  { name: 's390x-big-endian', args: [], env: { GOARCH: 's390x' } },
  ...(haveGcc ? [{ name: 'cgo', args: [], env: { CGO_ENABLED: '1' } }] : []),
];

test(
  'build info matches `go version -m` for binaries built with different flags',
  { skip: !haveGo && 'go not installed', timeout: 180_000 },
  async (t) => {
    if (!haveGcc) t.diagnostic('gcc not installed: the CGO_ENABLED=1 variant is skipped');
    const dir = await makeModule();
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const files = await Promise.all(VARIANTS.map((v) => buildVariant(dir, v)));
    for (const [i, file] of files.entries()) {
      const expected = await goVersionM(file);
      const got = asGoVersionM(file, await readBinaryInfo(fs, file));
      assert.deepEqual(got, expected, VARIANTS[i].name);
    }
    const settingsOf = async (name: string) => {
      const obs = await readBinaryInfo(fs, join(dir, 'bin-' + name));
      return obs.status === 'ok' && obs.value.isGo
        ? new Map(obs.value.buildInfo.settings)
        : new Map();
    };
    // Spot checks that the variants really differ, so the comparison above covers each feature.
    assert.equal((await settingsOf('xflag')).get('-ldflags'), '-X main.v=1');
    assert.equal((await settingsOf('trimpath')).get('-trimpath'), 'true');
    assert.match((await settingsOf('vcs')).get('vcs.revision') ?? '', /^[0-9a-f]{40}$/);
    assert.equal((await settingsOf('386')).get('GOARCH'), '386');
    if (haveGcc) assert.equal((await settingsOf('cgo')).get('CGO_ENABLED'), '1');
    const dflt = await readBinaryInfo(fs, join(dir, 'bin-default'));
    assert.ok(dflt.status === 'ok' && dflt.value.isGo);
    assert.deepEqual(dflt.value.buildInfo.deps[0].replace, {
      path: './dep',
      version: '(devel)',
      sum: '',
    });
  },
);

test(
  'the shared leaky scenario binary reads like `go version -m`',
  { skip: goSkipReason('leaky') },
  async () => {
    const file = scenarioPath('leaky');
    assert.deepEqual(asGoVersionM(file, await readBinaryInfo(fs, file)), await goVersionM(file));
    const goVersion = execFileSync('go', ['version', file], { encoding: 'utf8' })
      .trim()
      .split(': ')[1];
    const obs = await readBinaryInfo(fs, file);
    assert.ok(obs.status === 'ok' && obs.value.isGo);
    assert.equal(obs.value.buildInfo.goVersion, goVersion);
  },
);

test('pre-1.18 pointer format: 64-bit little-endian and 32-bit big-endian', async (t) => {
  for (const name of ['go1.17.13-linux-amd64', 'go1.17.13-linux-mips']) {
    const file = resolve('testdata/binaries', name);
    const obs = await readBinaryInfo(fs, file);
    assert.ok(obs.status === 'ok' && obs.value.isGo, JSON.stringify(obs));
    assert.equal(obs.value.buildInfo.goVersion, 'go1.17.13');
    assert.equal(obs.value.buildInfo.path, 'example.com/oldbin');
    assert.deepEqual(obs.value.buildInfo.main, {
      path: 'example.com/oldbin',
      version: '(devel)',
      sum: '',
    });
    if (haveGo) assert.deepEqual(asGoVersionM(file, obs), await goVersionM(file));
    else t.diagnostic('go not installed: not compared with `go version -m`');
  }
});

test(
  'binaries that are not Go, and files that are not binaries',
  { timeout: 60_000 },
  async (t) => {
    const notGo = async (path: string, reason: RegExp) => {
      const obs = await readBinaryInfo(fs, path);
      assert.ok(obs.status === 'ok' && !obs.value.isGo, `${path}: ${JSON.stringify(obs)}`);
      assert.match(obs.value.reason, reason);
    };
    await notGo('/bin/ls', /no Go build info/);
    await notGo(process.execPath, /no Go build info/);
    await notGo('/etc/hostname', /not an ELF file/);
    if (haveGcc) {
      const dir = await makeModule();
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      writeFileSync(
        join(dir, 'hello.c'),
        '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n',
      );
      execFileSync('gcc', ['-O1', '-o', join(dir, 'hello'), join(dir, 'hello.c')]);
      await notGo(join(dir, 'hello'), /no Go build info/);
    } else t.diagnostic('gcc not installed: C binary case skipped');
    assert.equal((await readBinaryInfo(fs, '/nonexistent/binary')).status, 'absent');
    const dirObs = await readBinaryInfo(fs, '/tmp');
    assert.equal(dirObs.status, 'unreadable');
  },
);

test(
  '/proc/PID/exe of a running Go process; reads few bytes; cache by inode and mtime',
  { skip: goSkipReason('leaky') },
  async (t) => {
    const dir = await makeModule();
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const copy = join(dir, 'leaky-copy');
    copyFileSync(scenarioPath('leaky'), copy);
    clearBinaryCache();
    const cold = await readBinaryInfo(fs, copy);
    assert.ok(cold.status === 'ok' && cold.value.isGo);
    const size = readFileSync(copy).length;
    assert.ok(
      binaryCacheStats.bytesRead < 64 * 1024,
      `read ${binaryCacheStats.bytesRead} of ${size} bytes`,
    );
    assert.ok(binaryCacheStats.reads <= 6, `${binaryCacheStats.reads} reads`);
    await readBinaryInfo(fs, copy);
    assert.deepEqual([binaryCacheStats.misses, binaryCacheStats.hits], [1, 1]);
    clearBinaryCache();
    const many = await Promise.all(Array.from({ length: 50 }, () => readBinaryInfo(fs, copy)));
    assert.ok(many.every((o) => o.status === 'ok' && o.value.isGo));
    assert.deepEqual([binaryCacheStats.misses, binaryCacheStats.hits], [1, 49], 'parsed once');
    utimesSync(copy, new Date(), new Date(Date.now() + 5000)); // a rebuilt binary has a new mtime
    await readBinaryInfo(fs, copy);
    assert.equal(binaryCacheStats.misses, 2);
    // A process whose binary was deleted (replaced by a deploy) still reads via /proc/PID/exe.
    const child = spawn(copy, ['-rate', '1KiB'], { stdio: 'ignore' });
    t.after(() => child.kill('SIGKILL'));
    await once(child, 'spawn');
    rmSync(copy);
    clearBinaryCache();
    const viaProc = await readBinaryInfo(fs, `/proc/${child.pid}/exe`);
    assert.ok(viaProc.status === 'ok' && viaProc.value.isGo, JSON.stringify(viaProc));
    assert.equal(viaProc.source, `/proc/${child.pid}/exe`);
    assert.equal(binaryCacheStats.misses, 1, 'read from the deleted file, not the cache');
    child.kill('SIGKILL');
    await once(child, 'exit');
    assert.equal((await readBinaryInfo(fs, `/proc/${child.pid}/exe`)).status, 'absent');
  },
);

test(
  'a damaged Go binary is unreadable with a reason, not a crash',
  { skip: goSkipReason('leaky') },
  async (t) => {
    const dir = await makeModule();
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const bytes = readFileSync(scenarioPath('leaky'));
    const magic = bytes.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
    assert.ok(magic > 0 && magic % 16 === 0);
    const truncated = join(dir, 'truncated');
    writeFileSync(truncated, bytes.subarray(0, magic + 40)); // section headers (at the end) are gone
    const a = await readBinaryInfo(fs, truncated);
    assert.equal(a.status, 'unreadable');
    assert.match(
      (a as { reason: string }).reason,
      /damaged Go build info: ELF: table of \d+ bytes runs past the end/,
    );
    const badLength = Buffer.from(bytes);
    badLength.set([0xff, 0xff, 0xff, 0xff, 0x0f], magic + 32 + 1 + badLength[magic + 32]); // modinfo length ~ 4 GiB
    const bad = join(dir, 'bad-length');
    writeFileSync(bad, badLength);
    const b = await readBinaryInfo(fs, bad);
    assert.equal(b.status, 'unreadable');
    assert.match((b as { reason: string }).reason, /runs past the build info section/);
  },
);

test('reads through a HostFs rooted at a fixture tree', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'gomemlens-root-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'proc/42'), { recursive: true });
  symlinkSync(resolve('testdata/binaries/go1.17.13-linux-amd64'), join(root, 'proc/42/exe'));
  const obs = await readBinaryInfo(hostFs(root), '/proc/42/exe');
  assert.ok(obs.status === 'ok' && obs.value.isGo);
  assert.equal(obs.source, '/proc/42/exe');
  assert.equal(obs.value.buildInfo.goVersion, 'go1.17.13');
  assert.equal((await readBinaryInfo(hostFs(root), '/proc/43/exe')).status, 'absent');
});
