import type { PricePlan } from '../../../shared/pricing/price-plan';
import { column, field, type FormFields } from './form-data';

/** Blank rows the form offers beyond what a plan has: the console has no script to add them. */
export const SPARE_CARDS = 1;
export const SPARE_SLABS = 1;
export const SPARE_FEES = 1;

/** The form's size for a plan's fields: every row it has, and spare ones. */
export function planFormShape(fields: FormFields) {
  const cards = Math.max(2, column(fields, 'cardMeter').length + SPARE_CARDS);
  return {
    cards,
    slabs: Array.from({ length: cards }, (_, i) =>
      Math.max(3, column(fields, `card${i}StartAfter`).filter((v) => v !== '').length + SPARE_SLABS),
    ),
    fees: Math.max(2, column(fields, 'feeName').filter((v) => v !== '').length + SPARE_FEES),
  };
}

/**
 * The console's plan form → the body of POST /price_plans, or of PATCH /price_plans/{id} (which
 * on an ACTIVE plan publishes a new version: the API's rule, not the console's). A rate card is a
 * meter, a model and its slab rows; rows left blank are dropped, the rest goes as typed, and the API
 * names whatever it refuses (`usageRateCards.0.slabs.1.startAfter`).
 */
export function planRequest(form: FormFields) {
  const models = column(form, 'cardModel');
  const packageSizes = column(form, 'cardPackageSize');
  const usageRateCards = column(form, 'cardMeter')
    .map((usageMeterId, i) => {
      const rates = column(form, `card${i}Rate`);
      const types = column(form, `card${i}PriceType`);
      const slabs = column(form, `card${i}StartAfter`)
        .map((startAfter, j) => ({ startAfter, rate: rates[j] ?? '', priceType: types[j] || 'PER_UNIT' }))
        .filter((s) => s.startAfter !== '' || s.rate !== '');
      const model = models[i] || 'TIERED';
      const packageSize = packageSizes[i] ?? '';
      return {
        usageMeterId,
        pricingModel: model,
        slabs,
        ...(model === 'PACKAGE' || packageSize ? { packageSize } : {}),
      };
    })
    .filter((card) => card.usageMeterId !== '');
  const amounts = column(form, 'feeAmount');
  const fixedFees = column(form, 'feeName')
    .map((name, i) => ({ name, amount: amounts[i] ?? '' }))
    .filter((fee) => fee.name !== '' || fee.amount !== '');
  const dayOffset = field(form, 'dayOffset');
  const description = field(form, 'description');
  return {
    name: field(form, 'name'),
    ...(description ? { description } : {}),
    currency: field(form, 'currency'),
    pricingCycle: {
      interval: field(form, 'interval'),
      startOffset: {
        dayOffset: dayOffset === 'LAST' ? 'LAST' : Number(dayOffset || '1'),
        monthOffset: Number(field(form, 'monthOffset') || '1'),
      },
      anniversaryCycle: field(form, 'anniversaryCycle') === 'true',
      gracePeriod: Number(field(form, 'gracePeriod') || '0'),
    },
    usageRateCards,
    fixedFees,
  };
}

/** A plan's version as the form's fields, to change it into the next version. */
export function planFields(plan: PricePlan): FormFields {
  const fields: FormFields = {
    name: plan.name,
    description: plan.description ?? '',
    currency: plan.currency,
    interval: plan.pricingCycle.interval,
    dayOffset: String(plan.pricingCycle.startOffset.dayOffset),
    monthOffset: String(plan.pricingCycle.startOffset.monthOffset),
    gracePeriod: String(plan.pricingCycle.gracePeriod),
    anniversaryCycle: String(plan.pricingCycle.anniversaryCycle),
    cardMeter: plan.usageRateCards.map((c) => c.usageMeterId),
    cardModel: plan.usageRateCards.map((c) => c.pricingModel),
    cardPackageSize: plan.usageRateCards.map((c) => c.packageSize ?? ''),
    feeName: plan.fixedFees.map((f) => f.name),
    feeAmount: plan.fixedFees.map((f) => f.amount),
  };
  plan.usageRateCards.forEach((card, i) => {
    fields[`card${i}StartAfter`] = card.slabs.map((s) => s.startAfter);
    fields[`card${i}Rate`] = card.slabs.map((s) => s.rate);
    fields[`card${i}PriceType`] = card.slabs.map((s) => s.priceType);
  });
  return fields;
}

/**
 * Whether the form holds everything of the plan's rates: it has no fields for other currencies'
 * rates or for rate card and fee labels, and saving would drop them — such plans change through the API.
 */
export function formHoldsPlan(plan: PricePlan): boolean {
  const cardLabels = ['name', 'displayName', 'tag'] as const;
  const feeExtras = ['displayName', 'tag', 'addOnId', 'currencyAmounts'] as const;
  return (
    (plan.supportedCurrencies ?? [plan.currency]).length <= 1 &&
    plan.usageRateCards.every(
      (card) =>
        cardLabels.every((k) => card[k] === undefined) && card.slabs.every((s) => s.currencyRates === undefined),
    ) &&
    plan.fixedFees.every((fee) => feeExtras.every((k) => fee[k] === undefined))
  );
}
