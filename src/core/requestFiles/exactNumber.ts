// Whether a JSON number goes out as written: the body is sent as a JavaScript object, so a number is a double on
// the way, and one whose decimal value a double cannot hold (2^53 + 1, 1e400, 0.1000000000000000000001, -0) would
// silently become another number on the wire.

/** A decimal number as sign, significant digits (no leading or trailing zeros) and exponent; zero has no digits. */
interface Decimal {
  negative: boolean;
  digits: string;
  exponent: bigint;
}

const JSON_NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

function decimalOf(text: string): Decimal | undefined {
  const match = JSON_NUMBER.exec(text);
  if (!match) {
    return undefined;
  }
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let digits = (whole + fraction).replace(/^0+/, '');
  let shift = BigInt(exponent) - BigInt(fraction.length);
  const trailing = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - trailing);
  shift += BigInt(trailing);
  return { negative: sign === '-', digits, exponent: digits === '' ? 0n : shift };
}

/**
 * What a number written as `source` would be sent as, when that differs from its value; undefined when it goes out
 * exactly (`1.0`, `1e3` and `1000` are the same number, and go out as `1`, `1000`, `1000`: same value, so fine).
 */
export function inexactNumber(source: string): { sentAs: string; reason: string } | undefined {
  if (source !== '-0' && String(Number(source)) === source) {
    return undefined; // the common case, written as JavaScript prints it: no need to compare digits
  }
  const written = decimalOf(source);
  if (!written) {
    return undefined; // not JSON number syntax: the parser reports it
  }
  const value = Number(source);
  if (!Number.isFinite(value)) {
    return { sentAs: 'null', reason: 'it is beyond the largest number JavaScript can hold' };
  }
  if (written.digits === '' && written.negative) {
    return { sentAs: '0', reason: 'JSON from JavaScript has no negative zero' };
  }
  const sent = decimalOf(String(value).replace('e+', 'e'));
  if (sent && sent.digits === written.digits && sent.exponent === written.exponent && sent.negative === written.negative) {
    return undefined;
  }
  const reason =
    written.digits !== '' && value === 0
      ? 'it is too small for a JavaScript number'
      : Number.isInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER
        ? 'whole numbers above 2^53 lose digits in JavaScript'
        : 'JavaScript numbers keep about 17 significant digits';
  return { sentAs: JSON.stringify(value), reason };
}
