/**
 * The one self-contained HTML file: inlined CSS and JS, the report data embedded as JSON in a
 * <script type="application/json"> element. JSON is made safe for that context by escaping
 * "<" (so no "</script>" or "<!--" can close or confuse the element) and U+2028/2029; the
 * inlined JS gets "</script" escaped the same way. No network, works from file://.
 */
import type { ReportData } from './report-data.js';

export interface PageAssets {
  readonly js: string;
  readonly css: string;
}

export function renderReportHtml(
  data: ReportData,
  assets: PageAssets,
  title = 'gomemlens report',
): string {
  return renderPage('report-data', data, assets, title);
}

/** Nothing from the network: inline CSS and JS only, images from data: URLs. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** One self-contained page: `data` as JSON in the element `dataId`, the CSS and JS inlined. */
export function renderPage(
  dataId: string,
  data: unknown,
  assets: PageAssets,
  title: string,
  csp = REPORT_CSP,
) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escapeHtml(title)}</title>
<style>${assets.css.replace(/<\/style/gi, '<\\/style')}</style>
</head>
<body>
<div id="app"><noscript>This report needs JavaScript.</noscript></div>
<script type="application/json" id="${dataId}">${embedJson(data)}</script>
<script>${assets.js.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}

export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
