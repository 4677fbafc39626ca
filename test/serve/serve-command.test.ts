// `serve -- CMD`: the command runs in a fresh memory cgroup with --limit, its Go endpoints are
// found on the port it listens on, the event stream shows the limit and, when the leak meets
// it, the kernel's OOM kill (the target exits, SIGKILL); its GC lines (gctrace=1, as under
// watch -- CMD) are recorded; Ctrl-C then removes the cgroup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { cgroupSkipReason } from '../support/cgroup.js';
import { goSkipReason, scenarioPath } from '../support/go-scenario.js';
import { startServe } from '../support/serve.js';

const skip = cgroupSkipReason() ?? goSkipReason('leaky');
const LIMIT = 96 << 20;

interface Streamed {
  target: string;
  record?: {
    type: string;
    why?: string;
    signal?: string;
    lines?: string[];
    cgroup?: { limit?: number; oomKill?: number };
  };
  header?: { target: { pid: number; url?: string } };
}

/** Reads the event stream until `until` says so, or the timeout. */
function readEvents(url: string, until: (e: Streamed[]) => boolean, ms: number) {
  return new Promise<Streamed[]>((res, rej) => {
    const events: Streamed[] = [];
    let buf = '';
    const timer = setTimeout(() => {
      req.destroy();
      rej(new Error(`stream: ${events.length} events, no end in ${ms} ms`));
    }, ms);
    const req = request(`${url}/events`, (r) =>
      r.on('data', (d) => {
        buf += d;
        const parts = buf.split('\n\n');
        buf = parts.pop()!;
        for (const p of parts) {
          const data = /^data: (.*)$/m.exec(p)?.[1];
          if (data) events.push(JSON.parse(data) as Streamed);
        }
        if (until(events)) {
          clearTimeout(timer);
          req.destroy();
          res(events);
        }
      }),
    );
    req.on('error', () => undefined);
    req.end();
  });
}

test(
  'serve -- leaky: watched in its own limited cgroup until the OOM kill',
  { skip, timeout: 90_000 },
  async (t) => {
    const serve = await startServe([
      '--listen',
      '127.0.0.1:0',
      '--limit',
      '96Mi',
      '--',
      scenarioPath('leaky'),
      '-rate',
      '512KiB',
      '-every',
      '100ms',
    ]);
    t.after(() => serve.stop());
    const cgroupDir = /in (\/sys\/fs\/cgroup\/\S+),/.exec(serve.stderr())?.[1];
    assert.ok(cgroupDir && existsSync(cgroupDir), serve.stderr());
    const events = await readEvents(
      serve.url,
      (e) => e.some((x) => x.record?.type === 'end'),
      60_000,
    );
    const history = events[0];
    assert.match(
      history.header?.target.url ?? '',
      /^http:\/\/127\.0\.0\.1:\d+$/,
      'endpoints found',
    );
    const limits = events.map((e) => e.record?.cgroup?.limit).filter((l) => l !== undefined);
    assert.ok(
      limits.length > 3 && limits.every((l) => l === LIMIT),
      `limits ${limits.slice(0, 3)}`,
    );
    const end = events.find((e) => e.record?.type === 'end')?.record;
    assert.equal(end?.why, 'target-exited');
    assert.equal(end?.signal, 'SIGKILL');
    // Started as watch -- CMD starts it: GODEBUG=gctrace=1, its GC lines recorded.
    const gcLines = events.flatMap((e) => (e.record?.type === 'gctrace' ? e.record.lines! : []));
    assert.ok(gcLines.length > 3, `${gcLines.length} GC lines`);
    assert.ok(
      gcLines.every((l) => /^gc \d+ @/.test(l)),
      gcLines[0],
    );
    // The kernel killed it: memory.oom_control's oom_kill counted it (cgroup v1).
    assert.ok(
      events.some((e) => (e.record?.cgroup?.oomKill ?? 0) >= 1),
      'oom_kill counted',
    );
    assert.equal(await serve.stop(), 0);
    assert.ok(!existsSync(cgroupDir), `${cgroupDir} removed`);
  },
);
