import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal/decimal';
import { roundMoney } from './currency';
import { price, priceUsage, revenueDelta } from './price';
import { usageRateCardSchema, type UsageRateCard } from './rate-card';

const card = (input: unknown): UsageRateCard =>
  usageRateCardSchema.parse({ usageMeterId: 'um.x', ...(input as object) });

// A ladder: the first 100 units at 1.00, the next 900 at 0.80, everything past 1000 at 0.50.
const slabs = [
  { startAfter: '0', rate: '1.00' },
  { startAfter: '100', rate: '0.80' },
  { startAfter: '1000', rate: '0.50' },
];
const graduated = card({ pricingModel: 'TIERED', slabs });
const volume = card({ pricingModel: 'VOLUME', slabs });

describe('golden examples', () => {
  it("Stripe's 2.9% + 30¢: two meters, one plan", () => {
    const percent = card({ pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.029' }] });
    const perCharge = card({ pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '0.30' }] });
    // Three card charges: $10.00, $25.50 and $100.00.
    const amounts = ['10.00', '25.50', '100.00'];
    const total = amounts.reduce((s, a) => s.plus(a), new Decimal(0));
    expect(price(percent, total).toFixed()).toBe('3.9295');
    expect(price(perCharge, '3').toFixed()).toBe('0.9');
    expect(roundMoney(price(percent, total).plus(price(perCharge, '3')), 'USD')).toBe('4.83');
  });

  it.each([
    ['0', '0'],
    ['1', '1'],
    ['100', '100'], // exactly on the first boundary: all at 1.00
    ['100.5', '100.4'], // just past it: the half unit at 0.80
    ['101', '100.8'],
    ['1000', '820'], // 100 × 1.00 + 900 × 0.80
    ['1001', '820.5'],
  ])('graduated: %s units cost %s', (usage, expected) => {
    expect(price(graduated, usage).toFixed()).toBe(expected);
  });

  it.each([
    ['0', '0'],
    ['100', '100'], // still the first slab: 100 × 1.00
    ['101', '80.8'], // past 100, every unit at 0.80 — cheaper than 100 units
    ['1000', '800'],
    ['1001', '500.5'],
  ])('volume: %s units cost %s', (usage, expected) => {
    expect(price(volume, usage).toFixed()).toBe(expected);
  });

  it('volume pricing makes the event that crosses a break earn negative revenue', () => {
    expect(revenueDelta(volume, '100', '101').toFixed()).toBe('-19.2');
  });

  it('package: every started package of 1000 units costs 5', () => {
    const pkg = card({ pricingModel: 'PACKAGE', packageSize: '1000', slabs: [{ startAfter: '0', rate: '5' }] });
    expect(['0', '1', '1000', '1000.001', '2500'].map((u) => price(pkg, u).toFixed())).toEqual([
      '0',
      '5',
      '5',
      '10',
      '15',
    ]);
  });

  it('a FLAT slab charges its rate once, when usage reaches it', () => {
    const flat = card({
      pricingModel: 'TIERED',
      slabs: [
        { startAfter: '0', rate: '20', priceType: 'FLAT' },
        { startAfter: '50', rate: '0.10' },
      ],
    });
    expect(['0', '1', '50', '60'].map((u) => price(flat, u).toFixed())).toEqual(['0', '20', '20', '21']);
    const flatVolume = card({
      pricingModel: 'VOLUME',
      slabs: [
        { startAfter: '0', rate: '9', priceType: 'FLAT' },
        { startAfter: '10', rate: '29', priceType: 'FLAT' },
      ],
    });
    expect(['5', '10', '11'].map((u) => price(flatVolume, u).toFixed())).toEqual(['9', '9', '29']);
  });

  it('shows the slab breakdown of a price', () => {
    expect(priceUsage(graduated, '1001').charges).toEqual([
      { slab: 0, startAfter: '0', units: '100', rate: '1.00', priceType: 'PER_UNIT', amount: '100' },
      { slab: 1, startAfter: '100', units: '900', rate: '0.80', priceType: 'PER_UNIT', amount: '720' },
      { slab: 2, startAfter: '1000', units: '1', rate: '0.50', priceType: 'PER_UNIT', amount: '0.5' },
    ]);
  });

  it('rounds half to even, once, to the minor unit', () => {
    expect([
      roundMoney('0.125', 'USD'),
      roundMoney('0.135', 'USD'),
      roundMoney('2.5', 'JPY'),
      roundMoney('1.0005', 'KWD'),
    ]).toEqual(['0.12', '0.14', '2', '1.000']);
  });
});

describe('rate card validation', () => {
  it.each([
    [{ pricingModel: 'TIERED', slabs: [{ startAfter: '5', rate: '1' }] }, 'slabs.0.startAfter'],
    [
      {
        pricingModel: 'TIERED',
        slabs: [
          { startAfter: '0', rate: '1' },
          { startAfter: '0', rate: '1' },
        ],
      },
      'slabs.1.startAfter',
    ],
    [{ pricingModel: 'PACKAGE', slabs: [{ startAfter: '0', rate: '1' }] }, 'packageSize'],
    [{ pricingModel: 'VOLUME', packageSize: '10', slabs: [{ startAfter: '0', rate: '1' }] }, 'packageSize'],
    [{ pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '-1' }] }, 'slabs.0.rate'],
  ])('refuses %j naming %s', (input, path) => {
    const result = usageRateCardSchema.safeParse({ usageMeterId: 'um.x', ...input });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('revenue deltas (property)', () => {
  const decimal = fc.integer({ min: 0, max: 5_000_000 }).map((n) => new Decimal(n).div(1000).toFixed());
  const cards = fc.oneof(
    fc
      .record({
        pricingModel: fc.constantFrom('TIERED', 'VOLUME'),
        starts: fc.uniqueArray(fc.integer({ min: 1, max: 3000 }), { maxLength: 4 }),
        rates: fc.array(decimal, { minLength: 5, maxLength: 5 }),
        flats: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      })
      .map(({ pricingModel, starts, rates, flats }) =>
        card({
          pricingModel,
          slabs: [0, ...starts.sort((a, b) => a - b)].map((s, i) => ({
            startAfter: String(s),
            rate: rates[i],
            priceType: flats[i] ? 'FLAT' : 'PER_UNIT',
          })),
        }),
      ),
    fc
      .record({ size: fc.integer({ min: 1, max: 500 }), rate: decimal })
      .map(({ size, rate }) =>
        card({ pricingModel: 'PACKAGE', packageSize: String(size), slabs: [{ startAfter: '0', rate }] }),
      ),
  );

  it('add up to the price of the total, exactly, in any order', () => {
    fc.assert(
      fc.property(cards, fc.array(decimal, { maxLength: 40 }), fc.func(fc.integer()), (rateCard, amounts, order) => {
        const shuffled = [...amounts].sort((a, b) => order(a) - order(b));
        let used = new Decimal(0);
        let revenue = new Decimal(0);
        for (const amount of shuffled) {
          const after = used.plus(amount);
          revenue = revenue.plus(revenueDelta(rateCard, used, after));
          used = after;
        }
        expect(revenue.toFixed()).toBe(price(rateCard, used).toFixed());
      }),
      { numRuns: 300 },
    );
  });

  it('never decrease under graduated or package pricing', () => {
    fc.assert(
      fc.property(
        cards.filter((c) => c.pricingModel !== 'VOLUME'),
        decimal,
        decimal,
        (rateCard, a, b) => {
          expect(revenueDelta(rateCard, a, new Decimal(a).plus(b)).isNegative()).toBe(false);
        },
      ),
    );
  });
});
