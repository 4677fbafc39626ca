import type { CommandEntry } from './commands.js';
import { InputError, UsageError } from '../model/errors.js';

const VERSION = '0.1.0';

function usage(commands: Record<string, CommandEntry>): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return [
    'gomemlens: why your Go service in a container uses the memory it does',
    '',
    'Usage: gomemlens <command> [flags]   (gomemlens <command> --help for its flags)',
    '',
    'Commands:',
    ...lines,
  ].join('\n');
}

/** Dispatches argv to a command and exits with its code; errors become one line on stderr. */
export async function runCommand(commands: Record<string, CommandEntry>, argv: string[]) {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage(commands));
    process.exit(name === undefined ? 2 : 0);
  }
  if (name === '--version' || name === '-v') {
    console.log(VERSION);
    process.exit(0);
  }
  quietOnClosedPipe();
  const entry = commands[name];
  if (!entry) {
    console.error(`gomemlens: unknown command "${name}" (see gomemlens --help)`);
    process.exit(2);
  }
  try {
    const mod = await entry.load();
    process.exitCode = await mod.run(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof InputError) {
      console.error(`gomemlens ${name}: ${err.message}`);
      process.exitCode = 2;
    } else {
      console.error(`gomemlens ${name}: internal error: ${(err as Error)?.stack ?? err}`);
      process.exitCode = 3;
    }
  }
}

/** `gomemlens ... | head` closes stdout early: stop quietly instead of crashing on EPIPE. */
function quietOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
