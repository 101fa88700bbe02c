import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { LineChart, Swatch, type ChartSeries } from './line-chart';
import { consoleWindows, usageRanges } from './forms/usage-range';
import type { UsageMeter } from '../../shared/meter/usage-meter';

export type UsageSeries = ChartSeries;

export interface UsageView {
  meters: UsageMeter[];
  meter?: UsageMeter | undefined;
  dimensions: string[];
  range: string;
  window: string;
  split: string;
  from: string;
  to: string;
  widened: boolean;
  total: string | null;
  series: UsageSeries[];
}

const REFRESH_MS = 5000;
/**
 * The console's one script: refreshes the chart and table as events arrive, leaving the rest of
 * the page alone. A constant, so the Content-Security-Policy can allow exactly it, by its hash.
 */
export const REFRESH_SCRIPT = `
  setInterval(async () => {
    const panel = document.getElementById('usage-panel');
    if (!panel || document.hidden) return;
    const page = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
    const fresh = page.getElementById('usage-panel');
    if (fresh && fresh.innerHTML !== panel.innerHTML) panel.innerHTML = fresh.innerHTML;
  }, ${REFRESH_MS});
`;

/** A chart per meter over a range and window, split by account or a dimension, with the numbers beside it. */
export const UsagePage: FC<{ view: UsageView }> = ({ view }) => (
  <>
    <form class="filters" method="get" action="/console/usage">
      <div>
        <label for="meterId">Meter</label>
        <select id="meterId" name="meterId">
          {view.meters.map((m) => (
            <option value={m.id} selected={m.id === view.meter?.id}>
              {`${m.name} (${m.aggregation})`}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="range">Range</label>
        <select id="range" name="range">
          {usageRanges.map((r) => (
            <option value={r.value} selected={r.value === view.range}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="window">Window</label>
        <select id="window" name="window">
          {consoleWindows.map((w) => (
            <option value={w} selected={w === view.window}>
              {w.toLowerCase()}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="split">Split by</label>
        <select id="split" name="split">
          <option value="">nothing</option>
          <option value="account" selected={view.split === 'account'}>
            account
          </option>
          {view.dimensions.map((d) => (
            <option value={d} selected={view.split === d}>{`dimension: ${d}`}</option>
          ))}
        </select>
      </div>
      <div>
        <button type="submit">Show</button>
      </div>
    </form>
    {view.meter ? <UsagePanel view={view} /> : <p>No usage meters yet: create one under Usage meters.</p>}
    {raw(`<script>${REFRESH_SCRIPT}</script>`)}
  </>
);

const UsagePanel: FC<{ view: UsageView }> = ({ view }) => (
  <section id="usage-panel" aria-labelledby="usage-heading">
    <h2 id="usage-heading">
      {view.meter!.name}: <span data-testid="usage-total">{view.total ?? '—'}</span>
    </h2>
    <p class="hint">
      {view.meter!.aggregation} from {view.from} to {view.to} (UTC), per {view.window.toLowerCase()}
      {view.widened && ' — widened: a split by account shows at most 100 points'}. Refreshes every 5 seconds.
    </p>
    <div class="panel">
      <figure>
        <LineChart
          id="chart"
          title={`Usage of ${view.meter!.name} per ${view.window.toLowerCase()}`}
          from={view.from}
          to={view.to}
          series={view.series}
          empty="No usage in this range"
        />
      </figure>
      <div class="table scroll">
        <table>
          <caption class="hint">Totals over the range</caption>
          <thead>
            <tr>
              <th scope="col">{view.split === '' ? 'Meter' : view.split === 'account' ? 'Account' : view.split}</th>
              <th scope="col" class="num">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            {view.series.map((s, i) => (
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
  </section>
);
