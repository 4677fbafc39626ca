/**
 * The CPU times of /proc/PID/stat (man 5 proc_pid_stat): fields 14 utime and 15 stime, in
 * clock ticks, counted after the command name, which is in parentheses and may itself hold
 * spaces and parentheses (so the fields start after the LAST ")").
 */
import type { ProcCpu } from '../model/snapshot.js';
import { ParseError } from '../model/errors.js';

/** USER_HZ: the unit of the times in /proc, 100 on every Linux architecture (proc(5), times(2)). */
export const USER_HZ = 100;

export function parseProcStatCpu(text: string): ProcCpu {
  const close = text.lastIndexOf(')');
  const fields =
    close < 0
      ? []
      : text
          .slice(close + 2)
          .trim()
          .split(' ');
  // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
  const [utime, stime] = [fields[11], fields[12]];
  if (!/^\d{1,20}$/.test(utime ?? '') || !/^\d{1,20}$/.test(stime ?? ''))
    throw new ParseError('expected "PID (comm) state ... utime stime ..."', {
      text: text.slice(0, 80),
    });
  return { userSec: Number(utime) / USER_HZ, systemSec: Number(stime) / USER_HZ };
}
