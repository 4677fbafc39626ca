/**
 * HTTP for the registry client, on the global fetch: redirects followed by hand (a blob GET is
 * often sent on to a storage host, which must not receive the registry's Authorization header),
 * every request under the inspection's deadline and an idle timeout, and bodies read under a
 * size cap so a registry serving junk cannot fill memory.
 */
import { InputError } from '../../model/errors.js';
import { formatBytes } from '../../model/units.js';

export interface RequestOptions {
  readonly headers?: Record<string, string>;
  /** The whole inspection's deadline (and Ctrl-C). */
  readonly signal: AbortSignal;
  /** No answer (headers) within this many ms is a timeout. */
  readonly timeoutMs: number;
  readonly method?: 'GET' | 'HEAD';
}

const MAX_REDIRECTS = 5;

/** GET (or HEAD) with redirects; the Authorization header stays on the first origin. */
export async function send(url: string, opts: RequestOptions): Promise<Response> {
  let current = new URL(url);
  const origin = current.origin;
  for (let hop = 0; ; hop++) {
    const headers = { ...opts.headers };
    if (current.origin !== origin) delete headers.authorization;
    // The timeout covers the answer's headers only: a body may take long, as long as bytes
    // keep coming (chunksOf's idle timeout); the inspection's deadline covers both.
    const headersDue = new AbortController();
    const timer = setTimeout(
      () => headersDue.abort(new DOMException('headers timeout', 'TimeoutError')),
      opts.timeoutMs,
    );
    const signal = AbortSignal.any([opts.signal, headersDue.signal]);
    let res: Response;
    try {
      res = await fetch(current, {
        method: opts.method ?? 'GET',
        headers,
        redirect: 'manual',
        signal,
      });
    } catch (err) {
      throw new InputError(`${current.host}: ${networkReason(err, opts.timeoutMs)}`);
    } finally {
      clearTimeout(timer);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS)
        throw new InputError(`${current.host}: more than ${MAX_REDIRECTS} redirects`);
      current = new URL(location, current);
      if (current.protocol !== 'https:' && current.protocol !== 'http:')
        throw new InputError(`${origin}: redirect to a ${current.protocol} URL`);
      continue;
    }
    return res;
  }
}

/** The whole body, refused past `maxBytes` (whatever Content-Length claims). */
export async function readBody(
  res: Response,
  maxBytes: number,
  what: string,
  idleMs: number,
): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new InputError(`${what}: ${formatBytes(declared)} is more than ${formatBytes(maxBytes)}`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunksOf(res, idleMs, what)) {
    total += chunk.length;
    if (total > maxBytes) throw new InputError(`${what}: more than ${formatBytes(maxBytes)}`);
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** The body's chunks; a gap of `idleMs` without a byte ends it with a timeout. */
export async function* chunksOf(
  res: Response,
  idleMs: number,
  what: string,
): AsyncGenerator<Uint8Array> {
  if (!res.body) return;
  const reader = res.body.getReader();
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new InputError(`${what}: no data for ${idleMs / 1000} s`)),
          idleMs,
        );
      });
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await Promise.race([reader.read(), idle]);
      } catch (err) {
        if (err instanceof InputError) throw err;
        throw new InputError(`${what}: ${networkReason(err, idleMs)}`);
      } finally {
        clearTimeout(timer);
      }
      if (step.done) return;
      yield step.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  if (e.name === 'AbortError') return 'stopped (the inspection deadline passed)';
  const code = e.cause?.code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EHOSTUNREACH: 'host unreachable',
    UND_ERR_SOCKET: 'connection closed',
  };
  if (code && known[code]) return known[code];
  if (code?.startsWith('HPE_')) return `not an HTTP answer (${code})`;
  return (e.cause?.message ?? e.message ?? String(err)).split('\n')[0];
}
