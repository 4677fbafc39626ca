/**
 * /proc/PID/cmdline: the arguments, each followed by NUL. Empty for kernel threads and
 * zombies. A process may rewrite its argv area, so the text is taken as it comes.
 */
const decoder = new TextDecoder('utf-8', { fatal: false });

export function parseCmdline(data: Uint8Array): string[] {
  if (data.length === 0) return [];
  const text = decoder.decode(data);
  const args = text.split('\0');
  if (args[args.length - 1] === '') args.pop();
  return args;
}
