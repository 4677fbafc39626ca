// Fuzzing every cgroup and /proc parser: any input gives a result or a ParseError, never
// another exception. Inputs: random strings (ASCII and arbitrary code points) and real files
// with random slices cut out and random text spliced in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseCountFile, parseLimitFile, parsePidList } from '../../src/formats/kernel-text.js';
import { parseMountinfo } from '../../src/formats/mountinfo.js';
import { parseProcCgroup } from '../../src/formats/proc-cgroup.js';
import { parseOomControl, parseV1MemoryStat } from '../../src/formats/cgroup-v1.js';
import { parseMemoryEvents, parseV2MemoryStat } from '../../src/formats/cgroup-v2.js';
import { parsePressure } from '../../src/formats/psi.js';
import { parseProcStatus } from '../../src/formats/proc-status.js';
import { parseSmapsRollup } from '../../src/formats/smaps-rollup.js';
import { parseGoEnviron } from '../../src/formats/environ.js';
import { parseCmdline } from '../../src/formats/cmdline.js';
import { locateMemoryCgroup } from '../../src/formats/cgroup-location.js';
import { ParseError } from '../../src/model/errors.js';

const RUNS = 200;
const H = 'testdata/hosts';
const CAP = `${H}/captured-v1-hybrid`;
const V2 = `${H}/v2-kubepods/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod5678.slice/cri-containerd-def.scope`;
const capturedGroup = `${CAP}/sys/fs/cgroup/memory${/^4:memory:(.*)$/m.exec(readFileSync(`${CAP}/proc/4242/cgroup`, 'utf8'))![1]}`;

const text = (path: string) => readFileSync(path, 'utf8');

const TEXT_PARSERS: [string, (s: string) => unknown, string][] = [
  ['mountinfo', parseMountinfo, text(`${CAP}/proc/self/mountinfo`)],
  ['/proc/PID/cgroup', parseProcCgroup, text(`${CAP}/proc/4242/cgroup`)],
  ['v1 memory.stat', parseV1MemoryStat, text(`${capturedGroup}/memory.stat`)],
  ['memory.oom_control', parseOomControl, text(`${capturedGroup}/memory.oom_control`)],
  ['v2 memory.stat', parseV2MemoryStat, text(`${V2}/memory.stat`)],
  ['memory.events', parseMemoryEvents, text(`${V2}/memory.events`)],
  ['memory.pressure', parsePressure, text(`${CAP}/sys/fs/cgroup/unified/memory.pressure`)],
  ['limit file', parseLimitFile, '9223372036854771712\n'],
  ['count file', parseCountFile, text(`${capturedGroup}/memory.usage_in_bytes`)],
  ['cgroup.procs', parsePidList, '1\n22\n333\n'],
  ['status', parseProcStatus, text(`${CAP}/proc/4242/status`)],
  ['smaps_rollup', parseSmapsRollup, text(`${CAP}/proc/4242/smaps_rollup`)],
];

/** Random strings, and the real file with a slice replaced by random text. */
function inputs(sample: string): fc.Arbitrary<string> {
  const mutated = fc
    .tuple(fc.nat(sample.length), fc.nat(64), fc.string({ unit: 'binary', maxLength: 16 }))
    .map(([at, cut, insert]) => sample.slice(0, at) + insert + sample.slice(at + cut));
  return fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    mutated,
  );
}

for (const [name, parse, sample] of TEXT_PARSERS) {
  test(`fuzz ${name}: a result or a ParseError`, () => {
    assert.doesNotThrow(() => parse(sample), 'the real file parses');
    fc.assert(
      fc.property(inputs(sample), (input) => {
        try {
          parse(input);
        } catch (err) {
          if (!(err instanceof ParseError)) throw err;
        }
      }),
      { numRuns: RUNS },
    );
  });
}

test('fuzz environ and cmdline: any bytes give a value, environ keeps only Go variables', () => {
  const sample = readFileSync(`${CAP}/proc/4242/environ`);
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 400 }),
    fc
      .tuple(fc.nat(sample.length), fc.uint8Array({ maxLength: 16 }))
      .map(([at, ins]) => Buffer.concat([sample.subarray(0, at), ins, sample.subarray(at)])),
  );
  fc.assert(
    fc.property(bytes, (data) => {
      const env = parseGoEnviron(data);
      for (const key of Object.keys(env))
        assert.match(
          key,
          /^(GOGC|GOMEMLIMIT|GODEBUG|GOMAXPROCS|GOTRACEBACK|GORACE|AUTOMEMLIMIT.*)$/,
        );
      assert.ok(Array.isArray(parseCmdline(data)));
    }),
    { numRuns: RUNS },
  );
});

test('fuzz cgroup location: any parsed /proc/PID/cgroup and mountinfo give a location or a reason', () => {
  const mountinfo = text(`${CAP}/proc/self/mountinfo`);
  const cgroup = text(`${CAP}/proc/4242/cgroup`);
  fc.assert(
    fc.property(inputs(cgroup), inputs(mountinfo), (cg, mi) => {
      let parsed;
      try {
        parsed = [parseProcCgroup(cg), parseMountinfo(mi)] as const;
      } catch (err) {
        if (err instanceof ParseError) return;
        throw err;
      }
      const located = locateMemoryCgroup(...parsed);
      if (located.ok)
        assert.ok(located.location.dir.startsWith('/') && !located.location.dir.includes('//'));
      else assert.ok(located.reason.length > 0);
    }),
    { numRuns: RUNS },
  );
});
