import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendFileSync,
  mkdtempSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { followGcTrace } from '../../src/sources/gctrace-file.js';
import { InputError } from '../../src/model/errors.js';

const LINE = (n: number) =>
  `gc ${n} @1.0s 1%: 0.1+1+0.1 ms clock, 0.2+0/1/1+0.2 ms cpu, 4->5->2 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 2 P`;

test('follows a stderr file like tail -F: from its end, whole GC lines only, across truncation and rotation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-gctrace-'));
  const path = join(dir, 'stderr.log');
  try {
    writeFileSync(path, `${LINE(1)}\nold output\n`);
    const f = followGcTrace(path);
    assert.deepEqual(f.read(), []); // what was there before watching is not read
    appendFileSync(path, `hello\n${LINE(2)}\n${LINE(3).slice(0, 40)}`);
    assert.deepEqual(f.read(), [LINE(2)]);
    appendFileSync(path, `${LINE(3).slice(40)}\n`);
    assert.deepEqual(f.read(), [LINE(3)]); // the partial line completed
    truncateSync(path, 0);
    appendFileSync(path, `${LINE(4)}\n`);
    assert.deepEqual(f.read(), [LINE(4)]);
    // A container runtime's log prefix (CRI: time, stream, tag) and a scavtrace line.
    const cri = `2026-12-06T07:00:00.1Z stderr F ${LINE(6)}`;
    appendFileSync(path, `${cri}\nscav 0 KiB work (bg), 0 KiB work (eager), 1 KiB now, 9% util\n`);
    assert.deepEqual(f.read(), [cri]);
    renameSync(path, `${path}.1`);
    writeFileSync(path, `${LINE(5)}\n`);
    assert.deepEqual(f.read(), [LINE(5)]);
    f.close();
    assert.throws(() => followGcTrace(join(dir, 'missing')), InputError);
    assert.throws(() => followGcTrace(dir), /not a regular file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
