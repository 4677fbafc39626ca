/**
 * `serve --listen ADDR`: host and port, loopback by default. Anything else serves a process's
 * memory and profiles to whoever can reach the address, so it is allowed but warned about.
 */
import { UsageError } from '../model/errors.js';

export const DEFAULT_LISTEN = '127.0.0.1:7070';

export interface Listen {
  readonly host: string;
  readonly port: number;
  readonly warning?: string;
}

export function parseListen(text: string | undefined): Listen {
  const spec = text ?? DEFAULT_LISTEN;
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(spec);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535)
    throw new UsageError(`--listen wants HOST:PORT like 127.0.0.1:7070, got "${spec}"`);
  const host = m[1] ?? (m[2] || '127.0.0.1');
  const loopback = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host);
  const warning = loopback
    ? undefined
    : `serving on ${spec}: anyone who can reach it sees this process's memory and can take its heap profiles`;
  return { host, port, warning };
}
