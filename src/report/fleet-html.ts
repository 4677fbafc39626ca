/**
 * The fleet report as one self-contained HTML page: a table sortable by any column (a few
 * lines of inline script; numbers sort by their exact value), then a <details> block per
 * workload with its findings, recommendation, reasoning and the KRR/VPA comparison. Every
 * text from Prometheus (label values) is escaped; the CSP allows nothing from outside.
 */
import type { FleetReport, FleetWorkload } from '../model/fleet.js';
import { escapeHtml as e } from './html/page.js';
import { describeFinding } from './messages/index.js';
import { columnsFor, headline, sourceLines } from './fleet-view.js';
import { describeDifference, describeStep } from './fleet-reasons.js';

/** Sorts the table by the clicked header: numbers by data-v, text by its content. */
const SORT_JS = `
document.querySelectorAll('th[data-col]').forEach(function (th) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0], col = +th.dataset.col;
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var key = function (tr) {
      var td = tr.cells[col];
      return td.dataset.v !== undefined ? +td.dataset.v : td.textContent;
    };
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      var c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});`;

const CSS = `body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;font-size:13px}th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;white-space:nowrap}
th{cursor:pointer;background:#f4f4f4;position:sticky;top:0}th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
td[data-v]{text-align:right}.error{color:#b00020}.warning{color:#a15c00}details{margin:.4em 0}summary{cursor:pointer}li{margin:.15em 0}`;

export function renderFleetHtml(r: FleetReport): string {
  const cols = columnsFor(r);
  const head = cols.map((c, i) => `<th data-col="${i}" scope="col">${e(c.title)}</th>`).join('');
  const rows = r.workloads.map((w, i) => {
    const cells = cols.map((c) => {
      const cell = c.cell(w);
      const v =
        cell.value !== undefined && Number.isFinite(cell.value) ? ` data-v="${cell.value}"` : '';
      const text = c.key === 'workload' ? `<a href="#w${i}">${e(cell.text)}</a>` : e(cell.text);
      return `<td${v}>${text}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>gomemlens fleet</title>
<style>${CSS}</style>
</head>
<body>
<h1>${e(headline(r))}</h1>
<ul>${sourceLines(r)
    .map((l) => `<li>${e(l)}</li>`)
    .join('')}</ul>
${missing(r)}
<table id="fleet"><thead><tr>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<h2>Workloads</h2>
${r.workloads.map(detail).join('\n')}
<script>${SORT_JS}</script>
</body>
</html>
`;
}

function missing(r: FleetReport): string {
  const list = (title: string, items: readonly string[]) =>
    items.length
      ? `<h2>${title}</h2><ul>${items.map((m) => `<li>${e(m)}</li>`).join('')}</ul>`
      : '';
  return list('Partial result: not read', r.missing) + list('Not in Prometheus', r.absent);
}

function detail(w: FleetWorkload, i: number): string {
  const id = w.id;
  const name = `${id.cluster ? `${id.cluster} ` : ''}${id.namespace} ${id.kind}/${id.name} (${id.container})`;
  const findings = w.findings.map((f) => {
    const d = describeFinding(f);
    return `<li class="${f.severity}"><b>${f.severity}</b> ${e(d.title)} [${e(f.code)}]: ${e(d.summary)} <i>Fix:</i> ${e(d.fix)}</li>`;
  });
  const rec = w.recommendation;
  return `<details id="w${i}"><summary>${e(name)}: ${w.findings.length} finding(s), verdict ${e(w.verdict.kind)}</summary>
<p>Sources: ${e(w.sources.join(', '))}; owner from ${e(w.ownerSource)}.</p>
<ul>${findings.join('')}</ul>
<p>Recommendation (${e(rec.basis)}): GOMEMLIMIT=${e(rec.gomemlimit || '-')}, GOGC=${rec.gogc}</p>
<ol>${rec.steps.map((s) => `<li>${e(describeStep(s))}</li>`).join('')}</ol>
<p>Compared with KRR and the VPA recommender:</p>
<ul>${w.differences.map((d) => `<li>${e(describeDifference(d))}</li>`).join('')}</ul>
</details>`;
}
