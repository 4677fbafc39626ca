import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatGoMemLimit, parseGoMemLimit } from '../../src/model/gomemlimit.js';
import {
  GiB,
  MiB,
  UNLIMITED,
  formatBytes,
  formatDuration,
  parseDuration,
  parseLimit,
} from '../../src/model/units.js';

test('formatBytes prints sizes like Go and Kubernetes users read them', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(300 * MiB), '300 MiB');
  assert.equal(formatBytes(100 * MiB), '100 MiB');
  assert.equal(formatBytes(10 * MiB), '10 MiB');
  assert.equal(formatBytes(2.5 * GiB), '2.5 GiB');
  assert.equal(formatBytes(-4 * MiB), '-4 MiB');
});

test('parseLimit maps the v1 sentinel and v2 "max" to unlimited, keeps exact byte counts', () => {
  assert.equal(parseLimit('9223372036854771712\n'), UNLIMITED);
  assert.equal(parseLimit('max'), UNLIMITED);
  assert.equal(parseLimit('268435456'), 256 * MiB);
  assert.equal(parseLimit('-1'), undefined);
  assert.equal(parseLimit('12abc'), undefined);
});

test('GOMEMLIMIT syntax follows Go: binary units with B only', () => {
  assert.deepEqual(parseGoMemLimit('400MiB'), { kind: 'bytes', bytes: 400 * MiB });
  assert.deepEqual(parseGoMemLimit('536870912'), { kind: 'bytes', bytes: 536870912 });
  assert.deepEqual(parseGoMemLimit('1GiB'), { kind: 'bytes', bytes: GiB });
  for (const bad of ['400Mi', '400MB', '400M', '1.5GiB', ' 400MiB']) {
    assert.equal(parseGoMemLimit(bad).kind, 'malformed', bad);
  }
  const hint = (text: string) => {
    const parsed = parseGoMemLimit(text);
    return parsed.kind === 'malformed' ? parsed.meant?.hint : undefined;
  };
  assert.equal(hint('512Mi'), '512MiB');
  // Decimal units are converted: 480,000,000 B = 457.8 MiB, rounded down.
  assert.equal(hint('480M'), '457MiB');
  assert.equal(hint('480MB'), '457MiB');
  assert.equal(hint('1G'), '953MiB');
  assert.equal(hint('480k'), '480000B');
  assert.equal(hint('-5'), undefined);
  assert.deepEqual(parseGoMemLimit('-5'), {
    kind: 'malformed',
    text: '-5',
    reason: 'a negative count',
  });
});

test('formatGoMemLimit never recommends more than asked and always parses back in Go syntax', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 45 }), (bytes) => {
      const text = formatGoMemLimit(bytes);
      const parsed = parseGoMemLimit(text);
      assert.equal(parsed.kind, 'bytes', text);
      if (parsed.kind === 'bytes') assert.ok(parsed.bytes <= bytes && parsed.bytes > bytes - MiB);
    }),
  );
});

test('durations parse like Go and print for people', () => {
  assert.equal(parseDuration('1s'), 1000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('5'), undefined);
  assert.equal(parseDuration('5x'), undefined);
  assert.equal(formatDuration(850), '850ms');
  assert.equal(formatDuration(200_000), '3m20s');
});
