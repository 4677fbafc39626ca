// The Prometheus text parser: unit cases, agreement with promtool (the Prometheus project's own
// parser) on what is valid, and fuzzing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { parsePromText, toPromGoMetrics } from '../../src/formats/prom-text.js';
import { ParseError } from '../../src/model/errors.js';

test('families, types, HELP, escaped labels, NaN/+Inf/-Inf and timestamps', () => {
  const text = [
    '# HELP req_total Requests, with a \\\\ and a\\nnewline.',
    '# TYPE req_total counter',
    'req_total{code="200",path="/a\\"b\\\\c\\nd"} 1027 1700000000000',
    'req_total{code="500",} 3',
    '# a plain comment',
    '# TYPE lat summary',
    'lat{quantile="0.5"} NaN',
    'lat{quantile="0.99"} +Inf',
    'lat_sum -Inf',
    'lat_count 2e+3',
    'untyped_one 1.5e-3',
  ].join('\n');
  const fams = parsePromText(text);
  assert.deepEqual(
    fams.map((f) => [f.name, f.type, f.samples.length]),
    [
      ['req_total', 'counter', 2],
      ['lat', 'summary', 4],
      ['untyped_one', 'untyped', 1],
    ],
  );
  assert.equal(fams[0].help, 'Requests, with a \\ and a\nnewline.');
  assert.deepEqual(fams[0].samples[0], {
    name: 'req_total',
    labels: { code: '200', path: '/a"b\\c\nd' },
    value: 1027,
    timestampMs: 1700000000000,
  });
  assert.ok(Number.isNaN(fams[1].samples[0].value));
  assert.deepEqual(
    fams[1].samples.slice(1).map((s) => s.value),
    [Infinity, -Infinity, 2000],
  );
});

test('errors name the line', () => {
  assert.throws(
    () => parsePromText('ok 1\nbad{l="x} 1\n'),
    (e: unknown) => e instanceof ParseError && e.where.line === 2,
  );
  assert.throws(() => parsePromText('<html><body>404</body></html>'), ParseError);
  assert.throws(() => parsePromText('a 1 2 3'), /line 1/);
  assert.throws(() => parsePromText('# TYPE a gauge\na 1\n# TYPE a counter\n'), /second TYPE/);
  assert.throws(() => parsePromText('a 1\n# TYPE a counter\n'), /TYPE after samples/);
  assert.throws(() => parsePromText('a{__name__="b"} 1\n'), /reserved/);
});

test('client_golang names map to PromGoMetrics', () => {
  const text = [
    '# TYPE go_gc_duration_seconds summary',
    'go_gc_duration_seconds{quantile="0"} 1e-05',
    'go_gc_duration_seconds{quantile="1"} 0.002',
    'go_gc_duration_seconds_sum 0.01',
    'go_gc_duration_seconds_count 7',
    'go_gc_gomemlimit_bytes 9.223372036854776e+18',
    'go_gc_gogc_percent 50',
    'go_sched_gomaxprocs_threads 4',
    'go_info{version="go1.26.8"} 1',
    'go_memstats_heap_inuse_bytes 1.2e+07',
    'go_goroutines 12',
  ].join('\n');
  const m = toPromGoMetrics(parsePromText(text));
  assert.deepEqual(m, {
    goVersion: 'go1.26.8',
    goroutines: 12,
    gomemlimitBytes: 2 ** 63,
    gogcPercent: 50,
    gomaxprocs: 4,
    memstats: { heap_inuse_bytes: 12_000_000 },
    gcDuration: { quantiles: { '0': 1e-5, '1': 0.002 }, sum: 0.01, count: 7 },
  });
  assert.equal(toPromGoMetrics(parsePromText('http_requests_total 3\n')), undefined);
});

const promtool = spawnSync('promtool', ['--version']).status === 0;

/** promtool exits 1 on a parse error, 3 on lint problems in text it could parse, 0 when clean. */
function promtoolAccepts(text: string): boolean {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.ok(
    r.status === 0 || r.status === 1 || r.status === 3,
    `promtool exit ${r.status}: ${r.stderr}`,
  );
  return r.status !== 1;
}

const CORPUS = [
  'a 1\n',
  'a{b="c"} 1\n',
  'a{b="c",} 1\n',
  'a{b="c\\nd"} 1 123\n',
  'a{b="c\\"d"} -Inf\n',
  '# TYPE a gauge\na NaN\n',
  '# HELP a some \\\\ help\n# TYPE a counter\na 1\n',
  '# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 3\nh_count 2\n',
  '# TYPE s summary\ns{quantile="0.5"} 1\ns_sum 1\ns_count 1\n',
  'a{b="c} 1\n',
  'a 1 2 3\n',
  'a{b=c} 1\n',
  'a{b="c" d="e"} 1\n',
  'a{1b="c"} 1\n',
  'a one\n',
  '# TYPE a bogus\na 1\n',
  'a{b="\\q"} 1\n',
  'a 1 1.5\n',
  '{b="c"} 1\n',
  'a{b="c",b="d"} 1\n',
];

test(
  'accepts and rejects the same texts as promtool',
  { skip: !promtool && 'promtool not installed (apt-get install prometheus)' },
  () => {
    for (const text of CORPUS) {
      let ours = true;
      try {
        parsePromText(text);
      } catch (err) {
        assert.ok(err instanceof ParseError, String(err));
        ours = false;
      }
      assert.equal(
        ours,
        promtoolAccepts(text),
        `promtool and parsePromText disagree on ${JSON.stringify(text)}`,
      );
    }
  },
);

test(
  'agrees with promtool on generated texts',
  { skip: !promtool && 'promtool not installed (apt-get install prometheus)' },
  () => {
    const name = fc.constantFrom('a', 'a_sum', 'a_count', 'a_bucket', 'b', 'x:y', '1x', 'a-b');
    const labels = fc.constantFrom(
      '',
      '{}',
      '{l="v"}',
      '{l="v",}',
      '{l="a\\"b"}',
      '{l="\\n"}',
      '{l=v}',
      '{l="v" m="w"}',
      '{le="+Inf"}',
      '{l="v",l="w"}',
      '{ l = "v" }',
      '{__name__="x"}',
    );
    const value = fc.constantFrom(
      '1',
      '-1.5e3',
      'NaN',
      '+Inf',
      '-Inf',
      'Inf',
      'nan',
      '1_000',
      '0x10',
      '.5',
      '5.',
      'abc',
      '',
    );
    const ts = fc.constantFrom('', ' 1700000000000', ' -5', ' 1.5', ' x');
    const sample = fc.tuple(name, labels, value, ts).map(([n, l, v, t]) => `${n}${l} ${v}${t}`);
    const meta = fc.constantFrom(
      '# TYPE a gauge',
      '# TYPE a counter',
      '# TYPE a summary',
      '# TYPE a foo',
      '# HELP a x \\n y',
      '# comment',
      '#TYPE a gauge',
      '# TYPE b untyped',
    );
    const docs = fc.sample(
      fc
        .array(fc.oneof(sample, meta), { minLength: 1, maxLength: 5 })
        .map((ls) => ls.join('\n') + '\n'),
      25,
    );
    for (const text of docs) {
      let ours = true;
      try {
        parsePromText(text);
      } catch (err) {
        assert.ok(err instanceof ParseError, String(err));
        ours = false;
      }
      assert.equal(
        ours,
        promtoolAccepts(text),
        `promtool and parsePromText disagree on ${JSON.stringify(text)}`,
      );
    }
  },
);

test('fuzz: any text gives families or a ParseError', () => {
  const line = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      '# TYPE a gauge',
      '# HELP a x',
      'a{b="c"} 1',
      'a_sum 1',
      'a{quantile="0.5"} NaN',
      'a{',
      'a{b="',
      '# TYPE a summary',
    ),
  );
  fc.assert(
    fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
      try {
        const fams = parsePromText(lines.join('\n'));
        toPromGoMetrics(fams);
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
      }
    }),
    { numRuns: 300 },
  );
});
