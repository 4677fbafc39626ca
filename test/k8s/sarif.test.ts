// SARIF 2.1.0 output validated against the OASIS schema (the copy shipped by
// @microsoft/jest-sarif) with ajv, a validator we did not write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import { cli, CORPUS } from './helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON/YAML, checked field by field
type Json = any;

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function validator() {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // CJS default export under NodeNext; the schema's language pattern is not valid with the u flag.
  const Ajv = (
    AjvDraft04 as unknown as {
      default: new (opts: object) => { compile(schema: object): ValidateFunction };
    }
  ).default;
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: false,
    unicodeRegExp: false,
  });
  return ajv.compile(schema);
}

test('k8s lint --format sarif is valid SARIF 2.1.0 with exact regions', () => {
  const r = cli(['k8s', 'lint', '--format', 'sarif', join(CORPUS, 'findings')]);
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout) as { version: string; runs: Json[] };
  const validate = validator();
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5)));
  const run = log.runs[0];
  assert.equal(log.version, '2.1.0');
  const malformed = run.results.find(
    (x: {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }) =>
      x.ruleId === 'k8s-gomemlimit-malformed' &&
      x.locations[0].physicalLocation.artifactLocation.uri.endsWith('helm-rendered.yaml'),
  );
  assert.deepEqual(malformed.locations[0].physicalLocation.region, {
    startLine: 58,
    startColumn: 22,
  });
  assert.equal(malformed.level, 'error');
  assert.equal(run.tool.driver.rules[malformed.ruleIndex].id, 'k8s-gomemlimit-malformed');
  const levels = new Set(run.results.map((x: { level: string }) => x.level));
  assert.deepEqual([...levels].sort(), ['error', 'note', 'warning']);
});

test('the validator does reject a broken log', () => {
  const validate = validator();
  assert.equal(validate({ version: '2.1.0', runs: [{ results: [{ ruleId: 1 }] }] }), false);
});

test('a clean input is a valid SARIF log with no results', () => {
  const r = cli(['k8s', 'lint', '--format', 'sarif', join(CORPUS, 'clean')]);
  assert.equal(r.status, 0);
  const log = JSON.parse(r.stdout) as { version: string; runs: Json[] };
  assert.ok(validator()(log));
  assert.deepEqual(log.runs[0].results, []);
});

test('the autoscaler, GOTRACEBACK and GOEXPERIMENT rules are SARIF results with their levels', () => {
  const files = ['hpa.yaml', 'vpa-feedback.yaml', 'runtime-vars.yaml'].map((f) =>
    join(CORPUS, 'findings', f),
  );
  const r = cli(['k8s', 'lint', '--format', 'sarif', ...files]);
  const log = JSON.parse(r.stdout) as { runs: Json[] };
  assert.ok(validator()(log));
  const run = log.runs[0];
  const levels = Object.fromEntries(
    run.results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level]),
  );
  assert.deepEqual(levels, {
    'k8s-hpa-memory-go': 'warning',
    'k8s-gomemlimit-vpa-feedback': 'warning',
    'k8s-gotraceback-oom': 'note',
    'k8s-goexperiment-at-runtime': 'warning',
    'k8s-memory-limit-missing': 'warning',
  });
  for (const x of run.results) {
    const rule = run.tool.driver.rules[x.ruleIndex];
    assert.equal(rule.id, x.ruleId);
    assert.ok(x.locations[0].physicalLocation.region.startLine > 1, x.ruleId);
  }
});
