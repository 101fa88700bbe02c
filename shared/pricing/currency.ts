import { z } from 'zod';
import { Decimal } from '../decimal/decimal';

/**
 * ISO 4217 currencies and their minor units (the digits after the point an amount is rounded
 * to on a statement). The common ones; a currency missing here is refused by name.
 */
export const minorUnits: Record<string, number> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  INR: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  BRL: 2,
  MXN: 2,
  ZAR: 2,
  SGD: 2,
  HKD: 2,
  CNY: 2,
  AED: 2,
  SAR: 2,
  ILS: 2,
  TRY: 2,
  JPY: 0,
  KRW: 0,
  VND: 0,
  CLP: 0,
  ISK: 0,
  HUF: 2,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
};

export const currencySchema = z
  .string()
  .refine((code) => Object.hasOwn(minorUnits, code), {
    message: `must be an ISO 4217 code Meterline knows: ${Object.keys(minorUnits).join(', ')}`,
  })
  .meta({ description: 'ISO 4217 code, e.g. USD' });

/**
 * Rounds an exact amount to the currency's minor unit, half to even (banker's rounding): the only
 * rounding Meterline does, once per statement line. 0.125 USD → 0.12, 0.135 USD → 0.14.
 */
export function roundMoney(amount: Decimal | string, currency: string): string {
  const digits = minorUnits[currency];
  if (digits === undefined) {
    throw new Error(`unknown currency ${currency}`);
  }
  return new Decimal(amount).toDecimalPlaces(digits, Decimal.ROUND_HALF_EVEN).toFixed(digits);
}
