import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../rater/db/connect';
import { Decimal } from '../../../shared/decimal/decimal';
import { price } from '../../../shared/pricing/price';
import { usageRateCardSchema } from '../../../shared/pricing/rate-card';

/**
 * Metering prices in its batch statement (meterline_price, migrations/0014); statements, the
 * catch-up and every brute force price in TypeScript (shared/pricing/price.ts). The two must agree
 * to the last digit, for every model and slab kind, at slab edges and for fractional usage.
 */
const decimal = fc
  .tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 3 }))
  .map(([n, places]) => new Decimal(n).div(10 ** places).toFixed());
const cardArb = fc.oneof(
  fc
    .record({
      pricingModel: fc.constantFrom('TIERED', 'VOLUME'),
      starts: fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 4 }),
      rates: fc.array(decimal, { minLength: 5, maxLength: 5 }),
      flats: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    })
    .map(({ pricingModel, starts, rates, flats }) => ({
      pricingModel,
      slabs: [0, ...starts.sort((a, b) => a - b)].map((s, i) => ({
        startAfter: String(s),
        rate: rates[i]!,
        priceType: flats[i] ? 'FLAT' : 'PER_UNIT',
      })),
    })),
  fc
    .record({ size: decimal.filter((d) => new Decimal(d).gt(0)), rate: decimal })
    .map(({ size, rate }) => ({ pricingModel: 'PACKAGE', packageSize: size, slabs: [{ startAfter: '0', rate }] })),
);
const usageArb = fc.oneof(decimal, fc.integer({ min: 0, max: 500 }).map(String));

describe('meterline_price', () => {
  it('prices exactly as shared/pricing/price.ts, for any card and usage', async () => {
    const { pool } = connect(env);
    try {
      await fc.assert(
        fc.asyncProperty(cardArb, fc.array(usageArb, { minLength: 1, maxLength: 20 }), async (raw, usages) => {
          const card = usageRateCardSchema.parse({ usageMeterId: 'm', ...raw });
          const { rows } = await pool.query<{ amount: string }>(
            'SELECT meterline_price($1, $2, $3::numeric[], $4::numeric[], $5::boolean[], u)::text AS amount FROM unnest($6::numeric[]) WITH ORDINALITY AS x (u, n) ORDER BY n',
            [
              card.pricingModel,
              card.packageSize ?? null,
              card.slabs.map((s) => s.startAfter),
              card.slabs.map((s) => s.rate),
              card.slabs.map((s) => s.priceType === 'FLAT'),
              usages,
            ],
          );
          rows.forEach((row, i) =>
            expect(new Decimal(row.amount).toFixed(), `${JSON.stringify(card)} at ${usages[i]}`).toBe(
              price(card, usages[i]!).toFixed(),
            ),
          );
        }),
        { numRuns: 100 },
      );
    } finally {
      await pool.end();
    }
  });
});
