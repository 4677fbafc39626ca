// The `$ gomemlens pprof ...` examples of docs/pprof.md and README.md are real output: each is
// run on the bundled profiles and must print what the page shows. A line "..." in an example
// stands for lines left out; JSON examples are reflowed on the page, so their lines are not
// compared, only that the command succeeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli } from '../support/cli.js';

interface Example {
  readonly page: string;
  readonly args: string[];
  readonly expected: string[];
}

/** Shell words as the examples write them: bare, or in single quotes. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

function examples(page: string): Example[] {
  const out: Example[] = [];
  for (const [, block] of readFileSync(page, 'utf8').matchAll(
    /```\n(\$ gomemlens pprof [^\n]*\n[^]*?)```/g,
  )) {
    const [first, ...rest] = block.trimEnd().split('\n');
    const args = shellWords(first.slice('$ gomemlens '.length));
    if (args[1] !== 'html') out.push({ page, args, expected: rest });
  }
  return out;
}

const trimmed = (lines: readonly string[]) => lines.map((l) => l.trimEnd());

for (const ex of [...examples('docs/pprof.md'), ...examples('README.md')]) {
  test(`${ex.page}: gomemlens ${ex.args.join(' ')}`, async () => {
    const r = await runCli(ex.args);
    assert.equal(r.code, 0, r.stderr);
    if (ex.args.includes('--json')) return;
    const got = trimmed(r.stdout.trimEnd().split('\n'));
    const want = trimmed(ex.expected.filter((l) => !l.startsWith('tagfocus:')));
    if (!want.includes('...')) return assert.deepEqual(got, want);
    // With lines left out: the lines shown appear in order.
    let at = 0;
    for (const line of want.filter((l) => l !== '...')) {
      const i = got.indexOf(line, at);
      assert.ok(i >= 0, `"${line}" not printed (in order):\n${got.join('\n')}`);
      at = i + 1;
    }
  });
}

test('the pages have pprof examples', () => {
  assert.ok(examples('docs/pprof.md').length >= 6);
  assert.ok(examples('README.md').length >= 1);
});
