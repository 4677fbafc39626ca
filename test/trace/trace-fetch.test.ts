/**
 * The trace watch takes on a trigger, when the service dies while writing it: the body that
 * came before the connection closed is kept, and reads as the GC's last complete seconds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizeGcTrace } from '../../src/analysis/go-trace-summary.js';
import { fetchServiceProfile } from '../../src/sources/target-profiles.js';
import { goSkipReason } from '../support/go-scenario.js';
import { writeTrace } from './trace-gen.js';

test(
  'a trace cut off by the service dying is kept, and summarized up to the cut',
  { skip: goSkipReason('tracegen') },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-trace-fetch-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const made = writeTrace(dir, '', ['-for', '2500ms', '-workers', '2']);
    if (typeof made === 'string') return t.skip(made);
    const whole = readFileSync(made.path);
    const sent = Math.floor(whole.length * 0.8);
    // Like net/http/pprof's Trace handler: a chunked body written as the trace goes, here
    // cut off as by a SIGKILL of the service.
    const server = createServer((req, res) => {
      assert.equal(req.url, '/debug/pprof/trace?seconds=2');
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(whole.subarray(0, sent), () => setTimeout(() => req.socket.destroy(), 50));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    t.after(() => server.close());
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const r = await fetchServiceProfile(base, 'trace', false, undefined, 2);
    assert.match(r.error ?? '', /cut short/);
    assert.equal(r.bytes?.length, sent);
    const s = summarizeGcTrace(r.bytes!);
    assert.ok(s.incomplete, 'the summary says the trace is incomplete');
    assert.ok(s.events > 0 && s.cycles.length > 0, 'the complete generations were read');
  },
);
