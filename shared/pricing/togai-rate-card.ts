import { exactNumber } from '../api/exact-number';
import { Decimal } from '../decimal/decimal';
import type { FieldIssue } from '../errors/app-error';
import { issuesFromZod } from '../errors/zod-issues';
import { fixedFeeSchema, type PricePlanDefinition } from './price-plan';
import { usageRateCardSchema, type UsageRateCard } from './rate-card';
import { fromTogaiEntitlementCard, toTogaiEntitlementCard, type PlanCreditGrant } from './togai-entitlement-card';
import type { TogaiRateCard, TogaiRateCardData } from './togai-price-plan-wire';

/**
 * Togai's v2 rate cards ↔ Meterline's. Two kinds are priced for real:
 * - USAGE: a usage meter's slabs, TIERED or VOLUME, PER_UNIT or FLAT; a lone PACKAGE slab with
 *   slabConfig {packageSize} is Meterline's PACKAGE card (every started package costs the rate);
 * - FIXED_FEE: a RECURRING fee charged in full each cycle, IN_ARREARS, without proration.
 * Each has a rate per plan currency (rateValues); the first currency's is required, the others
 * may follow in later operations — a plan missing one cannot be finalized (planCurrencyIssues).
 * Anything Meterline would not honour (IN_ADVANCE, proration, ONE_TIME, other rate card types) is
 * refused by field rather than stored and ignored.
 */
export type FixedFee = PricePlanDefinition['fixedFees'][number];
export type PlanRateCard =
  | { kind: 'usage'; card: UsageRateCard }
  | { kind: 'fee'; fee: FixedFee }
  | { kind: 'entitlement'; grant: PlanCreditGrant };

/** The name a card goes by in bulk operations: its own, or (cards made through /price_plans) its meter's id. */
export function usageCardName(card: UsageRateCard): string {
  return card.name ?? card.usageMeterId;
}

export function rateCardName(entry: PlanRateCard): string {
  if (entry.kind === 'entitlement') {
    return entry.grant.featureId;
  }
  return entry.kind === 'usage' ? usageCardName(entry.card) : entry.fee.name;
}

export function planRateCards(
  definition: Pick<PricePlanDefinition, 'usageRateCards' | 'fixedFees'> &
    Partial<Pick<PricePlanDefinition, 'entitlementRateCards'>>,
): PlanRateCard[] {
  return [
    ...definition.usageRateCards.map((card) => ({ kind: 'usage' as const, card })),
    ...definition.fixedFees.map((fee) => ({ kind: 'fee' as const, fee })),
    ...(definition.entitlementRateCards ?? []).map((grant) => ({ kind: 'entitlement' as const, grant })),
  ];
}

/** Reads one RateCardData under `name`; issues name fields below `path`. */
export function fromTogaiRateCard(
  data: TogaiRateCardData,
  name: string,
  currencies: string[],
  path: string,
  issues: FieldIssue[],
  pricingCycle?: PricePlanDefinition['pricingCycle'],
): PlanRateCard | undefined {
  const before = issues.length;
  const details = data.rateCardDetails;
  const read = {
    USAGE: 'usageRateCard',
    FIXED_FEE: 'fixedFeeRateCard',
    BILLING_ENTITLEMENT: 'billingEntitlementRateCard',
  } as Record<string, string>;
  for (const [key, value] of Object.entries(details)) {
    if (value != null && key !== read[data.type]) {
      issues.push({
        path: `${path}.rateCardDetails.${key}`,
        message: Object.values(read).includes(key)
          ? `is not read for a ${data.type} rate card`
          : 'is not supported yet: Meterline reads USAGE, FIXED_FEE and BILLING_ENTITLEMENT rate cards',
      });
    }
  }
  if (data.type === 'BILLING_ENTITLEMENT') {
    // Nothing is charged for the credits (every rate 0), so when the charge would be invoiced does not matter.
    if (!pricingCycle) {
      issues.push({
        path: `${path}.type`,
        message: 'BILLING_ENTITLEMENT rate cards are read in price plan v2 operations only',
      });
      return undefined;
    }
    const grant = fromTogaiEntitlementCard(data, name, { pricingCycle, currencies }, path, issues);
    return grant && issues.length === before ? { kind: 'entitlement', grant } : undefined;
  }
  if (data.invoiceTiming !== 'IN_ARREARS') {
    issues.push({
      path: `${path}.invoiceTiming`,
      message:
        'must be IN_ARREARS: Meterline charges usage and fixed fees in the statement of the cycle they belong to',
    });
  }
  if (data.type === 'USAGE') {
    return usageCard(data, name, currencies, path, issues, before);
  }
  if (data.type === 'FIXED_FEE') {
    return feeCard(data, name, currencies, path, issues, before);
  }
  issues.push({
    path: `${path}.type`,
    message: `${data.type} rate cards are not supported yet; USAGE, FIXED_FEE and BILLING_ENTITLEMENT are`,
  });
  return undefined;
}

function usageCard(
  data: TogaiRateCardData,
  name: string,
  currencies: string[],
  path: string,
  issues: FieldIssue[],
  before: number,
): PlanRateCard | undefined {
  const usage = data.rateCardDetails.usageRateCard;
  const at = `${path}.rateCardDetails.usageRateCard`;
  if (!usage) {
    issues.push({ path: at, message: 'is required for a USAGE rate card' });
    return undefined;
  }
  if (usage.usageMeterId !== data.billableId) {
    issues.push({ path: `${at}.usageMeterId`, message: `must be the billableId, ${data.billableId}` });
  }
  if (usage.name != null && usage.name !== name) {
    issues.push({ path: `${at}.name`, message: `must be the rateCardName, ${name}` });
  }
  const slabs = [...usage.ratePlan.slabs].sort((a, b) => a.order - b.order);
  const orders = slabs.map((s) => s.order);
  if (new Set(orders).size !== orders.length) {
    issues.push({ path: `${at}.ratePlan.slabs`, message: 'each slab needs its own order' });
  }
  const rates = ratesByCurrency(
    usage.rateValues.map((v) => ({ currency: v.currency, config: v.rateConfig, rates: v.slabRates })),
    currencies,
    `${at}.rateValues`,
    issues,
    (value, i) => {
      const byOrder = new Map(value.rates.map((r) => [r.order, r.rate]));
      const valueAt = `${at}.rateValues.${i}.slabRates`;
      if (value.rates.some((r) => r.slabRateConfig && Object.keys(r.slabRateConfig).length > 0)) {
        issues.push({ path: valueAt, message: 'slabRateConfig is not supported' });
      }
      if (
        byOrder.size !== value.rates.length ||
        orders.some((o) => !byOrder.has(o)) ||
        value.rates.length !== orders.length
      ) {
        issues.push({ path: valueAt, message: `must give one rate for each slab order (${orders.join(', ')})` });
        return undefined;
      }
      return orders.map((o) => byOrder.get(o)!);
    },
  );
  const packaged = slabs.findIndex((s) => s.priceType === 'PACKAGE');
  slabs.forEach((slab, i) => {
    if (slab.priceType !== 'PACKAGE' && slab.slabConfig && Object.keys(slab.slabConfig).length > 0) {
      issues.push({ path: `${at}.ratePlan.slabs.${i}.slabConfig`, message: 'is only read for PACKAGE slabs' });
    }
  });
  let packageSize: string | undefined;
  if (packaged >= 0) {
    packageSize = slabs[packaged]!.slabConfig?.packageSize;
    if (slabs.length !== 1) {
      issues.push({ path: `${at}.ratePlan.slabs`, message: "a PACKAGE slab must be the rate card's only slab" });
    }
    if (packageSize === undefined || !/^\d+(\.\d+)?$/.test(packageSize) || !new Decimal(packageSize).gt(0)) {
      issues.push({
        path: `${at}.ratePlan.slabs.${packaged}.slabConfig.packageSize`,
        message: 'a PACKAGE slab needs a packageSize above 0, e.g. {"packageSize": "100"}',
      });
    }
  }
  if (issues.length > before || !rates) {
    return undefined;
  }
  const [primary, ...others] = currencies;
  const card = usageRateCardSchema.safeParse({
    usageMeterId: usage.usageMeterId,
    pricingModel: packaged >= 0 ? 'PACKAGE' : usage.ratePlan.pricingModel,
    slabs: slabs.map((slab, i) => ({
      startAfter: slab.startAfter,
      rate: rates.get(primary!)![i],
      priceType: slab.priceType === 'FLAT' ? 'FLAT' : 'PER_UNIT',
      ...otherRates(others, rates, i, 'currencyRates'),
    })),
    ...(packageSize !== undefined ? { packageSize } : {}),
    name,
    ...labelsOf(data, usage),
  });
  if (!card.success) {
    issues.push(...issuesFromZod(card.error).map((issue) => ({ ...issue, path: `${at}.ratePlan.${issue.path}` })));
    return undefined;
  }
  return { kind: 'usage', card: card.data };
}

function feeCard(
  data: TogaiRateCardData,
  name: string,
  currencies: string[],
  path: string,
  issues: FieldIssue[],
  before: number,
): PlanRateCard | undefined {
  const fee = data.rateCardDetails.fixedFeeRateCard;
  const at = `${path}.rateCardDetails.fixedFeeRateCard`;
  if (!fee) {
    issues.push({ path: at, message: 'is required for a FIXED_FEE rate card' });
    return undefined;
  }
  if (fee.id !== data.billableId) {
    issues.push({ path: `${at}.id`, message: `must be the billableId, ${data.billableId}` });
  }
  if (fee.name != null && fee.name !== name) {
    issues.push({ path: `${at}.name`, message: `must be the rateCardName, ${name}` });
  }
  if (fee.invoiceTiming != null && fee.invoiceTiming !== 'IN_ARREARS') {
    issues.push({ path: `${at}.invoiceTiming`, message: 'must be IN_ARREARS' });
  }
  if (fee.type === 'ONE_TIME') {
    issues.push({
      path: `${at}.type`,
      message: 'ONE_TIME fees are not supported yet; RECURRING fees are charged each cycle',
    });
  }
  if (fee.enableProration) {
    issues.push({
      path: `${at}.enableProration`,
      message: 'proration is not supported yet: a fee is charged in full each cycle',
    });
  }
  if ((fee.recurrenceConfig?.interval ?? 1) !== 1 || (fee.recurrenceConfig?.offset ?? 0) !== 0) {
    issues.push({ path: `${at}.recurrenceConfig`, message: 'only every cycle (interval 1, offset 0) is supported' });
  }
  const rates = ratesByCurrency(
    fee.rateValues.map((v) => ({ currency: v.currency, config: null, rates: [v.rate] })),
    currencies,
    `${at}.rateValues`,
    issues,
    (v) => v.rates,
  );
  if (issues.length > before || !rates) {
    return undefined;
  }
  const [primary, ...others] = currencies;
  const parsed = fixedFeeSchema.safeParse({
    name,
    amount: rates.get(primary!)![0],
    ...otherRates(others, rates, 0, 'currencyAmounts'),
    addOnId: fee.id,
    ...labelsOf(data, fee),
  });
  if (!parsed.success) {
    issues.push(...issuesFromZod(parsed.error).map((issue) => ({ ...issue, path: `${at}.${issue.path}` })));
    return undefined;
  }
  return { kind: 'fee', fee: parsed.data };
}

/** Each plan currency's rates, one per slab; the first currency's must be there, no other currency may. */
function ratesByCurrency<V extends { currency: string; config: Record<string, string> | null | undefined }>(
  values: V[],
  currencies: string[],
  path: string,
  issues: FieldIssue[],
  read: (value: V, index: number) => string[] | undefined,
): Map<string, string[]> | undefined {
  const rates = new Map<string, string[]>();
  values.forEach((value, i) => {
    if (!currencies.includes(value.currency)) {
      return issues.push({
        path: `${path}.${i}.currency`,
        message: `${value.currency} is not one of the plan's supportedCurrencies (${currencies.join(', ')})`,
      });
    }
    if (rates.has(value.currency)) {
      return issues.push({ path: `${path}.${i}.currency`, message: `${value.currency} has rates twice` });
    }
    if (value.config && Object.keys(value.config).length > 0) {
      issues.push({ path: `${path}.${i}.rateConfig`, message: 'is not supported' });
    }
    const read_ = read(value, i);
    if (read_) {
      read_.forEach((rate, j) => {
        if (rate.startsWith('-')) {
          issues.push({ path: `${path}.${i}`, message: `rate ${j + 1} must not be negative` });
        }
      });
      rates.set(value.currency, read_);
    }
  });
  if (!values.some((v) => v.currency === currencies[0])) {
    issues.push({ path, message: `needs rates in ${currencies[0]}, the plan's first currency` });
  }
  return rates.has(currencies[0]!) ? rates : undefined;
}

function otherRates(
  others: string[],
  rates: Map<string, string[]>,
  index: number,
  key: 'currencyRates' | 'currencyAmounts',
) {
  const entries = others.flatMap((c) => (rates.has(c) ? [[c, rates.get(c)![index]!] as const] : []));
  return entries.length > 0 ? { [key]: Object.fromEntries(entries) } : {};
}

function labelsOf(
  data: TogaiRateCardData,
  inner: { displayName?: string | null | undefined; tag?: string | null | undefined },
) {
  const displayName = data.displayName ?? inner.displayName ?? undefined;
  const tag = data.tag ?? inner.tag ?? undefined;
  return { ...(displayName ? { displayName } : {}), ...(tag ? { tag } : {}) };
}

/**
 * A plan's rate card as Togai's RateCard, amounts as JSON numbers whose text is the exact decimal
 * (`number` writes them; tests outside workerd, which lacks no JSON.rawJSON, pass their own).
 */
export function toTogaiRateCard(
  entry: PlanRateCard,
  plan: { id: string; currencies: string[]; pricingCycle?: PricePlanDefinition['pricingCycle'] },
  number: (decimal: string) => number = exactNumber,
): TogaiRateCard {
  if (entry.kind === 'entitlement') {
    if (!plan.pricingCycle) {
      throw new Error('a BILLING_ENTITLEMENT card is shown with its plan’s pricing cycle');
    }
    return toTogaiEntitlementCard(entry.grant, { ...plan, pricingCycle: plan.pricingCycle }, number);
  }
  const name = rateCardName(entry);
  const [primary, ...others] = plan.currencies;
  const common = {
    name,
    referenceId: plan.id,
    referenceType: 'PRICE_PLAN' as const,
    pricePlanId: plan.id,
    invoiceTiming: 'IN_ARREARS' as const,
  };
  if (entry.kind === 'usage') {
    const { card } = entry;
    const complete = others.filter((c) => card.slabs.every((s) => s.currencyRates?.[c] !== undefined));
    const slabs =
      card.pricingModel === 'PACKAGE'
        ? [
            {
              order: 1,
              startAfter: number(card.slabs[0]!.startAfter),
              priceType: 'PACKAGE',
              slabConfig: { packageSize: card.packageSize! },
            },
          ]
        : card.slabs.map((s, i) => ({ order: i + 1, startAfter: number(s.startAfter), priceType: s.priceType }));
    const rateValues = [primary!, ...complete].map((currency) => ({
      currency,
      slabRates: card.slabs.map((s, i) => ({
        order: i + 1,
        rate: number(currency === primary ? s.rate : s.currencyRates![currency]!),
      })),
    }));
    return {
      billableId: card.usageMeterId,
      type: 'USAGE',
      displayName: card.displayName ?? name,
      rateCardDetails: {
        usageRateCard: {
          ...(card.displayName ? { displayName: card.displayName } : {}),
          name,
          ...(card.tag ? { tag: card.tag } : {}),
          usageMeterId: card.usageMeterId,
          ratePlan: { pricingModel: card.pricingModel === 'VOLUME' ? 'VOLUME' : 'TIERED', slabs },
          rateValues,
        },
      },
      ...(card.tag ? { tag: card.tag } : {}),
      currencies: [primary!, ...complete],
      ...common,
    };
  }
  const { fee } = entry;
  const complete = others.filter((c) => fee.currencyAmounts?.[c] !== undefined);
  const rateValues = [primary!, ...complete].map((currency) => ({
    currency,
    rate: number(currency === primary ? fee.amount : fee.currencyAmounts![currency]!),
  }));
  const id = fee.addOnId ?? fee.name;
  return {
    billableId: id,
    type: 'FIXED_FEE',
    displayName: fee.displayName ?? name,
    rateCardDetails: {
      fixedFeeRateCard: {
        id,
        ...(fee.displayName ? { displayName: fee.displayName } : {}),
        name,
        ...(fee.tag ? { tag: fee.tag } : {}),
        invoiceTiming: 'IN_ARREARS',
        type: 'RECURRING',
        rateValues,
        enableProration: false,
      },
    },
    ...(fee.tag ? { tag: fee.tag } : {}),
    currencies: [primary!, ...complete],
    ...common,
  };
}
