import type { UsageMeter } from '../../shared/meter/usage-meter';
import type { PricePlan } from '../../shared/pricing/price-plan';
import {
  done,
  failure,
  form,
  pathParam,
  seg,
  type ConsoleApp,
  type ConsoleContext as C,
  type ConsoleKit,
} from './console-kit';
import { field, type FormFields } from './forms/form-data';
import { planFields, planRequest } from './forms/plan-form';
import { quotePrice } from './forms/price-calculator';
import type { Notice } from './layout';
import { PlanForm } from './plan-form-page';
import { PlanList, PlanPage } from './plan-pages';

const PAGE_SIZE = 50;

/** Price plans: the list, a plan's page (price table, calculator), create, change, activate, archive, associate. */
export function registerPlanPages(app: ConsoleApp, { call, page }: ConsoleKit) {
  const formPage = async (
    c: C,
    title: string,
    action: string,
    submit: string,
    fields: FormFields,
    editing: boolean,
    notice?: Notice,
  ) => {
    const meters = await call<{ data: UsageMeter[] }>(c, 'GET', '/usage_meters?pageSize=200');
    const priceable = (meters.body?.data ?? []).filter((m) => m.status === 'ACTIVE' || m.status === 'INACTIVE');
    return page(
      c,
      title,
      'plans',
      <PlanForm action={action} submit={submit} fields={fields} meters={priceable} editing={editing} />,
      notice,
      notice ? 422 : 200,
    );
  };
  app.get('/plans/new', (c) => formPage(c, 'New price plan', '/console/plans/new', 'Create plan', {}, false));
  app.post('/plans/new', async (c) => {
    const fields = await form(c);
    const created = await call<PricePlan>(c, 'POST', '/price_plans', planRequest(fields));
    if (created.ok) {
      return done(
        c,
        `/console/plans/${seg(created.body.id)}`,
        `Plan '${created.body.name}' created as a DRAFT: activate it to associate accounts`,
      );
    }
    return formPage(c, 'New price plan', '/console/plans/new', 'Create plan', fields, false, failure(created));
  });
  app.get('/plans/:id/edit', async (c) => {
    const id = c.req.param('id');
    const plan = await call<PricePlan>(c, 'GET', `/price_plans/${seg(id)}`);
    if (!plan.ok) {
      return page(c, 'Price plan', 'plans', <p>No such price plan.</p>, failure(plan), 404);
    }
    return formPage(
      c,
      `Change price plan ${plan.body.name}`,
      `/console/plans/${seg(id)}/edit`,
      'Save the plan',
      planFields(plan.body),
      true,
    );
  });
  app.post('/plans/:id/edit', async (c) => {
    const id = c.req.param('id');
    const fields = await form(c);
    const changed = await call<PricePlan>(c, 'PATCH', `/price_plans/${seg(id)}`, planRequest(fields));
    if (changed.ok) {
      return done(
        c,
        `/console/plans/${seg(id)}`,
        `Plan saved${changed.body.status === 'DRAFT' ? '' : ` as version ${changed.body.version}`}`,
      );
    }
    return formPage(
      c,
      `Change price plan ${field(fields, 'name')}`,
      `/console/plans/${seg(id)}/edit`,
      'Save the plan',
      fields,
      true,
      failure(changed),
    );
  });

  app.get('/plans', async (c) => {
    const status = c.req.query('status') ?? '';
    const token = c.req.query('nextToken');
    const query = new URLSearchParams({
      pageSize: String(PAGE_SIZE),
      ...(status ? { status } : {}),
      ...(token ? { nextToken: token } : {}),
    });
    const list = await call<{ data: PricePlan[]; nextToken?: string }>(c, 'GET', `/price_plans?${query}`);
    return page(
      c,
      'Price plans',
      'plans',
      <PlanList plans={list.body?.data ?? []} status={status} nextToken={list.body?.nextToken} />,
      failure(list),
    );
  });

  const planPage = async (c: C, notice?: Notice, associate = { accountId: '', effectiveFrom: '' }) => {
    const id = pathParam(c, 'id');
    const version = c.req.query('version');
    const [latest, asked, meters] = await Promise.all([
      call<PricePlan>(c, 'GET', `/price_plans/${seg(id)}`),
      version
        ? call<PricePlan>(c, 'GET', `/price_plans/${seg(id)}?version=${encodeURIComponent(version)}`)
        : Promise.resolve(undefined),
      call<{ data: UsageMeter[] }>(c, 'GET', '/usage_meters?pageSize=200'),
    ]);
    const shown = asked ?? latest;
    if (!shown.ok) {
      return page(c, 'Price plan', 'plans', <p>No such price plan (or version).</p>, failure(shown), 404);
    }
    const plan = shown.body;
    const card = Math.max(
      0,
      Math.min(plan.usageRateCards.length - 1, Number.parseInt(c.req.query('card') ?? '0', 10) || 0),
    );
    const usage = c.req.query('usage');
    const rateCard = plan.usageRateCards[card];
    const view = {
      plan,
      latestVersion: latest.ok ? latest.body.version : plan.version,
      meterNames: new Map((meters.body?.data ?? []).map((m) => [m.id, m.name])),
      calculator: {
        card,
        usage: usage ?? '',
        quote: usage !== undefined && rateCard ? quotePrice(rateCard, usage, plan.currency) : undefined,
      },
      associate,
    };
    const refused = view.calculator.quote?.ok === false;
    return page(c, `Price plan ${plan.name}`, 'plans', <PlanPage view={view} />, notice, notice || refused ? 422 : 200);
  };
  app.get('/plans/:id', (c) => planPage(c));

  for (const action of ['activate', 'archive'] as const) {
    app.post(`/plans/:id/${action}`, async (c) => {
      const id = c.req.param('id');
      const answer = await call(c, 'POST', `/price_plans/${seg(id)}/${action}`);
      if (answer.ok) {
        return done(
          c,
          `/console/plans/${seg(id)}`,
          action === 'activate'
            ? 'Plan activated: accounts may be associated with it'
            : 'Plan archived: it takes no new associations',
        );
      }
      return planPage(c, failure(answer));
    });
  }

  app.post('/plans/:id/associate', async (c) => {
    const id = c.req.param('id');
    const fields = await form(c);
    const accountId = field(fields, 'accountId');
    const effectiveFrom = field(fields, 'effectiveFrom');
    const effectiveUntil = field(fields, 'effectiveUntil');
    const values = { accountId, effectiveFrom };
    if (!accountId) {
      return planPage(c, { kind: 'error', title: 'Which account?', fields: ['accountId: is required'] }, values);
    }
    const body = { pricePlanId: id, effectiveFrom, ...(effectiveUntil ? { effectiveUntil } : {}) };
    const answer = await call(c, 'POST', `/accounts/${seg(accountId)}/price_plans`, body);
    if (answer.ok) {
      return done(c, `/console/accounts/${seg(accountId)}`, `Associated with the plan from ${effectiveFrom}`);
    }
    return planPage(c, failure(answer), values);
  });
}
