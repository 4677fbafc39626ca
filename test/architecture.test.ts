// Keeps the layer picture of the README's Development section true: data flows one way and
// only the edges do I/O.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = 'src';

/** Which src/ folders each layer may import from (besides itself). */
const ALLOWED: Record<string, string[]> = {
  model: [],
  formats: ['model'],
  sources: ['model', 'formats'],
  analysis: ['model', 'formats'],
  report: ['model', 'formats', 'analysis'],
  web: ['model', 'formats', 'analysis', 'report'],
  app: ['model', 'formats', 'sources', 'analysis', 'report'],
  cli: ['model', 'formats', 'sources', 'analysis', 'report', 'app'],
};

/** Layers that must stay pure: no node:* modules (no fs, network, clock, process). */
const PURE = new Set(['model', 'formats', 'analysis', 'report', 'web']);

/**
 * The orchestration layer (src/app/, like pprof's driver) does its I/O through sources/ and
 * leaves flags, the terminal and exit codes to cli/: no node:* module, console or process.
 */
const NO_EDGES = new Set(['app']);
/** node:* modules that only handle data in memory (no I/O), allowed in the layers above. */
const DATA_ONLY = new Set(['node:buffer']);
const EDGE_USE = /\bconsole\.|\bprocess\.(?:exit|exitCode|argv|env|stdin|stdout|stderr|on|once)\b/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const re = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...text.matchAll(re)].map((m) => m[1] ?? m[2]);
}

test('each layer imports only the layers to its left', () => {
  const problems: string[] = [];
  for (const file of walk(SRC)) {
    const layer = relative(SRC, file).split('/')[0];
    if (!(layer in ALLOWED)) {
      problems.push(`${file}: unknown layer "${layer}"`);
      continue;
    }
    for (const spec of importsOf(file)) {
      if (spec.startsWith('node:')) {
        if (PURE.has(layer) || (NO_EDGES.has(layer) && !DATA_ONLY.has(spec)))
          problems.push(`${file}: layer "${layer}" imports ${spec}`);
        continue;
      }
      if (!spec.startsWith('.')) continue; // packages
      const target = relative(SRC, join(file, '..', spec)).split('/')[0];
      if (target !== layer && !ALLOWED[layer].includes(target)) {
        problems.push(`${file}: "${layer}" may not import "${target}" (${spec})`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('the orchestration layer has no console, no process and no exit codes', () => {
  const files = walk(join(SRC, 'app'));
  assert.ok(files.length >= 5, `src/app holds ${files.length} files`);
  const problems = files.flatMap((file) => {
    const m = EDGE_USE.exec(readFileSync(file, 'utf8'));
    return m ? [`${file}: ${m[0]}`] : [];
  });
  assert.deepEqual(problems, []);
});
