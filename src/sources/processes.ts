/** Process discovery: the PIDs under /proc (numeric directory names), ascending. */
import type { HostFs } from './hostfs.js';

export async function listPids(fs: HostFs): Promise<number[]> {
  const names = await fs.list('/proc');
  if (names.status !== 'ok') return [];
  const pids: number[] = [];
  for (const name of names.value) if (/^[1-9]\d{0,9}$/.test(name)) pids.push(Number(name));
  return pids.sort((a, b) => a - b);
}
