import Decimal from 'decimal.js';

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
  if (typeof value === 'boolean') return value ? '1' : '0';
  return null;
}

export { Decimal };
