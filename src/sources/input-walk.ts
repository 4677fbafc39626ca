/**
 * Expands user-given paths into input files: a file as given, a directory walked recursively
 * for names that `accept`. Only regular files are taken from a directory: FIFOs (which would
 * block a read forever), sockets and device nodes are skipped, as are symlink loops, dangling
 * links and unreadable entries; each skip is a note the user sees.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../model/errors.js';
import { describeFsError } from './fs-errors.js';

export interface WalkResult {
  readonly files: string[];
  /** "dir/x.yaml: skipped, a FIFO", ... */
  readonly notes: string[];
}

export async function expandInputs(
  args: readonly string[],
  accept: (name: string) => boolean,
): Promise<WalkResult> {
  const files: string[] = [];
  const notes: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      files.push(arg);
      continue;
    }
    let st;
    try {
      st = await stat(arg);
    } catch (err) {
      throw new InputError(`${arg}: ${describeFsError(err)}`);
    }
    // A path given by name is read as it is (a FIFO or /dev/stdin is the user's choice).
    if (!st.isDirectory()) files.push(arg);
    else await walk(arg, accept, { files, notes, seen: new Set() });
  }
  return { files, notes };
}

interface WalkState extends WalkResult {
  readonly seen: Set<string>;
}

async function walk(dir: string, accept: (name: string) => boolean, s: WalkState) {
  let real: string;
  let entries: Dirent[];
  try {
    real = await realpath(dir);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    s.notes.push(`${dir}: skipped, ${describeFsError(err)}`);
    return;
  }
  if (s.seen.has(real)) {
    s.notes.push(`${dir}: skipped, a symlink loop (already walked as ${real})`);
    return;
  }
  s.seen.add(real);
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    const kind = await entryKind(path, entry);
    if (kind === 'directory') await walk(path, accept, s);
    else if (!accept(entry.name)) continue;
    else if (kind === 'file') s.files.push(path);
    else s.notes.push(`${path}: skipped, ${kind}`);
  }
}

/** The kind of an entry, following symlinks; a broken or looping link is described. */
async function entryKind(path: string, entry: Dirent): Promise<string> {
  let st;
  if (entry.isSymbolicLink()) {
    try {
      st = await stat(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? 'a dangling symlink' : describeFsError(err);
    }
  }
  const e = st ?? entry;
  if (e.isDirectory()) return 'directory';
  if (e.isFile()) return 'file';
  if (e.isFIFO()) return 'a FIFO (named pipe)';
  if (e.isSocket()) return 'a socket';
  if (e.isBlockDevice() || e.isCharacterDevice()) return 'a device node';
  return 'not a regular file';
}
