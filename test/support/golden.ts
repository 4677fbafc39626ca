// Golden files: a test compares its output with a file under testdata/. Only an explicit
// UPDATE_GOLDEN=1 writes them; a missing file fails, so a lost golden file never passes.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const UPDATING_GOLDEN = process.env.UPDATE_GOLDEN === '1';

export function assertGolden(file: string, actual: string): void {
  if (UPDATING_GOLDEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) assert.fail(`${file} is missing (UPDATE_GOLDEN=1 writes it; review it)`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${file} differs (UPDATE_GOLDEN=1 to accept)`);
}
