// The pure /proc parsers on captured files from a real Go process and on edge cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseProcStatus } from '../../src/formats/proc-status.js';
import { parseSmapsRollup } from '../../src/formats/smaps-rollup.js';
import { isGoMemoryVariable, parseGoEnviron } from '../../src/formats/environ.js';
import { parseCmdline } from '../../src/formats/cmdline.js';
import { ParseError } from '../../src/model/errors.js';

const CAPTURED = 'testdata/hosts/captured-v1-hybrid/proc/4242';
const kb = (text: string, key: string) =>
  Number(new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(text)![1]) * 1024;

test('status (captured from a Go process): sizes in bytes, threads, name', () => {
  const text = readFileSync(`${CAPTURED}/status`, 'utf8');
  const s = parseProcStatus(text);
  assert.equal(s.name, 'leaky');
  assert.equal(s.vmRss, kb(text, 'VmRSS'));
  assert.equal(s.rssAnon, kb(text, 'RssAnon'));
  assert.equal(s.vmHwm, kb(text, 'VmHWM'));
  assert.equal(
    s.vmRss,
    s.rssAnon! + s.rssFile! + s.rssShmem!,
    'VmRSS = RssAnon + RssFile + RssShmem',
  );
  assert.ok(s.threads! >= 2, 'a Go program runs several threads');
});

test('status of a kernel thread has no Vm lines; garbage is a ParseError', () => {
  const kthread = parseProcStatus('Name:\tkworker/0:1\nState:\tI (idle)\nThreads:\t1\n');
  assert.deepEqual(kthread, { name: 'kworker/0:1', threads: 1 });
  assert.throws(() => parseProcStatus('VmRSS:\t12 kB\n'), /no Name line/);
  assert.throws(() => parseProcStatus('Name:\tx\nVmRSS:\t12 MB\n'), ParseError);
  assert.throws(() => parseProcStatus('garbage'), ParseError);
});

test('smaps_rollup (captured from a Go process): Rss, Anonymous, LazyFree, AnonHugePages', () => {
  const text = readFileSync(`${CAPTURED}/smaps_rollup`, 'utf8');
  const r = parseSmapsRollup(text);
  assert.equal(r.rss, kb(text, 'Rss'));
  assert.equal(r.anonymous, kb(text, 'Anonymous'));
  assert.equal(r.lazyFree, kb(text, 'LazyFree'));
  assert.equal(r.anonHugePages, kb(text, 'AnonHugePages'));
  assert.equal(r.raw.Pss_Anon, kb(text, 'Pss_Anon'));
  const status = parseProcStatus(readFileSync(`${CAPTURED}/status`, 'utf8'));
  assert.ok(
    Math.abs(r.rss - status.vmRss!) <= 0.05 * status.vmRss!,
    'read together, smaps Rss ~ VmRSS',
  );
  assert.throws(() => parseSmapsRollup(''), ParseError);
  assert.throws(() => parseSmapsRollup('Rss: 1 kB\n'), /\[rollup\]/);
});

test('environ keeps only the Go runtime variables, never secrets or toolchain credentials', () => {
  const block = (...entries: string[]) =>
    new TextEncoder().encode(entries.map((e) => `${e}\0`).join(''));
  const env = parseGoEnviron(
    block(
      'GOMEMLIMIT=900MiB',
      'GOGC=off',
      'GODEBUG=madvdontneed=0,gctrace=1',
      'GOTRACEBACK=crash',
      'GOMAXPROCS=4',
      'AUTOMEMLIMIT=0.9',
      'AUTOMEMLIMIT_DEBUG=true',
      'GOPROXY=https://user:secret@proxy',
      'GOAUTH=netrc',
      'GOFLAGS=-mod=mod',
      'AWS_SECRET_ACCESS_KEY=abc',
      'GOOGLE_APPLICATION_CREDENTIALS=/k.json',
      'A=1',
      '=weird',
      'GOGC',
    ),
  );
  assert.deepEqual(env, {
    GOMEMLIMIT: '900MiB',
    GOGC: 'off',
    GODEBUG: 'madvdontneed=0,gctrace=1',
    GOTRACEBACK: 'crash',
    GOMAXPROCS: '4',
    AUTOMEMLIMIT: '0.9',
    AUTOMEMLIMIT_DEBUG: 'true',
  });
  assert.equal(isGoMemoryVariable('GOPATH'), false);
  const captured = parseGoEnviron(readFileSync(`${CAPTURED}/environ`));
  assert.deepEqual(captured, { GOMEMLIMIT: '200MiB', GOGC: '50' }, 'SECRET_TOKEN dropped');
  assert.deepEqual(parseGoEnviron(new Uint8Array()), {});
});

test('cmdline: NUL-separated arguments', () => {
  const args = parseCmdline(readFileSync(`${CAPTURED}/cmdline`));
  assert.match(args[0], /leaky$/);
  assert.deepEqual(args.slice(1), ['-rate', '1MiB', '-every', '50ms']);
  assert.deepEqual(parseCmdline(new Uint8Array()), []);
  assert.deepEqual(parseCmdline(new TextEncoder().encode('a\0\0b\0')), ['a', '', 'b']);
});
