/**
 * Which program a container starts. Kubernetes: `command` replaces the image's Entrypoint and
 * `args` its Cmd; a command without args drops the Cmd too (kubernetes.io, "Define a Command
 * and Arguments for a Container"). The runtime finds a name without "/" in the PATH of the
 * container's environment (runc, libcontainer exec.LookPath), a relative path from WorkingDir.
 * Init wrappers (tini, dumb-init) and `sh -c "exec PROGRAM ..."` are looked through, since the
 * program the wrapper starts is the one whose memory counts.
 */

export interface ImageRunConfig {
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly env?: readonly string[];
  readonly workingDir?: string;
}

export interface RunRequest {
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly pathEnv?: string;
}

export type ProgramLookup =
  | {
      readonly argv: readonly string[];
      readonly program: string;
      readonly candidates: readonly string[];
    }
  | { readonly argv: readonly string[]; readonly unknown: string };

/** Docker's default PATH for a Linux container without one (moby oci/defaults.go). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const WRAPPERS = new Set(['tini', 'tini-static', 'dumb-init', 'docker-init', 'catatonit']);
/** Wrapper flags that take a value: tini -p SIGNAL, -e CODE; dumb-init -r/--rewrite s:r. */
const WITH_VALUE = new Set(['-p', '-e', '-r', '--rewrite']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

export function containerArgv(config: ImageRunConfig, req: RunRequest): string[] {
  const entry = req.command ?? config.entrypoint ?? [];
  const cmd = req.args ?? (req.command ? [] : (config.cmd ?? []));
  return [...entry, ...cmd];
}

export function lookupProgram(config: ImageRunConfig, req: RunRequest): ProgramLookup {
  const argv = containerArgv(config, req);
  const program = programOf(argv);
  if ('unknown' in program) return { argv, unknown: program.unknown };
  const name = program.name;
  if (name.includes('/')) {
    const dir = config.workingDir || '/';
    return { argv, program: name, candidates: [name.startsWith('/') ? name : `${dir}/${name}`] };
  }
  const envPath = config.env?.find((e) => e.startsWith('PATH='))?.slice(5);
  const path = req.pathEnv ?? envPath ?? DEFAULT_PATH;
  const dirs = path.split(':').filter((d) => d.startsWith('/'));
  return { argv, program: name, candidates: dirs.map((d) => `${d.replace(/\/$/, '')}/${name}`) };
}

function programOf(argv: readonly string[]): { name: string } | { unknown: string } {
  let rest = [...argv];
  for (let depth = 0; depth < 4; depth++) {
    const first = rest[0];
    if (first === undefined || first === '') return { unknown: 'the image has no command' };
    const base = first.slice(first.lastIndexOf('/') + 1);
    if (WRAPPERS.has(base)) {
      rest = afterWrapper(rest.slice(1));
      continue;
    }
    if (SHELLS.has(base)) {
      const script = rest[1] === '-c' ? rest[2] : undefined;
      const word = script === undefined ? undefined : firstWord(script);
      if (word === undefined)
        return { unknown: `${first} runs a script: the program it starts is not known` };
      rest = [word];
      continue;
    }
    return { name: first };
  }
  return { unknown: 'wrappers nested too deep' };
}

function afterWrapper(args: string[]): string[] {
  const dash = args.indexOf('--');
  if (dash >= 0) return args.slice(dash + 1);
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += WITH_VALUE.has(args[i]) ? 2 : 1;
  return args.slice(i);
}

/** "exec /app --flag" -> "/app"; undefined when the script is more than a plain command. */
function firstWord(script: string): string | undefined {
  if (/[;&|$`<>(){}'"\\]/.test(script)) return undefined;
  const words = script.trim().split(/\s+/);
  const w = words[0] === 'exec' ? words[1] : words[0];
  return w !== undefined && /^[A-Za-z0-9_./+-]+$/.test(w) ? w : undefined;
}
