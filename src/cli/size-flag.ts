/**
 * The one parser for size flags (--limit, --max-size, --max-bytes, --max-image-size): Go's
 * syntax as GOMEMLIMIT takes it (256MiB, 1GiB, a plain number of bytes) or a Kubernetes
 * quantity as a manifest has it (256Mi, 1G); a user of this tool writes both.
 */
import { parseGoMemLimit } from '../model/gomemlimit.js';
import { parseQuantity, quantityBytes } from '../model/k8s-quantity.js';
import { UsageError } from '../model/errors.js';

/** Bytes (a whole number above 0), or undefined when the flag was not given. */
export function sizeFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const go = parseGoMemLimit(text);
  if (go.kind === 'bytes' && go.bytes > 0) return go.bytes;
  const q = parseQuantity(text);
  const bytes = q.ok ? quantityBytes(q.quantity) : undefined;
  if (bytes !== undefined && bytes > 0) return bytes;
  throw new UsageError(`--${name} wants a size like 256MiB or 256Mi; got "${text}"`);
}

/**
 * `--limit` of watch and serve: the memory limit of the cgroup they create for `-- CMD`, so
 * it means nothing without a command.
 */
export function commandLimitFlag(text: string | undefined, command: unknown): number | undefined {
  if (text !== undefined && command === undefined)
    throw new UsageError('--limit goes with -- CMD (the memory cgroup it runs in)');
  return sizeFlag('limit', text);
}
