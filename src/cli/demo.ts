/**
 * `gomemlens demo`: the main job on an embedded default. Builds the bundled leaky Go service,
 * runs it in a throw-away memory cgroup with a limit (where the machine allows), lets it leak
 * for a few seconds, diagnoses it, then stops it and removes the cgroup. Without Go, it
 * diagnoses a snapshot recorded from the same service instead, and says so.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MiB, formatBytes } from '../model/units.js';
import {
  createSandboxCgroup,
  execInGroup,
  sandboxUnavailableReason,
  type SandboxCgroup,
} from '../sources/sandbox-cgroup.js';
import { parseFlags } from './flags.js';

const HELP = `gomemlens demo [--limit-mib N] [--wait SECONDS] [--json] [--save-snapshot FILE]

Builds the bundled leaky Go service (testdata/go/leaky), starts it in a child memory cgroup
with a limit (default 256 MiB; needs root and a writable memory cgroup, otherwise it runs
without a limit and says so), waits, runs "gomemlens diagnose" on it, then stops it and
removes the cgroup. Without Go installed it diagnoses testdata/snapshots/demo.json instead.`;

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SCENARIOS = join(PACKAGE_ROOT, 'testdata/go');
export const RECORDED_SNAPSHOT = join(PACKAGE_ROOT, 'testdata/snapshots/demo.json');

/** The demo's misconfiguration: GOMEMLIMIT set above the container limit, a common mistake. */
const DEMO_ENV = { GOMEMLIMIT: '300MiB', GOTRACEBACK: 'crash' };

export async function run(argv: string[]): Promise<number> {
  const { values, help } = parseFlags(
    argv,
    {
      'limit-mib': { type: 'string' },
      wait: { type: 'string' },
      'save-snapshot': { type: 'string' },
      json: { type: 'boolean' },
    },
    HELP,
  );
  if (help) return 0;
  const limit = Number(values['limit-mib'] ?? 256) * MiB;
  const waitMs = Number(values.wait ?? 4) * 1000;
  const { run: runDiagnose } = await import('./diagnose.js');
  const extra = [
    ...(values['save-snapshot'] ? ['--save-snapshot', values['save-snapshot']] : []),
    ...(values.json ? ['--json'] : []),
  ];
  const diagnose = (args: string[]) => runDiagnose([...args, ...extra]);

  const work = mkdtempSync(join(tmpdir(), 'gomemlens-demo-'));
  try {
    const binary = buildLeaky(work);
    if (!binary) {
      say(`Go is not installed: diagnosing a snapshot recorded from the same service instead`);
      say(`(${RECORDED_SNAPSHOT}).`);
      return await diagnose(['--snapshot', RECORDED_SNAPSHOT]);
    }
    return await runLive(binary, limit, waitMs, diagnose);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function runLive(
  binary: string,
  limit: number,
  waitMs: number,
  diagnose: (argv: string[]) => Promise<number>,
): Promise<number> {
  const cgroup = makeCgroup(limit);
  const service = startService(binary, cgroup);
  const cleanup = async () => {
    service.child.kill('SIGKILL');
    await cgroup?.remove();
  };
  const onSignal = () => void cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  try {
    const url = await service.url;
    say(`started leaky (pid ${service.child.pid}) serving ${url}, leaking ~5 MiB/s`);
    say(
      `environment: ${Object.entries(DEMO_ENV)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
    say(`waiting ${waitMs / 1000}s for it to grow...\n`);
    await new Promise((r) => setTimeout(r, waitMs));
    const args = ['--pid', String(service.child.pid), '--url', url];
    return await diagnose(args);
  } finally {
    process.off('SIGINT', onSignal);
    await cleanup();
    say(`\nstopped the service${cgroup ? ` and removed ${cgroup.dir}` : ''}.`);
  }
}

function buildLeaky(work: string): string | undefined {
  if (spawnSync('go', ['version']).status !== 0) return undefined;
  const out = join(work, 'leaky');
  say('building the demo service (testdata/go/leaky)...');
  const r = spawnSync('go', ['build', '-o', out, './leaky'], {
    cwd: SCENARIOS,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
  });
  return r.status === 0 && existsSync(out) ? out : undefined;
}

function makeCgroup(limit: number): SandboxCgroup | undefined {
  const why = sandboxUnavailableReason();
  if (why) {
    say(`no memory limit for the demo: ${why}; running it without one.`);
    return undefined;
  }
  try {
    const cg = createSandboxCgroup('demo');
    cg.setLimit(limit);
    say(`created memory cgroup ${cg.dir} (v${cg.version}) with a ${formatBytes(limit)} limit`);
    return cg;
  } catch (err) {
    say(`no memory limit for the demo: ${(err as Error).message}; running it without one.`);
    return undefined;
  }
}

/** Starts the service already inside the cgroup: a shell joins it, then execs the binary. */
function startService(binary: string, cgroup: SandboxCgroup | undefined) {
  const args = ['-rate', '512KiB', '-every', '100ms', '-initial', '24MiB'];
  const [file, ...rest] = cgroup ? execInGroup(cgroup, [binary, ...args]) : [binary, ...args];
  const child: ChildProcess = spawn(file, rest, {
    env: { ...process.env, ...DEMO_ENV },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise<string>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) res(m[1]);
    });
    child.on('exit', (code) => rej(new Error(`the demo service exited early (code ${code})`)));
  });
  return { child, url };
}

function say(line: string) {
  process.stderr.write(line + '\n');
}
