import { invalid } from '../../shared/errors/app-error';
import { currenciesOf } from '../../shared/pricing/plan-currency';
import { applyRateCardOperations, issueEntity } from '../../shared/pricing/togai-price-plan';
import type { RateCardOperation, TogaiRateCard } from '../../shared/pricing/togai-price-plan-wire';
import { planRateCards, rateCardName, toTogaiRateCard } from '../../shared/pricing/togai-rate-card';
import { findPlanView, planErrors, saveDefinition, type PlanContext, type PlanView } from './price-plans-v2';

/**
 * Togai's bulk rate card operations: applied together to what a v2 edit changes (the DRAFT plan,
 * or an ACTIVE plan's draft). A card written must price a meter the tenant has, not archived, by
 * COUNT or SUM, once per plan (422 naming the operation); a currency it still lacks is left to
 * list_price_plan_errors, since Togai adds currencies and their rates in separate calls.
 */
export async function applyRateCardOperationsV2(
  ctx: PlanContext,
  id: string,
  operations: RateCardOperation[],
): Promise<TogaiRateCard[]> {
  const view = await findPlanView(ctx, id);
  const { definition, written } = applyRateCardOperations(view.definition, operations);
  const touched = new Set(written);
  const errors = (await planErrors(ctx, definition)).filter((error) => {
    const entity = issueEntity(definition, error.path);
    return (
      entity.entityId !== undefined &&
      touched.has(entity.entityId) &&
      !error.path.includes('currencyRates') &&
      !error.path.includes('currencyAmounts')
    );
  });
  if (errors.length > 0) {
    throw invalid(
      'invalid_rate_card_operation',
      errors.map((error) => {
        const name = issueEntity(definition, error.path).entityId!;
        const index = operations.map((op) => op.rateCardName).lastIndexOf(name);
        return { path: `operations.${index}.rateCard.billableId`, message: error.message };
      }),
    );
  }
  const saved = await saveDefinition(ctx, view, definition);
  const cards = planRateCards(saved.definition).filter((card) => touched.has(rateCardName(card)));
  return cards.map((card) =>
    toTogaiRateCard(card, {
      id,
      currencies: currenciesOf(saved.definition),
      pricingCycle: saved.definition.pricingCycle,
    }),
  );
}

/** The rate cards a v2 caller sees, usage cards then fixed fees, paged by name. */
export function rateCardsOf(view: PlanView): TogaiRateCard[] {
  return planRateCards(view.definition).map((card) =>
    toTogaiRateCard(card, {
      id: view.plan.id,
      currencies: currenciesOf(view.definition),
      pricingCycle: view.definition.pricingCycle,
    }),
  );
}
