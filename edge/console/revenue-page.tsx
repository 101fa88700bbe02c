import type { FC } from 'hono/jsx';
import { ChartWithTable } from './account-pages';
import { revenueWindows } from './forms/revenue-range';
import type { ChartSeries } from './line-chart';

export const revenueSplits = [
  { value: 'accountId', label: 'account' },
  { value: 'meterId', label: 'usage meter' },
  { value: 'pricePlanId', label: 'price plan' },
] as const;

/** One group of the split, with its total over the range; `href` opens it. */
export interface RevenueGroup {
  label: string;
  currency: string;
  value: string;
  href?: string | undefined;
}

export interface RevenueView {
  fromDate: string;
  toDate: string;
  window: string;
  split: string;
  range?: { from: string; to: string } | undefined;
  totals: { currency: string; value: string }[];
  series: ChartSeries[];
  /** The largest groups, largest first. */
  groups: RevenueGroup[];
  /** How many groups there are in all. */
  groupCount: number;
}

export const TOP_SERIES = 8;
export const TOP_GROUPS = 50;

/** The tenant's revenue over any range of UTC days: totals per currency, a chart and the largest groups. */
export const RevenuePage: FC<{ view: RevenueView }> = ({ view }) => (
  <>
    <form class="filters" method="get" action="/console/revenue">
      <div>
        <label for="from">From (date, UTC)</label>
        <input id="from" name="from" type="date" value={view.fromDate} />
      </div>
      <div>
        <label for="to">To (date, UTC, included)</label>
        <input id="to" name="to" type="date" value={view.toDate} />
      </div>
      <div>
        <label for="window">Per</label>
        <select id="window" name="window">
          {revenueWindows.map((w) => (
            <option value={w} selected={w === view.window}>
              {w.toLowerCase()}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="split">Split by</label>
        <select id="split" name="split">
          {revenueSplits.map((s) => (
            <option value={s.value} selected={s.value === view.split}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button type="submit">Show</button>
      </div>
    </form>
    {view.range && (
      <>
        <h2>Total</h2>
        <p class="hint">
          Revenue rated for events from {view.range.from} to {view.range.to} (exact, before a statement rounds its
          lines).
        </p>
        {view.totals.length === 0 ? (
          <p>No revenue in this range.</p>
        ) : (
          <dl class="totals">
            {view.totals.map((t) => (
              <>
                <dt>{t.currency}</dt>
                <dd data-testid={`revenue-total-${t.currency}`}>{t.value}</dd>
              </>
            ))}
          </dl>
        )}
        <h2>By {revenueSplits.find((s) => s.value === view.split)?.label}</h2>
        <ChartWithTable
          id="revenue-chart"
          title={`Revenue per ${view.window.toLowerCase()}, the ${Math.min(TOP_SERIES, view.groupCount)} largest`}
          series={view.series}
          from={view.range.from}
          to={view.range.to}
          heading="Largest"
        />
        <GroupTable view={view} />
      </>
    )}
  </>
);

const GroupTable: FC<{ view: RevenueView }> = ({ view }) =>
  view.groups.length === 0 ? null : (
    <div class="scroll">
      <table id="revenue-groups">
        <caption class="hint">
          {view.groupCount > view.groups.length
            ? `The ${view.groups.length} largest of ${view.groupCount}; the totals above include every one`
            : `All ${view.groupCount}, largest first`}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              {view.split === 'accountId' ? 'Account' : view.split === 'meterId' ? 'Usage meter' : 'Price plan'}
            </th>
            <th scope="col">Currency</th>
            <th scope="col" class="num">
              Revenue
            </th>
          </tr>
        </thead>
        <tbody>
          {view.groups.map((g) => (
            <tr>
              <td>{g.href ? <a href={g.href}>{g.label}</a> : g.label}</td>
              <td>{g.currency}</td>
              <td class="num">{g.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
