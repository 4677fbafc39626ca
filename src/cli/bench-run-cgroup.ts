/**
 * `bench run --cgroup`: runs the command in a throw-away child memory cgroup, so the kernel
 * itself records the peak of the whole process tree (cgroup v1 memory.max_usage_in_bytes,
 * v2 memory.peak; both count page cache too, as the container limit does). The command is
 * started by a shell that moves itself into the group before exec, so no child escapes it.
 */
import {
  createSandboxCgroup,
  execInGroup,
  sandboxUnavailableReason,
  type SandboxCgroup,
} from '../sources/sandbox-cgroup.js';
import { UsageError } from '../model/errors.js';
import { hasCode } from '../sources/fs-errors.js';

export interface TreeCgroup {
  /** The command line to spawn instead of `cmd`. */
  wrap(cmd: readonly string[]): string[];
  /** The group's peak usage in bytes, or undefined when the kernel does not report it. */
  peak(): number | undefined;
  remove(): Promise<void>;
}

export function openTreeCgroup(): TreeCgroup {
  const reason = sandboxUnavailableReason();
  if (reason) throw new UsageError(`--cgroup: ${reason}`);
  const cg: SandboxCgroup = createSandboxCgroup('bench-run');
  return {
    wrap: (cmd) => execInGroup(cg, cmd),
    peak() {
      const file = cg.version === 1 ? 'memory.max_usage_in_bytes' : 'memory.peak';
      try {
        const v = Number(cg.read(file).trim());
        return Number.isSafeInteger(v) ? v : undefined;
      } catch (err) {
        if (!hasCode(err, 'ENOENT')) throw err;
        return undefined; // memory.peak needs Linux 5.19
      }
    },
    remove: () => cg.remove(),
  };
}
