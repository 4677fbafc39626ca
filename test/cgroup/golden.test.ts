// Golden files: everything readCgroupForPid and readProcess return for each fixture host tree,
// as JSON under testdata/hosts/golden/. A change in any field shows up as a diff here.
// UPDATE_GOLDEN=1 rewrites them (review the diff before committing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hostFs } from '../../src/sources/hostfs.js';
import { readCgroupForPid } from '../../src/sources/cgroup.js';
import { readProcess } from '../../src/sources/procfs.js';
import { assertGolden } from '../support/golden.js';

const HOSTS = 'testdata/hosts';
const GOLDEN = 'testdata/hosts/golden';

const trees = readdirSync(HOSTS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'golden')
  .map((d) => d.name);

for (const name of trees) {
  test(`golden: ${name}`, async () => {
    const fs = hostFs(join(HOSTS, name));
    const pid = Number(readdirSync(join(HOSTS, name, 'proc')).find((n) => /^\d+$/.test(n)));
    const [cgroup, process_] = await Promise.all([readCgroupForPid(fs, pid), readProcess(fs, pid)]);
    const actual = `${JSON.stringify({ cgroup, process: process_ }, null, 2)}\n`;
    assert.doesNotMatch(
      actual,
      /hunter2|s3cret|do-not-keep/,
      'no secret from environ is ever kept',
    );
    assertGolden(join(GOLDEN, `${name}.json`), actual);
  });
}
