// Hostile inputs for serve: bad flags, a missing process, a port in use, a capture that
// exists: each exits 2 with one stderr line, having served and watched nothing.
import { after } from 'node:test';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileSuite } from './support.js';
import { cgroupSkipReason } from '../support/cgroup.js';

const busy = createServer();
await new Promise<void>((res) => busy.listen(0, '127.0.0.1', () => res()));
after(() => busy.close());
const BUSY = (busy.address() as { port: number }).port;
const SELF = String(process.pid);

hostileSuite('serve', [
  { name: 'no --pid', args: ['serve'], expectCode: 2, stderr: /give --pid N/ },
  { name: '--pid abc', args: ['serve', '--pid', 'abc'], expectCode: 2, stderr: /whole number/ },
  {
    name: 'a process that does not exist',
    args: ['serve', '--pid', '999999999', '--listen', '127.0.0.1:0'],
    expectCode: 2,
    stderr: /process 999999999 not found/,
  },
  {
    name: 'two --url for one --pid',
    args: ['serve', '--pid', SELF, '--url', 'http://a:1', '--url', 'http://b:1'],
    expectCode: 2,
    stderr: /at most one --url and one --out per --pid/,
  },
  {
    name: '--listen without a port',
    args: ['serve', '--pid', SELF, '--listen', 'localhost'],
    expectCode: 2,
    stderr: /--listen wants HOST:PORT/,
  },
  {
    name: '--listen on a port in use',
    args: ['serve', '--pid', SELF, '--listen', `127.0.0.1:${BUSY}`],
    expectCode: 2,
    stderr: new RegExp(`cannot listen on 127.0.0.1:${BUSY}: the port is in use`),
  },
  {
    name: '--out that exists is never overwritten',
    args: ['serve', '--pid', SELF, '--listen', '127.0.0.1:0', '--out', '{dir}/c.ndjson'],
    setup: (dir) => writeFileSync(join(dir, 'c.ndjson'), 'keep'),
    expectCode: 2,
    stderr: /cannot create .*c\.ndjson: .*exists/,
  },
  {
    name: '-- with no command',
    args: ['serve', '--'],
    expectCode: 2,
    stderr: /give the command after --/,
  },
  {
    name: '-- a command that does not exist',
    args: ['serve', '--listen', '127.0.0.1:0', '--', '/nonexistent/server'],
    expectCode: 2,
    stderr: /cannot run \/nonexistent\/server: not found or not executable/,
  },
  {
    name: '--limit that is not a size',
    args: ['serve', '--limit', '256 apples', '--', 'true'],
    expectCode: 2,
    stderr: /--limit wants a size like 256MiB or 256Mi; got "256 apples"/,
  },
  {
    name: '--limit without a command',
    args: ['serve', '--pid', SELF, '--limit', '256MiB'],
    expectCode: 2,
    stderr: /--limit goes with -- CMD/,
  },
  {
    name: 'a command that exits at once',
    args: ['serve', '--listen', '127.0.0.1:0', '--', 'false'],
    skip: cgroupSkipReason(),
    expectCode: 2,
    stderr: /false exited with 1 before it could be watched/,
  },
]);
