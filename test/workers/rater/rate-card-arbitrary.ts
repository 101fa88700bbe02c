import fc from 'fast-check';
import { Decimal } from '../../../shared/decimal/decimal';

/** Amounts with two decimals, 0 to max/100, as decimal text. */
const decimal = (max: number) => fc.integer({ min: 0, max }).map((n) => new Decimal(n).div(100).toFixed());

/** Any usage rate card the pricing engine takes: TIERED or VOLUME slabs (PER_UNIT or FLAT), or a PACKAGE — for property tests. */
export const cardArb = fc.oneof(
  fc
    .record({
      pricingModel: fc.constantFrom('TIERED', 'VOLUME'),
      starts: fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 3 }),
      rates: fc.array(decimal(500), { minLength: 4, maxLength: 4 }),
      flats: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    })
    .map(({ pricingModel, starts, rates, flats }) => ({
      pricingModel,
      slabs: [0, ...starts.sort((a, b) => a - b)].map((s, i) => ({
        startAfter: String(s),
        rate: rates[i]!,
        priceType: flats[i] ? 'FLAT' : 'PER_UNIT',
      })),
    })),
  fc.record({ size: fc.integer({ min: 1, max: 50 }), rate: decimal(1000) }).map(({ size, rate }) => ({
    pricingModel: 'PACKAGE',
    packageSize: String(size),
    slabs: [{ startAfter: '0', rate }],
  })),
);
