/**
 * `gomemlens ps`: the Go processes on this host, recognised by the build info in their
 * binaries (as gops lists them, without an agent), each with its effective cgroup limit,
 * working set, GOMEMLIMIT and GOGC.
 */
import { psRow, type PsRow } from '../analysis/ps.js';
import { renderPsText } from '../report/ps-text.js';
import { readBinaryInfo } from '../sources/binary.js';
import { readCgroupForPid } from '../sources/cgroup.js';
import { hostFs, type HostFs } from '../sources/hostfs.js';
import { listPids } from '../sources/processes.js';
import { readProcess } from '../sources/procfs.js';
import { UsageError } from '../model/errors.js';
import { parseFlags } from './flags.js';

const HELP = `gomemlens ps [--json] [--root DIR]

Lists the Go processes on this host: PID, Go version, effective cgroup memory limit, RSS,
working set (as kubectl top shows it), and the GOMEMLIMIT and GOGC in their environment.
A Go binary is recognised by the build info Go writes into it.

Flags:
  --json        one JSON object per process in an array (sizes in bytes)
  --root DIR    read /proc and /sys under DIR (a host mounted elsewhere)`;

/** How many processes are read at once: enough to overlap I/O, few enough for open files. */
const CONCURRENCY = 64;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(
    argv,
    { json: { type: 'boolean' }, root: { type: 'string' } },
    HELP,
  );
  if (help) return 0;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const { rows, denied } = await scanProcesses(hostFs(values.root ?? '/'));
  if (values.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else if (rows.length === 0 && denied.length > 0)
    process.stdout.write('no Go processes found among the processes this user can read\n');
  else process.stdout.write(renderPsText(rows));
  // Another user's /proc/PID/exe cannot be read: those processes are unknown, not "not Go".
  if (denied.length > 0) {
    const some = denied.slice(0, 5).join(', ') + (denied.length > 5 ? ', ...' : '');
    console.error(
      `gomemlens ps: ${denied.length} process${denied.length === 1 ? '' : 'es'} not inspected: cannot read /proc/PID/exe: permission denied (run as their user or root); PIDs ${some}`,
    );
  }
  return 0;
}

export async function listGoProcesses(fs: HostFs): Promise<PsRow[]> {
  return (await scanProcesses(fs)).rows;
}

/** The Go processes, and the PIDs whose binary this user may not read. */
async function scanProcesses(fs: HostFs): Promise<{ rows: PsRow[]; denied: number[] }> {
  const pids = (await listPids(fs)).filter((pid) => pid !== process.pid);
  const rows: PsRow[] = [];
  const denied: number[] = [];
  for (let i = 0; i < pids.length; i += CONCURRENCY) {
    const slice = pids.slice(i, i + CONCURRENCY);
    const batch = await Promise.all(slice.map((pid) => rowFor(fs, pid)));
    batch.forEach((row, j) => {
      if (row === 'denied') denied.push(slice[j]);
      else if (row) rows.push(row);
    });
  }
  return { rows: rows.sort((a, b) => a.pid - b.pid), denied };
}

async function rowFor(fs: HostFs, pid: number): Promise<PsRow | 'denied' | undefined> {
  const binary = await readBinaryInfo(fs, `/proc/${pid}/exe`);
  if (binary.status === 'unreadable' && binary.reason === 'permission denied') return 'denied';
  if (binary.status !== 'ok' || !binary.value.isGo) return undefined;
  const [proc, cgroup] = await Promise.all([readProcess(fs, pid), readCgroupForPid(fs, pid)]);
  return psRow(pid, proc, binary, cgroup);
}
