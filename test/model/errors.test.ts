// The one parse error: what, where and the bad text in one line; its kind tells "not my
// format" from "my format, but broken"; the CLI maps it to exit 2 because it is an InputError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile, parseUncompressedProfile } from '../../src/formats/pprof-detect.js';
import { InputError, ParseError } from '../../src/model/errors.js';
import { tinyProfile, uint } from '../pprof/proto-writer.js';

test('the message names the file, the place and the bad text, on one line', () => {
  const cases: [ParseError, string][] = [
    [new ParseError('expected a PID', { line: 2, text: 'x\ny' }), 'line 2: expected a PID "x\\ny"'],
    [new ParseError('why', { file: 'a.yaml', line: 3, column: 9 }), 'a.yaml:3:9: why'],
    [new ParseError('why', { line: 3, column: 9 }), 'line 3, column 9: why'],
    [
      new ParseError('no "name" string', { file: 'b.json', field: 'results[0]' }),
      'b.json: results[0]: no "name" string',
    ],
    [new ParseError('ELF: header truncated', { offset: 4 }), 'ELF: header truncated (at byte 4)'],
    [new ParseError('long', { text: 'z'.repeat(200) }), `long "${'z'.repeat(80)}"`],
  ];
  for (const [err, message] of cases) assert.equal(err.message, message);
  const e = cases[0][0];
  assert.ok(e instanceof InputError, 'the CLI maps every InputError to exit 2');
  assert.equal(e.kind, 'broken');
});

test('within() adds what the thrower did not know, and keeps what it did', () => {
  const inner = new ParseError('expected a number', { field: 'header.t', kind: 'too-large' });
  const outer = inner.within({ file: 'c.ndjson', line: 1, field: 'ignored' });
  assert.equal(outer.message, 'c.ndjson:1: header.t: expected a number');
  assert.equal(outer.kind, 'too-large');
  assert.equal(inner.within({ file: undefined }).message, inner.message);
});

test('profile.proto: undecodable bytes are unrecognized, concatenated profiles are broken', async () => {
  const concatenated = Uint8Array.from([...tinyProfile([]), ...uint(9, 1), ...uint(9, 2)]);
  assert.throws(
    () => parseUncompressedProfile(concatenated),
    (e: unknown) =>
      e instanceof ParseError && e.kind === 'broken' && /concatenated/.test(e.message),
  );
  await assert.rejects(
    parseProfile(Uint8Array.from([0xff, 0xff, 0xff]), { file: 'x.pb' }),
    (e: unknown) =>
      e instanceof ParseError &&
      e.kind === 'unrecognized' &&
      /^x\.pb: not a pprof profile/.test(e.message),
  );
  await assert.rejects(
    parseProfile(new TextEncoder().encode('heap profile: 1: 2 [3: 4] @ heap/2\nbad line\n'), {
      file: 'h.txt',
    }),
    (e: unknown) =>
      e instanceof ParseError &&
      e.kind === 'broken' &&
      /^h\.txt:2: not a heap sample "bad line"/.test(e.message),
  );
});
