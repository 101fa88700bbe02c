import { invalid, type FieldIssue } from '../errors/app-error';
import { minorUnits } from './currency';
import { currenciesOf } from './plan-currency';
import type { PricePlan, PricePlanDefinition } from './price-plan';
import type {
  CreatePricePlanV2Request,
  PricePlanV2,
  RateCardOperation,
  UpdatePricePlanV2Request,
} from './togai-price-plan-wire';
import { fromTogaiPricingCycle, toTogaiPricingCycle } from './togai-pricing-cycle';
import { fromTogaiRateCard, planRateCards, rateCardName, usageCardName, type PlanRateCard } from './togai-rate-card';

/**
 * Togai's PricePlanV2 ↔ Meterline's price plan. A v2 plan is a Meterline plan: its versions rate
 * accounts as any other. Togai's first supported currency is the plan's `currency`. Togai's
 * options Meterline does not implement are refused by field, never stored and ignored:
 * PURCHASE plans, deferredRevenue and allowOngoingCycleUpdates (an ACTIVE plan's accounts keep
 * the version they were associated with; a new version takes new associations).
 */
export function fromCreatePricePlanV2(request: CreatePricePlanV2Request): {
  name: string;
  description?: string;
  definition: PricePlanDefinition;
} {
  const issues: FieldIssue[] = [];
  if (request.type !== 'BILLING') {
    issues.push({ path: 'type', message: 'only BILLING plans are supported yet' });
  }
  refuseUnsupportedOptions(request, issues);
  currencyListIssues(request.supportedCurrencies, 'supportedCurrencies', issues);
  const pricingCycle = request.pricingCycleConfig
    ? fromTogaiPricingCycle(request.pricingCycleConfig, 'pricingCycleConfig', issues)
    : void issues.push({ path: 'pricingCycleConfig', message: 'is required for a BILLING plan' });
  if (issues.length > 0 || !pricingCycle) {
    throw invalid('invalid_price_plan', issues);
  }
  const [currency] = request.supportedCurrencies;
  return {
    name: request.name,
    ...(request.description != null ? { description: request.description } : {}),
    definition: {
      currency: currency!,
      supportedCurrencies: request.supportedCurrencies,
      pricingCycle,
      usageRateCards: [],
      fixedFees: [],
      entitlementRateCards: [],
    },
  };
}

/**
 * A PATCH's new definition. Changing the currencies keeps each card's rates in the ones that stay;
 * a new first currency must already have a rate in every card (it becomes the one `rate` is in).
 * A currency added later has no rates yet: the plan lists that as an error until cards get them.
 */
export function applyUpdatePricePlanV2(
  definition: PricePlanDefinition,
  request: UpdatePricePlanV2Request,
): PricePlanDefinition {
  const issues: FieldIssue[] = [];
  const pricingCycle = request.pricingCycleConfig
    ? fromTogaiPricingCycle(request.pricingCycleConfig, 'pricingCycleConfig', issues)
    : definition.pricingCycle;
  let next = definition;
  if (request.supportedCurrencies) {
    currencyListIssues(request.supportedCurrencies, 'supportedCurrencies', issues);
    if (issues.length === 0) {
      next = withCurrencies(definition, request.supportedCurrencies, issues);
    }
  }
  if (issues.length > 0 || !pricingCycle) {
    throw invalid('invalid_price_plan', issues);
  }
  return { ...next, pricingCycle };
}

function withCurrencies(
  definition: PricePlanDefinition,
  currencies: string[],
  issues: FieldIssue[],
): PricePlanDefinition {
  const [currency, ...others] = currencies as [string, ...string[]];
  const ratesOf = (rate: string, others_: Record<string, string> | undefined) => ({
    [definition.currency]: rate,
    ...others_,
  });
  const rebase = (all: Record<string, string>, what: string) => {
    if (all[currency] === undefined) {
      issues.push({
        path: 'supportedCurrencies.0',
        message: `${what} has no rate in ${currency}; give every rate card one before making it the first currency`,
      });
    }
    const kept = Object.fromEntries(others.flatMap((c) => (all[c] !== undefined ? [[c, all[c]]] : [])));
    return { rate: all[currency] ?? '0', rest: Object.keys(kept).length > 0 ? kept : undefined };
  };
  const usageRateCards = definition.usageRateCards.map((card) => ({
    ...card,
    slabs: card.slabs.map((slab) => {
      const { rate, rest } = rebase(ratesOf(slab.rate, slab.currencyRates), `rate card '${usageCardName(card)}'`);
      const { currencyRates: _, ...plain } = slab;
      return { ...plain, rate, ...(rest ? { currencyRates: rest } : {}) };
    }),
  }));
  const fixedFees = definition.fixedFees.map((fee) => {
    const { rate, rest } = rebase(ratesOf(fee.amount, fee.currencyAmounts), `rate card '${fee.name}'`);
    const { currencyAmounts: _, ...plain } = fee;
    return { ...plain, amount: rate, ...(rest ? { currencyAmounts: rest } : {}) };
  });
  return { ...definition, currency, supportedCurrencies: currencies, usageRateCards, fixedFees };
}

/**
 * Applies Togai's bulk rate card operations in order, all or none: CREATE a new name, UPDATE
 * (replace) or DELETE an existing one. Returns the definition after them and the names written.
 */
export function applyRateCardOperations(
  definition: PricePlanDefinition,
  operations: RateCardOperation[],
): { definition: PricePlanDefinition; written: string[] } {
  const issues: FieldIssue[] = [];
  const currencies = currenciesOf(definition);
  const cards = new Map<string, PlanRateCard>(planRateCards(definition).map((card) => [rateCardName(card), card]));
  const written = new Set<string>();
  operations.forEach((op, i) => {
    const path = `operations.${i}`;
    const exists = cards.has(op.rateCardName);
    if (op.actionType === 'CREATE' && exists) {
      return issues.push({
        path: `${path}.rateCardName`,
        message: `the plan already has a rate card '${op.rateCardName}'`,
      });
    }
    if (op.actionType !== 'CREATE' && !exists) {
      return issues.push({ path: `${path}.rateCardName`, message: `the plan has no rate card '${op.rateCardName}'` });
    }
    if (op.actionType === 'DELETE') {
      cards.delete(op.rateCardName);
      written.delete(op.rateCardName);
      return;
    }
    if (!op.rateCard) {
      return issues.push({ path: `${path}.rateCard`, message: `is required to ${op.actionType} a rate card` });
    }
    const card = fromTogaiRateCard(
      op.rateCard,
      op.rateCardName,
      currencies,
      `${path}.rateCard`,
      issues,
      definition.pricingCycle,
    );
    if (card) {
      cards.set(op.rateCardName, card);
      written.add(op.rateCardName);
    }
  });
  if (issues.length > 0) {
    throw invalid('invalid_rate_card_operation', issues);
  }
  const all = [...cards.values()];
  return {
    definition: {
      ...definition,
      usageRateCards: all.flatMap((c) => (c.kind === 'usage' ? [c.card] : [])),
      fixedFees: all.flatMap((c) => (c.kind === 'fee' ? [c.fee] : [])),
      entitlementRateCards: all.flatMap((c) => (c.kind === 'entitlement' ? [c.grant] : [])),
    },
    written: [...written],
  };
}

/**
 * Where a definition-level issue (checkPricePlan, planCurrencyIssues: `usageRateCards.2.…`) sits
 * in Togai's terms: the rate card it belongs to, by name, or the plan itself.
 */
export function issueEntity(
  definition: PricePlanDefinition,
  path: string,
): { entityType: 'RATE_CARD' | 'PRICE_PLAN'; entityId?: string } {
  const [list, index] = path.split('.');
  const i = Number(index);
  if (list === 'usageRateCards' && definition.usageRateCards[i]) {
    return { entityType: 'RATE_CARD', entityId: usageCardName(definition.usageRateCards[i]!) };
  }
  if (list === 'fixedFees' && definition.fixedFees[i]) {
    return { entityType: 'RATE_CARD', entityId: definition.fixedFees[i]!.name };
  }
  if (list === 'entitlementRateCards' && definition.entitlementRateCards[i]) {
    return { entityType: 'RATE_CARD', entityId: definition.entitlementRateCards[i]!.featureId };
  }
  return { entityType: 'PRICE_PLAN' };
}

/**
 * A plan as Togai's PricePlanV2. `shown` is the version shown — a draft of the next version is
 * DRAFT whatever the plan's status. Only DRAFT and ACTIVE plans have a v2 face (Togai has no
 * ARCHIVED; such plans are read through /price_plans).
 */
export function toPricePlanV2(
  plan: PricePlan,
  shown: { version: number; status: 'DRAFT' | 'ACTIVE'; definition: PricePlanDefinition; updatedAt: string },
): PricePlanV2 {
  return {
    name: plan.name,
    ...(plan.description !== undefined ? { description: plan.description } : {}),
    type: 'BILLING',
    pricingCycleConfig: toTogaiPricingCycle(shown.definition.pricingCycle),
    supportedCurrencies: currenciesOf(shown.definition),
    deferredRevenue: false,
    allowOngoingCycleUpdates: false,
    id: plan.id,
    referenceId: plan.id,
    version: shown.version,
    status: shown.status,
    createdAt: plan.createdAt,
    updatedAt: shown.updatedAt,
  };
}

function refuseUnsupportedOptions(
  request: Pick<CreatePricePlanV2Request, 'deferredRevenue' | 'allowOngoingCycleUpdates'>,
  issues: FieldIssue[],
): void {
  if (request.deferredRevenue) {
    issues.push({ path: 'deferredRevenue', message: 'is not supported: Meterline rates every event as it arrives' });
  }
  if (request.allowOngoingCycleUpdates) {
    issues.push({
      path: 'allowOngoingCycleUpdates',
      message: 'is not supported: accounts keep the version they were associated with',
    });
  }
}

function currencyListIssues(currencies: string[], path: string, issues: FieldIssue[]): void {
  currencies.forEach((c, i) => {
    if (!Object.hasOwn(minorUnits, c)) {
      issues.push({ path: `${path}.${i}`, message: `${c} is not an ISO 4217 code Meterline knows` });
    } else if (currencies.indexOf(c) !== i) {
      issues.push({ path: `${path}.${i}`, message: `${c} is listed twice` });
    }
  });
}
