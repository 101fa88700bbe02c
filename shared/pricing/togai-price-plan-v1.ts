import { NEVER } from '../entitlement/credit-entry';
import { AppError, invalid, type FieldIssue } from '../errors/app-error';
import { currenciesOf } from './plan-currency';
import type { CreatePricePlanRequest, PricePlan, PricePlanDefinition, UpdatePricePlanRequest } from './price-plan';
import type { TogaiCreatePricePlanRequest, TogaiUpdatePricePlanRequest } from './togai-price-plan-v1-wire';
import { applyUpdatePricePlanV2, fromCreatePricePlanV2 } from './togai-price-plan';
import type { TogaiFixedFeeRateCard, TogaiUsageRateCard } from './togai-price-plan-wire';
import { toTogaiPricingCycle } from './togai-pricing-cycle';
import { fromTogaiRateCard, planRateCards, rateCardName, toTogaiRateCard, type PlanRateCard } from './togai-rate-card';

/**
 * Togai's deprecated /price_plans shapes ↔ Meterline's plan. In: `pricePlanDetails` with its
 * usageRateCards and fixedFeeRateCards (read as the v2 rate cards are, named by their `name`, else
 * their meter's or add-on's id). Out: Togai's fields beside Meterline's own (extensions).
 */
const DETAILS = 'pricePlanDetails';

export function fromTogaiCreatePricePlan(request: TogaiCreatePricePlanRequest): CreatePricePlanRequest {
  const issues: FieldIssue[] = [];
  const d = request.pricePlanDetails;
  const base = collect(
    issues,
    (name) => (name === 'type' ? 'type' : `${DETAILS}.${name}`),
    () =>
      fromCreatePricePlanV2({
        name: request.name,
        description: request.description,
        type: request.type ?? 'BILLING',
        supportedCurrencies: d.supportedCurrencies,
        pricingCycleConfig: d.pricingCycleConfig,
        deferredRevenue: d.deferredRevenue,
        allowOngoingCycleUpdates: d.allowOngoingCycleUpdates,
      }),
  );
  refuseUnsupported(request, issues);
  const cards = base ? readCards(d, base.definition.supportedCurrencies!, issues) : undefined;
  if (issues.length > 0 || !base || !cards) {
    throw invalid('invalid_price_plan', issues);
  }
  return {
    name: base.name,
    ...(base.description !== undefined ? { description: base.description } : {}),
    ...base.definition,
    ...cards,
  };
}

/** A Togai PATCH as Meterline's: the rate card lists given replace the current ones, in the currencies the plan will have. */
export function fromTogaiUpdatePricePlan(
  request: TogaiUpdatePricePlanRequest,
  current: PricePlanDefinition,
): UpdatePricePlanRequest {
  const issues: FieldIssue[] = [];
  if ((request.migrationMode ?? 'NONE') !== 'NONE' || request.versionsToMigrate != null) {
    issues.push({
      path: 'migrationMode',
      message: 'moving associated accounts to the new version is not supported yet: accounts keep their version',
    });
  }
  refuseUnsupported(request, issues);
  const d = request.pricePlanDetails ?? {};
  const revised = collect(
    issues,
    (name) => `${DETAILS}.${name}`,
    () =>
      applyUpdatePricePlanV2(current, {
        supportedCurrencies: d.supportedCurrencies,
        pricingCycleConfig: d.pricingCycleConfig,
      }),
  );
  if (d.deferredRevenue || d.allowOngoingCycleUpdates) {
    issues.push({
      path: `${DETAILS}.deferredRevenue`,
      message: 'deferredRevenue and allowOngoingCycleUpdates are not supported',
    });
  }
  const cards = revised ? readCards(d, currenciesOf(revised), issues) : undefined;
  if (issues.length > 0 || !revised || !cards) {
    throw invalid('invalid_price_plan', issues);
  }
  return {
    ...(request.description != null ? { description: request.description } : {}),
    currency: revised.currency,
    supportedCurrencies: currenciesOf(revised),
    pricingCycle: revised.pricingCycle,
    ...(d.usageRateCards != null ? { usageRateCards: cards.usageRateCards } : {}),
    ...(d.fixedFeeRateCards != null ? { fixedFees: cards.fixedFees } : {}),
  };
}

/** Togai's activate names the currencies to activate; Meterline activates them all at once. */
export function activateCurrencyIssues(
  plan: Pick<PricePlanDefinition, 'currency' | 'supportedCurrencies'>,
  currencies: string[],
): FieldIssue[] {
  const supported = currenciesOf(plan);
  const same =
    currencies.length === new Set(currencies).size &&
    currencies.length === supported.length &&
    supported.every((c) => currencies.includes(c));
  return same
    ? []
    : [
        {
          path: 'currencies',
          message: `must list every supported currency (${supported.join(', ')}): Meterline activates them all at once`,
        },
      ];
}

/** Togai's PricePlan fields of a plan: its type and one pricing schedule, the version shown, open-ended. */
export function togaiPricePlanFields(plan: PricePlan, number?: (decimal: string) => number) {
  return {
    type: 'BILLING' as const,
    pricingSchedule: [
      {
        id: `${plan.id}.v${plan.version}`,
        pricePlanDetails: togaiDetails(plan, number),
        startDate: plan.createdAt,
        endDate: NEVER,
        version: plan.version,
        isOverriden: false,
      },
    ],
  };
}

/** Togai's PricePlanListData fields of a plan. */
export function togaiListFields(plan: PricePlan, number?: (decimal: string) => number) {
  return {
    type: 'BILLING' as const,
    usageMeters: plan.usageRateCards.map((c) => c.usageMeterId),
    pricePlanDetails: togaiDetails(plan, number),
  };
}

function togaiDetails(plan: PricePlan, number?: (decimal: string) => number) {
  const currencies = currenciesOf(plan);
  const cards = planRateCards(plan).map(
    (card) =>
      toTogaiRateCard(card, { id: plan.id, currencies, pricingCycle: plan.pricingCycle }, number).rateCardDetails,
  );
  return {
    supportedCurrencies: currencies,
    activeCurrencies: plan.status === 'DRAFT' ? [] : currencies,
    pricingCycleConfig: toTogaiPricingCycle(plan.pricingCycle),
    usageRateCards: cards.flatMap((c) => (c.usageRateCard ? [c.usageRateCard] : [])),
    fixedFeeRateCards: cards.flatMap((c) => (c.fixedFeeRateCard ? [c.fixedFeeRateCard] : [])),
    billingEntitlementRateCards: cards.flatMap((c) =>
      c.billingEntitlementRateCard ? [c.billingEntitlementRateCard] : [],
    ),
    type: 'BILLING' as const,
    deferredRevenue: false,
  };
}

function readCards(
  d: { usageRateCards?: TogaiUsageRateCard[] | null; fixedFeeRateCards?: TogaiFixedFeeRateCard[] | null },
  currencies: string[],
  issues: FieldIssue[],
): Pick<PricePlanDefinition, 'usageRateCards' | 'fixedFees'> | undefined {
  const before = issues.length;
  const read: PlanRateCard[] = [];
  const named = new Map<string, string>();
  const add = (card: PlanRateCard | undefined, path: string) => {
    if (!card) {
      return;
    }
    const name = rateCardName(card);
    const earlier = named.get(name);
    if (earlier) {
      issues.push({ path, message: `has the name '${name}' of ${earlier}; give each rate card its own name` });
    }
    named.set(name, path);
    read.push(card);
  };
  (d.usageRateCards ?? []).forEach((card, i) => {
    const path = `${DETAILS}.usageRateCards.${i}`;
    const data = {
      billableId: card.usageMeterId,
      type: 'USAGE' as const,
      invoiceTiming: 'IN_ARREARS' as const,
      rateCardDetails: { usageRateCard: card },
    };
    add(
      underPath(issues, `${path}.rateCardDetails.usageRateCard`, path, (sink) =>
        fromTogaiRateCard(data, card.name ?? card.usageMeterId, currencies, path, sink),
      ),
      path,
    );
  });
  (d.fixedFeeRateCards ?? []).forEach((fee, i) => {
    const path = `${DETAILS}.fixedFeeRateCards.${i}`;
    const data = {
      billableId: fee.id,
      type: 'FIXED_FEE' as const,
      invoiceTiming: fee.invoiceTiming ?? ('IN_ARREARS' as const),
      rateCardDetails: { fixedFeeRateCard: fee },
    };
    add(
      underPath(issues, `${path}.rateCardDetails.fixedFeeRateCard`, path, (sink) =>
        fromTogaiRateCard(data, fee.name ?? fee.id, currencies, path, sink),
      ),
      path,
    );
  });
  if (issues.length > before) {
    return undefined;
  }
  return {
    usageRateCards: read.flatMap((c) => (c.kind === 'usage' ? [c.card] : [])),
    fixedFees: read.flatMap((c) => (c.kind === 'fee' ? [c.fee] : [])),
  };
}

function refuseUnsupported(
  request: { pricingRules?: unknown; pricePlanDetails?: Record<string, unknown> | null },
  issues: FieldIssue[],
): void {
  if (present(request.pricingRules)) {
    issues.push({ path: 'pricingRules', message: 'pricing rules are not supported yet' });
  }
  for (const key of [
    'licenseRateCards',
    'billingEntitlementRateCards',
    'entitlementOverageRateCards',
    'creditGrantRateCards',
    'minimumCommitment',
  ]) {
    if (present(request.pricePlanDetails?.[key])) {
      issues.push({
        path: `${DETAILS}.${key}`,
        message: 'is not supported yet: Meterline prices usageRateCards and fixedFeeRateCards',
      });
    }
  }
}

const present = (value: unknown) => value != null && !(Array.isArray(value) && value.length === 0);

/** Runs a v2 mapping, its issues' paths renamed into this request's. */
function collect<T>(issues: FieldIssue[], rename: (path: string) => string, work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof AppError) || error.errors.length === 0) {
      throw error;
    }
    issues.push(...error.errors.map((issue) => ({ ...issue, path: rename(issue.path) })));
    return undefined;
  }
}

/** Issues a card reader writes under `from`, moved to `to` (where the card sits in this request). */
function underPath<T>(issues: FieldIssue[], from: string, to: string, work: (sink: FieldIssue[]) => T): T {
  const sink: FieldIssue[] = [];
  const result = work(sink);
  issues.push(
    ...sink.map((issue) => ({
      ...issue,
      path: issue.path.startsWith(from) ? to + issue.path.slice(from.length) : issue.path,
    })),
  );
  return result;
}
