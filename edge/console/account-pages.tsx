import type { FC } from 'hono/jsx';
import type { Account } from '../../shared/account/account';
import type { EventWithStatus } from '../../shared/api/event-routes';
import type { PlanAssociation } from '../../shared/pricing/price-plan';
import { EventTable } from './event-pages';
import { InvoiceTable, type InvoiceSummary } from './invoice-pages';
import { LineChart, Swatch, type ChartSeries } from './line-chart';
import { MoneyCredits, type MoneyBalance, type MoneyCredit } from './money-credits';
import { StatementView, type Names, type StatementWire } from './statement-view';

const accountHref = (id: string) => `/console/accounts/${encodeURIComponent(id)}`;

/**
 * Accounts, a page at a time, found on the server: those whose id or name begins with `q` (any
 * case), optionally only one customer's — GET /accounts?search=, a range of an index however many
 * accounts the tenant has.
 */
export const AccountList: FC<{
  q: string;
  customer: string;
  accounts: Account[];
  nextToken?: string | undefined;
  openById: boolean;
}> = ({ q, customer, accounts, nextToken, openById }) => (
  <>
    <form class="filters" method="get" action="/console/accounts" role="search">
      <div>
        <label for="q">Account id or name begins with</label>
        <input id="q" name="q" type="search" value={q} size={24} />
      </div>
      <div>
        <label for="customer">Customer id</label>
        <input id="customer" name="customer" value={customer} size={20} />
      </div>
      <div>
        <button type="submit">Search</button>
      </div>
    </form>
    {(q || customer) && (
      <p class="hint">
        {q ? `Accounts whose id or name begins with “${q}” (any case)` : 'Accounts'}
        {customer ? ` of the customer “${customer}”` : ''}, oldest first.
      </p>
    )}
    {accounts.length === 0 ? (
      <p>
        {q || customer ? 'No account matches.' : 'No accounts yet: create them with POST /accounts or POST /customers.'}
      </p>
    ) : (
      <div class="scroll">
        <table id="accounts">
          <caption class="hint">{q || customer ? 'Matching accounts' : 'Accounts, oldest first'}</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Name</th>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col">Currency</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr>
                <td>
                  <a href={accountHref(a.id)}>{a.id}</a>
                </td>
                <td>{a.name}</td>
                <td>
                  <a href={`/console/accounts?customer=${encodeURIComponent(a.customerId)}`}>{a.customerId}</a>
                </td>
                <td>
                  <span class={`status ${a.status}`}>{a.status}</span>
                </td>
                <td>{a.invoiceCurrency ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {openById && (
      <p>
        Events, plans and credits may name an account id no account was created for:{' '}
        <a href={accountHref(q)}>open the account page of “{q}”</a>.
      </p>
    )}
    {nextToken && (
      <p>
        <a
          href={`/console/accounts?${new URLSearchParams({ ...(q ? { q } : {}), ...(customer ? { customer } : {}), nextToken })}`}
        >
          Next accounts
        </a>
      </p>
    )}
  </>
);

export interface FeatureBalance {
  featureId: string;
  name: string;
  granted: string;
  balance: string;
  usedOverage: string;
  overageLimit?: string | undefined;
}

export interface AccountView {
  id: string;
  account?: Account | undefined;
  associations: PlanAssociation[];
  statement?: StatementWire | undefined;
  statementProblem?: string | undefined;
  names: Names;
  balances: FeatureBalance[];
  events: EventWithStatus[];
  moneyCredits: MoneyCredit[];
  moneyBalance?: MoneyBalance | undefined;
  invoices: { list: InvoiceSummary[]; complete: boolean; problem?: string | undefined };
  charts?:
    | { from: string; to: string; revenue: ChartSeries[]; usage: { meter: string; series: ChartSeries[] }[] }
    | undefined;
  now: number;
}

/** Everything that decides what the account pays, and what it has used, on one page. */
export const AccountPage: FC<{ view: AccountView }> = ({ view }) => (
  <>
    {view.account ? (
      <dl class="facts">
        <dt>Name</dt>
        <dd>{view.account.name}</dd>
        <dt>Customer</dt>
        <dd>
          <a href={`/console/accounts?customer=${encodeURIComponent(view.account.customerId)}`}>
            {view.account.customerId}
          </a>
        </dd>
        <dt>Status</dt>
        <dd>
          <span class={`status ${view.account.status}`}>{view.account.status}</span>
        </dd>
        <dt>Invoice currency</dt>
        <dd>{view.account.invoiceCurrency ?? 'the plan’s'}</dd>
      </dl>
    ) : (
      <p class="hint">No account was created for this id; events, plans and credits may still name it.</p>
    )}
    <PlanHistory view={view} />
    <section aria-labelledby="statement-heading">
      <h2 id="statement-heading">
        {view.statement
          ? `Statement of the cycle ${day(view.statement.cycleStart)} – ${day(view.statement.cycleEnd)} (${view.statement.status})`
          : 'Statement'}
      </h2>
      {view.statement ? <CycleLinks id={view.id} statement={view.statement} now={view.now} /> : null}
      {view.statement ? (
        <StatementView statement={view.statement} names={view.names} />
      ) : (
        <p>{view.statementProblem}</p>
      )}
    </section>
    <PastInvoices id={view.id} invoices={view.invoices} />
    <MoneyCredits balance={view.moneyBalance} credits={view.moneyCredits} />
    {view.charts && <CycleCharts charts={view.charts} />}
    <Balances id={view.id} balances={view.balances} />
    <RecentEvents id={view.id} events={view.events} />
  </>
);

const PlanHistory: FC<{ view: AccountView }> = ({ view }) => (
  <section aria-labelledby="plans-heading">
    <h2 id="plans-heading">Price plans</h2>
    {view.associations.length === 0 ? (
      <p>No price plan was ever associated: associate one from a plan’s page.</p>
    ) : (
      <div class="scroll">
        <table>
          <caption class="hint">Every association, oldest first (the version is fixed when associated)</caption>
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col" class="num">
                Version
              </th>
              <th scope="col">From (UTC)</th>
              <th scope="col">Until (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {view.associations.map((a) => (
              <tr>
                <td>
                  <a href={`/console/plans/${encodeURIComponent(a.pricePlanId)}?version=${a.pricePlanVersion}`}>
                    {view.names.plans.get(a.pricePlanId) ?? a.pricePlanId}
                  </a>
                </td>
                <td class="num">{a.pricePlanVersion}</td>
                <td>{a.effectiveFrom}</td>
                <td>{a.effectiveUntil ?? 'open-ended'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </section>
);

/** The cycle before, and the one after unless this is the current one: the statement API's `at`. */
const CycleLinks: FC<{ id: string; statement: StatementWire; now: number }> = ({ id, statement, now }) => {
  const before = new Date(Date.parse(statement.cycleStart) - 60_000).toISOString();
  const current = Date.parse(statement.cycleEnd) > now;
  return (
    <p class="actions">
      <a href={`${accountHref(id)}?at=${encodeURIComponent(before)}`}>Previous cycle</a>
      {!current && <a href={`${accountHref(id)}?at=${encodeURIComponent(statement.cycleEnd)}`}>Next cycle</a>}
      {!current && <a href={accountHref(id)}>Current cycle</a>}
    </p>
  );
};

const CycleCharts: FC<{ charts: NonNullable<AccountView['charts']> }> = ({ charts }) => (
  <section aria-labelledby="cycle-charts-heading">
    <h2 id="cycle-charts-heading">Revenue and usage in the cycle</h2>
    <p class="hint">
      Per day (UTC), from {charts.from} to {charts.to}. Revenue is what each event added to the price, as rated; the
      statement rounds each line once.
    </p>
    <ChartWithTable
      id="revenue-chart"
      title="Revenue per day, by meter"
      series={charts.revenue}
      from={charts.from}
      to={charts.to}
      heading="Meter (currency)"
    />
    {charts.usage.map((u, i) => (
      <ChartWithTable
        id={`usage-chart-${i}`}
        title={`Usage of ${u.meter} per day`}
        series={u.series}
        from={charts.from}
        to={charts.to}
        heading="Meter"
      />
    ))}
  </section>
);

export const ChartWithTable: FC<{
  id: string;
  title: string;
  series: ChartSeries[];
  from: string;
  to: string;
  heading: string;
}> = ({ id, title, series, from, to, heading }) => (
  <div class="panel">
    <figure>
      <figcaption>{title}</figcaption>
      <LineChart id={id} title={title} from={from} to={to} series={series} empty="Nothing in this range" />
    </figure>
    <div class="table scroll">
      <table>
        <caption class="hint">Totals over the range</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col" class="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {series.length === 0 && (
            <tr>
              <td colspan={2}>None</td>
            </tr>
          )}
          {series.map((s, i) => (
            <tr>
              <td>
                <Swatch i={i} />
                {s.label}
              </td>
              <td class="num">{s.total ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </div>
);

const Balances: FC<{ id: string; balances: FeatureBalance[] }> = ({ id, balances }) => (
  <section aria-labelledby="balances-heading">
    <h2 id="balances-heading">Feature credits</h2>
    {balances.length === 0 ? (
      <p>The tenant has no ACTIVE features.</p>
    ) : (
      <div class="scroll">
        <table>
          <caption class="hint">Current to the last debit; open a feature to grant, adjust or void credits</caption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col" class="num">
                Granted
              </th>
              <th scope="col" class="num">
                Balance
              </th>
              <th scope="col" class="num">
                Overage used
              </th>
            </tr>
          </thead>
          <tbody>
            {balances.map((b) => (
              <tr>
                <td>
                  <a href={`${accountHref(id)}/features/${encodeURIComponent(b.featureId)}`}>{b.name}</a>
                </td>
                <td class="num">{b.granted}</td>
                <td class="num">{b.balance}</td>
                <td class="num">
                  {b.usedOverage}
                  {b.overageLimit !== undefined && ` of ${b.overageLimit}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </section>
);

const PastInvoices: FC<{ id: string; invoices: AccountView['invoices'] }> = ({ id, invoices }) => (
  <section aria-labelledby="invoices-heading">
    <h2 id="invoices-heading">Past invoices</h2>
    {invoices.problem !== undefined ? (
      <p>{invoices.problem}</p>
    ) : invoices.list.length === 0 ? (
      <p>No invoices for this account yet: one is made when a cycle’s grace period ends.</p>
    ) : (
      <InvoiceTable
        caption={`The latest ${invoices.list.length}, newest first${invoices.complete ? '' : ' of those read'}`}
        invoices={invoices.list}
        account={false}
      />
    )}
    <p>
      <a href={`/console/invoices?ownerId=${encodeURIComponent(id)}`}>All invoices of this account</a>
    </p>
  </section>
);

const RecentEvents: FC<{ id: string; events: EventWithStatus[] }> = ({ id, events }) => (
  <section aria-labelledby="events-heading">
    <h2 id="events-heading">Recent events</h2>
    {events.length === 0 ? (
      <p>No events for this account.</p>
    ) : (
      <EventTable caption={`The latest ${events.length}, newest first`} events={events} account={false} />
    )}
    <p>
      <a href={`/console/events?accountId=${encodeURIComponent(id)}`}>All events of this account</a>
    </p>
  </section>
);

function day(instant: string): string {
  return instant.slice(0, 10);
}
