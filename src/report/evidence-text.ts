/**
 * A finding's evidence value as people read it: "5.03 MiB/s", "35 s", "4m10s", "192 MiB", for
 * pages (the report and the live view); the exact number stays in the JSON.
 */
import type { ArgValue, EvidenceUnit } from '../model/finding.js';
import { formatBytes, formatDuration } from '../model/units.js';

export function evidenceText(v: ArgValue, unit?: EvidenceUnit): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v !== 'number') return v;
  switch (unit) {
    case 'bytes':
      return formatBytes(v);
    case 'bytes/s':
      return `${v < 0 ? '-' : '+'}${formatBytes(Math.abs(v))}/s`;
    case 'seconds':
      return seconds(v);
    case 'ns':
      return `${(v / 1e6).toFixed(2)} ms`;
    case 'percent':
      return `${v.toFixed(1)}%`;
    case 'ratio':
      return `${(v * 100).toFixed(1)}%`;
    default:
      return Number.isInteger(v) ? String(v) : v.toFixed(2);
  }
}

/** An ETA's upper end is -1 when the trend allows no end ("no bound"). */
function seconds(v: number): string {
  if (v < 0) return 'no bound';
  if (v < 60) return `${v < 10 ? v.toFixed(1) : v.toFixed(0)} s`;
  return formatDuration(v * 1000);
}
