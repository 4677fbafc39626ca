/** The live view on a terminal: redraws its lines in place (ANSI cursor up + clear). */
import type { Forecast } from '../analysis/forecast.js';
import type { Finding } from '../model/finding.js';
import type { Sample } from '../model/series.js';
import { liveLines } from '../report/watch-text.js';

export function liveView(stream: NodeJS.WriteStream) {
  let drawn = 0;
  const events: string[] = [];
  let last: [Sample, Forecast, readonly Finding[]] | undefined;
  const draw = () => {
    if (!last) return;
    const lines = liveLines(...last, events);
    stream.write(
      `${drawn ? `\x1b[${drawn}A` : ''}\x1b[J${lines.map((l) => `\x1b[2K${l.slice(0, stream.columns || 120)}`).join('\n')}\n`,
    );
    drawn = lines.length;
  };
  return {
    update(s: Sample, f: Forecast, findings: readonly Finding[]) {
      last = [s, f, findings];
      draw();
    },
    event(line: string) {
      events.push(line);
      draw();
    },
    close() {},
  };
}
