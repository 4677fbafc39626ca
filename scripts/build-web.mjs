// Bundles the browser code (src/web, with uPlot and the pprof engine): dist/web/report.js and
// report.css for `gomemlens report`, dist/web/pprof.js and pprof.css for `gomemlens pprof
// html`, dist/web/live.js and live.css for `gomemlens serve`; each command inlines its two
// files into one self-contained page.
import { build } from 'esbuild';

await build({
  entryPoints: {
    report: 'src/web/main.ts',
    pprof: 'src/web/pprof-page.ts',
    live: 'src/web/live.ts',
  },
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  legalComments: 'none',
  outdir: 'dist/web',
  logLevel: 'warning',
});
