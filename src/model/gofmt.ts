/**
 * Go's float formatting, so that numbers print exactly as benchstat prints them: `%v`
 * (strconv 'g' with precision -1: shortest digits, exponent form when the decimal exponent
 * is < -4 or >= 6) and `%.Nf` (the exact decimal value, exact halves to even).
 */

/** Go's fmt %v for a float64. */
export function formatGoFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // toExponential() gives the shortest round-trip digits, like strconv's shortest mode.
  const [mant, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const abs = Math.abs(exp);
    return `${mant}e${sign}${abs < 10 ? '0' : ''}${abs}`;
  }
  return expandDecimal(mant, exp);
}

/** "1.718", -6 -> "0.000001718"; "1.5", 2 -> "150". */
function expandDecimal(mant: string, exp: number): string {
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (exp < 0) out = '0.' + '0'.repeat(-exp - 1) + digits;
  else if (digits.length <= exp + 1) out = digits + '0'.repeat(exp + 1 - digits.length);
  else out = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  return (neg ? '-' : '') + out;
}

const EXTRA = 40;

/** Go's %.Nf: like toFixed, but exact halves round to even as strconv does. */
export function formatGoFixed(x: number, prec: number): string {
  if (!Number.isFinite(x)) return formatGoFloat(x);
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const scaled = abs * 10 ** prec;
  const nearHalf = Math.abs(scaled - Math.floor(scaled) - 0.5) <= 1e-6 * Math.max(1, scaled);
  if (scaled < 2 ** 50 && prec <= 22) {
    // Fast and exact: away from a tie, rounding the scaled value is the decimal rounding;
    // at a tie the product must be exact (no rounding error) to be a tie at all.
    if (!nearHalf) return (neg ? '-' : '') + fixedDigits(scaled, prec);
    if (scaled - Math.floor(scaled) === 0.5 && productError(abs, 10 ** prec) === 0) {
      const down = Math.floor(scaled);
      return (neg ? '-' : '') + fixedDigits(down % 2 === 0 ? down : down + 1, prec);
    }
  }
  let text = abs.toFixed(prec);
  if (nearHalf && abs < 1e21 && prec + EXTRA <= 100) {
    const long = abs.toFixed(prec + EXTRA);
    const tail = long.slice(long.length - EXTRA);
    if (tail === '5' + '0'.repeat(EXTRA - 1)) {
      // An exact tie: toFixed rounded up; Go keeps the even neighbour.
      const cut = long.slice(0, long.length - EXTRA);
      const truncated = prec === 0 ? cut.slice(0, -1) : cut;
      const lastDigit = Number(truncated[truncated.length - 1]);
      if (lastDigit % 2 === 0) text = truncated;
    }
  }
  return (neg ? '-' : '') + text;
}

/** a*b minus its float64 rounding, exactly (Dekker's product with Veltkamp's split). */
function productError(a: number, b: number): number {
  const p = a * b;
  const split = (x: number): [number, number] => {
    const c = 134217729 * x; // 2^27 + 1
    const hi = c - (c - x);
    return [hi, x - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * The digits of a value already scaled by 10^prec and away from a tie: round, then place
 * the point (integer to string is several times faster than toFixed, and reports format
 * thousands of numbers).
 */
function fixedDigits(scaled: number, prec: number): string {
  const digits = String(Math.round(scaled));
  if (prec === 0) return digits;
  const padded = digits.length > prec ? digits : '0'.repeat(prec + 1 - digits.length) + digits;
  return `${padded.slice(0, padded.length - prec)}.${padded.slice(padded.length - prec)}`;
}

/** Go's %+.Nf. */
export function formatGoSigned(x: number, prec: number): string {
  const s = formatGoFixed(x, prec);
  return s.startsWith('-') ? s : '+' + s;
}
