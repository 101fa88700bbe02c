import { AppError } from '../errors/app-error';
import type { LifecycleStatus } from '../event-schema/event-schema';

/**
 * The lifecycle event schemas and usage meters share (docs/design.md §3, §4):
 * DRAFT → ACTIVE ⇄ INACTIVE → ARCHIVED. Nothing is ever deleted; ARCHIVED is hidden and kept.
 * Repeating a transition that already happened is a no-op, so clients may retry safely.
 */
export type LifecycleAction = 'activate' | 'deactivate' | 'archive';

const rules: Record<LifecycleAction, { from: LifecycleStatus[]; to: LifecycleStatus }> = {
  activate: { from: ['DRAFT', 'INACTIVE'], to: 'ACTIVE' },
  deactivate: { from: ['ACTIVE'], to: 'INACTIVE' },
  archive: { from: ['INACTIVE'], to: 'ARCHIVED' },
};

/** The status after `action`, or a 409 that says which statuses allow it. */
export function nextStatus(
  what: string,
  name: string,
  from: LifecycleStatus,
  action: LifecycleAction,
): LifecycleStatus {
  const rule = rules[action];
  if (from === rule.to || rule.from.includes(from)) {
    return rule.to;
  }
  throw new AppError(
    'conflict',
    'invalid_lifecycle_transition',
    `${what} '${name}' is ${from}; only ${rule.from.join(' or ')} ones can be ${action === 'archive' ? 'archived' : `${action}d`}`,
  );
}
