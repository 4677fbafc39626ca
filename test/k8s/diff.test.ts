// The unified diff of `k8s fix` checked by patch(1), a tool we did not write: applying our diff
// to the old text must give the edited text exactly, and the diff stays linear in the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { applySplices } from '../../src/analysis/k8s/fix-yaml.js';
import { editDiff, type TextEdit } from '../../src/report/k8s-diff.js';

const piece = fc.constantFrom('a', 'b', 'env:', '  - name: X', '', '# c', '\n', '\n  value: "1"\n');
const text = fc
  .array(fc.constantFrom('a', 'b', 'c', 'env:', '  - name: X', '', '# c'), { maxLength: 30 })
  .chain((lines) =>
    fc.constantFrom(lines.join('\n'), lines.join('\n') + (lines.length ? '\n' : '')),
  );

/** Random non-overlapping edits of `src`. */
function edits(src: string) {
  return fc
    .array(fc.tuple(fc.nat(src.length), fc.nat(8), fc.array(piece, { maxLength: 3 })), {
      maxLength: 6,
    })
    .map((raw) => {
      const out: TextEdit[] = [];
      let after = 0;
      for (const [at, len, parts] of [...raw].sort((a, b) => a[0] - b[0])) {
        if (at < after) continue;
        const end = Math.min(src.length, at + len);
        out.push({ start: at, end, text: parts.join('') });
        after = end + 1;
      }
      return out;
    });
}

test('patch(1) turns the old text into the edited one with our diff', (t) => {
  if (spawnSync('patch', ['--version']).error) return t.skip('patch(1) is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-diff-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  fc.assert(
    fc.property(
      text.chain((src) => fc.tuple(fc.constant(src), edits(src))),
      ([before, list]) => {
        const after = applySplices(before, list);
        const diff = editDiff(before, list, 'a/f', 'b/f');
        if (before === after) return assert.equal(diff, '');
        writeFileSync(join(dir, 'old'), before);
        writeFileSync(join(dir, 'd.patch'), diff);
        const r = spawnSync(
          'patch',
          ['-s', '-o', join(dir, 'new'), join(dir, 'old'), join(dir, 'd.patch')],
          { encoding: 'utf8' },
        );
        assert.equal(r.status, 0, r.stdout + r.stderr + diff);
        assert.equal(readFileSync(join(dir, 'new'), 'utf8'), after, diff);
      },
    ),
    { numRuns: 400 },
  );
});

test('10,000 edits of a 200,000-line text: a diff in well under a second', () => {
  const src = Array.from({ length: 200_000 }, (_, i) => `line ${i}\n`).join('');
  const list: TextEdit[] = [];
  for (let i = 0, at = 0; i < 10_000; i++) {
    at = src.indexOf('\n', at + 100);
    list.push({ start: at, end: at, text: '\n  value: "1"' });
  }
  const t0 = performance.now();
  const diff = editDiff(src, list, 'a/f', 'b/f');
  assert.ok(performance.now() - t0 < 2000, `${performance.now() - t0} ms`);
  assert.equal(diff.split('\n').filter((l) => l.startsWith('+ ')).length, 10_000);
});
