/**
 * The execution-trace reader on damaged traces: a real trace with bytes flipped, runs
 * overwritten, pieces cut out or repeated. Every input gives a summary (maybe marked
 * incomplete) or a ParseError, never another error, and quickly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { summarizeGcTrace } from '../../src/analysis/go-trace-summary.js';
import { ParseError } from '../../src/model/errors.js';
import { seededRandom } from '../support/random.js';
import { scenarioPath } from '../support/go-scenario.js';

const TRACEGEN = scenarioPath('tracegen');

function mutate(buf: Buffer, r: () => number): Buffer {
  const out = Buffer.from(buf);
  const at = () => 16 + Math.floor(r() * (out.length - 16));
  switch (Math.floor(r() * 4)) {
    case 0:
      for (let i = 0; i < 1 + r() * 8; i++) out[at()] = Math.floor(r() * 256);
      return out;
    case 1: {
      const p = at();
      out.fill(Math.floor(r() * 256), p, Math.min(out.length, p + 1 + Math.floor(r() * 64)));
      return out;
    }
    case 2: {
      const a = at();
      const b = Math.min(out.length, a + Math.floor(r() * 4096));
      return Buffer.concat([out.subarray(0, a), out.subarray(b)]);
    }
    default: {
      const a = at();
      const b = Math.min(out.length, a + Math.floor(r() * 4096));
      return Buffer.concat([out.subarray(0, b), out.subarray(a, b), out.subarray(b)]);
    }
  }
}

test(
  '300 damaged traces: a summary or a ParseError, never a crash or a hang',
  { skip: existsSync(TRACEGEN) ? undefined : 'dist/go/tracegen not built' },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-trace-fuzz-'));
    try {
      const path = join(dir, 't.trace');
      const made = spawnSync(TRACEGEN, ['-out', path, '-for', '150ms', '-workers', '2']);
      assert.equal(made.status, 0);
      const base = readFileSync(path);
      const r = seededRandom(18);
      const outcomes = { ok: 0, incomplete: 0, error: 0 };
      for (let i = 0; i < 300; i++) {
        const input = mutate(base, r);
        const start = Date.now();
        try {
          const s = summarizeGcTrace(input);
          outcomes[s.incomplete ? 'incomplete' : 'ok']++;
        } catch (err) {
          if (!(err instanceof ParseError))
            throw new Error(`case ${i}: ${String(err)}`, { cause: err });
          outcomes.error++;
        }
        assert.ok(Date.now() - start < 5000, `case ${i} took ${Date.now() - start} ms`);
      }
      console.log(`# outcomes ${JSON.stringify(outcomes)}`);
      assert.ok(outcomes.error > 0, 'damage is noticed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
