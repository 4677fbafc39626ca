// The golden-file helper itself: a missing golden file fails instead of being written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertGolden, UPDATING_GOLDEN } from './support/golden.js';

test('a missing golden file fails and is not written', { skip: UPDATING_GOLDEN }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'golden-'));
  try {
    const file = join(dir, 'missing.txt');
    assert.throws(() => assertGolden(file, 'output\n'), /missing\.txt is missing/);
    assert.equal(existsSync(file), false);
    writeFileSync(file, 'output\n');
    assertGolden(file, 'output\n');
    assert.throws(() => assertGolden(file, 'changed\n'), /differs/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
