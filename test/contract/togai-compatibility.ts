import { togaiOperations, type TogaiOperation } from './togai-operations';

/** Checked by test/e2e/togai-pricing-schedules.test.ts, which backs them with what Togai bills. */
export const PRICING_SCHEDULE_OPERATIONS = new Set([
  'update_pricing_schedule',
  'update_pricing_schedule_batch',
  'get_pricing_schedules',
]);

/** Togai's CreditsApi, contacts and AliasesApi, contract-tested in test/e2e/togai-credits.test.ts. */
export const CREDIT_CONTRACT_TESTED = [
  'create_credit',
  'list_credits',
  'get_credit_details',
  'void_credit',
  'credit_balance_for_account',
  'create_customer_contact',
  'create_alias',
  'list_aliases',
  'get_alias',
  'delete_alias',
];

/** Togai's SettingsApi, contract-tested in test/e2e/togai-settings.test.ts. */
export const SETTING_CONTRACT_TESTED = ['list_setting', 'insert_setting', 'get_setting', 'update_setting'];

/** Togai's AlertsApi, contract-tested in test/e2e/togai-alerts.test.ts. */
export const ALERT_CONTRACT_TESTED = [
  'create_alert',
  'list_alerts',
  'update_alert',
  'get_alert_templates',
  'get_alert_template',
  'get_incidents',
  'get_incident',
  'update_incident_status',
];

/**
 * Togai's InvoicesApi, contract-tested in test/e2e/togai-invoices.test.ts. get_invoice is served
 * but not checkable yet: togai-models.json has InvoiceLineItem (a recursive model) as a reference
 * to itself, which no validator can compile, so Togai's Invoice cannot be checked until the models
 * are generated again with the recursion kept.
 */
export const INVOICE_CONTRACT_TESTED = ['list_invoices'];

/** Togai's PricePlanV2Api and PricePlansApi operations, contract-tested in test/e2e/togai-price-plans.test.ts. */
export const PRICE_PLAN_CONTRACT_TESTED = [
  'create_price_plan',
  'get_price_plan',
  'get_price_plans',
  'update_price_plan',
  'activate_price_plan',
  'archive_price_plan',
  'create_price_plan_v2',
  'get_price_plan_v2',
  'list_price_plans_v2',
  'update_price_plan_v2',
  'finalize_price_plan',
  'discard_price_plan',
  'list_price_plan_versions',
  'list_price_plan_rate_cards',
  'bulk_price_plan_rate_card_operations',
  'list_price_plan_errors',
];

/**
 * Which of Togai's operations Meterline answers as Togai does. "supported": test/e2e/
 * togai-contract.test.ts (or a togai-*.test.ts beside it) calls it as Togai's client does and its answer validates against Togai's
 * model; "differs": Meterline serves the method and path, but not (yet) exactly Togai's contract;
 * "not yet": Meterline has no such route. Read from Meterline's OpenAPI document, so a route added
 * or removed changes the table; docs/togai-compatibility.md is written from it (npm run togai:compat).
 */
export const CONTRACT_TESTED = new Set([
  ...PRICING_SCHEDULE_OPERATIONS,
  'create_event_schema',
  'get_event_schema',
  'list_event_schemas',
  'event_schema_event_schema_name_patch',
  'list_event_schema_versions',
  'activate_event_schema',
  'deactivate_event_schema',
  'delete_event_schema',
  'create_usage_meter',
  'get_usage_meter',
  'get_usage_meters_for_event_schema',
  'update_usage_meter',
  'activate_usage_meter',
  'deactivate_usage_meter',
  'delete_usage_meter',
  'create_customer',
  'get_customer',
  'get_customers',
  'update_customer',
  'delete_customer',
  'create_account',
  'get_account',
  'get_accounts',
  'update_account',
  'delete_account',
  'add_aliases',
  'list_account_aliases',
  'remove_aliases',
  'ingest',
  'ingest_batch',
  'get_single_event',
  'get_events',
  'get_metrics',
  'event_correction',
  'create_feature',
  'get_feature',
  'get_features',
  'update_feature',
  'get_feature_credits',
  'list_feature_credit_entries',
  'update_feature_credit_entry',
  'void_feature_credit_entry',
  'ingest_entitled_event',
  'get_entitlements',
  'get_entitlement_value',
  'validate_entitlement_value',
  ...PRICE_PLAN_CONTRACT_TESTED,
  ...CREDIT_CONTRACT_TESTED,
  ...SETTING_CONTRACT_TESTED,
  ...ALERT_CONTRACT_TESTED,
  ...INVOICE_CONTRACT_TESTED,
]);

/** Supported operations checked in their own togai-*.test.ts rather than togai-contract.test.ts. */
export const CHECKED_APART = new Set([
  ...PRICING_SCHEDULE_OPERATIONS,
  ...PRICE_PLAN_CONTRACT_TESTED,
  ...CREDIT_CONTRACT_TESTED,
  ...SETTING_CONTRACT_TESTED,
  ...ALERT_CONTRACT_TESTED,
  ...INVOICE_CONTRACT_TESTED,
]);

export type Support = 'supported' | 'differs' | 'not yet';

export interface CompatibilityRow {
  operation: TogaiOperation;
  support: Support;
  /** Meterline's route for it, as its OpenAPI document names it. */
  route?: string;
}

type OpenApiPaths = Record<string, Record<string, unknown>>;

export function compatibility(paths: OpenApiPaths): CompatibilityRow[] {
  const served = new Map<string, string>();
  for (const [path, methods] of Object.entries(paths)) {
    for (const method of Object.keys(methods)) {
      served.set(`${method.toUpperCase()} ${shape(path)}`, `${method.toUpperCase()} ${path}`);
    }
  }
  return togaiOperations.map((operation) => {
    const route = served.get(`${operation.method} ${shape(operation.path)}`);
    const support: Support = !route ? 'not yet' : CONTRACT_TESTED.has(operation.operation) ? 'supported' : 'differs';
    return route ? { operation, support, route } : { operation, support };
  });
}

/** A path with its parameters unnamed: /event_schema/{event_schema_name} and /event_schema/{name} are one route. */
function shape(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}');
}

/** Where Togai's models leave the content open (maps of objects), what Meterline puts in them. */
const NOTES = [
  '## Notes',
  '',
  "- **Alert templates.** Togai's alerts name a template its console defines; Meterline has three,",
  "  `GET /alert_templates` lists them with their JSON Schemas. `USAGE_THRESHOLD`: a meter's usage in an",
  "  account's current billing cycle (`entityDetails: {usageMeter: {id}}`). `REVENUE_THRESHOLD`: an",
  "  account's rated revenue in its current billing cycle, all meters together, in one currency",
  '  (`entityDetails: {currency: {id: "USD"}}`). `BALANCE_THRESHOLD`: an account\'s credit balance of a',
  '  feature falling through a threshold (`entityDetails: {feature: {id}}`). All: `ownerDetails: {account: {id}}`',
  '  for one account (absent: all), `parameters: {threshold: {type: ABSOLUTE | PERCENTAGE, values, limit}}`.',
  "  An incident's `reportData` names what crossed (`usageMeter` and `usage`, `currency` and `revenue`, or",
  '  `feature` and `balance`, each `{before, after}`). Crossings are detected in real time, so `interval` is',
  '  kept but drives nothing.',
];

export function compatibilityMarkdown(rows: CompatibilityRow[]): string {
  const count = (s: Support) => rows.filter((r) => r.support === s).length;
  const lines = [
    '# Togai compatibility',
    '',
    "Written by `npm run togai:compat` from Togai's operations (test/contract/togai-operations.json, read from",
    "Togai's official client docs) and Meterline's OpenAPI document. **supported**: called as Togai's",
    "client calls it, its answer validated against Togai's own model in CI (test/e2e/togai-contract.test.ts,",
    'test/e2e/togai-credits.test.ts);',
    "**differs**: Meterline serves the route, not yet exactly Togai's contract; **not yet**: no such route.",
    '',
    `${count('supported')} supported, ${count('differs')} differ, ${count('not yet')} not yet, of ${rows.length}.`,
    '',
    '| Togai API | Operation | Togai route | Meterline |',
    '|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.operation.api} | \`${r.operation.operation}\` | \`${r.operation.method} ${r.operation.path}\` | ${r.support}${r.route && r.support !== 'supported' ? ` (\`${r.route}\`)` : ''} |`,
    ),
    '',
    ...NOTES,
  ];
  return `${lines.join('\n')}\n`;
}

/** Per Togai API: how many of its operations are supported, differ, or are not there yet (README). */
export function compatibilitySummary(rows: CompatibilityRow[]): string {
  const apis = [...new Set(rows.map((r) => r.operation.api))];
  const count = (api: string, s: Support) => rows.filter((r) => r.operation.api === api && r.support === s).length;
  return [
    '| Togai API | Supported | Differs | Not yet |',
    '|---|---|---|---|',
    ...apis.map(
      (api) => `| ${api} | ${count(api, 'supported')} | ${count(api, 'differs')} | ${count(api, 'not yet')} |`,
    ),
  ].join('\n');
}

/** README's summary sits between these markers; npm run togai:compat rewrites it. */
export const README_MARKERS = ['<!-- togai-compatibility -->', '<!-- /togai-compatibility -->'] as const;

export function withSummary(readme: string, summary: string): string {
  const [open, close] = README_MARKERS;
  const start = readme.indexOf(open);
  const end = readme.indexOf(close);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no ${open} … ${close} section`);
  }
  return `${readme.slice(0, start + open.length)}\n${summary}\n${readme.slice(end)}`;
}
