import { Hono } from 'hono';
import { utcInstant } from './forms/form-data';
import { meterRequest } from './forms/meter-form';
import { schemaRequest } from './forms/schema-form';
import { fillWindows, usageRange } from './forms/usage-range';
import type { EventWithStatus } from '../../shared/api/event-routes';
import type { EventSchema } from '../../shared/event-schema/event-schema';
import type { UsageMeter } from '../../shared/meter/usage-meter';
import { registerAccountPages } from './account-routes';
import { registerAlertPages } from './alert-routes';
import type { ApiFetch } from './console-api';
import { registerCorrectionPages } from './correction-routes';
import { consoleKit, done, failure, form, pathParam, type ConsoleContext, type ConsoleHono } from './console-kit';
import { EventDetail, EventList, UndoConfirmation, type EventFilters } from './event-pages';
import { Layout, type Notice } from './layout';
import { MeterDetail, MeterForm, MeterList } from './meter-pages';
import { registerFeaturePages } from './feature-routes';
import { registerInvoicePages } from './invoice-routes';
import { registerKeyPages } from './key-routes';
import { registerPlanPages } from './plan-routes';
import { registerRevenuePage } from './revenue-routes';
import { registerWebhookPages } from './webhook-routes';
import { SchemaDetail, SchemaForm, SchemaList } from './schema-pages';
import { endSession, principalOf, sessionKey, startSession } from './session';
import { UsagePage, type UsageSeries } from './usage-page';
import { consoleSecurityHeaders } from './security-headers';

type C = ConsoleContext;

const LIFECYCLE = new Set(['activate', 'deactivate', 'archive']);
const MAX_ACCOUNT_SERIES = 8;

/**
 * The console (issue 8): server-rendered pages over Meterline's own public API, called with the
 * API key the user signed in with. No client framework: forms post, pages render; one small
 * script refreshes the usage chart.
 */
export function createConsole(api: ApiFetch) {
  const app = new Hono<ConsoleHono>();
  const kit = consoleKit(api);
  const { call, page } = kit;

  app.use('*', consoleSecurityHeaders);
  // A form posted from another site is refused (the cookie is SameSite=Strict as well).
  app.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'POST' && origin && origin !== new URL(c.req.url).origin) {
      return c.text('Cross-site request refused', 403);
    }
    c.header('Cache-Control', 'no-store');
    await next();
  });

  app.get('/sign-in', (c) => c.html(<SignIn />));
  app.post('/sign-in', async (c) => {
    const apiKey = String((await c.req.parseBody())['apiKey'] ?? '').trim();
    const principal = apiKey ? await principalOf(c.env, apiKey) : null;
    if (!principal) {
      return c.html(<SignIn notice={{ kind: 'error', title: 'That API key is not valid, or was revoked.' }} />, 401);
    }
    startSession(c, apiKey);
    return c.redirect('/console/usage', 303);
  });
  app.post('/sign-out', (c) => {
    endSession(c);
    return c.redirect('/console/sign-in', 303);
  });

  app.use('*', async (c, next) => {
    const key = sessionKey(c);
    const principal = key ? await principalOf(c.env, key) : null;
    if (!key || !principal) {
      return c.redirect('/console/sign-in', 303);
    }
    c.set('consoleKey', key);
    c.set('tenant', principal.tenantId);
    await next();
  });

  app.get('/', (c) => c.redirect('/console/usage', 303));
  registerAccountPages(app, kit);
  registerPlanPages(app, kit);
  registerRevenuePage(app, kit);
  registerInvoicePages(app, kit);
  registerFeaturePages(app, kit);
  registerKeyPages(app, kit);
  registerAlertPages(app, kit);
  registerWebhookPages(app, kit);
  registerCorrectionPages(app, kit);

  // Event schemas.
  app.get('/schemas', async (c) => {
    const list = await call<{ data: EventSchema[] }>(c, 'GET', '/event_schema?pageSize=200');
    return page(c, 'Event schemas', 'schemas', <SchemaList schemas={list.body?.data ?? []} />, failure(list));
  });
  app.get('/schemas/new', (c) =>
    page(c, 'New event schema', 'schemas', <SchemaForm action="/console/schemas/new" submit="Create schema" />),
  );
  app.post('/schemas/new', async (c) => {
    const created = await call<EventSchema>(
      c,
      'POST',
      '/event_schema',
      schemaRequest(await form(c), { withName: true }),
    );
    if (created.ok) {
      return done(
        c,
        `/console/schemas/${encodeURIComponent(created.body.name)}`,
        `Schema '${created.body.name}' created as a DRAFT`,
      );
    }
    return page(
      c,
      'New event schema',
      'schemas',
      <SchemaForm action="/console/schemas/new" submit="Create schema" />,
      failure(created),
      422,
    );
  });
  app.get('/schemas/:name', async (c) => schemaPage(c));
  app.post('/schemas/:name/edit', async (c) => {
    const name = c.req.param('name');
    const changed = await call(
      c,
      'PATCH',
      `/event_schema/${encodeURIComponent(name)}`,
      schemaRequest(await form(c), { withName: false }),
    );
    if (changed.ok) {
      return done(c, `/console/schemas/${encodeURIComponent(name)}`, 'Draft saved');
    }
    return schemaPage(c, failure(changed));
  });
  app.post('/schemas/:name/:action', async (c) => {
    const { name, action } = c.req.param();
    if (!LIFECYCLE.has(action)) {
      return c.notFound();
    }
    const answer = await call(c, 'POST', `/event_schema/${encodeURIComponent(name)}/${action}`);
    if (answer.ok) {
      return done(c, `/console/schemas/${encodeURIComponent(name)}`, `Schema ${pastTense(action)}`);
    }
    return schemaPage(c, failure(answer));
  });

  async function schemaPage(c: C, notice?: Notice) {
    const name = pathParam(c, 'name');
    const [schema, versions] = await Promise.all([
      call<EventSchema>(c, 'GET', `/event_schema/${encodeURIComponent(name)}`),
      call<{ data: { version: number; createdAt?: string }[] }>(
        c,
        'GET',
        `/event_schema/${encodeURIComponent(name)}/versions`,
      ),
    ]);
    if (!schema.ok) {
      return page(c, 'Event schema', 'schemas', <p>No such event schema.</p>, failure(schema), 404);
    }
    return page(
      c,
      `Event schema ${schema.body.name}`,
      'schemas',
      <SchemaDetail schema={schema.body} versions={versions.body?.data ?? []} />,
      notice,
    );
  }

  // Usage meters.
  app.get('/meters', async (c) => {
    const list = await call<{ data: UsageMeter[] }>(c, 'GET', '/usage_meters?pageSize=200');
    return page(c, 'Usage meters', 'meters', <MeterList meters={list.body?.data ?? []} />, failure(list));
  });
  app.get('/meters/new', async (c) => meterFormPage(c, c.req.query('schema')));
  app.post('/meters/new', async (c) => {
    const fields = await form(c);
    const created = await call<UsageMeter>(c, 'POST', '/usage_meters', meterRequest(fields));
    if (created.ok) {
      return done(
        c,
        `/console/meters/${encodeURIComponent(created.body.id)}`,
        `Meter '${created.body.name}' created as a DRAFT: activate it to start counting`,
      );
    }
    return meterFormPage(c, String(fields['eventSchemaName'] ?? ''), failure(created));
  });
  app.get('/meters/:id', async (c) => meterPage(c));
  app.post('/meters/:id/:action', async (c) => {
    const { id, action } = c.req.param();
    if (!LIFECYCLE.has(action)) {
      return c.notFound();
    }
    const answer = await call(c, 'POST', `/usage_meters/${encodeURIComponent(id)}/${action}`);
    if (answer.ok) {
      return done(c, `/console/meters/${encodeURIComponent(id)}`, `Meter ${pastTense(action)}`);
    }
    return meterPage(c, failure(answer));
  });

  async function meterFormPage(c: C, schemaName: string | undefined, notice?: Notice) {
    const list = await call<{ data: EventSchema[] }>(c, 'GET', '/event_schema?pageSize=200');
    const schemas = list.body?.data ?? [];
    const schema = schemaName ? schemas.find((s) => s.name === schemaName) : undefined;
    return page(
      c,
      'New usage meter',
      'meters',
      <MeterForm schemas={schemas} schema={schema} />,
      notice,
      notice ? 422 : 200,
    );
  }

  async function meterPage(c: C, notice?: Notice) {
    const meter = await call<UsageMeter>(c, 'GET', `/usage_meters/${encodeURIComponent(pathParam(c, 'id'))}`);
    if (!meter.ok) {
      return page(c, 'Usage meter', 'meters', <p>No such usage meter.</p>, failure(meter), 404);
    }
    return page(c, `Usage meter ${meter.body.name}`, 'meters', <MeterDetail meter={meter.body} />, notice);
  }

  // Usage.
  app.get('/usage', async (c) => {
    const list = await call<{ data: UsageMeter[] }>(c, 'GET', '/usage_meters?pageSize=200');
    const meters = (list.body?.data ?? []).filter((m) => m.status !== 'DRAFT');
    const meter = meters.find((m) => m.id === c.req.query('meterId')) ?? meters[0];
    const split = c.req.query('split') ?? '';
    const range = usageRange(
      c.req.query('range') ?? '24h',
      c.req.query('window') ?? 'HOUR',
      Date.now(),
      split === 'account',
    );
    const base = {
      meters,
      meter,
      split,
      dimensions: [] as string[],
      ...range,
      total: null as string | null,
      series: [] as UsageSeries[],
    };
    if (!meter) {
      return page(c, 'Usage', 'usage', <UsagePage view={base} />, failure(list));
    }

    const schema = await call<EventSchema>(c, 'GET', `/event_schema/${encodeURIComponent(meter.eventSchemaName)}`);
    const dimensions = schema.ok
      ? [
          ...schema.body.dimensions.map((d) => d.name),
          ...(schema.body.enrichments?.fields ?? []).filter((f) => f.type === 'DIMENSION').map((f) => f.name),
        ]
      : [];
    const usage = (extra: string) =>
      call<{
        value: string | null;
        data?: UsageSeries['points'];
        groups?: { dimensions: Record<string, string | null>; value: string | null; data?: UsageSeries['points'] }[];
      }>(c, 'GET', `/usage?${new URLSearchParams({ meterId: meter.id, from: range.from, to: range.to })}${extra}`);
    const total = await usage('');
    let series: UsageSeries[] = [];
    if (split === 'account') {
      series = await accountSeries(c, meter, range);
    } else if (split && dimensions.includes(split)) {
      const grouped = await usage(`&window=${range.window}&groupBy=${encodeURIComponent(split)}`);
      series = (grouped.body?.groups ?? []).map((g) => ({
        label: g.dimensions[split] ?? '(none)',
        total: g.value,
        points: g.data ?? [],
      }));
    } else {
      const windowed = await usage(`&window=${range.window}`);
      series = [{ label: meter.name, total: total.body?.value ?? null, points: windowed.body?.data ?? [] }];
    }
    // COUNT and SUM are 0 in a window without usage: the chart draws it so, not as a gap bridged.
    if (meter.aggregation === 'COUNT' || meter.aggregation === 'SUM') {
      series = series.map((s) => ({ ...s, points: fillWindows(s.points, range.from, range.to, range.window) }));
    }
    const view = {
      ...base,
      dimensions,
      split: split === 'account' || dimensions.includes(split) ? split : '',
      total: total.body?.value ?? null,
      series,
    };
    return page(c, 'Usage', 'usage', <UsagePage view={view} />, failure(total));
  });

  /** Per account: POST /metrics for the series (by window), GET /usage for each account's total. */
  async function accountSeries(
    c: C,
    meter: UsageMeter,
    range: { from: string; to: string; window: string },
  ): Promise<UsageSeries[]> {
    const metrics = await call<{
      results: {
        data: {
          groupedBy?: { fieldName: string; fieldValue: string };
          timestamps: string[];
          metricValues: (number | string)[];
        }[];
      }[];
    }>(c, 'POST', '/metrics', {
      startTime: range.from,
      endTime: range.to,
      metricQueries: [
        {
          id: 'usage',
          name: 'USAGE',
          aggregationPeriod: range.window,
          groupBy: 'ACCOUNT_ID',
          filters: [{ fieldName: 'USAGE_METER_ID', fieldValues: [meter.id] }],
        },
      ],
    });
    const data = (metrics.body?.results?.[0]?.data ?? []).slice(0, MAX_ACCOUNT_SERIES);
    return Promise.all(
      data.map(async (s) => {
        const account = s.groupedBy?.fieldName === 'ACCOUNT_ID' ? s.groupedBy.fieldValue : '';
        const total = await call<{ value: string | null }>(
          c,
          'GET',
          `/usage?${new URLSearchParams({ meterId: meter.id, from: range.from, to: range.to, accountId: account })}`,
        );
        return {
          label: account,
          total: total.body?.value ?? null,
          points: s.timestamps.map((from, i) => ({
            from,
            value: s.metricValues[i] === undefined ? null : String(s.metricValues[i]),
          })),
        };
      }),
    );
  }

  // Events.
  app.get('/events', async (c) => {
    const filters: EventFilters = {
      accountId: c.req.query('accountId') ?? '',
      schemaName: c.req.query('schemaName') ?? '',
      status: c.req.query('status') ?? '',
      from: c.req.query('from') ?? '',
      to: c.req.query('to') ?? '',
    };
    const query = new URLSearchParams({ pageSize: '50' });
    for (const key of ['accountId', 'schemaName', 'status'] as const) {
      if (filters[key]) {
        query.set(key, filters[key]);
      }
    }
    // datetime-local has no zone: the console reads it as UTC, and says so.
    if (filters.from) {
      query.set('from', utcInstant(filters.from));
    }
    if (filters.to) {
      query.set('to', utcInstant(filters.to));
    }
    const token = c.req.query('nextToken');
    if (token) {
      query.set('nextToken', token);
    }
    const [events, schemas] = await Promise.all([
      call<{ events: EventWithStatus[]; nextToken?: string }>(c, 'GET', `/events?${query}`),
      call<{ data: EventSchema[] }>(c, 'GET', '/event_schema?pageSize=200'),
    ]);
    const content = (
      <EventList
        filters={filters}
        events={events.ok ? events.body.events : []}
        nextToken={events.body?.nextToken}
        schemaNames={(schemas.body?.data ?? []).map((s) => s.name)}
      />
    );
    // No event matching is a 404 (no_events), as Togai's list holds at least one: here, an empty list.
    const none = events.status === 404 && (events.body as { code?: string } | null)?.code === 'no_events';
    return page(c, 'Events', 'events', content, none ? undefined : failure(events));
  });
  const eventPage = async (
    c: C,
    view: (event: EventWithStatus) => { title: string; content: unknown },
    notice?: Notice,
  ) => {
    const found = await call<{ events: EventWithStatus[] }>(
      c,
      'GET',
      `/events/${encodeURIComponent(c.req.param('id') ?? '')}`,
    );
    const event = found.ok ? found.body.events[0] : undefined;
    if (!event) {
      return page(
        c,
        'Event',
        'events',
        <p>No such event (it may still be on its way to the rater).</p>,
        failure(found),
        404,
      );
    }
    const { title, content } = view(event);
    return page(c, title, 'events', content, notice);
  };
  app.get('/events/:id', (c) =>
    eventPage(c, (event) => ({ title: `Event ${event.eventPayload.id}`, content: <EventDetail event={event} /> })),
  );
  // UNDO asks first (a page of its own, no script), then posts Togai's correction.
  app.get('/events/:id/undo', (c) =>
    eventPage(c, (event) => ({
      title: `Undo event ${event.eventPayload.id}?`,
      content: <UndoConfirmation event={event} />,
    })),
  );
  app.post('/events/:id/undo', async (c) => {
    const id = c.req.param('id');
    const found = await call<{ events: EventWithStatus[] }>(c, 'GET', `/events/${encodeURIComponent(id)}`);
    const event = found.ok ? found.body.events[0] : undefined;
    if (!event) {
      return page(c, 'Event', 'events', <p>No such event.</p>, failure(found), 404);
    }
    // Togai's correction names the event by its payload; for an UNDO only the id counts.
    const answer = await call(c, 'POST', '/events/correction?action=UNDO', { event: event.eventPayload });
    if (answer.ok) {
      return done(c, `/console/events/${encodeURIComponent(id)}`, 'Event undone: its usage and revenue are removed');
    }
    return page(c, `Event ${id}`, 'events', <EventDetail event={event} />, failure(answer));
  });

  return app;
}

const SignIn = ({ notice }: { notice?: Notice }) => (
  <Layout title="Sign in to Meterline" section="sign-in" notice={notice}>
    <form class="stack" method="post" action="/console/sign-in">
      <div>
        <label for="apiKey">API key</label>
        <input id="apiKey" name="apiKey" type="password" required autocomplete="current-password" size={50} />
        <p class="hint">
          The key is kept in a cookie only the console can read, for 8 hours; the console sees what the key may see.
        </p>
      </div>
      <div>
        <button type="submit">Sign in</button>
      </div>
    </form>
  </Layout>
);

function pastTense(action: string): string {
  return action === 'archive' ? 'archived' : `${action}d`;
}
