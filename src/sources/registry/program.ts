/**
 * What a program copied out of an image is: a Go binary (its build info, read in a few ranged
 * reads by formats/go-buildinfo.ts, as for /proc/PID/exe), another ELF binary, or a script.
 */
import { readGoBuildInfo } from '../../formats/go-buildinfo.js';
import { ParseError } from '../../model/errors.js';
import type { CachedProgram } from './cache.js';
import { hostFs } from '../hostfs.js';

type Verdict = Omit<CachedProgram, 'binary'>;

export async function programVerdict(file: string): Promise<Verdict> {
  const opened = await hostFs('/').openRanged(file);
  if (opened.status !== 'ok')
    return { verdict: 'unknown', reason: `not readable: ${reason(opened)}` };
  const f = opened.value;
  try {
    const head = await f.readRange(0, 128);
    if (head[0] === 0x23 && head[1] === 0x21) {
      const line = new TextDecoder().decode(head).split('\n')[0];
      return {
        verdict: 'unknown',
        reason: `a script (${line.slice(0, 60)}): the program it starts is not known`,
      };
    }
    const r = await readGoBuildInfo({ size: f.size, read: (o, n) => f.readRange(o, n) });
    if (r.kind === 'not-go')
      return r.reason === 'not an ELF file'
        ? { verdict: 'unknown', reason: 'not an ELF binary' }
        : { verdict: 'not-go', reason: r.reason };
    const setting = (k: string) => r.info.settings.find(([name]) => name === k)?.[1];
    return {
      verdict: 'go',
      reason: 'Go build info',
      goVersion: r.info.goVersion,
      goexperiment: setting('GOEXPERIMENT'),
      mainModule: r.info.path || undefined,
    };
  } catch (err) {
    if (err instanceof ParseError)
      return { verdict: 'unknown', reason: `damaged Go build info: ${err.message}` };
    throw err;
  } finally {
    await f.close().catch(() => undefined);
  }
}

function reason(o: { status: string; reason?: string }): string {
  return o.reason ?? o.status;
}
