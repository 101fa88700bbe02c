import { usageMeterRoutes as routes } from '../../shared/api/usage-meter-routes';
import { AppError, concurrentChange, invalid, nameTaken, notFound } from '../../shared/errors/app-error';
import type { EventSchema } from '../../shared/event-schema/event-schema';
import { nextStatus, type LifecycleAction } from '../../shared/lifecycle/lifecycle';
import { checkUsageMeter } from '../../shared/meter/check-usage-meter';
import { definitionChanges, type CreateUsageMeterRequest, type UsageMeter } from '../../shared/meter/usage-meter';
import type { Database } from '../db/connect';
import { findEventSchema } from '../store/event-schemas';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import {
  findUsageMeter,
  insertUsageMeter,
  listUsageMeters,
  lockEventSchemaOf,
  setUsageMeterStatus,
  updateUsageMeter,
  type MeterChange,
} from '../store/usage-meters';
import { inTenantHome } from '../store/tenant-home';
import { createRouter } from './router';

type Env = { db: Database; principal: { tenantId: string } };

/** Togai's /usage_meters API with DESIGN §4's lifecycle: a meter is defined once it has counted. */
export const usageMeterRoutes = createRouter()
  .openapi(routes.create, async (c) => {
    const { db, principal } = c.env;
    const input = c.req.valid('json');
    checkAgainst(input, await usableSchema(db, principal.tenantId, input.eventSchemaName));
    const created = await inTenantHome(db, principal.tenantId, c.env.home, (tx) => insertUsageMeter(tx, principal.tenantId, input));
    if (!created) throw nameTaken('usage meter', input.name, 'meters');
    return c.json(created, 201);
  })
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { status, aggregations, nextToken, pageSize } = c.req.valid('query');
    const afterId = await decodeOwnPageToken(nextToken, (id) => findUsageMeter(db, principal.tenantId, id));
    const rows = await listUsageMeters(db, principal.tenantId, { status, aggregations, afterId, limit: pageSize + 1 });
    return c.json(toPage(rows, pageSize, (m) => m.id), 200);
  })
  .openapi(routes.get, async (c) => {
    const meter = await mustFind(c.env, c.req.valid('param').id);
    if (c.req.valid('query').includeSchema !== 'true') return c.json(meter, 200);
    const eventSchema = await findEventSchema(c.env.db, c.env.principal.tenantId, meter.eventSchemaName);
    return c.json({ ...meter, ...(eventSchema ? { eventSchema } : {}) }, 200);
  })
  .openapi(routes.update, async (c) => {
    const { db, principal } = c.env;
    const meter = await mustFind(c.env, c.req.valid('param').id);
    const patch = c.req.valid('json');
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
      checkAgainst({ ...meter, ...definition }, await usableSchema(db, principal.tenantId, definition.eventSchemaName));
      change = { ...texts, ...definition };
    } else {
      refuseDefinitionChange(meter, definitionChanges(meter, patch));
    }
    const write = await updateUsageMeter(db, principal.tenantId, meter, change);
    if (write.ok) return c.json(write.meter, 200);
    throw write.reason === 'name_taken' ? nameTaken('usage meter', patch.name ?? meter.name, 'meters') : raced(meter);
  })
  .openapi(routes.activate, async (c) => c.json(await transition(c.env, c.req.valid('param').id, 'activate'), 200))
  .openapi(routes.deactivate, async (c) => c.json(await transition(c.env, c.req.valid('param').id, 'deactivate'), 200))
  .openapi(routes.archive, async (c) => c.json(await transition(c.env, c.req.valid('param').id, 'archive'), 200))
  .openapi(routes.delete, async (c) => {
    await transition(c.env, c.req.valid('param').id, 'archive');
    return c.json({ success: true }, 200);
  });

async function transition(env: Env, id: string, action: LifecycleAction): Promise<UsageMeter> {
  const { db, principal } = env;
  const meter = await mustFind(env, id);
  const status = nextStatus('Usage meter', id, meter.status, action);
  if (status === meter.status) return meter;
  if (action !== 'activate') return (await setUsageMeterStatus(db, principal.tenantId, meter, status)) ?? raced(meter);
  // The schema is share-locked while it is checked, so it cannot change or be deactivated before
  // the meter is ACTIVE; and the check is against its current version, which may have moved on
  // (or, for a DRAFT schema, lost fields) since the meter was defined.
  return db.transaction(async (tx) => {
    const schema = await lockEventSchemaOf(tx, principal.tenantId, meter);
    if (schema?.status !== 'ACTIVE') {
      throw new AppError(
        'conflict',
        'event_schema_not_active',
        `Usage meter '${id}' needs its event schema '${meter.eventSchemaName}' to be ACTIVE first (it is ${schema?.status ?? 'missing'})`,
      );
    }
    const issues = checkUsageMeter(meter, schema);
    if (issues.length > 0) {
      throw invalid('invalid_usage_meter', issues, `Usage meter '${id}' does not fit event schema '${schema.name}' version ${schema.version}; change it while DRAFT, or create a new meter`);
    }
    return (await setUsageMeterStatus(tx, principal.tenantId, meter, 'ACTIVE')) ?? raced(meter);
  });
}

/** The schema a meter may be defined on: any that exists and is not ARCHIVED (activation needs ACTIVE). */
async function usableSchema(db: Database, tenantId: string, name: string): Promise<EventSchema> {
  const schema = await findEventSchema(db, tenantId, name);
  if (!schema) throw invalid('invalid_usage_meter', [{ path: 'eventSchemaName', message: `no event schema named '${name}'` }]);
  if (schema.status === 'ARCHIVED') {
    throw invalid('invalid_usage_meter', [{ path: 'eventSchemaName', message: `event schema '${name}' is archived` }]);
  }
  return schema;
}

function checkAgainst(meter: CreateUsageMeterRequest, schema: EventSchema): void {
  const issues = checkUsageMeter(meter, schema);
  if (issues.length > 0) throw invalid('invalid_usage_meter', issues);
}

function refuseDefinitionChange(meter: UsageMeter, fields: string[]): void {
  if (fields.length === 0) return;
  throw new AppError(
    'conflict',
    'usage_meter_definition_frozen',
    `Usage meter '${meter.id}' has been activated: events were metered under its ${fields.join(', ')}; create a new meter instead`,
    fields.map((path) => ({ path, message: 'cannot change once the meter has been activated; create a new meter instead' })),
  );
}

async function mustFind(env: Env, id: string): Promise<UsageMeter> {
  const meter = await findUsageMeter(env.db, env.principal.tenantId, id);
  if (!meter) throw notFound('usage meter', id);
  return meter;
}

function raced(meter: UsageMeter): never {
  throw concurrentChange('usage meter', meter.id);
}
