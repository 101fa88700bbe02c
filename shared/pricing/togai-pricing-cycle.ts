import type { FieldIssue } from '../errors/app-error';
import { intervalMonths, type PricingCycle } from './price-plan';
import type { TogaiPricingCycleConfig } from './togai-price-plan-wire';

/**
 * Togai's PricingCycleConfig ↔ Meterline's pricing cycle. Togai writes offsets as strings
 * ("15", "LAST", and FIRST/LAST for months); Meterline keeps numbers and LAST. Weekly cycles and
 * grace periods beyond 60 days are not Meterline's, and are refused by field.
 */
export function fromTogaiPricingCycle(
  config: TogaiPricingCycleConfig,
  path: string,
  issues: FieldIssue[],
): PricingCycle | undefined {
  if (config.interval === 'WEEKLY') {
    issues.push({
      path: `${path}.interval`,
      message: 'WEEKLY cycles are not supported yet; use MONTHLY, QUARTERLY, HALF_YEARLY or ANNUALLY',
    });
    return undefined;
  }
  const months = intervalMonths[config.interval];
  const before = issues.length;
  const day = config.startOffset?.dayOffset ?? '1';
  const dayOffset = day === 'LAST' ? ('LAST' as const) : wholeIn(day, 1, 31);
  if (dayOffset === undefined) {
    issues.push({ path: `${path}.startOffset.dayOffset`, message: 'must be "1" to "31" or "LAST"' });
  }
  const month = config.startOffset?.monthOffset ?? 'FIRST';
  const monthOffset =
    month === 'FIRST' || (month === 'NIL' && months === 1) ? 1 : month === 'LAST' ? months : wholeIn(month, 1, months);
  if (monthOffset === undefined) {
    issues.push({
      path: `${path}.startOffset.monthOffset`,
      message: `must be "1" to "${months}", FIRST or LAST for a ${config.interval} cycle`,
    });
  }
  if (config.gracePeriod > 60) {
    issues.push({ path: `${path}.gracePeriod`, message: 'must be at most 60 days' });
  }
  if (issues.length > before || dayOffset === undefined || monthOffset === undefined) {
    return undefined;
  }
  return {
    interval: config.interval,
    startOffset: { dayOffset, monthOffset },
    anniversaryCycle: config.anniversaryCycle ?? false,
    gracePeriod: config.gracePeriod,
  };
}

export function toTogaiPricingCycle(cycle: PricingCycle): TogaiPricingCycleConfig {
  return {
    interval: cycle.interval,
    startOffset: { dayOffset: String(cycle.startOffset.dayOffset), monthOffset: String(cycle.startOffset.monthOffset) },
    gracePeriod: cycle.gracePeriod,
    anniversaryCycle: cycle.anniversaryCycle,
  };
}

function wholeIn(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,2}$/.test(text)) {
    return undefined;
  }
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}
