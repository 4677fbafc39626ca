// benchstat's own testdata (golang.org/x/perf, pinned in testdata/upstream): our tables
// must match its expected outputs byte for byte, with the arguments its main_test.go uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTables, type CompareOptions } from '../../src/analysis/bench/table.js';
import { renderTablesText } from '../../src/report/bench-text.js';
import { renderTablesCsv } from '../../src/report/bench-csv.js';
import { parseInputs } from '../../src/app/bench-inputs.js';
import { benchstatFixtures, upstreamSkipReason } from '../support/upstream.js';

const skip = upstreamSkipReason();
const dir = () => benchstatFixtures();

interface Case {
  readonly name: string;
  readonly files: string[];
  readonly opts?: CompareOptions;
  readonly csv?: boolean;
}

const CASES: Case[] = [
  { name: 'csvOldNew', files: ['old.txt', 'new.txt'], csv: true },
  { name: 'csvErrors', files: ['new.txt'], opts: { row: '.name' }, csv: true },
  { name: 'crcOldNew', files: ['crc-old.txt', 'crc-new.txt'] },
  { name: 'crcIgnore', files: ['crc-old.txt', 'crc-new.txt'], opts: { ignore: 'note' } },
  {
    name: 'crcSizeVsPoly',
    files: ['crc-new.txt'],
    opts: { filter: '/align:0', row: '/size', col: '/poly' },
  },
  ...['units', 'zero', 'smallSample', 'issue19565', 'issue19634'].map((n) => ({
    name: n,
    files: [`${n}.txt`],
    opts: { col: 'note' },
  })),
];

function run(c: Case): { stdout: string; stderr: string } {
  const inputs = c.files.map((f) => ({
    name: f,
    label: f,
    text: readFileSync(join(dir(), f), 'utf8'),
  }));
  const loaded = parseInputs(inputs);
  const tables = buildTables(loaded.results, loaded.units, c.opts);
  if (!c.csv) return { stdout: renderTablesText(tables), stderr: '' };
  const { csv, warnings } = renderTablesCsv(tables);
  return { stdout: csv, stderr: warnings.map((w) => w + '\n').join('') };
}

for (const c of CASES) {
  test(`benchstat fixture ${c.name}`, { skip }, () => {
    const got = run(c);
    assert.equal(got.stdout, readFileSync(join(dir(), `${c.name}.stdout`), 'utf8'));
    let wantErr = '';
    try {
      wantErr = readFileSync(join(dir(), `${c.name}.stderr`), 'utf8');
    } catch {
      // no .stderr file: benchstat printed nothing there
    }
    if (c.csv) assert.equal(got.stderr, wantErr);
  });
}
