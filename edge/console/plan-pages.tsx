import type { FC } from 'hono/jsx';
import { pricePlanStatuses, type PricePlan, type PricingCycle } from '../../shared/pricing/price-plan';
import type { Slab, UsageRateCard } from '../../shared/pricing/rate-card';
import { formHoldsPlan } from './forms/plan-form';
import type { PriceQuote } from './forms/price-calculator';
import { SlabTable } from './statement-view';

const planHref = (id: string) => `/console/plans/${encodeURIComponent(id)}`;

/** Price plans at their latest versions, a page at a time, by status. */
export const PlanList: FC<{ plans: PricePlan[]; status: string; nextToken?: string | undefined }> = ({
  plans,
  status,
  nextToken,
}) => (
  <>
    <p class="actions">
      <a href="/console/plans/new">+ New price plan</a>
    </p>
    <form class="filters" method="get" action="/console/plans">
      <div>
        <label for="status">Status</label>
        <select id="status" name="status">
          <option value="">any but ARCHIVED</option>
          {pricePlanStatuses.map((s) => (
            <option value={s} selected={s === status}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button type="submit">Show</button>
      </div>
    </form>
    {plans.length === 0 ? (
      <p>No price plans{status ? ` in ${status}` : ''}.</p>
    ) : (
      <div class="scroll">
        <table>
          <caption class="hint">Oldest first, each at its latest version</caption>
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Version
              </th>
              <th scope="col">Currency</th>
              <th scope="col">Cycle</th>
              <th scope="col" class="num">
                Rate cards
              </th>
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => (
              <tr>
                <td>
                  <a href={planHref(p.id)}>{p.name}</a>
                </td>
                <td>
                  <span class={`status ${p.status}`}>{p.status}</span>
                </td>
                <td class="num">{p.version}</td>
                <td>{(p.supportedCurrencies ?? [p.currency]).join(', ')}</td>
                <td>{p.pricingCycle.interval}</td>
                <td class="num">{p.usageRateCards.length + p.fixedFees.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {nextToken && (
      <p>
        <a href={`/console/plans?${new URLSearchParams({ ...(status ? { status } : {}), nextToken })}`}>More plans</a>
      </p>
    )}
  </>
);

export interface PlanView {
  plan: PricePlan;
  latestVersion: number;
  meterNames: Map<string, string>;
  calculator: { card: number; usage: string; quote?: PriceQuote | undefined };
  /** What the associate form sent, kept when the API refused it. */
  associate: { accountId: string; effectiveFrom: string };
}

/** A plan as a reader of a price list wants it: what each unit costs, and a calculator to try it. */
export const PlanPage: FC<{ view: PlanView }> = ({ view }) => {
  const { plan } = view;
  return (
    <>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class={`status ${plan.status}`}>{plan.status}</span>
        </dd>
        <dt>Version</dt>
        <dd>
          {plan.version}
          {plan.version !== view.latestVersion && ` (the latest is ${view.latestVersion})`}
        </dd>
        <dt>Currency</dt>
        <dd>{(plan.supportedCurrencies ?? [plan.currency]).join(', ')}</dd>
        <dt>Billing cycle</dt>
        <dd>{cycleText(plan.pricingCycle)}</dd>
        {plan.description && (
          <>
            <dt>Description</dt>
            <dd>{plan.description}</dd>
          </>
        )}
      </dl>
      <Versions plan={plan} latest={view.latestVersion} />
      <PlanActions plan={plan} latest={plan.version === view.latestVersion} />
      <h2>Prices</h2>
      {plan.usageRateCards.length === 0 && <p>No usage is priced by this plan.</p>}
      {plan.usageRateCards.map((card, i) => (
        <PriceTable
          card={card}
          index={i}
          currency={plan.currency}
          meterName={view.meterNames.get(card.usageMeterId) ?? card.usageMeterId}
        />
      ))}
      {plan.fixedFees.length > 0 && (
        <div class="scroll">
          <table>
            <caption>Fixed fees, each cycle</caption>
            <thead>
              <tr>
                <th scope="col">Fee</th>
                <th scope="col" class="num">
                  Amount ({plan.currency})
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.fixedFees.map((fee) => (
                <tr>
                  <td>{fee.displayName ?? fee.name}</td>
                  <td class="num">{fee.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {plan.entitlementRateCards.length > 0 && (
        <div class="scroll">
          <table>
            <caption>Feature credits granted at the start of each cycle</caption>
            <thead>
              <tr>
                <th scope="col">Feature</th>
                <th scope="col" class="num">
                  Units
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.entitlementRateCards.map((grant) => (
                <tr>
                  <td>{grant.featureId}</td>
                  <td class="num">{grant.granted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {plan.usageRateCards.length > 0 && <Calculator view={view} />}
      {plan.status === 'ACTIVE' && plan.version === view.latestVersion && (
        <AssociateForm plan={plan} values={view.associate} />
      )}
    </>
  );
};

const Versions: FC<{ plan: PricePlan; latest: number }> = ({ plan, latest }) =>
  latest > 1 ? (
    <nav aria-label="Versions" class="actions">
      {Array.from({ length: latest }, (_, i) => latest - i).map((v) => (
        <a href={`${planHref(plan.id)}?version=${v}`} aria-current={v === plan.version ? 'page' : undefined}>
          Version {v}
        </a>
      ))}
    </nav>
  ) : null;

const PlanActions: FC<{ plan: PricePlan; latest: boolean }> = ({ plan, latest }) =>
  latest && plan.status !== 'ARCHIVED' ? (
    <div class="actions">
      {formHoldsPlan(plan) ? (
        <a href={`${planHref(plan.id)}/edit`}>
          {plan.status === 'DRAFT' ? 'Change the draft…' : 'Change the rates (a new version)…'}
        </a>
      ) : (
        <span class="hint">
          Rates in several currencies or labelled rate cards change through the API (PATCH /price_plans/{'{id}'}).
        </span>
      )}
      {plan.status === 'DRAFT' && (
        <form method="post" action={`${planHref(plan.id)}/activate`}>
          <button type="submit">Activate plan</button>
        </form>
      )}
      {plan.status === 'ACTIVE' && (
        <form method="post" action={`${planHref(plan.id)}/archive`}>
          <button type="submit" class="secondary">
            Archive plan
          </button>
        </form>
      )}
    </div>
  ) : null;

/** A rate card's slabs as rows of a price list: which units, at what price. */
const PriceTable: FC<{ card: UsageRateCard; index: number; currency: string; meterName: string }> = ({
  card,
  index,
  currency,
  meterName,
}) => (
  <div class="scroll">
    <table>
      <caption>
        Rate card {index + 1}: {card.displayName ?? meterName} — {modelText(card)}
      </caption>
      <thead>
        <tr>
          <th scope="col">{card.pricingModel === 'VOLUME' ? 'When the cycle’s total is' : 'Units in the cycle'}</th>
          <th scope="col" class="num">
            Price ({currency})
          </th>
        </tr>
      </thead>
      <tbody>
        {card.slabs.map((slab, i) => (
          <tr>
            <td>{rangeText(card, slab, card.slabs[i + 1])}</td>
            <td class="num">{priceText(card, slab)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const Calculator: FC<{ view: PlanView }> = ({ view }) => {
  const { plan, calculator } = view;
  const quote = calculator.quote;
  const card = plan.usageRateCards[calculator.card];
  return (
    <section id="calculator" aria-labelledby="calculator-heading">
      <h2 id="calculator-heading">Price calculator</h2>
      <p class="hint">What a cycle’s usage costs under this version, priced and rounded as a statement prices it.</p>
      <form class="filters" method="get" action={`${planHref(plan.id)}#calculator`}>
        <input type="hidden" name="version" value={String(plan.version)} />
        <div>
          <label for="card">Rate card</label>
          <select id="card" name="card">
            {plan.usageRateCards.map((c, i) => (
              <option value={String(i)} selected={i === calculator.card}>
                {`${i + 1}: ${c.displayName ?? view.meterNames.get(c.usageMeterId) ?? c.usageMeterId}`}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="usage">Usage in a cycle</label>
          <input
            id="usage"
            name="usage"
            inputmode="decimal"
            value={calculator.usage}
            size={14}
            aria-describedby={quote && !quote.ok ? 'usage-error' : undefined}
          />
        </div>
        <div>
          <button type="submit">Calculate</button>
        </div>
      </form>
      {quote && !quote.ok && (
        <p id="usage-error" class="notice error" role="alert">
          {quote.field}: {quote.message}
        </p>
      )}
      {quote?.ok && card && (
        <>
          <p>
            {quote.usage} units cost <strong data-testid="quote-amount">{quote.amount}</strong> {plan.currency}.
          </p>
          <div class="scroll">
            <SlabTable
              caption={`How ${quote.usage} units are priced`}
              slabs={quote.slabs}
              pricingModel={card.pricingModel}
              exactAmount={quote.exactAmount}
              amount={quote.amount}
            />
          </div>
        </>
      )}
    </section>
  );
};

const AssociateForm: FC<{ plan: PricePlan; values: PlanView['associate'] }> = ({ plan, values }) => (
  <section aria-labelledby="associate-heading">
    <h2 id="associate-heading">Associate an account</h2>
    <p class="hint">
      The account is priced by version {plan.version} from 00:00 UTC of the date; the plan it had then ends there.
    </p>
    <form class="filters" method="post" action={`${planHref(plan.id)}/associate`}>
      <div>
        <label for="accountId">Account id</label>
        <input id="accountId" name="accountId" value={values.accountId} required size={24} />
      </div>
      <div>
        <label for="effectiveFrom">Effective from (date, UTC)</label>
        <input id="effectiveFrom" name="effectiveFrom" type="date" value={values.effectiveFrom} required />
      </div>
      <div>
        <label for="effectiveUntil">Until (date, blank: open-ended)</label>
        <input id="effectiveUntil" name="effectiveUntil" type="date" />
      </div>
      <div>
        <button type="submit">Associate</button>
      </div>
    </form>
  </section>
);

function modelText(card: UsageRateCard): string {
  if (card.pricingModel === 'TIERED') {
    return 'graduated: each slab prices the units inside it';
  }
  if (card.pricingModel === 'VOLUME') {
    return 'volume: the slab the total reaches prices every unit';
  }
  return `package: each started package of ${card.packageSize} units`;
}

function rangeText(card: UsageRateCard, slab: Slab, next: Slab | undefined): string {
  if (card.pricingModel === 'PACKAGE') {
    return `per package of ${card.packageSize}`;
  }
  const start = slab.startAfter;
  const end = next?.startAfter;
  const range = end === undefined ? `above ${start}` : `above ${start}, up to ${end}`;
  return card.pricingModel === 'VOLUME'
    ? range
    : `${range} (${end === undefined ? 'every further unit' : 'the units in between'})`;
}

function priceText(card: UsageRateCard, slab: Slab): string {
  const others = Object.entries(slab.currencyRates ?? {}).map(([currency, rate]) => `${currency} ${rate}`);
  const unit =
    card.pricingModel === 'PACKAGE'
      ? ' a package'
      : slab.priceType === 'FLAT'
        ? ' flat'
        : card.pricingModel === 'VOLUME'
          ? ' each, for every unit'
          : ' each';
  return `${slab.rate}${unit}${others.length > 0 ? ` (${others.join(', ')})` : ''}`;
}

function cycleText(cycle: PricingCycle): string {
  const day = cycle.anniversaryCycle
    ? "the day of each account's association"
    : `day ${cycle.startOffset.dayOffset === 'LAST' ? 'last' : cycle.startOffset.dayOffset}`;
  return `${cycle.interval.toLowerCase().replace('_', '-')}, starting on ${day}${cycle.gracePeriod > 0 ? `, ${cycle.gracePeriod} days' grace` : ''}`;
}
