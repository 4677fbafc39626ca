/**
 * /proc/PID/net/tcp and tcp6 (Documentation/networking/proc_net_tcp.rst): one socket a line,
 * addresses as hex "ADDR:PORT" in host byte order per 32-bit word, state 0A = LISTEN.
 */
export interface TcpListener {
  readonly address: string; // "127.0.0.1", "0.0.0.0", "::", "::1"
  readonly port: number;
  readonly inode: number;
}

const LISTEN = '0A';

export function parseProcNetTcp(text: string, family: 4 | 6): TcpListener[] {
  const out: TcpListener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 10 || cols[3] !== LISTEN) continue;
    const [addrHex, portHex] = cols[1].split(':');
    const port = parseInt(portHex, 16);
    const inode = Number(cols[9]);
    if (!Number.isFinite(port) || !Number.isSafeInteger(inode)) continue;
    const address = family === 4 ? ipv4(addrHex) : ipv6(addrHex);
    if (address !== undefined) out.push({ address, port, inode });
  }
  return out;
}

/** "0100007F" -> "127.0.0.1" (the kernel prints the 32-bit word in host order: little-endian here). */
function ipv4(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return undefined;
  const bytes = [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return bytes.join('.');
}

function ipv6(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) return undefined;
  const words: string[] = [];
  for (let w = 0; w < 4; w++) {
    const chunk = hex.slice(w * 8, w * 8 + 8);
    const le = [6, 4, 2, 0].map((i) => chunk.slice(i, i + 2)).join('');
    words.push(le.slice(0, 4), le.slice(4, 8));
  }
  const groups = words.map((g) => parseInt(g, 16).toString(16));
  const text = groups.join(':');
  if (text === '0:0:0:0:0:0:0:0') return '::';
  if (text === '0:0:0:0:0:0:0:1') return '::1';
  if (text.startsWith('0:0:0:0:0:ffff:')) {
    const [hi, lo] = [parseInt(words[6], 16), parseInt(words[7], 16)];
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return text;
}
