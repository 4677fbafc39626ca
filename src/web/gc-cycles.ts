/**
 * The GC cycles section: per cycle, heap before (start), after (end), live and the goal, and
 * the CPU of its phases, from the gctrace lines of the capture (report/html/gc-cycles.ts).
 */
import type { GcCycleCharts } from '../report/html/gc-cycles.js';
import { chart } from './charts.js';
import { el } from './dom.js';

export function gcCyclesView(g: GcCycleCharts | undefined, width: number): HTMLElement {
  const box = el('div', { id: 'gc-cycles-body' });
  if (!g) {
    box.append(
      el(
        'p',
        { class: 'muted' },
        'No GC cycles in this capture: run the service under watch -- CMD, or give watch --gctrace FILE with GODEBUG=gctrace=1.',
      ),
    );
    return box;
  }
  box.append(
    el(
      'p',
      {},
      `${g.cycles} GC cycles (${g.forced} forced) as the Go runtime printed them with GODEBUG=gctrace=1; heap sizes are whole MiB, truncated by the runtime.`,
    ),
    ...g.notes.map((n) => el('p', { class: 'muted' }, n)),
  );
  const noPick = () => undefined;
  box.append(
    chart(
      {
        title: 'Heap per GC cycle',
        unit: 'bytes',
        x: 'since-start',
        columns: g.heap,
        series: [
          { key: 'goal', label: 'goal', color: '#bcbd22', dash: [4, 3] },
          { key: 'heapStart', label: 'before (cycle start)', color: '#d62728' },
          { key: 'heapEnd', label: 'after (cycle end)', color: '#1f77b4' },
          { key: 'heapLive', label: 'marked live', color: '#2ca02c' },
        ],
      },
      width,
      noPick,
    ),
    chart(
      {
        title: 'GC CPU per cycle (ms)',
        unit: 'ms',
        x: 'since-start',
        columns: g.cpu,
        series: [
          { key: 'assist', label: 'mark assist', color: '#d62728' },
          { key: 'background', label: 'background mark', color: '#1f77b4' },
          { key: 'idle', label: 'idle mark', color: '#7f7f7f' },
          { key: 'stw', label: 'stop-the-world', color: '#9467bd' },
        ],
      },
      width,
      noPick,
    ),
  );
  return box;
}
