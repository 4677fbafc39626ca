/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

/** A line about the input that is not an error (an entry skipped in a walk), on stderr. */
export function printNote(note: string): void {
  console.error(`note: ${note}`);
}
