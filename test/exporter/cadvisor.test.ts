// The exporter's working set and limit against what cAdvisor reports for the same cgroup
// (container_memory_working_set_bytes, container_spec_memory_limit_bytes), where a cAdvisor
// binary is available, and against the cgroup's own files everywhere: within one interval's
// change of the values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePromText } from '../../src/formats/prom-text.js';
import { cgroupSkipReason, createTestCgroup } from '../support/cgroup.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';
import { freePort, which } from '../support/prometheus.js';

const MiB = 1 << 20;
const skip = cgroupSkipReason() ?? goSkipReason('tiny');

/** cAdvisor v0.61.0 cannot be had here: docs/exporter.md, "Same numbers as cAdvisor". */
const CADVISOR =
  which('cadvisor') ??
  (existsSync('dist/upstream/cadvisor') ? resolve('dist/upstream/cadvisor') : undefined);
const NO_CADVISOR =
  'no cadvisor binary: github.com/google/cadvisor/cmd (the module with cmd/cadvisor) is not served by the Go module proxy here, so v0.61.0 cannot be built (docs/exporter.md)';

function start(cmd: string, args: string[]): ChildProcess {
  return spawn(cmd, args, { stdio: 'ignore' });
}

async function metrics(url: string) {
  for (let i = 0; i < 50; i++) {
    try {
      return parsePromText(await (await fetch(url)).text());
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not answer`);
}

function value(
  families: ReturnType<typeof parsePromText>,
  name: string,
  match: (l: Record<string, string>) => boolean,
) {
  return families.find((f) => f.name === name)?.samples.find((s) => match(s.labels))?.value;
}

/** The cgroup's own numbers (v1): usage - total_inactive_file, hierarchical_memory_limit. */
function fromFiles(dir: string) {
  const stat = readFileSync(join(dir, 'memory.stat'), 'utf8');
  const get = (k: string) => Number(new RegExp(`^${k} (\\d+)$`, 'm').exec(stat)![1]);
  const usage = Number(readFileSync(join(dir, 'memory.usage_in_bytes'), 'utf8'));
  return {
    workingSet: Math.max(0, usage - get('total_inactive_file')),
    limit: get('hierarchical_memory_limit'),
  };
}

test(
  'exporter working set and limit: the cgroup files and cAdvisor agree',
  { skip, timeout: 60_000 },
  async (t) => {
    const cg = createTestCgroup('cadvisor');
    cg.setLimit(200 * MiB);
    // A quiet service: 16 MiB kept, 64 KiB of garbage a second, so its working set holds still.
    const svc = await startScenario('tiny', { args: ['-retain', '16MiB'], cgroupDir: cg.dir });
    const port = await freePort();
    const exporter = start(process.execPath, [
      'bin/gomemlens.js',
      'exporter',
      '--listen',
      `127.0.0.1:${port}`,
      '--interval',
      '1s',
    ]);
    t.after(async () => {
      exporter.kill('SIGKILL');
      await svc.stop();
      await cg.remove();
    });
    await new Promise((r) => setTimeout(r, 4000));
    const mine = (l: Record<string, string>) => l.cgroup === cg.path;
    // The exporter reads every second: its last read falls between these two reads of the files.
    const before = fromFiles(cg.dir);
    await new Promise((r) => setTimeout(r, 1100));
    const families = await metrics(`http://127.0.0.1:${port}/metrics`);
    const after = fromFiles(cg.dir);
    const ws = value(families, 'gomemlens_container_memory_working_set_bytes', mine)!;
    const limit = value(families, 'gomemlens_container_memory_limit_bytes', mine);
    console.log(
      `# working set: exporter ${ws}, files ${before.workingSet} then ${after.workingSet}`,
    );
    assert.equal(limit, before.limit, 'the limit is the kernel hierarchical_memory_limit');
    // Give or take 1 MiB: the service allocates a little between the reads.
    const lo = Math.min(before.workingSet, after.workingSet) - MiB;
    const hi = Math.max(before.workingSet, after.workingSet) + MiB;
    assert.ok(ws >= lo && ws <= hi, `working set ${ws} outside ${lo}..${hi}`);
    await t.test(
      'cAdvisor reports the same',
      { skip: CADVISOR ? undefined : NO_CADVISOR },
      async () => {
        const cport = await freePort();
        const cadvisor = start(CADVISOR!, [
          '-listen_ip',
          '127.0.0.1',
          '-port',
          String(cport),
          '-housekeeping_interval',
          '1s',
          '-docker_only=false',
          '-store_container_labels=false',
        ]);
        try {
          await new Promise((r) => setTimeout(r, 5000));
          const ours = () =>
            metrics(`http://127.0.0.1:${port}/metrics`).then((f) =>
              value(f, 'gomemlens_container_memory_working_set_bytes', mine)!,
            );
          // Both sample on their own 1 s schedules: cAdvisor's value lies within the change
          // of ours over the two seconds around its scrape.
          const a = await ours();
          const theirs = await metrics(`http://127.0.0.1:${cport}/metrics`);
          await new Promise((r) => setTimeout(r, 1100));
          const b = await ours();
          const byId = (l: Record<string, string>) => l.id === cg.path;
          const cws = value(theirs, 'container_memory_working_set_bytes', byId)!;
          assert.equal(value(theirs, 'container_spec_memory_limit_bytes', byId), limit);
          const [lo2, hi2] = [Math.min(a, b) - MiB, Math.max(a, b) + MiB];
          assert.ok(cws >= lo2 && cws <= hi2, `cAdvisor ${cws} outside ${lo2}..${hi2}`);
        } finally {
          cadvisor.kill('SIGKILL');
        }
      },
    );
  },
);
