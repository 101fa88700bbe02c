import type { FC } from 'hono/jsx';
import type { z } from 'zod';
import type { statementSchema } from '../../shared/api/revenue-routes';
import type { SlabCharge } from '../../shared/pricing/price';

export type StatementWire = z.infer<typeof statementSchema>;
type StatementPlan = StatementWire['plans'][number];

/** What the statement names by id, shown by name. */
export interface Names {
  plans: Map<string, string>;
  meters: Map<string, string>;
}

/**
 * A cycle's statement as the API computed it (GET /accounts/{id}/statement): per plan, a table per
 * usage line with the slabs that priced it, the fixed fees, the subtotal; then the totals. The
 * console adds nothing up itself: every figure is the API's.
 */
export const StatementView: FC<{ statement: StatementWire; names: Names }> = ({ statement, names }) => (
  <>
    {statement.plans.length === 0 && <p>No price plan was in force during this cycle.</p>}
    {statement.plans.map((plan) => (
      <PlanCharges plan={plan} names={names} />
    ))}
    <h3>Total</h3>
    {statement.totals.length === 0 ? (
      <p>Nothing is charged in this cycle.</p>
    ) : (
      <dl class="totals">
        {statement.totals.map((t) => (
          <>
            <dt>{t.currency}</dt>
            <dd data-testid={`statement-total-${t.currency}`}>{t.amount}</dd>
          </>
        ))}
      </dl>
    )}
  </>
);

const PlanCharges: FC<{ plan: StatementPlan; names: Names }> = ({ plan, names }) => (
  <section aria-label={`Charges of ${names.plans.get(plan.pricePlanId) ?? plan.pricePlanId}`}>
    <h3>
      <a href={`/console/plans/${encodeURIComponent(plan.pricePlanId)}?version=${plan.pricePlanVersion}`}>
        {names.plans.get(plan.pricePlanId) ?? plan.pricePlanId}
      </a>{' '}
      version {plan.pricePlanVersion}, in {plan.currency}
    </h3>
    <p class="hint">
      In force from {plan.effectiveFrom}
      {plan.effectiveUntil ? ` until ${plan.effectiveUntil}` : ''}.
    </p>
    {plan.usageLines.map((line) => (
      <div class="scroll">
        <SlabTable
          caption={`${names.meters.get(line.usageMeterId) ?? line.usageMeterId} (${line.pricingModel}): usage ${line.usage} → ${line.amount} ${plan.currency}`}
          slabs={line.slabs}
          pricingModel={line.pricingModel}
          exactAmount={line.exactAmount}
          amount={line.amount}
        />
      </div>
    ))}
    {plan.fixedFees.length > 0 && (
      <div class="scroll">
        <table>
          <caption>Fixed fees</caption>
          <thead>
            <tr>
              <th scope="col">Fee</th>
              <th scope="col" class="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.fixedFees.map((fee) => (
              <tr>
                <td>{fee.name}</td>
                <td class="num">{fee.amount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    <p>
      Subtotal: <strong>{plan.subtotal}</strong> {plan.currency}
    </p>
  </section>
);

/**
 * The slabs that priced a quantity — on a statement line and in the plan page's calculator alike —
 * with the exact sum and the amount charged (rounded once, half to even).
 */
export const SlabTable: FC<{
  caption: string;
  slabs: SlabCharge[];
  pricingModel: string;
  exactAmount: string;
  amount: string;
}> = ({ caption, slabs, pricingModel, exactAmount, amount }) => (
  <table class="slabs">
    <caption>{caption}</caption>
    <thead>
      <tr>
        <th scope="col">Slab</th>
        <th scope="col" class="num">
          Above
        </th>
        <th scope="col" class="num">
          {pricingModel === 'PACKAGE' ? 'Packages started' : 'Units priced'}
        </th>
        <th scope="col" class="num">
          Rate
        </th>
        <th scope="col" class="num">
          Amount
        </th>
      </tr>
    </thead>
    <tbody>
      {slabs.length === 0 && (
        <tr>
          <td colspan={5}>No usage: no slab is reached.</td>
        </tr>
      )}
      {slabs.map((s) => (
        <tr>
          <td>{s.slab + 1}</td>
          <td class="num">{s.startAfter}</td>
          <td class="num">{s.units}</td>
          <td class="num">
            {s.priceType === 'FLAT'
              ? `${s.rate} flat`
              : `${s.rate} per ${pricingModel === 'PACKAGE' ? 'package' : 'unit'}`}
          </td>
          <td class="num">{s.amount}</td>
        </tr>
      ))}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row" colspan={4}>
          Exact
        </th>
        <td class="num">{exactAmount}</td>
      </tr>
      <tr>
        <th scope="row" colspan={4}>
          Charged (rounded half to even)
        </th>
        <td class="num" data-testid="line-amount">
          {amount}
        </td>
      </tr>
    </tfoot>
  </table>
);
