/** The live page's one-line forecast, from the newest forecast record of the capture. */
import type { ForecastRecord } from '../formats/capture.js';
import { formatBytes, formatDuration } from '../model/units.js';

export function forecastLine(f: ForecastRecord | undefined): string {
  if (!f || f.kind === 'insufficient') return 'Forecast: collecting samples';
  const rate = f.slopeBytesPerSec !== undefined ? `, ${sign(f.slopeBytesPerSec)}/s charged` : '';
  const eta = f.etaSec !== undefined && f.etaSec > 0 ? `, OOM in ${span(f)}` : '';
  const thrash =
    f.thrashEtaSec !== undefined ? `, GC thrash at GOMEMLIMIT in ${secs(f.thrashEtaSec)}` : '';
  return `Forecast: ${f.kind}${rate}${thrash}${eta}`;
}

function span(f: ForecastRecord): string {
  const lo = f.etaLowSec !== undefined ? secs(f.etaLowSec) : '?';
  const hi = f.etaHighSec !== undefined && Number.isFinite(f.etaHighSec) ? secs(f.etaHighSec) : '?';
  return `${secs(f.etaSec!)} (${lo}..${hi})`;
}

const secs = (s: number) => formatDuration(s * 1000);
const sign = (b: number) => (b < 0 ? `-${formatBytes(-b)}` : `+${formatBytes(b)}`);
