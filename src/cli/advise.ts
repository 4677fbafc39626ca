/** `gomemlens advise CAPTURE [--gc-cpu-budget 10%]`: request, limit, GOMEMLIMIT and GOGC together. */
import { adviseCapture } from '../app/advise.js';
import { DEFAULT_ADVISE } from '../analysis/pacer-advise.js';
import { UsageError } from '../model/errors.js';
import { renderAdviseText } from '../report/advise-text.js';
import { shareFlag } from './advise-flags.js';
import { parseFlags } from './flags.js';

const HELP = `gomemlens advise CAPTURE [--gc-cpu-budget 10%] [--margin 20%] [--headroom 5%]

Calibrates a model of Go's GC pacer on a capture written by \`gomemlens watch\` (better with
--gctrace: run the service with GODEBUG=gctrace=1) and sizes the container and the GC
together: the least memory (GOMEMLIMIT, then the container's limit) that keeps the GC's share
of CPU within the budget, with no OOM kill and no thrashing, when the service holds and
allocates --margin more than observed; the lowest GOGC that keeps today's load within the
budget under that limit; the request at today's predicted peak. Prints the reasoning, the
Kubernetes values (ready for \`gomemlens k8s fix --ratio\`) and the in-process agent's options.
The model and how well it predicts real runs: docs/advise.md.

Flags:
  --gc-cpu-budget P   the GC's share of CPU (GOMAXPROCS x wall time) allowed (default 10%)
  --margin P          more live heap and allocation than observed to hold (default 20%)
  --headroom P        share of the container limit kept free at the stressed peak (default 5%)
  --json              print the calibration, the advice and the candidates as JSON

Exit codes: 0 ok, 2 usage error, or a capture that is unreadable or does not calibrate.`;

const OPTIONS = {
  'gc-cpu-budget': { type: 'string' },
  margin: { type: 'string' },
  headroom: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length !== 1) throw new UsageError('give exactly one CAPTURE file');
  const doc = await adviseCapture(positionals[0], {
    gcCpuBudget: shareFlag('gc-cpu-budget', values['gc-cpu-budget']) ?? DEFAULT_ADVISE.gcCpuBudget,
    margin: shareFlag('margin', values.margin) ?? DEFAULT_ADVISE.margin,
    headroom: shareFlag('headroom', values.headroom) ?? DEFAULT_ADVISE.headroom,
  });
  if (values.json) console.log(JSON.stringify(doc, null, 1));
  else process.stdout.write(renderAdviseText(doc));
  return 0;
}
