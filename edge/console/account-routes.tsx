import type { Account } from '../../shared/account/account';
import type { EventWithStatus } from '../../shared/api/event-routes';
import type { CreditEntryWire, FeatureCreditsWire } from '../../shared/entitlement/credit-entry';
import type { FeatureListItem } from '../../shared/entitlement/feature';
import type { UsageMeter } from '../../shared/meter/usage-meter';
import type { PlanAssociation, PricePlan } from '../../shared/pricing/price-plan';
import { AccountList, AccountPage, type AccountView, type FeatureBalance } from './account-pages';
import {
  done,
  failure,
  form,
  pathParam,
  seg,
  type ConsoleApp,
  type ConsoleContext as C,
  type ConsoleKit,
} from './console-kit';
import { CreditEntryPage, FeatureCreditsPage } from './credit-pages';
import { adjustRequest, grantRequest } from './forms/credit-form';
import { fillWindows } from './forms/usage-range';
import type { ChartSeries } from './line-chart';
import type { InvoicePage, InvoiceSummary } from './invoice-pages';
import type { Notice } from './layout';
import type { MoneyBalance, MoneyCredit } from './money-credits';
import type { StatementWire } from './statement-view';

const PAGE_SIZE = 50;
const RECENT_EVENTS = 10;
/** Past invoices on the account page: the newest this many, of the cycles that ended in the last INVOICE_DAYS days. */
const RECENT_INVOICES = 12;
const INVOICE_DAYS = 400;
/** Pages of 50 read to find the newest (in number order, oldest first): a daily plan's 400 cycles take 8. */
const INVOICE_PAGES = 10;
type Revenue = {
  totals: { currency: string; value: string; data?: ChartSeries['points'] }[];
  groups?: { currency: string; meterId?: string; value: string; data?: ChartSeries['points'] }[];
};

/** Accounts: the list (paged and searched by the API), an account's page, its feature credits. */
export function registerAccountPages(app: ConsoleApp, { call, page }: ConsoleKit) {
  app.get('/accounts', async (c) => {
    const q = (c.req.query('q') ?? '').trim();
    const customer = (c.req.query('customer') ?? '').trim();
    const token = c.req.query('nextToken');
    const list = new URLSearchParams({
      pageSize: String(PAGE_SIZE),
      ...(q ? { search: q } : {}),
      ...(customer ? { customerId: customer } : {}),
      ...(token ? { nextToken: token } : {}),
    });
    // The API finds them (a prefix of the id or name, any case) a page at a time: 10 000 accounts cost what 50 do.
    const found = await call<{ data: Account[]; nextToken?: string }>(c, 'GET', `/accounts?${list}`);
    const accounts = found.body?.data ?? [];
    return page(
      c,
      'Accounts',
      'accounts',
      <AccountList
        q={q}
        customer={customer}
        accounts={accounts}
        nextToken={found.body?.nextToken}
        openById={q !== '' && accounts.length === 0 && !token}
      />,
      failure(found),
      found.ok ? 200 : 422,
    );
  });

  app.get('/accounts/:id', async (c) =>
    page(c, `Account ${c.req.param('id')}`, 'accounts', <AccountPage view={await accountView(c, call)} />),
  );

  // Feature credits: the figures and entries, and the grant, adjust and void forms.
  const creditsPage = async (c: C, notice?: Notice) => {
    const { id, featureId } = c.req.param() as { id: string; featureId: string };
    const token = c.req.query('nextToken');
    const base = `/accounts/${seg(id)}/features/${seg(featureId)}`;
    const [feature, credits, entries] = await Promise.all([
      call<FeatureListItem>(c, 'GET', `/features/${seg(featureId)}`),
      call<FeatureCreditsWire>(c, 'GET', base),
      call<{ data: CreditEntryWire[]; nextToken?: string }>(
        c,
        'GET',
        `${base}/entries?pageSize=${PAGE_SIZE}${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`,
      ),
    ]);
    if (!feature.ok) {
      return page(c, 'Feature credits', 'accounts', <p>No such feature.</p>, failure(feature), 404);
    }
    const title = `${feature.body.displayName || feature.body.name} credits of ${id}`;
    const content = (
      <FeatureCreditsPage
        accountId={id}
        featureId={featureId}
        credits={credits.ok ? credits.body : undefined}
        entries={entries.body?.data ?? []}
        nextToken={entries.body?.nextToken}
      />
    );
    return page(
      c,
      title,
      'accounts',
      content,
      notice ?? failure(credits) ?? failure(entries),
      notice ? 422 : credits.ok ? 200 : 404,
    );
  };
  app.get('/accounts/:id/features/:featureId', (c) => creditsPage(c));
  app.post('/accounts/:id/features/:featureId/grant', async (c) => {
    const { id, featureId } = c.req.param();
    const granted = await call<CreditEntryWire>(
      c,
      'POST',
      `/accounts/${seg(id)}/features/${seg(featureId)}/entries`,
      grantRequest(await form(c)),
    );
    if (granted.ok) {
      return done(
        c,
        `/console/accounts/${seg(id)}/features/${seg(featureId)}`,
        `Granted ${String(granted.body.granted)} units (entry ${granted.body.id})`,
      );
    }
    return creditsPage(c, failure(granted));
  });

  const entryPage = async (c: C, notice?: Notice) => {
    const { id, featureId, entryId } = c.req.param() as { id: string; featureId: string; entryId: string };
    const entry = await findEntry(c, call, id, featureId, entryId);
    if (!entry) {
      return page(c, 'Credit entry', 'accounts', <p>No such credit entry.</p>, notice, 404);
    }
    return page(
      c,
      `Credit entry ${entryId}`,
      'accounts',
      <CreditEntryPage accountId={id} featureId={featureId} entry={entry} />,
      notice,
      notice ? 422 : 200,
    );
  };
  app.get('/accounts/:id/features/:featureId/entries/:entryId', (c) => entryPage(c));
  app.post('/accounts/:id/features/:featureId/entries/:entryId/adjust', async (c) => {
    const { id, featureId, entryId } = c.req.param();
    const path = `/accounts/${seg(id)}/features/${seg(featureId)}/entries/${seg(entryId)}`;
    const changed = await call(c, 'PATCH', path, adjustRequest(await form(c)));
    if (changed.ok) {
      return done(c, `/console${path}`, 'Entry adjusted');
    }
    return entryPage(c, failure(changed));
  });
  app.post('/accounts/:id/features/:featureId/entries/:entryId/void', async (c) => {
    const { id, featureId, entryId } = c.req.param();
    const voided = await call(
      c,
      'POST',
      `/accounts/${seg(id)}/features/${seg(featureId)}/entries/${seg(entryId)}/void`,
    );
    if (voided.ok) {
      return done(c, `/console/accounts/${seg(id)}/features/${seg(featureId)}`, `Entry ${entryId} voided`);
    }
    return entryPage(c, failure(voided));
  });
}

/**
 * The account's newest invoices, newest first. GET /invoices lists in number order (oldest
 * first), so the pages of the cycles that ended in the last INVOICE_DAYS days are read, at most
 * INVOICE_PAGES of them; `complete` says whether that was all.
 */
async function pastInvoices(
  c: C,
  call: ConsoleKit['call'],
  id: string,
  now: number,
): Promise<{ list: InvoiceSummary[]; complete: boolean; problem?: string | undefined }> {
  const found: InvoiceSummary[] = [];
  const startTime = String(Math.max(0, now - INVOICE_DAYS * 86_400_000));
  let token: string | undefined;
  for (let pages = 0; pages < INVOICE_PAGES; pages++) {
    const query = new URLSearchParams({ ownerId: id, startTime, pageSize: String(PAGE_SIZE) });
    if (token) {
      query.set('nextToken', token);
    }
    const answer = await call<InvoicePage>(c, 'GET', `/invoices?${query}`);
    if (!answer.ok) {
      return { list: [], complete: false, problem: failure(answer)?.title };
    }
    found.push(...answer.body.data);
    token = answer.body.nextToken;
    if (!token) {
      break;
    }
  }
  const newest = found.sort((a, b) => b.meterline.number - a.meterline.number).slice(0, RECENT_INVOICES);
  return { list: newest, complete: token === undefined };
}

/** The API has no read of one entry: it is found on the feature's pages of entries. */
async function findEntry(
  c: C,
  call: ConsoleKit['call'],
  id: string,
  featureId: string,
  entryId: string,
): Promise<CreditEntryWire | undefined> {
  let token: string | undefined;
  do {
    const entries = await call<{ data: CreditEntryWire[]; nextToken?: string }>(
      c,
      'GET',
      `/accounts/${seg(id)}/features/${seg(featureId)}/entries?pageSize=200${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`,
    );
    const found = entries.body?.data?.find((e) => e.id === entryId);
    if (found || !entries.ok) {
      return found;
    }
    token = entries.body.nextToken;
  } while (token);
  return undefined;
}

async function accountView(c: C, call: ConsoleKit['call']): Promise<AccountView> {
  const id = pathParam(c, 'id');
  const at = c.req.query('at');
  const now = Date.now();
  const [account, associations, statement, events, features, meters, moneyCredits, moneyBalance, invoices] =
    await Promise.all([
      call<Account>(c, 'GET', `/accounts/${seg(id)}`),
      call<{ data: PlanAssociation[] }>(c, 'GET', `/accounts/${seg(id)}/price_plans`),
      call<StatementWire>(c, 'GET', `/accounts/${seg(id)}/statement${at ? `?at=${encodeURIComponent(at)}` : ''}`),
      call<{ events: EventWithStatus[] }>(
        c,
        'GET',
        `/events?${new URLSearchParams({ accountId: id, pageSize: String(RECENT_EVENTS) })}`,
      ),
      call<{ data: FeatureListItem[] }>(c, 'GET', '/features?pageSize=200'),
      call<{ data: UsageMeter[] }>(c, 'GET', '/usage_meters?pageSize=200'),
      call<{ data: MoneyCredit[] }>(c, 'GET', `/credits?${new URLSearchParams({ accountId: id, pageSize: '50' })}`),
      call<MoneyBalance>(c, 'GET', `/accounts/${seg(id)}/credit_balance`),
      pastInvoices(c, call, id, now),
    ]);
  const planIds = [
    ...new Set([
      ...(associations.body?.data ?? []).map((a) => a.pricePlanId),
      ...(statement.ok ? statement.body.plans.map((p) => p.pricePlanId) : []),
    ]),
  ];
  const [plans, balances, charts] = await Promise.all([
    Promise.all(planIds.map((planId) => call<PricePlan>(c, 'GET', `/price_plans/${seg(planId)}`))),
    Promise.all((features.body?.data ?? []).map((f) => balanceOf(c, call, id, f))),
    statement.ok ? cycleCharts(c, call, id, statement.body, now, meters.body?.data ?? []) : Promise.resolve(undefined),
  ]);
  return {
    id,
    account: account.ok ? account.body : undefined,
    associations: associations.body?.data ?? [],
    statement: statement.ok ? statement.body : undefined,
    statementProblem: statement.ok ? undefined : (failure(statement)?.title ?? ''),
    names: {
      plans: new Map(plans.filter((p) => p.ok).map((p) => [p.body.id, p.body.name])),
      meters: new Map((meters.body?.data ?? []).map((m) => [m.id, m.name])),
    },
    balances: balances.filter((b): b is FeatureBalance => b !== undefined),
    events: events.ok ? events.body.events : [],
    moneyCredits: moneyCredits.body?.data ?? [],
    moneyBalance: moneyBalance.ok ? moneyBalance.body : undefined,
    invoices,
    charts,
    now,
  };
}

async function balanceOf(
  c: C,
  call: ConsoleKit['call'],
  id: string,
  feature: FeatureListItem,
): Promise<FeatureBalance | undefined> {
  const credits = await call<FeatureCreditsWire>(c, 'GET', `/accounts/${seg(id)}/features/${seg(feature.id)}`);
  if (!credits.ok) {
    return undefined;
  }
  const b = credits.body;
  return {
    featureId: feature.id,
    name: feature.displayName || feature.name,
    granted: String(b.granted),
    balance: String(b.balance),
    usedOverage: String(b.usedOverage),
    overageLimit: b.overageLimit === undefined ? undefined : String(b.overageLimit),
  };
}

/** Revenue by meter and usage per priced meter, per UTC day, from the cycle's start to its end (or now). */
async function cycleCharts(
  c: C,
  call: ConsoleKit['call'],
  id: string,
  statement: StatementWire,
  now: number,
  meters: UsageMeter[],
) {
  const from = statement.cycleStart;
  const to = new Date(Math.min(Date.parse(statement.cycleEnd), Math.ceil((now + 1) / 60_000) * 60_000)).toISOString();
  if (Date.parse(to) <= Date.parse(from)) {
    return undefined;
  }
  const meterName = (meterId: string) => meters.find((m) => m.id === meterId)?.name ?? meterId;
  const range = { accountId: id, from, to, window: 'DAY' };
  const meterIds = [...new Set(statement.plans.flatMap((p) => p.usageLines.map((l) => l.usageMeterId)))];
  const [revenue, usage] = await Promise.all([
    call<Revenue>(c, 'GET', `/revenue?${new URLSearchParams({ ...range, groupBy: 'meterId' })}`),
    Promise.all(
      meterIds.map((meterId) =>
        call<{ value: string | null; data?: ChartSeries['points'] }>(
          c,
          'GET',
          `/usage?${new URLSearchParams({ ...range, meterId })}`,
        ),
      ),
    ),
  ]);
  const filled = (points: ChartSeries['points'] | undefined) => fillWindows(points ?? [], from, to, 'DAY');
  return {
    from,
    to,
    revenue: (revenue.body?.groups ?? []).map((g) => ({
      label: `${meterName(g.meterId ?? '')} (${g.currency})`,
      total: g.value,
      points: filled(g.data),
    })),
    usage: meterIds.map((meterId, i) => ({
      meter: meterName(meterId),
      series: [
        { label: meterName(meterId), total: usage[i]?.body?.value ?? null, points: filled(usage[i]?.body?.data) },
      ],
    })),
  };
}
