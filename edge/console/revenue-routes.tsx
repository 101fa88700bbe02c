import { Decimal } from '../../shared/decimal/decimal';
import type { UsageMeter } from '../../shared/meter/usage-meter';
import type { PricePlan } from '../../shared/pricing/price-plan';
import { failure, seg, type ConsoleApp, type ConsoleKit } from './console-kit';
import { revenueRange } from './forms/revenue-range';
import { fillWindows } from './forms/usage-range';
import type { ChartSeries } from './line-chart';
import {
  RevenuePage,
  revenueSplits,
  TOP_GROUPS,
  TOP_SERIES,
  type RevenueGroup,
  type RevenueView,
} from './revenue-page';

type Series = {
  currency: string;
  accountId?: string;
  meterId?: string;
  pricePlanId?: string;
  value: string;
  data?: ChartSeries['points'];
};
type Split = (typeof revenueSplits)[number]['value'];
type Revenue = { totals: Series[]; groups?: Series[] };

/**
 * The tenant's revenue (GET /revenue): totals per currency over the range, then the split by
 * account, meter or the price plan that rated it, largest first. Only the largest are charted, each with one more call, so the
 * page stays the same size whether the tenant has ten accounts or ten thousand.
 */
export function registerRevenuePage(app: ConsoleApp, { call, page }: ConsoleKit) {
  app.get('/revenue', async (c) => {
    const range = revenueRange(
      { from: c.req.query('from'), to: c.req.query('to'), window: c.req.query('window') },
      Date.now(),
    );
    const asked = c.req.query('split') ?? '';
    const split: Split = revenueSplits.find((s) => s.value === asked)?.value ?? 'accountId';
    const view: RevenueView = {
      fromDate: range.fromDate,
      toDate: range.toDate,
      window: range.ok ? range.window : 'DAY',
      split,
      totals: [],
      series: [],
      groups: [],
      groupCount: 0,
    };
    if (!range.ok) {
      return page(
        c,
        'Revenue',
        'revenue',
        <RevenuePage view={view} />,
        { kind: 'error', title: 'The range is not valid', fields: [`${range.field}: ${range.message}`] },
        422,
      );
    }
    const query = (extra: Record<string, string>) =>
      `/revenue?${new URLSearchParams({ from: range.from, to: range.to, ...extra })}`;
    const [totals, grouped, meters] = await Promise.all([
      call<Revenue>(c, 'GET', query({})),
      call<Revenue>(c, 'GET', query({ groupBy: split })),
      split === 'meterId'
        ? call<{ data: UsageMeter[] }>(c, 'GET', '/usage_meters?pageSize=200')
        : Promise.resolve(undefined),
    ]);
    if (!totals.ok || !grouped.ok) {
      return page(c, 'Revenue', 'revenue', <RevenuePage view={view} />, failure(totals) ?? failure(grouped), 422);
    }
    const ranked = [...(grouped.body.groups ?? [])].sort((a, b) => new Decimal(b.value).comparedTo(a.value));
    const shown = ranked.slice(0, TOP_GROUPS);
    // Plans by id, only those shown: archived plans keep the revenue they rated, so a list would not do.
    const planIds = split === 'pricePlanId' ? [...new Set(shown.map((g) => g.pricePlanId ?? ''))] : [];
    const plans = await Promise.all(
      planIds.map((id) => (id ? call<PricePlan>(c, 'GET', `/price_plans/${seg(id)}`) : Promise.resolve(undefined))),
    );
    const planNames = new Map(plans.flatMap((p) => (p?.ok ? [[p.body.id, p.body.name] as const] : [])));
    const label = (key: string) =>
      split === 'meterId'
        ? (meters?.body?.data?.find((m) => m.id === key)?.name ?? key)
        : split === 'pricePlanId'
          ? key === ''
            ? '(plan not recorded)'
            : (planNames.get(key) ?? key)
          : key;
    const hrefOf = (key: string) =>
      split === 'accountId'
        ? `/console/accounts/${seg(key)}`
        : split === 'meterId'
          ? `/console/meters/${seg(key)}`
          : key === ''
            ? undefined
            : `/console/plans/${seg(key)}`;
    const groups: RevenueGroup[] = shown.map((g) => {
      const key = g[split] ?? '';
      return { label: label(key), currency: g.currency, value: g.value, href: hrefOf(key) };
    });
    const series = await Promise.all(
      ranked.slice(0, TOP_SERIES).map(async (g): Promise<ChartSeries> => {
        const key = g[split] ?? '';
        const windowed = await call<Revenue>(c, 'GET', query({ [split]: key, window: range.window }));
        const points = windowed.body?.totals?.find((t) => t.currency === g.currency)?.data ?? [];
        return {
          label: `${label(key)} (${g.currency})`,
          total: g.value,
          points: range.window === 'WEEK' ? points : fillWindows(points, range.from, range.to, range.window),
        };
      }),
    );
    const filled = {
      ...view,
      range: { from: range.from, to: range.to },
      totals: totals.body.totals,
      series,
      groups,
      groupCount: ranked.length,
    };
    return page(c, 'Revenue', 'revenue', <RevenuePage view={filled} />);
  });
}
