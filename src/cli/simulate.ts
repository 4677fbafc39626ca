/** `gomemlens simulate CAPTURE --gogc ... --gomemlimit ... [--limit ...]`: what-if GC settings. */
import { simulateCapture } from '../app/advise.js';
import { UsageError } from '../model/errors.js';
import { renderSimulateText } from '../report/advise-text.js';
import { gogcList, gomemlimitList } from './advise-flags.js';
import { sizeFlag } from './size-flag.js';
import { intFlag, parseFlags } from './flags.js';

const HELP = `gomemlens simulate CAPTURE [--gogc 50,100,200,off] [--gomemlimit 180MiB,off] [--limit 256MiB]

Calibrates a model of Go's GC pacer on a capture written by \`gomemlens watch\` (better with
--gctrace: run the service with GODEBUG=gctrace=1), then predicts for each combination of the
settings given: GC cycles per second, the GC's share of CPU (with the GC CPU limiter), the
heap's and the container's peak memory, thrashing (the GC at half the CPU or more) and the
OOM kill. A setting left out is the capture's own. The model and how well it predicts real
runs: docs/advise.md. \`gomemlens report\` draws the same predictions as a what-if chart.

Flags:
  --gogc LIST          GOGC values, comma-separated; "off" for GOGC=off
  --gomemlimit LIST    GOMEMLIMIT values in Go's syntax (180MiB, 1GiB, off), comma-separated
  --limit SIZE         the container's memory limit (256MiB or 256Mi; default the capture's)
  --gomaxprocs N       GOMAXPROCS (default the capture's)
  --json               print the calibration and the predictions as JSON

Exit codes: 0 ok, 2 usage error, or a capture that is unreadable or does not calibrate.`;

const OPTIONS = {
  gogc: { type: 'string' },
  gomemlimit: { type: 'string' },
  limit: { type: 'string' },
  gomaxprocs: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length !== 1) throw new UsageError('give exactly one CAPTURE file');
  const gomaxprocs = intFlag('gomaxprocs', values.gomaxprocs);
  if (gomaxprocs !== undefined && (gomaxprocs < 1 || gomaxprocs > 1024))
    throw new UsageError(`--gomaxprocs wants 1 to 1024, got ${gomaxprocs}`);
  const doc = await simulateCapture(positionals[0], {
    ...(values.gogc === undefined ? {} : { gogc: gogcList(values.gogc) }),
    ...(values.gomemlimit === undefined ? {} : { gomemlimit: gomemlimitList(values.gomemlimit) }),
    containerLimit: sizeFlag('limit', values.limit),
    gomaxprocs,
  });
  if (values.json) console.log(JSON.stringify(doc, null, 1));
  else process.stdout.write(renderSimulateText(doc));
  return 0;
}
