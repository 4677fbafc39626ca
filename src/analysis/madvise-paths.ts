/**
 * Which part of the Go runtime made a madvise call, told from its user stack (innermost
 * first). The runtime's callers, in the Go source (go1.22-go1.26):
 * - runtime/mheap.go runtime_debug_freeOSMemory -> (*mheap).scavengeAll -> (*pageAlloc).scavenge:
 *   debug.FreeOSMemory returns every free page at once;
 * - runtime/mheap.go (*mheap).allocSpan -> (*pageAlloc).scavenge: scavenging on allocation
 *   when the heap grows past the scavenger's goal or the memory limit; (*mheap).grow -> sysMap
 *   issues MADV_NOHUGEPAGE on new heap memory under GODEBUG=disablethp=1;
 * - runtime/mgcscavenge.go bgscavenge -> (*scavengerState).run -> (*pageAlloc).scavenge: the
 *   background scavenger;
 * - runtime/mpagealloc.go (*pageAlloc).grow / enableChunkHugePages and runtime/malloc.go
 *   (*mheap).sysAlloc / enableMetadataHugePages: MADV_HUGEPAGE / MADV_NOHUGEPAGE on the heap's
 *   metadata ("they're all for GC metadata", mem_linux.go sysMapOS).
 * Stacks cut short are read too: strace -k unwinds with DWARF and stops at the switch to the
 * system stack, so the background scavenger shows as (*pageAlloc).scavenge.func1 then
 * runtime.systemstack with nothing below. Its other callers already run on the system stack,
 * where systemstack calls the function directly and the frames below stay visible.
 */
import type { MadvisePath } from '../model/madvise.js';

const FORCED = [
  /^runtime\/debug\.freeOSMemory$/,
  /^runtime\.runtime_debug_freeOSMemory/,
  /^runtime\.\(\*mheap\)\.scavengeAll$/,
];
const METADATA = [
  /^runtime\.\(\*pageAlloc\)\.(grow|sysGrow|enableChunkHugePages)$/,
  /^runtime\.\(\*mheap\)\.(sysAlloc|enableMetadataHugePages)$/,
];
const GROWTH = [/^runtime\.\(\*mheap\)\.(allocSpan|grow)$/];
const BACKGROUND = [/^runtime\.bgscavenge$/, /^runtime\.\(\*scavengerState\)\.run$/];

/** The calling path of one stack. */
export function classifyStack(stack: readonly string[]): MadvisePath {
  if (!stack.some((f) => /[a-z]/i.test(f) && !/^0x[0-9a-f]+$/.test(f))) return 'no-stack';
  const has = (patterns: readonly RegExp[]) => stack.some((f) => patterns.some((p) => p.test(f)));
  if (has(FORCED)) return 'free-os-memory';
  if (has(METADATA)) return 'gc-metadata-hugepages';
  if (has(GROWTH)) return 'heap-growth';
  if (has(BACKGROUND) || cutAtSystemStack(stack)) return 'background-scavenger';
  return 'other';
}

/** (*pageAlloc).scavenge.func1 called from runtime.systemstack, and the stack ends there. */
function cutAtSystemStack(stack: readonly string[]): boolean {
  const n = stack.length;
  return (
    n >= 2 &&
    /^runtime\.systemstack(\.abi0)?$/.test(stack[n - 1]) &&
    /^runtime\.\(\*pageAlloc\)\.scavenge\.func\d+$/.test(stack[n - 2])
  );
}
