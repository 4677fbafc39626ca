/**
 * The page of `gomemlens pprof html`: one self-contained file (report/html/page.ts: inlined
 * CSS and JS, the data as JSON, a Content-Security-Policy that allows no network) holding the
 * profiles' own bytes, which the page parses with the same engine as the CLI.
 */
import { renderPage, type PageAssets } from './page.js';

export interface PprofPageData {
  readonly version: 1;
  readonly title: string;
  /** The profiles, as given (gzipped or not), base64; the first is shown first. */
  readonly profiles: readonly { readonly label: string; readonly data: string }[];
  /** Index of the diff base in profiles, when one was given. */
  readonly base?: number;
  readonly notes: readonly string[];
}

export function renderPprofPage(data: PprofPageData, assets: PageAssets): string {
  return renderPage('page-data', data, assets, data.title);
}
