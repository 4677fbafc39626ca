import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { MAX_AGENT_DOC_BYTES, parseAgentStatus } from '../../src/formats/agent-status.js';
import { ParseError } from '../../src/model/errors.js';
import { UNLIMITED } from '../../src/model/units.js';
import { agentGcCpuShare } from '../../src/model/agent.js';

const SAMPLE = readFileSync('agent/testdata/status-v1.json', 'utf8');

test('parses a real /debug/gomemlens document', () => {
  const s = parseAgentStatus(SAMPLE);
  assert.equal(s.schemaVersion, 1);
  assert.equal(s.goVersion, 'go1.26.8');
  assert.equal(s.goMemLimit, 188743680);
  assert.equal(s.limit?.source, 'cgroup');
  assert.equal(s.limit?.cgroupLimitBytes, 209715200);
  assert.equal(s.limit?.targetBytes, 0.9 * 209715200);
  assert.equal(s.limit?.stale, false);
  assert.equal(s.gogc?.enabled, true);
  assert.equal(s.gogc?.lastAction, 'raise');
  const pauses = s.metrics['/gc/pauses:seconds'];
  assert.ok(pauses !== null && typeof pauses === 'object' && pauses.count > 0);
  assert.equal(typeof s.metrics['/cpu/classes/gc/total:cpu-seconds'], 'number');
  assert.equal(Object.keys(s.metrics).length, Object.keys(JSON.parse(SAMPLE).metrics).length);
  assert.ok(Object.keys(s.metrics).length >= 40);
});

test('the same bytes as Uint8Array parse the same', () => {
  assert.deepEqual(parseAgentStatus(new TextEncoder().encode(SAMPLE)), parseAgentStatus(SAMPLE));
});

test('math.MaxInt64 (no memory limit) becomes UNLIMITED; null means none', () => {
  const doc = JSON.parse(SAMPLE);
  const text = SAMPLE.replace('"/gc/gomemlimit:bytes":188743680', '"/gc/gomemlimit:bytes":9223372036854775807')
    .replace('"inForceBytes":188743680', '"inForceBytes":null');
  assert.notEqual(text, SAMPLE);
  const s = parseAgentStatus(text);
  assert.equal(s.goMemLimit, UNLIMITED);
  assert.equal(s.limit?.inForceBytes, null);
  assert.ok(doc);
});

test('not an agent document: unrecognized; a broken one: names the field', () => {
  const unrecognized = ['<html>404</html>', '', '[1,2]', '{"memstats":{}}', '{"agent":"x"', 'null'];
  for (const text of unrecognized) {
    assert.throws(() => parseAgentStatus(text), (e: unknown) => e instanceof ParseError && e.kind === 'unrecognized', text);
  }
  const broken: [string, RegExp][] = [
    [SAMPLE.replace('"schemaVersion":1', '"schemaVersion":2'), /schemaVersion 2 is not supported/],
    [SAMPLE.replace('"source":"cgroup"', '"source":"magic"'), /^\/debug\/gomemlens: limit\.source: expected one of cgroup, env/],
    [SAMPLE.replace('"stale":false', '"stale":"no"'), /limit\.stale: expected true or false/],
    [SAMPLE.replace(/"\/gc\/heap\/goal:bytes":\d+/, '"/gc/heap/goal:bytes":-5'), /metrics\.\/gc\/heap\/goal:bytes: expected a non-negative number/],
    [SAMPLE.replace('"gogc":{', '"gogc":{"x":1,').replace('"lastAction":"raise"', '"lastAction":1'), /gogc\.lastAction/],
    [SAMPLE.replace(/"time":"[^"]+"/, '"time":"yesterday"'), /time: expected an RFC 3339 time/],
  ];
  for (const [text, re] of broken) {
    assert.throws(() => parseAgentStatus(text), (e: unknown) => e instanceof ParseError && e.kind === 'broken' && re.test(e.message), re.source);
  }
  assert.throws(
    () => parseAgentStatus(' '.repeat(MAX_AGENT_DOC_BYTES + 1)),
    (e: unknown) => e instanceof ParseError && e.kind === 'too-large',
  );
});

test('fuzz: any string gives a status or a ParseError', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (text) => {
      try {
        parseAgentStatus(text);
      } catch (e) {
        assert.ok(e instanceof ParseError, String(e));
      }
    }),
    { numRuns: 2000 },
  );
});

test('fuzz: the real document with one value replaced by any JSON value', () => {
  const doc = JSON.parse(SAMPLE) as Record<string, Record<string, unknown>>;
  const paths: [string, string | undefined][] = [];
  for (const [k, v] of Object.entries(doc)) {
    if (v && typeof v === 'object') for (const k2 of Object.keys(v)) paths.push([k, k2]);
    else paths.push([k, undefined]);
  }
  fc.assert(
    fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 2 }), ([k, k2], value) => {
      const copy = structuredClone(doc) as Record<string, unknown>;
      if (k2 === undefined) copy[k] = value;
      else (copy[k] as Record<string, unknown>)[k2] = value;
      try {
        const s = parseAgentStatus(JSON.stringify(copy));
        assert.equal(s.schemaVersion, 1);
      } catch (e) {
        assert.ok(e instanceof ParseError, String(e));
      }
    }),
    { numRuns: 3000 },
  );
});

test('GC CPU share between two readings', () => {
  const a = parseAgentStatus(SAMPLE);
  const later = JSON.parse(SAMPLE);
  later.metrics['/cpu/classes/gc/total:cpu-seconds'] += 0.5;
  later.metrics['/cpu/classes/total:cpu-seconds'] += 10;
  const b = parseAgentStatus(JSON.stringify(later));
  assert.ok(Math.abs(agentGcCpuShare(a, b)! - 0.05) < 1e-9);
  assert.equal(agentGcCpuShare(a, a), undefined, 'no time passed');
  assert.equal(agentGcCpuShare(a, { ...b, pid: b.pid + 1 }), undefined, 'another process');
});
