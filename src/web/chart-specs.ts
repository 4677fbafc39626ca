/** The report's four time charts, from the report data's columns. */
import type { ReportData } from '../report/html/report-data.js';
import type { ChartSpec } from './charts.js';

export function chartSpecs(data: ReportData): ChartSpec[] {
  return specs(data).map((s) => ({ ...s, marks: data.marks }));
}

function specs(data: ReportData): ChartSpec[] {
  return [
    {
      title: 'Memory',
      unit: 'bytes',
      columns: data.memory,
      series: [
        { key: 'limit', label: 'limit', color: '#d62728', dash: [6, 4], limit: true },
        { key: 'high', label: 'memory.high', color: '#ff7f0e', dash: [3, 3], limit: true },
        { key: 'gomemlimit', label: 'GOMEMLIMIT', color: '#9467bd', dash: [6, 2], limit: true },
        { key: 'usage', label: 'usage', color: '#8c564b' },
        { key: 'workingSet', label: 'working set', color: '#1f77b4' },
        { key: 'rss', label: 'RSS', color: '#17becf' },
        { key: 'heapInuse', label: 'heap in use', color: '#2ca02c' },
        { key: 'nextGC', label: 'heap goal', color: '#bcbd22', dash: [2, 2] },
        { key: 'live', label: 'live heap', color: '#7f7f7f' },
      ],
    },
    {
      title: 'GC',
      unit: 'ms',
      columns: data.gc,
      series: [
        { key: 'pauseMs', label: 'longest pause (ms)', color: '#d62728', points: true },
        { key: 'gcPerSec', label: 'GCs per second', color: '#1f77b4', unit: 'rate' },
      ],
    },
    {
      title: 'memory.events / failcnt',
      unit: 'count',
      columns: data.events,
      series: [
        { key: 'high', label: 'high', color: '#ff7f0e' },
        { key: 'max', label: 'max', color: '#d62728' },
        { key: 'oomKill', label: 'oom_kill', color: '#7f7f7f' },
        { key: 'failcnt', label: 'failcnt (v1)', color: '#8c564b' },
      ],
    },
    {
      title: 'Forecast: time to the OOM kill (and to the GC thrash point)',
      unit: 'sec',
      columns: data.forecast,
      series: [
        { key: 'etaSec', label: 'ETA', color: '#d62728' },
        { key: 'etaLowSec', label: 'low', color: '#ff9896', dash: [3, 3] },
        { key: 'etaHighSec', label: 'high', color: '#ff9896', dash: [3, 3] },
        { key: 'thrashEtaSec', label: 'GC thrash at GOMEMLIMIT', color: '#9467bd' },
      ],
    },
  ];
}
