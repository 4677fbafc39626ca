/**
 * The icicle graph panel: the stacks of the current inputs (computed once per profile, base,
 * sample type and granularity), the zoom path, and a line saying what the search matched.
 */
import {
  flameGraph,
  matchedValue,
  nodeStacks,
  type NodeStacks,
} from '../analysis/profile-flame.js';
import type { GraphInput } from '../analysis/profile-graph.js';
import type { NodeOptions } from '../analysis/profile-nodes.js';
import { el } from './dom.js';
import { renderFlame } from './flame.js';
import { valueFormat } from './profile-tables.js';

export class FlamePanel {
  readonly root: HTMLElement;
  private readonly graph: HTMLElement;
  private readonly line = el('p', { class: 'muted flame-status' });
  private stacks: NodeStacks | undefined;
  private path: number[] = [];
  private unit = '';
  private diff = false;
  private search: RegExp | undefined;

  constructor(id: string) {
    this.graph = el('div', { id, class: 'scroll tall' });
    this.root = el('div', {}, this.line, this.graph);
  }

  load(inputs: readonly GraphInput[], o: NodeOptions, unit: string): void {
    this.stacks = nodeStacks(inputs, o);
    this.path = [];
    this.unit = unit;
    this.diff = inputs.length > 1;
  }

  draw(search: RegExp | undefined): void {
    this.search = search;
    const st = this.stacks;
    if (!st) return;
    const format = valueFormat(this.unit);
    const whole = flameGraph(st, { path: [] });
    const root = this.path.length ? flameGraph(st, { path: this.path }) : whole;
    const zoom = (path: number[]) => {
      this.path = path;
      this.draw(this.search);
    };
    this.graph.replaceChildren(
      renderFlame({
        root,
        total: whole.value,
        format,
        search,
        diff: this.diff,
        zoom,
        path: this.path,
      }),
    );
    const found = search ? matchedValue(st, search) : 0;
    const share = whole.value ? ((100 * found) / whole.value).toFixed(1) : '0';
    this.line.textContent = [
      this.path.length ? `Zoomed into ${root.name} (click the top frame to zoom out).` : '',
      search ? `Search matched ${format(found)}, ${share}% of the total.` : '',
    ]
      .filter(Boolean)
      .join(' ');
  }
}
