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
  let text = abs.toFixed(prec);
  const scaled = abs * 10 ** prec;
  const nearHalf = Math.abs(scaled - Math.floor(scaled) - 0.5) <= 1e-6 * Math.max(1, scaled);
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

/** Go's %+.Nf. */
export function formatGoSigned(x: number, prec: number): string {
  const s = formatGoFixed(x, prec);
  return s.startsWith('-') ? s : '+' + s;
}
