/**
 * Finds the TCP ports a process listens on (its socket inodes from /proc/PID/fd matched against
 * /proc/PID/net/tcp{,6}), so `diagnose --pid` can find the Go runtime's HTTP endpoints without
 * being told the URL. Only ports reachable on loopback from here are returned.
 */
import { parseProcNetTcp, type TcpListener } from '../formats/proc-net-tcp.js';
import type { HostFs } from './hostfs.js';

/**
 * The ports `pid` listens on. When /proc/PID/fd cannot be read (another user's process), the
 * answer is unknown, not "none": `denied` then receives why.
 */
export async function listeningPorts(
  fs: HostFs,
  pid: number,
  denied?: (why: string) => void,
): Promise<TcpListener[]> {
  const [fds, tcp4, tcp6] = await Promise.all([
    fs.list(`/proc/${pid}/fd`),
    fs.readText(`/proc/${pid}/net/tcp`),
    fs.readText(`/proc/${pid}/net/tcp6`),
  ]);
  if (fds.status === 'unreadable') denied?.(`cannot read ${fds.source}: ${fds.reason}`);
  if (fds.status !== 'ok') return [];
  const links = await Promise.all(fds.value.map((fd) => fs.readLink(`/proc/${pid}/fd/${fd}`)));
  const inodes = new Set<number>();
  for (const link of links) {
    const m = link.status === 'ok' ? /^socket:\[(\d+)\]$/.exec(link.value) : null;
    if (m) inodes.add(Number(m[1]));
  }
  const all = [
    ...(tcp4.status === 'ok' ? parseProcNetTcp(tcp4.value, 4) : []),
    ...(tcp6.status === 'ok' ? parseProcNetTcp(tcp6.value, 6) : []),
  ];
  const seen = new Set<number>();
  return all.filter((l) => {
    if (!inodes.has(l.inode) || seen.has(l.port)) return false;
    seen.add(l.port);
    return true;
  });
}

/** The URL to reach a listener from this host: wildcard and loopback addresses map to 127.0.0.1. */
export function loopbackUrl(l: TcpListener): string | undefined {
  if (l.address === '0.0.0.0' || l.address === '127.0.0.1' || l.address === '::') {
    return `http://127.0.0.1:${l.port}`;
  }
  if (l.address === '::1') return `http://[::1]:${l.port}`;
  return `http://${l.address.includes(':') ? `[${l.address}]` : l.address}:${l.port}`;
}
