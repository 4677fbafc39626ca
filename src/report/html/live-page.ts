/**
 * The page of `gomemlens serve`: the report's page code (src/web) fed live. The page holds
 * only the list of targets; their records arrive as Server-Sent Events from the same origin,
 * which is all the Content-Security-Policy adds to the report's (connect-src 'self').
 */
import { renderPage, REPORT_CSP, type PageAssets } from './page.js';

export interface LiveTargetInfo {
  readonly id: string;
  /** "pid 1234, http://127.0.0.1:6060" */
  readonly label: string;
}

export interface LivePageData {
  readonly version: 1;
  readonly targets: readonly LiveTargetInfo[];
}

export const LIVE_CSP = `${REPORT_CSP}; connect-src 'self'`;

export function renderLivePage(data: LivePageData, assets: PageAssets): string {
  return renderPage('live-data', data, assets, 'gomemlens serve', LIVE_CSP);
}
