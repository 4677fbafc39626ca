/**
 * Real memory cgroups for tests: a child of this process's own memory cgroup, with a limit,
 * that a test moves a process into (src/sources/sandbox-cgroup.ts does the work). Tests skip
 * (with the reason) where that is not possible. Always call remove() (it kills what is left).
 */
import {
  createSandboxCgroup,
  ownMemoryCgroupPath,
  sandboxUnavailableReason,
  type SandboxCgroup,
} from '../../src/sources/sandbox-cgroup.js';

export type TestCgroup = SandboxCgroup;
export { ownMemoryCgroupPath };

/** Why real cgroup tests cannot run here, or undefined when they can. */
export function cgroupSkipReason(): string | undefined {
  return sandboxUnavailableReason();
}

export function createTestCgroup(label: string): TestCgroup {
  return createSandboxCgroup(`test-${label}`);
}
