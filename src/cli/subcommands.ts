/** Dispatch for commands with subcommands (pprof, k8s): help, unknown names, lazy loading. */
import type { CommandModule } from './commands.js';
import { UsageError } from '../model/errors.js';

export type Subcommands = Record<string, () => Promise<CommandModule>>;

export async function runSubcommand(
  subs: Subcommands,
  help: string,
  argv: string[],
): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    console.log(help);
    return sub === undefined ? 2 : 0;
  }
  const load = subs[sub];
  if (!load) throw new UsageError(`unknown subcommand "${sub}" (${Object.keys(subs).join(', ')})`);
  return (await load()).run(rest);
}
