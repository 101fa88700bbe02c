import DecimalJs from 'decimal.js';

/**
 * Quantities and money are exact decimals end to end: strings on the wire and in JSON, NUMERIC in
 * Postgres, decimal.js in between. JsonLogic computes in binary floats, so a number coming out of
 * a formula is cut to 15 significant digits — the precision a double holds exactly — which turns
 * 0.1 + 0.2 back into 0.3. A value read straight from an attribute never passes through a float.
 */
export function toDecimalString(value: unknown): string | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? new Decimal(value.toPrecision(15)).toFixed() : null;
  }
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    return new Decimal(value.trim()).toFixed();
  }
  if (typeof value === 'boolean') {
    return value ? '1' : '0';
  }
  return null;
}

/**
 * decimal.js rounds every arithmetic result to 20 significant digits unless told otherwise, which
 * would cut a sum such as 12345678901234567890.1 + 0.1. Metering only adds, compares and
 * multiplies values that arrive exact, so results keep every digit (1e9 is decimal.js's maximum).
 * Division at this precision would not terminate for 1/3: divide with a clone of fixed precision.
 */
export const Decimal = DecimalJs.clone({ precision: 1e9 });
export type Decimal = DecimalJs;
