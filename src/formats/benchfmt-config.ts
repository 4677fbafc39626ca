/**
 * The configuration in force while reading benchmark output (`key: value` lines apply to the
 * results that follow). Results share its array until a config line changes it, so that
 * consumers can cache their work per array. Bounded: a configuration of more than
 * MAX_CONFIG_BYTES (keys and values) is refused line by line, since every distinct
 * benchmark carries it into its table key (a real one is goos, goarch, pkg and cpu: 200 bytes).
 */
import type { BenchConfig } from '../model/bench.js';

export const MAX_CONFIG_BYTES = 8 * 1024;

export class ConfigState {
  private current: BenchConfig[] = [];
  /** key -> index in `current`: a linear search per line is quadratic in the key count. */
  private readonly index = new Map<string, number>();
  private bytes = 0;
  private shared = false;

  constructor(label: string) {
    this.set('.file', label, false);
  }

  snapshot(): readonly BenchConfig[] {
    this.shared = true;
    return this.current;
  }

  private writable(): BenchConfig[] {
    if (this.shared) {
      this.current = this.current.slice();
      this.shared = false;
    }
    return this.current;
  }

  /** False (and nothing changed) when the configuration would grow past MAX_CONFIG_BYTES. */
  set(key: string, value: string, file: boolean): boolean {
    const at = this.index.get(key);
    const old = at === undefined ? 0 : key.length + this.current[at].value.length;
    const bytes = this.bytes - old + key.length + value.length;
    if (file && bytes > MAX_CONFIG_BYTES) return false;
    const cfg = this.writable();
    this.bytes = bytes;
    if (at !== undefined) cfg[at] = { key, value, file };
    else this.index.set(key, cfg.push({ key, value, file }) - 1);
    return true;
  }

  /** Deletes by swapping with the last entry, as benchfmt does (it changes the order). */
  delete(key: string): void {
    const at = this.index.get(key);
    if (at === undefined) return;
    const cfg = this.writable();
    this.bytes -= key.length + cfg[at].value.length;
    const last = cfg.pop()!;
    this.index.delete(key);
    if (at < cfg.length) {
      cfg[at] = last;
      this.index.set(last.key, at);
    }
  }
}
