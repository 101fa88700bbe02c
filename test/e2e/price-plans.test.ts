import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../local/node-database';
import type { Database } from '../../rater/db/connect';
import { planAssociationsFor } from '../../rater/store/plan-associations';
import { findPlanVersion, setPricePlanStatus, updatePricePlan } from '../../rater/store/price-plans';
import { api, unique } from '../support/api-client';

const client = api();
type Reply = Awaited<ReturnType<typeof client.get>>;
const paths = (r: Reply) => ((r.body?.errors ?? []) as { path: string }[]).map((e) => e.path);
const problem = (r: Reply) => ({ status: r.status, code: r.body?.code });

interface Plan {
  id: string;
  name: string;
  status: string;
  version: number;
  updatedAt: string;
  usageRateCards: { usageMeterId: string; slabs: { rate: string }[] }[];
}

/** Meters and a feature of an ACTIVE schema, for plans to price and grant. */
let world: { schema: string; count: string; sum: string; feature: string };

async function newMeter(
  aggregation: string,
  status: 'DRAFT' | 'ACTIVE' | 'ARCHIVED' = 'ACTIVE',
  schema = world.schema,
): Promise<string> {
  const created = await client.post('/usage_meters', {
    name: unique('m'),
    aggregation,
    eventSchemaName: schema,
    computations: [{ computation: aggregation === 'COUNT' ? '1' : '{"var":"attributes.amount"}', order: 1 }],
  });
  expect(created.status).toBe(201);
  const steps = { DRAFT: [], ACTIVE: ['activate'], ARCHIVED: ['activate', 'deactivate', 'archive'] }[status];
  for (const step of steps) {
    expect((await client.post(`/usage_meters/${created.body.id}/${step}`)).status).toBe(200);
  }
  return created.body.id;
}

const card = (usageMeterId: string, rate = '0.01') => ({
  usageMeterId,
  pricingModel: 'TIERED',
  slabs: [{ startAfter: '0', rate }],
});

function planBody(extra: Record<string, unknown> = {}) {
  return {
    name: unique('plan'),
    currency: 'USD',
    pricingCycle: { interval: 'MONTHLY' },
    usageRateCards: [card(world.count)],
    ...extra,
  };
}

async function newPlan(
  extra: Record<string, unknown> = {},
  status: 'DRAFT' | 'ACTIVE' | 'ARCHIVED' = 'DRAFT',
): Promise<Plan> {
  const created = await client.post('/price_plans', planBody(extra));
  expect(created.status).toBe(200);
  const steps = { DRAFT: [], ACTIVE: ['activate'], ARCHIVED: ['activate', 'archive'] }[status];
  let plan = created.body;
  for (const step of steps) {
    const moved = await client.post(`/price_plans/${plan.id}/${step}`);
    expect(moved.status).toBe(200);
    plan = moved.body;
  }
  return plan;
}

/**
 * Togai's update_pricing_schedule (200 with the account's schedules; its contract is tested in
 * togai-pricing-schedules.test.ts), answering with the association it made as Meterline's
 * GET /accounts/{id}/price_plans lists it — or the refusal as it came.
 */
async function associate(
  accountId: string,
  pricePlanId: string,
  effectiveFrom: string,
  effectiveUntil?: string,
): Promise<Reply> {
  const reply = await client.post(`/accounts/${accountId}/price_plans`, {
    pricePlanId,
    effectiveFrom,
    ...(effectiveUntil ? { effectiveUntil } : {}),
  });
  if (reply.status !== 200) {
    return reply;
  }
  const listed: { effectiveFrom: string }[] = (await client.get(`/accounts/${accountId}/price_plans`)).body.data;
  return { ...reply, body: listed.find((a) => Date.parse(a.effectiveFrom) === Date.parse(effectiveFrom)) };
}

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const { db, close } = await openDatabase(inject('databaseUrl'), inject('wsProxy'));
  return work(db).finally(close);
}

beforeAll(async () => {
  const schema = unique('payment');
  expect((await client.post('/event_schema', { name: schema, attributes: [{ name: 'amount' }] })).status).toBe(201);
  expect((await client.post(`/event_schema/${schema}/activate`)).status).toBe(200);
  world = { schema, count: '', sum: '', feature: '' };
  world.count = await newMeter('COUNT');
  world.sum = await newMeter('SUM');
  const feature = await client.post('/features', { name: unique('f'), schemaAssociations: [{ schemaName: schema }] });
  world.feature = feature.body.id;
});

describe('creating and reading price plans', () => {
  it('creates a DRAFT at version 1 with the defaults filled in, and reads it back', async () => {
    const created = await client.post(
      '/price_plans',
      planBody({
        description: 'Card payments',
        usageRateCards: [
          card(world.sum, '0.029'),
          {
            usageMeterId: world.count,
            pricingModel: 'VOLUME',
            slabs: [
              { startAfter: '0', rate: '0.30' },
              { startAfter: '1000', rate: '0.25' },
            ],
          },
        ],
        fixedFees: [{ name: 'platform', amount: '49' }],
        entitlementRateCards: [{ featureId: world.feature, granted: '1000' }],
      }),
    );
    expect(created).toMatchObject({
      status: 200,
      body: {
        status: 'DRAFT',
        version: 1,
        description: 'Card payments',
        currency: 'USD',
        pricingCycle: {
          interval: 'MONTHLY',
          startOffset: { dayOffset: 1, monthOffset: 1 },
          anniversaryCycle: false,
          gracePeriod: 0,
        },
        usageRateCards: [
          {
            usageMeterId: world.sum,
            pricingModel: 'TIERED',
            slabs: [{ startAfter: '0', rate: '0.029', priceType: 'PER_UNIT' }],
          },
          {
            usageMeterId: world.count,
            pricingModel: 'VOLUME',
            slabs: [{ rate: '0.30' }, { startAfter: '1000', rate: '0.25' }],
          },
        ],
        fixedFees: [{ name: 'platform', amount: '49' }],
        entitlementRateCards: [{ featureId: world.feature, granted: '1000' }],
      },
    });
    expect(created.body.id).toMatch(/^pp\.[0-9a-z]{16}$/);
    expect(created.body.createdAt).toBe(created.body.updatedAt);
    expect(await client.get(`/price_plans/${created.body.id}`)).toEqual({ ...created, status: 200 });
    expect(await client.get(`/price_plans/${created.body.id}?version=1`)).toEqual({ ...created, status: 200 });
    expect(problem(await client.get(`/price_plans/${created.body.id}?version=2`))).toEqual({
      status: 404,
      code: 'price_plan_version_not_found',
    });
    expect(problem(await client.get('/price_plans/pp.none'))).toEqual({ status: 404, code: 'price_plan_not_found' });
  });

  it('refuses a name already taken, even by an archived plan', async () => {
    const plan = await newPlan({}, 'ARCHIVED');
    const again = await client.post('/price_plans', planBody({ name: plan.name }));
    expect([problem(again), paths(again)]).toEqual([{ status: 409, code: 'price_plan_exists' }, ['name']]);
  });

  it.each([
    ['an unknown meter', async () => 'um.none', /no usage meter 'um.none'/],
    ['an archived meter', async () => newMeter('COUNT', 'ARCHIVED'), /is archived/],
    [
      'a MAX meter',
      async () => newMeter('MAX'),
      /aggregates by MAX; only COUNT and SUM meters can be priced, because priced usage must add up across events/,
    ],
    ['a LATEST meter', async () => newMeter('LATEST'), /aggregates by LATEST/],
    ['the meter of the first rate card again', async () => world.count, /already priced by usageRateCards.0/],
  ])('refuses a rate card of %s: 422 naming the field', async (_, meter, message) => {
    const refused = await client.post(
      '/price_plans',
      planBody({ usageRateCards: [card(world.count), card(await meter())] }),
    );
    expect(problem(refused)).toEqual({ status: 422, code: 'invalid_price_plan' });
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors).toEqual([
      { path: 'usageRateCards.1.usageMeterId', message: expect.stringMatching(message) },
    ]);
  });

  it('accepts DRAFT and INACTIVE meters, which may be activated later', async () => {
    const [draft, inactive] = [await newMeter('SUM', 'DRAFT'), await newMeter('COUNT')];
    expect((await client.post(`/usage_meters/${inactive}/deactivate`)).status).toBe(200);
    expect(
      (await client.post('/price_plans', planBody({ usageRateCards: [card(draft), card(inactive)] }))).status,
    ).toBe(200);
  });

  it.each([
    ['an unknown feature', async () => 'feat.none', /no feature 'feat.none'/],
    [
      'an archived feature',
      async () => {
        const feature = await client.post('/features', {
          name: unique('f'),
          schemaAssociations: [{ schemaName: world.schema }],
        });
        await client.post(`/features/${feature.body.id}/archive`);
        return feature.body.id as string;
      },
      /is ARCHIVED; only ACTIVE features/,
    ],
    ['the feature of the first grant again', async () => world.feature, /already granted by entitlementRateCards.0/],
  ])('refuses a credit grant of %s: 422 naming the field', async (_, feature, message) => {
    const grants = [
      { featureId: world.feature, granted: '10' },
      { featureId: await feature(), granted: '10' },
    ];
    const refused = await client.post('/price_plans', planBody({ entitlementRateCards: grants }));
    expect(problem(refused)).toEqual({ status: 422, code: 'invalid_price_plan' });
    expect(refused.body.errors).toEqual([
      { path: 'entitlementRateCards.1.featureId', message: expect.stringMatching(message) },
    ]);
  });

  it.each([
    ['an unknown currency', { currency: 'XXX' }, 'currency'],
    ['no pricing cycle', { pricingCycle: undefined }, 'pricingCycle'],
    [
      'a first slab not starting at 0',
      { usageRateCards: [{ usageMeterId: 'um.x', pricingModel: 'TIERED', slabs: [{ startAfter: '5', rate: '1' }] }] },
      'usageRateCards.0.slabs.0.startAfter',
    ],
    [
      'a negative rate',
      { usageRateCards: [{ usageMeterId: 'um.x', pricingModel: 'TIERED', slabs: [{ startAfter: '0', rate: '-1' }] }] },
      'usageRateCards.0.slabs.0.rate',
    ],
    [
      'a PACKAGE card without a size',
      { usageRateCards: [{ usageMeterId: 'um.x', pricingModel: 'PACKAGE', slabs: [{ startAfter: '0', rate: '1' }] }] },
      'usageRateCards.0.packageSize',
    ],
    ['a bad name', { name: 'not/a/name' }, 'name'],
    ['an unknown field', { status: 'ACTIVE' }, '(body)'],
  ])('refuses a body with %s: 422 invalid_body', async (_, extra, path) => {
    const refused = await client.post('/price_plans', planBody(extra));
    expect(problem(refused)).toEqual({ status: 422, code: 'invalid_body' });
    expect(paths(refused)).toContain(path);
  });
});

describe('changing price plans', () => {
  it('changes a DRAFT in place: version 1 holds the new rates', async () => {
    const plan = await newPlan();
    const changed = await client.patch(`/price_plans/${plan.id}`, {
      description: 'now',
      usageRateCards: [card(world.sum, '0.05')],
    });
    expect(changed).toMatchObject({
      status: 200,
      body: {
        version: 1,
        description: 'now',
        name: plan.name,
        usageRateCards: [{ usageMeterId: world.sum, slabs: [{ rate: '0.05' }] }],
      },
    });
    expect(Date.parse(changed.body.updatedAt)).toBeGreaterThan(Date.parse(plan.updatedAt));
    expect((await client.get(`/price_plans/${plan.id}?version=1`)).body).toEqual(changed.body);
    const bad = await client.patch(`/price_plans/${plan.id}`, {
      usageRateCards: [card(world.sum), card(await newMeter('MIN'))],
    });
    expect([problem(bad), paths(bad)]).toEqual([
      { status: 422, code: 'invalid_price_plan' },
      ['usageRateCards.1.usageMeterId'],
    ]);
    const badGrant = await client.patch(`/price_plans/${plan.id}`, {
      entitlementRateCards: [{ featureId: 'feat.none', granted: '1' }],
    });
    expect([problem(badGrant), paths(badGrant)]).toEqual([
      { status: 422, code: 'invalid_price_plan' },
      ['entitlementRateCards.0.featureId'],
    ]);
    expect(problem(await client.patch(`/price_plans/${plan.id}`, { status: 'ACTIVE' }))).toEqual({
      status: 422,
      code: 'invalid_body',
    });
    expect((await client.get(`/price_plans/${plan.id}`)).body).toEqual(changed.body);
    expect(problem(await client.patch('/price_plans/pp.none', { name: 'x' }))).toEqual({
      status: 404,
      code: 'price_plan_not_found',
    });
  });

  it("publishes a new version of an ACTIVE plan's rates; accounts keep the version they were associated with", async () => {
    const plan = await newPlan({ fixedFees: [{ name: 'platform', amount: '10' }] }, 'ACTIVE');
    const account = unique('acct');
    const first = await associate(account, plan.id, '2026-01-01T00:00:00.000Z');
    expect(first.body.pricePlanVersion).toBe(1);

    // A new name or description, or the rates sent back as read, make no version.
    const renamed = await client.patch(`/price_plans/${plan.id}`, {
      name: unique('renamed'),
      description: 'words',
      usageRateCards: plan.usageRateCards,
    });
    expect(renamed).toMatchObject({ status: 200, body: { version: 1, description: 'words', status: 'ACTIVE' } });

    const repriced = await client.patch(`/price_plans/${plan.id}`, { usageRateCards: [card(world.count, '0.02')] });
    expect(repriced).toMatchObject({
      status: 200,
      body: {
        version: 2,
        name: renamed.body.name,
        status: 'ACTIVE',
        usageRateCards: [{ slabs: [{ rate: '0.02' }] }],
        fixedFees: [{ name: 'platform', amount: '10' }],
      },
    });
    expect((await client.get(`/price_plans/${plan.id}`)).body).toEqual(repriced.body);
    const v1 = await client.get(`/price_plans/${plan.id}?version=1`);
    expect(v1.body).toMatchObject({
      version: 1,
      name: renamed.body.name,
      usageRateCards: [{ slabs: [{ rate: '0.01' }] }],
    });
    expect(problem(await client.get(`/price_plans/${plan.id}?version=3`))).toEqual({
      status: 404,
      code: 'price_plan_version_not_found',
    });

    // The earlier association still rates with version 1; a new one takes version 2.
    const second = await associate(account, plan.id, '2026-02-01T00:00:00.000Z');
    expect(second.body.pricePlanVersion).toBe(2);
    const listed = (await client.get(`/accounts/${account}/price_plans`)).body.data;
    expect(listed.map((a: { pricePlanVersion: number }) => a.pricePlanVersion)).toEqual([1, 2]);

    const pinned = await withDatabase((db) => planAssociationsFor(db, 'dev', [account, unique('nobody')]));
    expect(pinned.map((a) => [a.id, a.pricePlanVersion, a.definition.usageRateCards[0]!.slabs[0]!.rate])).toEqual([
      [first.body.id, 1, '0.01'],
      [second.body.id, 2, '0.02'],
    ]);
    expect(pinned[0]).toMatchObject({
      ...first.body,
      effectiveUntil: '2026-02-01T00:00:00.000Z',
      definition: { currency: 'USD', fixedFees: [{ amount: '10' }] },
    });
    await withDatabase(async (db) => {
      // The store's plan is Meterline's shape; the API adds Togai's fields beside it.
      const { type: _type, pricingSchedule: _schedule, ...meterline } = v1.body;
      expect(await findPlanVersion(db, 'dev', plan.id, 1)).toEqual(meterline);
      expect(await findPlanVersion(db, 'dev', plan.id, 9)).toBeNull();
      expect(await findPlanVersion(db, 'another-tenant', plan.id, 1)).toBeNull();
      expect(await planAssociationsFor(db, 'another-tenant', [account])).toEqual([]);
    });
  });

  it('refuses a rename to a name another plan has', async () => {
    const [taken, plan] = [await newPlan(), await newPlan({}, 'ACTIVE')];
    const clash = await client.patch(`/price_plans/${plan.id}`, { name: taken.name });
    expect([problem(clash), paths(clash)]).toEqual([{ status: 409, code: 'price_plan_exists' }, ['name']]);
    expect((await client.get(`/price_plans/${plan.id}`)).body).toEqual(plan);
  });

  it('never applies a change made from a stale read, so a racing change is not lost', async () => {
    const plan = await newPlan({}, 'ACTIVE');
    const stale = (await client.get(`/price_plans/${plan.id}`)).body;
    expect((await client.patch(`/price_plans/${plan.id}`, { description: 'first' })).status).toBe(200);
    // The race itself cannot be timed over HTTP; the store's guard is what turns it into a 409.
    await withDatabase(async (db) => {
      const revision = { definition: stale, changed: true, newVersion: true };
      expect(await updatePricePlan(db, 'dev', stale, { description: 'second', ...revision })).toEqual({
        ok: false,
        reason: 'changed',
      });
      expect(await setPricePlanStatus(db, 'dev', stale, 'ARCHIVED')).toBeNull();
    });
    expect((await client.get(`/price_plans/${plan.id}`)).body).toMatchObject({
      description: 'first',
      status: 'ACTIVE',
      version: 1,
    });
  });
});

describe('activating and archiving price plans', () => {
  it('activates with no body whatever Content-Type comes with it (curl -H on every call, as the README tour)', async () => {
    const plan = await newPlan();
    const bare = await client.post(`/price_plans/${plan.id}/activate`, undefined, {
      'content-type': 'application/json',
    });
    expect(bare).toMatchObject({ status: 200, body: { status: 'ACTIVE', version: 1 } });
    // A body that must be there is still asked for, as a problem.
    const empty = await client.post('/event_schema', undefined, { 'content-type': 'application/json' });
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);
    expect(empty.contentType).toBe('application/problem+json');
  });

  it('activates a DRAFT and archives an ACTIVE plan; repeats answer the same', async () => {
    const plan = await newPlan();
    expect(problem(await client.post(`/price_plans/${plan.id}/archive`))).toEqual({
      status: 409,
      code: 'invalid_lifecycle_transition',
    });
    const active = await client.post(`/price_plans/${plan.id}/activate`);
    expect(active).toMatchObject({ status: 200, body: { status: 'ACTIVE', version: 1 } });
    expect(await client.post(`/price_plans/${plan.id}/activate`)).toEqual(active);
    const archived = await client.post(`/price_plans/${plan.id}/archive`);
    expect(archived).toMatchObject({ status: 200, body: { status: 'ARCHIVED', version: 1 } });
    expect(await client.post(`/price_plans/${plan.id}/archive`)).toEqual(archived);
    expect(problem(await client.post(`/price_plans/${plan.id}/activate`))).toEqual({
      status: 409,
      code: 'invalid_lifecycle_transition',
    });
    expect(problem(await client.patch(`/price_plans/${plan.id}`, { description: 'late' }))).toEqual({
      status: 409,
      code: 'price_plan_archived',
    });
    expect((await client.get(`/price_plans/${plan.id}`)).body).toEqual(archived.body);
    for (const step of ['activate', 'archive']) {
      expect(problem(await client.post(`/price_plans/pp.none/${step}`))).toEqual({
        status: 404,
        code: 'price_plan_not_found',
      });
    }
  });

  it('checks the meters again on activation: one archived since the draft refuses it', async () => {
    const meter = await newMeter('COUNT');
    const plan = await newPlan({ usageRateCards: [card(world.sum), card(meter)] });
    for (const step of ['deactivate', 'archive']) {
      expect((await client.post(`/usage_meters/${meter}/${step}`)).status).toBe(200);
    }
    const refused = await client.post(`/price_plans/${plan.id}/activate`);
    expect([problem(refused), paths(refused)]).toEqual([
      { status: 422, code: 'invalid_price_plan' },
      ['usageRateCards.1.usageMeterId'],
    ]);
    expect(refused.body.detail).toMatch(/cannot be activated/);
    expect((await client.get(`/price_plans/${plan.id}`)).body.status).toBe('DRAFT');
  });

  it('lists plans oldest first through every page, hiding ARCHIVED ones unless asked', async () => {
    const prefix = unique('list');
    const made: Plan[] = [];
    for (const [i, status] of (['DRAFT', 'ARCHIVED', 'ACTIVE', 'DRAFT'] as const).entries()) {
      made.push(await newPlan({ name: `${prefix}_${i}` }, status));
    }
    const walk = async (query = '', pageSize = 2) => {
      const seen: Plan[] = [];
      let token: string | undefined;
      do {
        const page = await client.get(`/price_plans?pageSize=${pageSize}${query}${token ? `&nextToken=${token}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.body.data.length).toBeLessThanOrEqual(pageSize);
        seen.push(...page.body.data);
        token = page.body.nextToken;
      } while (token);
      return seen.filter((p) => p.name.startsWith(prefix)).map((p) => p.name);
    };
    const names = (indexes: number[]) => indexes.map((i) => `${prefix}_${i}`);
    expect(await walk()).toEqual(names([0, 2, 3]));
    expect(await walk('&status=ACTIVE', 3)).toEqual(names([2]));
    expect(await walk('&status=ARCHIVED')).toEqual(names([1]));
    expect(await walk('&status=DRAFT', 1)).toEqual(names([0, 3]));
    for (const [query, path] of [
      ['status=INACTIVE', 'status'],
      ['pageSize=0', 'pageSize'],
      ['nextToken=nonsense', 'nextToken'],
    ]) {
      const refused = await client.get(`/price_plans?${query}`);
      expect([query, problem(refused), paths(refused)]).toEqual([
        query,
        { status: 422, code: 'invalid_query' },
        [path],
      ]);
    }
    expect(paths(await client.get(`/price_plans?nextToken=${btoa(JSON.stringify({ after: 'pp.none' }))}`))).toEqual([
      'nextToken',
    ]);
    const listed = (await client.get(`/price_plans?pageSize=200&status=ACTIVE`)).body.data.find(
      (p: Plan) => p.id === made[2]!.id,
    );
    // A list row is Togai's PricePlanListData (usageMeters, pricePlanDetails) where a plan has its pricingSchedule.
    const { pricingSchedule, ...plan } = made[2] as Plan & { pricingSchedule: [{ pricePlanDetails: unknown }] };
    expect(listed).toEqual({
      ...plan,
      usageMeters: [world.count],
      pricePlanDetails: pricingSchedule[0].pricePlanDetails,
    });
  });
});

describe("associating accounts with plans (Togai's AccountsApi)", () => {
  it("pins the plan's latest version and ends the association in force at effectiveFrom", async () => {
    const [basic, pro] = [await newPlan({}, 'ACTIVE'), await newPlan({}, 'ACTIVE')];
    const account = unique('acct');
    expect(await client.get(`/accounts/${account}/price_plans`)).toMatchObject({ status: 200, body: { data: [] } });

    const first = await associate(account, basic.id, '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z');
    expect(first).toMatchObject({
      status: 200,
      body: {
        accountId: account,
        pricePlanId: basic.id,
        pricePlanVersion: 1,
        effectiveFrom: '2026-01-01T00:00:00.000Z',
        effectiveUntil: '2026-06-01T00:00:00.000Z',
      },
    });
    expect(first.body.id).toMatch(/^pa\.[0-9a-z]{16}$/);

    // Offsets are instants: 15 March 02:00 +02:00 is midnight UTC. It runs to where the first ran
    // (a change inside an association that would leave part of it after the change is refused).
    const second = await associate(account, pro.id, '2026-03-15T02:00:00+02:00', '2026-06-01T00:00:00Z');
    expect(second).toMatchObject({
      status: 200,
      body: {
        pricePlanId: pro.id,
        effectiveFrom: '2026-03-15T00:00:00.000Z',
        effectiveUntil: '2026-06-01T00:00:00.000Z',
      },
    });
    // After a bounded association has ended, a new one ends nothing.
    const third = await associate(account, basic.id, '2026-07-01T00:00:00Z');
    expect(third.status).toBe(200);

    expect((await client.get(`/accounts/${account}/price_plans`)).body.data).toEqual([
      { ...first.body, effectiveUntil: '2026-03-15T00:00:00.000Z' },
      second.body,
      third.body,
    ]);
    // Accounts are separate: another account's list is untouched.
    expect((await client.get(`/accounts/${unique('other')}/price_plans`)).body).toEqual({ data: [] });
  });

  it('ends a bounded association early when a new one starts inside it', async () => {
    const plan = await newPlan({}, 'ACTIVE');
    const account = unique('acct');
    const bounded = await associate(account, plan.id, '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z');
    const next = await associate(account, plan.id, '2026-06-01T00:00:00Z');
    expect((await client.get(`/accounts/${account}/price_plans`)).body.data).toEqual([
      { ...bounded.body, effectiveUntil: '2026-06-01T00:00:00.000Z' },
      next.body,
    ]);
  });

  it('refuses to rewrite the future: an association starting at or after effectiveFrom refuses it (409)', async () => {
    const plan = await newPlan({}, 'ACTIVE');
    const account = unique('acct');
    const existing = await associate(account, plan.id, '2026-05-01T00:00:00Z');
    for (const from of ['2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z', '2026-05-01T02:00:00+02:00']) {
      const refused = await associate(account, plan.id, from);
      expect([from, problem(refused), paths(refused)]).toEqual([
        from,
        { status: 409, code: 'plan_association_overlaps' },
        ['effectiveFrom'],
      ]);
      expect(refused.body.detail).toContain(existing.body.id);
    }
    expect((await client.get(`/accounts/${account}/price_plans`)).body.data).toEqual([existing.body]);
  });

  it('lets exactly one of concurrent associations at the same instant through', async () => {
    const plan = await newPlan({}, 'ACTIVE');
    const account = unique('acct');
    const replies = await Promise.all(
      Array.from({ length: 4 }, () => associate(account, plan.id, '2026-08-01T00:00:00Z')),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect((await client.get(`/accounts/${account}/price_plans`)).body.data).toHaveLength(1);
  });

  it.each([
    ['a DRAFT plan', 'DRAFT', 409, 'price_plan_not_active', 'pricePlanId'],
    ['an ARCHIVED plan', 'ARCHIVED', 409, 'price_plan_not_active', 'pricePlanId'],
  ] as const)('refuses %s', async (_, status, code, errorCode, path) => {
    const plan = await newPlan({}, status);
    const refused = await associate(unique('acct'), plan.id, '2026-01-01T00:00:00Z');
    expect([problem(refused), paths(refused)]).toEqual([{ status: code, code: errorCode }, [path]]);
  });

  it.each([
    [
      'an unknown plan',
      { pricePlanId: 'pp.none', effectiveFrom: '2026-01-01T00:00:00Z' },
      'invalid_plan_association',
      'pricePlanId',
    ],
    [
      'effectiveUntil before effectiveFrom',
      { pricePlanId: 'pp.x', effectiveFrom: '2026-02-01T00:00:00Z', effectiveUntil: '2026-01-01T00:00:00Z' },
      'invalid_body',
      'effectiveUntil',
    ],
    [
      'effectiveUntil equal to effectiveFrom',
      { pricePlanId: 'pp.x', effectiveFrom: '2026-02-01T00:00:00Z', effectiveUntil: '2026-02-01T00:00:00Z' },
      'invalid_body',
      'effectiveUntil',
    ],
    ['no effectiveFrom', { pricePlanId: 'pp.x' }, 'invalid_body', 'effectiveFrom'],
    [
      'a date without a zone',
      { pricePlanId: 'pp.x', effectiveFrom: '2026-02-01T00:00:00' },
      'invalid_body',
      'effectiveFrom',
    ],
  ])('refuses %s: 422 naming the field', async (_, body, code, path) => {
    const refused = await client.post(`/accounts/${unique('acct')}/price_plans`, body);
    expect([problem(refused), paths(refused)]).toEqual([{ status: 422, code }, [path]]);
  });
});

describe('scopes', () => {
  it('lets a read key list and get plans and associations, but not change them', async () => {
    const plan = await newPlan({}, 'ACTIVE');
    const account = unique('acct');
    await associate(account, plan.id, '2026-01-01T00:00:00Z');
    const reader = api((await client.post('/api_keys', { name: unique('key'), scopes: ['read'] })).body.key);
    const forbidden = { status: 403, code: 'missing_scope' };

    expect((await reader.get('/price_plans')).status).toBe(200);
    expect((await reader.get(`/price_plans/${plan.id}`)).body).toEqual(plan);
    expect((await reader.get(`/accounts/${account}/price_plans`)).body.data).toHaveLength(1);
    expect(problem(await reader.post('/price_plans', planBody()))).toEqual(forbidden);
    expect(problem(await reader.patch(`/price_plans/${plan.id}`, { description: 'x' }))).toEqual(forbidden);
    expect(problem(await reader.post(`/price_plans/${plan.id}/archive`))).toEqual(forbidden);
    expect(
      problem(
        await reader.post(`/accounts/${account}/price_plans`, {
          pricePlanId: plan.id,
          effectiveFrom: '2026-02-01T00:00:00Z',
        }),
      ),
    ).toEqual(forbidden);
    expect((await client.get(`/price_plans/${plan.id}`)).body).toEqual(plan);
  });
});
