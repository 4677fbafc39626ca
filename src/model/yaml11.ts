/**
 * How Kubernetes tooling types an unquoted YAML scalar. kubectl and Helm turn YAML into JSON
 * with sigs.k8s.io/yaml, which follows YAML 1.1 (go-yaml v2): `off`, `on`, `yes`, `no`, `y`,
 * `n` are booleans, `~` and `null` are null, `1_000`, `0o17`, `0x1F` and `1e3` are numbers. An
 * env `value` must be a string, so such a value is refused by the API server (or, with a typed
 * decoder, silently becomes "false"/"1000"). Checked against sigs.k8s.io/yaml in the tests.
 */
export type Yaml11Type = 'bool' | 'null' | 'int' | 'float' | 'string';

const BOOL = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
]);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const INT = /^[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[1-9][0-9_]*|0)$/;
const FLOAT =
  /^[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/;

export function yaml11Type(plain: string): Yaml11Type {
  if (BOOL.has(plain)) return 'bool';
  if (NULL.has(plain)) return 'null';
  if (INT.test(plain)) return 'int';
  if (FLOAT.test(plain)) return 'float';
  return 'string';
}
