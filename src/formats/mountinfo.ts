/**
 * /proc/PID/mountinfo (Documentation/filesystems/proc.rst, "3.5 /proc/<pid>/mountinfo"):
 *   36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 *   (1)(2) (3)  (4)   (5)      (6)       (7)   (8) (9)    (10)        (11)
 * (4) is the root of the mount within its filesystem: for a cgroup mount, the cgroup that
 * appears at the mount point (not "/" inside a container without a cgroup namespace).
 * Paths escape space, tab, newline and backslash as octal (\040).
 */
import { ParseError } from '../model/errors.js';
import { lines } from './kernel-text.js';

export interface MountEntry {
  readonly id: number;
  readonly parentId: number;
  /** Field 4: the directory of the filesystem mounted here. */
  readonly root: string;
  readonly mountPoint: string;
  readonly fsType: string;
  readonly source: string;
  /** Field 11, split on commas; for cgroup v1 it names the controllers ("rw,memory"). */
  readonly superOptions: readonly string[];
}

export function parseMountinfo(text: string): MountEntry[] {
  return lines(text).map((line, i) => parseLine(line, i + 1));
}

function parseLine(line: string, lineNo: number): MountEntry {
  const fields = line.split(' ');
  const dash = fields.indexOf('-', 6);
  if (dash < 0 || fields.length < dash + 3)
    throw new ParseError('expected "... - fstype source options"', { line: lineNo, text: line });
  const id = Number(fields[0]);
  const parentId = Number(fields[1]);
  if (!/^\d+$/.test(fields[0]) || !/^\d+$/.test(fields[1]))
    throw new ParseError('bad mount id', { line: lineNo, text: line });
  return {
    id,
    parentId,
    root: unescapeOctal(fields[3]),
    mountPoint: unescapeOctal(fields[4]),
    fsType: fields[dash + 1],
    source: unescapeOctal(fields[dash + 2]),
    superOptions: (fields[dash + 3] ?? '').split(','),
  };
}

/** The kernel's mangle(): " " -> \040, "\t" -> \011, "\n" -> \012, "\\" -> \134. */
function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}
