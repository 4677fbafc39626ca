// diagnose names the garbage collector of a real binary from its build info: a Go >= 1.26
// build runs Green Tea unless built with GOEXPERIMENT=nogreenteagc (go.dev/doc/go1.26).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiagnoseReport } from '../../src/analysis/diagnose.js';
import { atLeast, parseGoVersion } from '../../src/analysis/go-versions.js';
import { runCli } from '../support/cli.js';
import { buildVariant, goVersionM, hasCommand } from '../binary/go-binaries.js';

const SLEEPER = 'package main\n\nimport "time"\n\nfunc main() { time.Sleep(time.Hour) }\n';

async function goVersion(): Promise<string | undefined> {
  if (!(await hasCommand('go', 'version'))) return undefined;
  return execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
}

const version = await goVersion();
const skip =
  version === undefined
    ? 'go not installed'
    : !atLeast(parseGoVersion(version)!, 1, 26)
      ? `${version} predates Go 1.26 (Green Tea by default)`
      : false;

test(
  'diagnose --pid shows green tea for a plain Go 1.26 build, classic with nogreenteagc',
  { skip, timeout: 180_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-gc-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'go.mod'), 'module example.com/sleeper\n\ngo 1.26\n');
    writeFileSync(join(dir, 'main.go'), SLEEPER);
    const plain = await buildVariant(dir, { name: 'plain', args: [] });
    const noGreenTea = await buildVariant(dir, {
      name: 'nogreenteagc',
      args: [],
      env: { GOEXPERIMENT: 'nogreenteagc' },
    });
    // The oracle: go version -m records the experiment as a build setting, only when set.
    assert.ok((await goVersionM(noGreenTea)).includes('\tbuild\tGOEXPERIMENT=nogreenteagc'));
    assert.ok(!(await goVersionM(plain)).some((l) => l.includes('GOEXPERIMENT')));

    for (const [file, expected, shown] of [
      [plain, 'greentea', 'green tea'],
      [noGreenTea, 'classic', 'classic'],
    ] as const) {
      const child = spawn(file, [], { stdio: 'ignore' });
      const exited = once(child, 'exit');
      try {
        const json = await runCli(['diagnose', '--pid', String(child.pid), '--json']);
        assert.equal(json.code, 0, json.stderr);
        const r = JSON.parse(json.stdout) as DiagnoseReport;
        assert.equal(r.settings.garbageCollector?.value, expected, file);
        assert.match(
          r.settings.garbageCollector?.source ?? '',
          new RegExp(`/proc/${child.pid}/exe`),
        );
        const text = await runCli(['diagnose', '--pid', String(child.pid)]);
        assert.match(text.stdout, new RegExp(`garbage collector +${shown} `));
        const md = await runCli(['diagnose', '--pid', String(child.pid), '--format', 'markdown']);
        assert.match(md.stdout, new RegExp(`\\| garbage collector \\| ${shown} \\|`));
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
    }
  },
);
