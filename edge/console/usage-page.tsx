import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { CHART_COLORS } from './layout';
import { consoleWindows, usageRanges } from './forms/usage-range';
import { Decimal } from '../../shared/decimal/decimal';
import type { UsageMeter } from '../../shared/meter/usage-meter';

export interface UsageSeries {
  label: string;
  total: string | null;
  points: { from: string; value: string | null }[];
}

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
const COLORS = CHART_COLORS;

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
        <Chart view={view} />
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
                  <span aria-hidden="true" class={`swatch-${i % COLORS.length}`}>
                    ■{' '}
                  </span>
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

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };

/** A line per series, drawn on the server as SVG: no chart library, nothing to load. */
const Chart: FC<{ view: UsageView }> = ({ view }) => {
  const from = Date.parse(view.from);
  const to = Date.parse(view.to);
  const values = view.series.flatMap((s) => s.points.map((p) => Number(p.value ?? 0)));
  const max = Math.max(1, ...values);
  const x = (t: number) => PAD.left + ((Math.max(t, from) - from) / (to - from)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => HEIGHT - PAD.bottom - (v / max) * (HEIGHT - PAD.top - PAD.bottom);
  const summary = view.series.map((s) => `${s.label}: ${s.total ?? 'none'}`).join('; ');
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby="chart-title chart-desc">
      <title id="chart-title">{`Usage of ${view.meter!.name} per ${view.window.toLowerCase()}`}</title>
      <desc id="chart-desc">{summary || 'No usage in this range'}</desc>
      <line x1={PAD.left} y1={y(0)} x2={WIDTH - PAD.right} y2={y(0)} stroke="#9aa6b5" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={y(0)} stroke="#9aa6b5" />
      <text x={PAD.left - 6} y={PAD.top + 10} text-anchor="end">
        {compact(max)}
      </text>
      <text x={PAD.left - 6} y={y(0)} text-anchor="end">
        0
      </text>
      <text x={PAD.left} y={HEIGHT - 8}>
        {view.from.slice(0, 16).replace('T', ' ')}
      </text>
      <text x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end">
        {view.to.slice(0, 16).replace('T', ' ')}
      </text>
      {view.series.map((s, i) => {
        const color = COLORS[i % COLORS.length]!;
        const at = (p: { from: string; value: string | null }) => ({ cx: x(Date.parse(p.from)).toFixed(1), cy: y(Number(p.value ?? 0)).toFixed(1) });
        const line = s.points.map((p) => at(p)).map(({ cx, cy }) => `${cx},${cy}`);
        return (
          <g>
            {line.length > 1 && <polyline points={line.join(' ')} fill="none" stroke={color} stroke-width="2" />}
            {/* A dot where there was usage; empty windows are drawn at 0 without one. */}
            {s.points
              .filter((p) => p.value !== null && Number(p.value) !== 0)
              .map((p) => (
                <circle {...at(p)} r="3" fill={color} />
              ))}
          </g>
        );
      })}
    </svg>
  );
};

function compact(value: number): string {
  return new Decimal(value.toPrecision(4)).toFixed();
}
