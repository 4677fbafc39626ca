/** Reads manifest inputs: files, directories (*.yaml, *.yml, *.json, recursively) or "-" (stdin). */
import { isUtf8 } from 'node:buffer';
import { parseManifests, type ParsedManifests } from '../formats/k8s-manifest.js';
import { UsageError } from '../model/errors.js';
import type { ManifestObject } from '../model/k8s.js';
import { MiB } from '../model/units.js';
import { readInputBytes } from '../sources/input-file.js';
import { expandInputs, type WalkResult } from '../sources/input-walk.js';

/**
 * Larger inputs are refused as they are read (stdin, /dev/zero and FIFOs included). The token
 * budget of the parser (MANIFEST_LIMITS) is what bounds memory; this only stops reading.
 */
export const MAX_MANIFEST_BYTES = 64 * MiB;

export interface InputFile {
  readonly name: string;
  readonly text: string;
  /** False when the bytes are not UTF-8 (the text then has U+FFFD in their place). */
  readonly utf8: boolean;
}

/**
 * Files to read, in order. Directories are walked for manifest names; FIFOs, sockets, devices,
 * dangling links, loops and unreadable entries in them are skipped, each with a note.
 */
export async function listInputs(args: readonly string[]): Promise<WalkResult> {
  if (args.length === 0) throw new UsageError('give manifest files, directories, or - for stdin');
  return expandInputs(args, (name) => /\.(ya?ml|json)$/i.test(name));
}

export async function readInput(name: string): Promise<InputFile> {
  const bytes = await readInputBytes(name, { maxBytes: MAX_MANIFEST_BYTES, what: 'manifest' });
  // Buffer#toString keeps a byte order mark as U+FEFF, so k8s fix writes it back.
  return { name, text: bytes.toString('utf8'), utf8: isUtf8(bytes) };
}

/** Parses one input; broken YAML is a ParseError "file:line:column: reason" (exit 2). */
export function parseInput(file: InputFile): ParsedManifests {
  return parseManifests(file.text, file.name);
}

/** Every object of the inputs (lint and gen read them all); the walk's notes go to `note` first. */
export async function readManifestObjects(
  args: readonly string[],
  note: (line: string) => void,
): Promise<{ readonly files: readonly string[]; readonly objects: ManifestObject[] }> {
  const { files, notes } = await listInputs(args);
  for (const line of notes) note(line);
  const objects: ManifestObject[] = [];
  for (const name of files)
    for (const object of parseInput(await readInput(name)).objects) objects.push(object);
  return { files, objects };
}
