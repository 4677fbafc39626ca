import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProcNetTcp } from '../../src/formats/proc-net-tcp.js';
import { hostFs } from '../../src/sources/hostfs.js';
import { listeningPorts, loopbackUrl } from '../../src/sources/listeners.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';

test('parses LISTEN rows of /proc/net/tcp and tcp6, skipping other states and junk', () => {
  const tcp4 = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0',
    '   1: 0100007F:1F91 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 4243 1 0 100 0 0 10 0',
    'garbage line',
  ].join('\n');
  assert.deepEqual(parseProcNetTcp(tcp4, 4), [{ address: '127.0.0.1', port: 8080, inode: 4242 }]);
  const tcp6 =
    'header\n   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 77 1 0 100 0 0 10 0';
  const [l] = parseProcNetTcp(tcp6, 6);
  assert.equal(l.address, '::');
  assert.equal(l.port, 80);
  assert.equal(loopbackUrl(l), 'http://127.0.0.1:80');
});

test('finds the port a live Go service listens on', { skip: goSkipReason() }, async (t) => {
  const svc = await startScenario('leaky', { args: ['-rate', '0'] });
  t.after(() => svc.stop());
  const ports = await listeningPorts(hostFs('/'), svc.pid);
  const urls = ports.map(loopbackUrl);
  assert.ok(urls.includes(svc.url), `${svc.url} not in ${urls.join(', ')}`);
});

test('a vanished process has no listeners and no error', async () => {
  assert.deepEqual(await listeningPorts(hostFs('/'), 2 ** 22 + 12345), []);
});
