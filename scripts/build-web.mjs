// Bundles the HTML report's browser code (src/web, with uPlot and the pprof engine) into
// dist/web/report.js and dist/web/report.css; `gomemlens report` inlines both into one file.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/web/main.ts'],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  legalComments: 'none',
  outfile: 'dist/web/report.js',
  logLevel: 'warning',
});
