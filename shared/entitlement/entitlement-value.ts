import { Decimal } from '../decimal/decimal';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Whether an account's configured value grants what is asked (POST /accounts/{id}/entitlements/
 * {featureId}): the same value ("true", "gold"), or for numbers — seats, projects, a rate — a
 * request that does not exceed the configured amount ("3" of "10").
 */
export function grantsValue(configured: string, requested: string): boolean {
  if (DECIMAL.test(configured) && DECIMAL.test(requested)) {
    return new Decimal(requested).lte(configured);
  }
  return configured === requested;
}
