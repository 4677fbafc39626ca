/**
 * google/pprof internal/measurement Scale: a value in one unit to another of the same kind
 * (memory in powers of 1024, time, Google compute units), with "minimum"/"auto" picking the
 * largest unit the value reaches. Used to print values and to read tag-filter ranges
 * ("-tagfocus=bytes=1kb:64kb") the way pprof does.
 */

interface Unit {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly factor: number;
}

interface UnitType {
  readonly defaultUnit: Unit;
  readonly units: readonly Unit[];
}

const u = (name: string, aliases: string[], factor: number): Unit => ({ name, aliases, factor });

const MEMORY: UnitType = {
  defaultUnit: u('B', ['b', 'byte'], 1),
  units: [
    u('B', ['b', 'byte'], 1),
    u('kB', ['kb', 'kbyte', 'kilobyte'], 2 ** 10),
    u('MB', ['mb', 'mbyte', 'megabyte'], 2 ** 20),
    u('GB', ['gb', 'gbyte', 'gigabyte'], 2 ** 30),
    u('TB', ['tb', 'tbyte', 'terabyte'], 2 ** 40),
    u('PB', ['pb', 'pbyte', 'petabyte'], 2 ** 50),
  ],
};

const TIME: UnitType = {
  defaultUnit: u('s', [], 1e9),
  units: [
    u('ns', ['ns', 'nanosecond'], 1),
    u('us', ['μs', 'us', 'microsecond'], 1e3),
    u('ms', ['ms', 'millisecond'], 1e6),
    u('s', ['s', 'sec', 'second'], 1e9),
    u('hrs', ['hour', 'hr'], 3600e9),
  ],
};

const GCU: UnitType = {
  defaultUnit: u('GCU', [], 1),
  units: [
    u('n*GCU', ['nanogcu'], 1e-9),
    u('u*GCU', ['microgcu'], 1e-6),
    u('m*GCU', ['milligcu'], 1e-3),
    u('GCU', ['gcu'], 1),
    u('k*GCU', ['kilogcu'], 1e3),
    u('M*GCU', ['megagcu'], 1e6),
    u('G*GCU', ['gigagcu'], 1e9),
    u('T*GCU', ['teragcu'], 1e12),
    u('P*GCU', ['petagcu'], 1e15),
  ],
};

const UNIT_TYPES = [MEMORY, TIME, GCU];

/** UnitType.sniffUnit: lower case, a plural "s" dropped past two letters, then the aliases. */
function sniff(t: UnitType, unit: string): Unit | undefined {
  let a = unit.toLowerCase();
  if (a.length > 2 && a.endsWith('s')) a = a.slice(0, -1);
  return t.units.find((x) => x.aliases.includes(a));
}

function autoScale(t: UnitType, value: number): [number, string] | undefined {
  let best: Unit | undefined;
  for (const x of t.units) if (x.factor >= (best?.factor ?? 0) && value / x.factor >= 1) best = x;
  return best && [value / best.factor, best.name];
}

function convert(t: UnitType, value: number, from: string, to: string): [number, string] | null {
  const fromUnit = sniff(t, from);
  if (!fromUnit) return null;
  const v = value * fromUnit.factor;
  if (to === 'minimum' || to === 'auto')
    return autoScale(t, v) ?? [v / t.defaultUnit.factor, t.defaultUnit.name];
  const toUnit = sniff(t, to) ?? t.defaultUnit;
  return [v / toUnit.factor, toUnit.name];
}

/**
 * scaleMeasurement with both units fixed, looked up once: a report prints thousands of values
 * in one unit, and the lookups were half the time of printing 1490 rows (measured).
 */
export function measurementScaler(from: string, to: string): (value: number) => [number, string] {
  const t = to === 'minimum' || to === 'auto' ? undefined : UNIT_TYPES.find((x) => sniff(x, from));
  if (!t) return (value) => scaleMeasurement(value, from, to);
  const fromFactor = sniff(t, from)!.factor;
  const { factor, name } = sniff(t, to) ?? t.defaultUnit;
  // The same operations as convert(), negative values as scaleMeasurement turns them.
  return (value) =>
    value < 0 ? [-((-value * fromFactor) / factor), name] : [(value * fromFactor) / factor, name];
}

/** measurement.Scale: the value in `to` and the unit's printed name ("" if uninteresting). */
export function scaleMeasurement(value: number, from: string, to: string): [number, string] {
  if (value < 0) {
    const [v, unit] = scaleMeasurement(-value, from, to);
    return [-v, unit];
  }
  for (const t of UNIT_TYPES) {
    const r = convert(t, value, from, to);
    if (r) return r;
  }
  return [value, ['count', 'sample', 'unit', 'minimum', 'auto'].includes(to) ? '' : to];
}
