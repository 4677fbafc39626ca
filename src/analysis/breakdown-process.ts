/**
 * The process layer of the breakdown: VmRSS split into RssAnon, RssFile and RssShmem
 * (/proc/PID/status; they add up to VmRSS, see proc(5)), LazyFree from smaps_rollup, and the Go
 * runtime inside the anonymous part, with what Go does not explain.
 */
import { valueOf } from '../model/observation.js';
import type { ProcessInfo, ProcStatus, SmapsRollup } from '../model/snapshot.js';
import { formatBytes } from '../model/units.js';
import { goLine } from './breakdown-go.js';
import { line, missingLine, reason, type BreakdownLine } from './breakdown-line.js';
import type { GoMemoryResult } from './go-memory.js';

const GO_LABEL = 'Go runtime: mapped and not released (Sys - HeapReleased)';

export function rssLine(proc: ProcessInfo | undefined, go: GoMemoryResult): BreakdownLine {
  const goNode = 'value' in go ? goLine(go.value) : missingLine('go', GO_LABEL, go.missing);
  if (!proc) return missingLine('rss', 'process RSS', 'no process observed (no --pid)', [goNode]);
  const status = valueOf(proc.status);
  const smaps = valueOf(proc.smapsRollup);
  const rss = status?.vmRss ?? smaps?.rss;
  if (rss === undefined) return missingLine('rss', 'process RSS', reason(proc.status), [goNode]);
  const src =
    status?.vmRss !== undefined ? `${proc.status.source} VmRSS` : `${proc.smapsRollup.source} Rss`;
  return line('rss', 'process RSS', rss, src, {
    children: [
      anonLine(proc, status, smaps, goNode),
      status?.rssFile !== undefined
        ? line(
            'rss.file',
            'file-backed (binary text, mapped files)',
            status.rssFile,
            `${proc.status.source} RssFile`,
          )
        : undefined,
      status?.rssShmem !== undefined
        ? line('rss.shmem', 'shared memory', status.rssShmem, `${proc.status.source} RssShmem`)
        : undefined,
      notGoLine(rss, goNode.bytes),
    ],
  });
}

function anonLine(
  proc: ProcessInfo,
  status: ProcStatus | undefined,
  smaps: SmapsRollup | undefined,
  goNode: BreakdownLine,
): BreakdownLine {
  const lazy = smaps?.lazyFree;
  const lazyLine =
    lazy !== undefined
      ? line(
          'rss.anon.lazyfree',
          "LazyFree: MADV_FREE'd, still resident until memory pressure",
          lazy,
          `${proc.smapsRollup.source} LazyFree`,
        )
      : missingLine('rss.anon.lazyfree', 'LazyFree', reason(proc.smapsRollup));
  const anon = status?.rssAnon ?? smaps?.anonymous;
  if (anon === undefined)
    return missingLine('rss.anon', 'anonymous', reason(proc.status), [goNode, lazyLine]);
  const src =
    status?.rssAnon !== undefined
      ? `${proc.status.source} RssAnon`
      : `${proc.smapsRollup.source} Anonymous`;
  return line('rss.anon', 'anonymous', anon, src, {
    children: [goNode, lazyLine, anonNotGo(anon, goNode.bytes, lazy)],
  });
}

/** Anonymous memory that is neither Go's nor LazyFree: cgo/C malloc, anonymous mmap. */
function anonNotGo(
  anon: number,
  goMapped: number | null,
  lazy: number | undefined,
): BreakdownLine | undefined {
  if (goMapped === null) return undefined;
  const rest = anon - goMapped - (lazy ?? 0);
  const note =
    rest < 0
      ? `Go and LazyFree exceed RssAnon by ${formatBytes(-rest)} (pages Go mapped but never touched): shown as 0`
      : 'remainder: not explained by the Go runtime';
  return line(
    'rss.anon.not-go',
    'anonymous memory not from the Go runtime (cgo/C malloc, syscall.Mmap)',
    Math.max(0, rest),
    'RssAnon - (Sys - HeapReleased) - LazyFree',
    { note },
  );
}

/** What the Go runtime does not explain: RSS - (Sys - HeapReleased). */
function notGoLine(rss: number, goMapped: number | null): BreakdownLine | undefined {
  if (goMapped === null) return undefined;
  const rest = rss - goMapped;
  const note =
    rest < 0
      ? `Go counts ${formatBytes(-rest)} more than is resident: mapped pages not yet touched`
      : 'remainder';
  return line(
    'rss.not-go',
    'RSS not explained by the Go runtime (cgo, mmap, binary text, LazyFree)',
    Math.max(0, rest),
    'process RSS - (Sys - HeapReleased)',
    { relation: 'reference', note },
  );
}
