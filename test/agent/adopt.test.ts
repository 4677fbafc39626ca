// docs/agent.md, "Adopting it in a service", followed word for word: the shell commands and
// main.go are taken from the blocks marked <!-- adopt:... --> (only the checkout path is
// substituted) and run in a fresh directory outside this repository with GOPROXY=off, so
// nothing may be downloaded. The service then runs in a real memory cgroup and must have set
// GOMEMLIMIT to 0.9 x the limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAgentStatus } from '../../src/formats/agent-status.js';
import { cgroupSkipReason, createTestCgroup } from '../support/cgroup.js';
import { startProgram } from '../support/go-scenario.js';

const MiB = 1024 * 1024;
const LIMIT = 200 * MiB;
const CHECKOUT = resolve('.');
const PLACEHOLDER = '/path/to/gomemlens';

function goMissing(): string | undefined {
  try {
    execFileSync('go', ['version']);
    return undefined;
  } catch {
    return 'go is not installed';
  }
}

/** The body of the fenced block that follows `<!-- adopt:NAME -->`. */
function markedBlock(doc: string, name: string): string {
  const m = new RegExp(`<!-- adopt:${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(doc);
  assert.ok(m, `docs/agent.md has no block marked adopt:${name}`);
  return m[1].split(PLACEHOLDER).join(CHECKOUT);
}

/** Runs a documented shell block as a script, with no network for the Go command. */
function sh(script: string, cwd: string): void {
  execFileSync('sh', ['-e', '-c', script], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      GOPROXY: 'off',
      GOFLAGS: '-modcacherw',
      GOTOOLCHAIN: 'local',
      GOWORK: 'off',
    },
  });
}

const skip = goMissing() ?? cgroupSkipReason();

test('a new service adopts the agent as docs/agent.md says, offline, and gets 0.9 x its cgroup limit', { skip, timeout: 180_000 }, async (t) => {
  const doc = readFileSync('docs/agent.md', 'utf8');
  const work = mkdtempSync(join(tmpdir(), 'gomemlens-adopt-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  assert.ok(!work.startsWith(CHECKOUT + '/'), 'the module must live outside the repository');

  sh(markedBlock(doc, 'setup'), work);
  const service = readdirSync(work)
    .map((name) => join(work, name))
    .find((dir) => existsSync(join(dir, 'go.mod')));
  assert.ok(service, 'the setup commands created no module');
  const goMod = readFileSync(join(service, 'go.mod'), 'utf8');
  assert.match(goMod, /^require gomemlens\.dev\/agent v0\.0\.0$/m);
  assert.ok(goMod.includes(`replace gomemlens.dev/agent => ${CHECKOUT}/agent`), goMod);
  writeFileSync(join(service, 'main.go'), markedBlock(doc, 'main.go'));
  sh(markedBlock(doc, 'build'), service);

  const cg = createTestCgroup('adopt');
  t.after(() => cg.remove());
  cg.setLimit(LIMIT);
  const svc = await startProgram(join(service, 'service'), {
    cgroupDir: cg.dir,
    env: { LISTEN: '127.0.0.1:0' },
  });
  t.after(() => svc.stop());
  const res = await fetch(`${svc.url}/debug/gomemlens`, { signal: AbortSignal.timeout(5000) });
  assert.equal(res.status, 200);
  const status = parseAgentStatus(await res.text());
  const want = Math.floor(0.9 * LIMIT);
  assert.equal(status.limit?.source, 'cgroup');
  const limitFile = cg.version === 1 ? 'memory.limit_in_bytes' : 'memory.max';
  assert.equal(status.limit?.cgroupFile, `${cg.dir}/${limitFile}`);
  assert.equal(status.limit?.inForceBytes, want);
  assert.equal(status.goMemLimit, want);
  console.log(`agent adopted from docs/agent.md: GOMEMLIMIT ${want} B = 0.9 x ${LIMIT / MiB} MiB`);
});
