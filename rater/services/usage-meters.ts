import { AppError, concurrentChange, invalid, nameTaken, notFound } from '../../shared/errors/app-error';
import type { EventSchema } from '../../shared/event-schema/event-schema';
import { nextStatus, type LifecycleAction } from '../../shared/lifecycle/lifecycle';
import { checkUsageMeter } from '../../shared/meter/check-usage-meter';
import {
  definitionChanges,
  type CreateUsageMeterRequest,
  type UpdateUsageMeterRequest,
  type UsageMeter,
} from '../../shared/meter/usage-meter';
import { findEventSchema } from '../store/event-schemas';
import { inTenantHome } from '../store/tenant-home';
import {
  findUsageMeter,
  insertUsageMeter,
  lockEventSchemaOf,
  setUsageMeterStatus,
  updateUsageMeter as writeUsageMeter,
  type MeterChange,
} from '../store/usage-meters';
import type { TenantContext } from './tenant-context';

/** Usage meters with docs/design.md §4's lifecycle: a meter is defined once it has counted. */
export async function createUsageMeter(ctx: TenantContext, input: CreateUsageMeterRequest): Promise<UsageMeter> {
  checkAgainst(input, await usableSchema(ctx, input.eventSchemaName));
  const created = await inTenantHome(ctx.db, ctx.tenantId, ctx.home, (tx) => insertUsageMeter(tx, ctx.tenantId, input));
  if (!created) {
    throw nameTaken('usage meter', input.name, 'meters');
  }
  return created;
}

/** The meter, with its event schema beside it when asked for (and still there). */
export async function usageMeterWithSchema(
  ctx: TenantContext,
  id: string,
  includeSchema: boolean,
): Promise<UsageMeter & { eventSchema?: EventSchema }> {
  const meter = await mustFindUsageMeter(ctx, id);
  if (!includeSchema) {
    return meter;
  }
  const eventSchema = await findEventSchema(ctx.db, ctx.tenantId, meter.eventSchemaName);
  return { ...meter, ...(eventSchema ? { eventSchema } : {}) };
}

/** Names and descriptions change always; the definition only while the meter is DRAFT. */
export async function updateUsageMeter(
  ctx: TenantContext,
  id: string,
  patch: UpdateUsageMeterRequest,
): Promise<UsageMeter> {
  const meter = await mustFindUsageMeter(ctx, id);
  if (meter.status === 'ARCHIVED') {
    throw new AppError('conflict', 'usage_meter_archived', `Usage meter '${meter.id}' is archived and cannot change`);
  }
  const texts: MeterChange = { name: patch.name, billableName: patch.billableName, description: patch.description };
  let change = texts;
  if (meter.status === 'DRAFT') {
    const definition = {
      eventSchemaName: patch.eventSchemaName ?? meter.eventSchemaName,
      aggregation: patch.aggregation ?? meter.aggregation,
      filters: patch.filters ?? meter.filters,
      computations: patch.computations ?? meter.computations,
    };
    checkAgainst({ ...meter, ...definition }, await usableSchema(ctx, definition.eventSchemaName));
    change = { ...texts, ...definition };
  } else {
    refuseDefinitionChange(meter, definitionChanges(meter, patch));
  }
  const write = await writeUsageMeter(ctx.db, ctx.tenantId, meter, change);
  if (write.ok) {
    return write.meter;
  }
  throw write.reason === 'name_taken' ? nameTaken('usage meter', patch.name ?? meter.name, 'meters') : raced(meter);
}

export async function transitionUsageMeter(
  ctx: TenantContext,
  id: string,
  action: LifecycleAction,
): Promise<UsageMeter> {
  const meter = await mustFindUsageMeter(ctx, id);
  const status = nextStatus('Usage meter', id, meter.status, action);
  if (status === meter.status) {
    return meter;
  }
  if (action !== 'activate') {
    return (await setUsageMeterStatus(ctx.db, ctx.tenantId, meter, status)) ?? raced(meter);
  }
  // The schema is share-locked while it is checked, so it cannot change or be deactivated before
  // the meter is ACTIVE; and the check is against its current version, which may have moved on
  // (or, for a DRAFT schema, lost fields) since the meter was defined.
  return ctx.db.transaction(async (tx) => {
    const schema = await lockEventSchemaOf(tx, ctx.tenantId, meter);
    if (schema?.status !== 'ACTIVE') {
      throw new AppError(
        'conflict',
        'event_schema_not_active',
        `Usage meter '${id}' needs its event schema '${meter.eventSchemaName}' to be ACTIVE first (it is ${schema?.status ?? 'missing'})`,
      );
    }
    const issues = checkUsageMeter(meter, schema);
    if (issues.length > 0) {
      throw invalid(
        'invalid_usage_meter',
        issues,
        `Usage meter '${id}' does not fit event schema '${schema.name}' version ${schema.version}; change it while DRAFT, or create a new meter`,
      );
    }
    return (await setUsageMeterStatus(tx, ctx.tenantId, meter, 'ACTIVE')) ?? raced(meter);
  });
}

export async function mustFindUsageMeter(ctx: TenantContext, id: string): Promise<UsageMeter> {
  const meter = await findUsageMeter(ctx.db, ctx.tenantId, id);
  if (!meter) {
    throw notFound('usage meter', id);
  }
  return meter;
}

/** The schema a meter may be defined on: any that exists and is not ARCHIVED (activation needs ACTIVE). */
async function usableSchema(ctx: TenantContext, name: string): Promise<EventSchema> {
  const schema = await findEventSchema(ctx.db, ctx.tenantId, name);
  if (!schema) {
    throw invalid('invalid_usage_meter', [{ path: 'eventSchemaName', message: `no event schema named '${name}'` }]);
  }
  if (schema.status === 'ARCHIVED') {
    throw invalid('invalid_usage_meter', [{ path: 'eventSchemaName', message: `event schema '${name}' is archived` }]);
  }
  return schema;
}

function checkAgainst(meter: CreateUsageMeterRequest, schema: EventSchema): void {
  const issues = checkUsageMeter(meter, schema);
  if (issues.length > 0) {
    throw invalid('invalid_usage_meter', issues);
  }
}

function refuseDefinitionChange(meter: UsageMeter, fields: string[]): void {
  if (fields.length === 0) {
    return;
  }
  throw new AppError(
    'conflict',
    'usage_meter_definition_frozen',
    `Usage meter '${meter.id}' has been activated: events were metered under its ${fields.join(', ')}; create a new meter instead`,
    fields.map((path) => ({
      path,
      message: 'cannot change once the meter has been activated; create a new meter instead',
    })),
  );
}

function raced(meter: UsageMeter): never {
  throw concurrentChange('usage meter', meter.id);
}
