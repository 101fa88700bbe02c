import type { FC } from 'hono/jsx';
import { Decimal } from '../../shared/decimal/decimal';
import { CHART_COLORS } from './layout';

/** One line of a chart: its label, its total over the range, and a value per window. */
export interface ChartSeries {
  label: string;
  total: string | null;
  points: { from: string; value: string | null }[];
}

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };

/**
 * A line per series, drawn on the server as SVG: no chart library, nothing to load. Values may be
 * negative (volume pricing makes negative revenue deltas): the axis then starts below 0. `id`
 * keeps the title and description of several charts on one page apart.
 */
export const LineChart: FC<{
  id: string;
  title: string;
  from: string;
  to: string;
  series: ChartSeries[];
  empty: string;
}> = ({ id, title, from, to, series, empty }) => {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const values = series.flatMap((s) => s.points.map((p) => Number(p.value ?? 0)));
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const x = (t: number) => PAD.left + ((Math.max(t, start) - start) / (end - start)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => HEIGHT - PAD.bottom - ((v - min) / (max - min)) * (HEIGHT - PAD.top - PAD.bottom);
  const summary = series.map((s) => `${s.label}: ${s.total ?? 'none'}`).join('; ');
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{summary || empty}</desc>
      <line x1={PAD.left} y1={y(0)} x2={WIDTH - PAD.right} y2={y(0)} stroke="#9aa6b5" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={HEIGHT - PAD.bottom} stroke="#9aa6b5" />
      <text x={PAD.left - 6} y={PAD.top + 10} text-anchor="end">
        {compact(max)}
      </text>
      <text x={PAD.left - 6} y={y(0)} text-anchor="end">
        0
      </text>
      {min < 0 && (
        <text x={PAD.left - 6} y={HEIGHT - PAD.bottom} text-anchor="end">
          {compact(min)}
        </text>
      )}
      <text x={PAD.left} y={HEIGHT - 8}>
        {from.slice(0, 16).replace('T', ' ')}
      </text>
      <text x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end">
        {to.slice(0, 16).replace('T', ' ')}
      </text>
      {series.map((s, i) => {
        const color = CHART_COLORS[i % CHART_COLORS.length] ?? 'currentColor';
        const at = (p: { from: string; value: string | null }) => ({
          cx: x(Date.parse(p.from)).toFixed(1),
          cy: y(Number(p.value ?? 0)).toFixed(1),
        });
        const line = s.points.map((p) => at(p)).map(({ cx, cy }) => `${cx},${cy}`);
        return (
          <g>
            {line.length > 1 && <polyline points={line.join(' ')} fill="none" stroke={color} stroke-width="2" />}
            {/* A dot where there was a value; empty windows are drawn at 0 without one. */}
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

/** The colour swatch of series `i`, for the table beside a chart (by class: the CSP allows no inline style). */
export const Swatch: FC<{ i: number }> = ({ i }) => (
  <span aria-hidden="true" class={`swatch-${i % CHART_COLORS.length}`}>
    ■{' '}
  </span>
);

function compact(value: number): string {
  return new Decimal(value.toPrecision(4)).toFixed();
}
