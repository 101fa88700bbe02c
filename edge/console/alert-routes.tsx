import type { Alert } from '../../shared/alert/alert';
import type { Incident } from '../../shared/alert/incident';
import type { FeatureListItem } from '../../shared/entitlement/feature';
import type { UsageMeter } from '../../shared/meter/usage-meter';
import { AlertDetail, AlertForm, AlertList, DeleteAlertConfirmation, alertHref } from './alert-pages';
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
import { alertRequest } from './forms/alert-form';
import { field, type FormFields } from './forms/form-data';
import { DELIVERY_STATUSES, IncidentList, IncidentTable } from './incident-pages';
import type { Notice } from './layout';

const PAGE_SIZE = 50;

type Page<T> = { data: T[]; nextToken?: string };

/**
 * Alerts (Togai's AlertsApi): the list, create from a template, an alert's page with its incidents,
 * activate or deactivate (a PATCH of its status: a new version), delete; every incident, and a
 * redelivery of one to its webhook endpoints.
 */
export function registerAlertPages(app: ConsoleApp, { call, page }: ConsoleKit) {
  const meters = async (c: C) =>
    (await call<Page<UsageMeter>>(c, 'GET', '/usage_meters?pageSize=200')).body?.data ?? [];
  const features = async (c: C) =>
    (await call<Page<FeatureListItem>>(c, 'GET', '/features?pageSize=200')).body?.data ?? [];
  const namesOf = (list: UsageMeter[]) => new Map(list.map((m) => [m.id, m.name]));

  app.get('/alerts', async (c) => {
    const token = c.req.query('nextToken');
    const query = new URLSearchParams({ pageSize: String(PAGE_SIZE), ...(token ? { nextToken: token } : {}) });
    const [list, all] = await Promise.all([call<Page<Alert>>(c, 'GET', `/alerts?${query}`), meters(c)]);
    return page(
      c,
      'Alerts',
      'alerts',
      <AlertList alerts={list.body?.data ?? []} meterNames={namesOf(all)} nextToken={list.body?.nextToken} />,
      failure(list),
    );
  });

  const formPage = async (c: C, fields: FormFields, notice?: Notice) =>
    page(
      c,
      'New alert',
      'alerts',
      <AlertForm
        fields={fields}
        meters={(await meters(c)).filter((m) => m.status !== 'ARCHIVED')}
        features={await features(c)}
      />,
      notice,
      notice ? 422 : 200,
    );
  app.get('/alerts/new', (c) => formPage(c, {}));
  app.post('/alerts/new', async (c) => {
    const fields = await form(c);
    const created = await call<Alert>(c, 'POST', '/alerts', alertRequest(fields));
    if (created.ok) {
      return done(c, alertHref(created.body.id), `Alert created: ${created.body.status}`);
    }
    return formPage(c, fields, failure(created));
  });

  const alertPage = async (c: C, notice?: Notice) => {
    const id = pathParam(c, 'id');
    const token = c.req.query('nextToken');
    const query = new URLSearchParams({
      alertId: id,
      pageSize: String(PAGE_SIZE),
      ...(token ? { nextToken: token } : {}),
    });
    const [alert, incidents, all] = await Promise.all([
      call<Alert>(c, 'GET', `/alerts/${seg(id)}`),
      call<Page<Incident>>(c, 'GET', `/incidents?${query}`),
      meters(c),
    ]);
    if (!alert.ok) {
      return page(c, 'Alert', 'alerts', <p>No such alert.</p>, failure(alert), 404);
    }
    const list = incidents.body?.data ?? [];
    const next = incidents.body?.nextToken;
    const here = `${alertHref(id)}${token ? `?${new URLSearchParams({ nextToken: token })}` : ''}`;
    const content = (
      <>
        <AlertDetail alert={alert.body} meterNames={namesOf(all)} />
        <h2>Incidents</h2>
        {list.length === 0 ? <p>None yet.</p> : <IncidentTable incidents={list} back={here} alert={false} />}
        {next && (
          <p>
            <a href={`${alertHref(id)}?${new URLSearchParams({ nextToken: next })}`}>More incidents</a>
          </p>
        )}
      </>
    );
    return page(
      c,
      `Alert ${alert.body.description || alert.body.id}`,
      'alerts',
      content,
      notice ?? failure(incidents),
      notice ? 422 : 200,
    );
  };
  app.get('/alerts/:id', (c) => alertPage(c));
  app.post('/alerts/:id/status', async (c) => {
    const id = pathParam(c, 'id');
    const status = field(await form(c), 'status');
    const changed = await call<Alert>(c, 'PATCH', `/alerts/${seg(id)}`, { status });
    if (changed.ok) {
      return done(c, alertHref(id), `Alert ${changed.body.status === 'ACTIVE' ? 'activated' : 'deactivated'}`);
    }
    return alertPage(c, failure(changed));
  });
  app.get('/alerts/:id/delete', async (c) => {
    const alert = await call<Alert>(c, 'GET', `/alerts/${seg(pathParam(c, 'id'))}`);
    if (!alert.ok) {
      return page(c, 'Alert', 'alerts', <p>No such alert.</p>, failure(alert), 404);
    }
    return page(c, 'Delete the alert?', 'alerts', <DeleteAlertConfirmation alert={alert.body} />);
  });
  app.post('/alerts/:id/delete', async (c) => {
    const deleted = await call(c, 'DELETE', `/alerts/${seg(pathParam(c, 'id'))}`);
    if (deleted.ok) {
      return done(c, '/console/alerts', 'Alert deleted: its incidents stay');
    }
    return alertPage(c, failure(deleted));
  });

  const incidentsPage = async (c: C, notice?: Notice) => {
    const requested = c.req.query('deliveryStatus') ?? '';
    const deliveryStatus = (DELIVERY_STATUSES as readonly string[]).includes(requested) ? requested : '';
    const token = c.req.query('nextToken');
    const filter = { ...(deliveryStatus ? { deliveryStatus } : {}), ...(token ? { nextToken: token } : {}) };
    const query = new URLSearchParams({ pageSize: String(PAGE_SIZE), ...filter });
    const list = await call<Page<Incident>>(c, 'GET', `/incidents?${query}`);
    const here = `/console/incidents${Object.keys(filter).length ? `?${new URLSearchParams(filter)}` : ''}`;
    return page(
      c,
      'Incidents',
      'incidents',
      <IncidentList
        incidents={list.body?.data ?? []}
        deliveryStatus={deliveryStatus}
        nextToken={list.body?.nextToken}
        back={here}
      />,
      notice ?? failure(list),
      notice ? 422 : 200,
    );
  };
  app.get('/incidents', (c) => incidentsPage(c));
  app.post('/incidents/:id/redeliver', async (c) => {
    const back = field(await form(c), 'back');
    // Only back to a console page: a posted field must not send the browser elsewhere.
    const location = back.startsWith('/console/') ? back : '/console/incidents';
    const sent = await call<Incident>(c, 'POST', `/incidents/${seg(pathParam(c, 'id'))}/redeliver`);
    if (sent.ok) {
      return done(c, location, 'Incident queued for delivery again to each of its endpoints');
    }
    return incidentsPage(c, failure(sent));
  });
}
