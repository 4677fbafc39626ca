// The unified diff of `k8s fix` checked by patch(1), a tool we did not write: applying our diff
// to the old text must give the new text exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { unifiedDiff } from '../../src/report/k8s-diff.js';

const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'env:', '  - name: X', '', '# c'), {
  maxLength: 30,
});

test('patch(1) turns the old text into the new one with our diff', (t) => {
  if (spawnSync('patch', ['--version']).error) return t.skip('patch(1) is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-diff-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  fc.assert(
    fc.property(lines, lines, (a, b) => {
      const before = a.length ? a.join('\n') + '\n' : '';
      const after = b.length ? b.join('\n') + '\n' : '';
      const diff = unifiedDiff(before, after, 'a/f', 'b/f');
      if (before === after) return assert.equal(diff, '');
      writeFileSync(join(dir, 'old'), before);
      writeFileSync(join(dir, 'd.patch'), diff);
      const r = spawnSync(
        'patch',
        ['-s', '-o', join(dir, 'new'), join(dir, 'old'), join(dir, 'd.patch')],
        { encoding: 'utf8' },
      );
      assert.equal(r.status, 0, r.stdout + r.stderr + diff);
      assert.equal(readFileSync(join(dir, 'new'), 'utf8'), after);
    }),
    { numRuns: 300 },
  );
});
