/**
 * gomemlens command dispatcher. Each command lives in its own file and is loaded on demand so
 * that start-up stays fast.
 */
import { COMMANDS } from './commands.js';
import { runCommand } from './run.js';

await runCommand(COMMANDS, process.argv.slice(2));
