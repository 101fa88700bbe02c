import type { Incident } from '../../shared/alert/incident';
import type { WebhookEndpoint } from '../../shared/webhook/webhook-endpoint';
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
import type { Notice } from './layout';
import {
  DeleteEndpointConfirmation,
  EndpointSecret,
  RotateConfirmation,
  WebhookDetail,
  WebhookList,
} from './webhook-pages';

const PAGE_SIZE = 50;
/** The API's largest page: the endpoint's deliveries are read from this many incidents at a time. */
const INCIDENT_PAGE_SIZE = 200;
/** Endpoints are few; the API has no GET of one, so its page reads the list, at most this many pages. */
const MAX_ENDPOINT_PAGES = 10;

type Page<T> = { data: T[]; nextToken?: string };
type Created = WebhookEndpoint & { secret: string };

/** Webhook endpoints: list, add (the secret shown once), an endpoint with its deliveries, rotate its secret, delete. */
export function registerWebhookPages(app: ConsoleApp, { call, page }: ConsoleKit) {
  const listPage = async (c: C, fields: FormFields = {}, notice?: Notice) => {
    const token = c.req.query('nextToken');
    const query = new URLSearchParams({ pageSize: String(PAGE_SIZE), ...(token ? { nextToken: token } : {}) });
    const list = await call<Page<WebhookEndpoint>>(c, 'GET', `/webhooks?${query}`);
    return page(
      c,
      'Webhooks',
      'webhooks',
      <WebhookList endpoints={list.body?.data ?? []} nextToken={list.body?.nextToken} fields={fields} />,
      notice ?? failure(list),
      notice ? 422 : 200,
    );
  };
  app.get('/webhooks', (c) => listPage(c));
  app.post('/webhooks/new', async (c) => {
    const fields = await form(c);
    const description = field(fields, 'description');
    const created = await call<Created>(c, 'POST', '/webhooks', {
      url: field(fields, 'url'),
      ...(description ? { description } : {}),
    });
    // Rendered, not redirected to: the secret must not travel in a URL (history, logs, Referer).
    if (created.ok) {
      return page(c, 'Webhook endpoint added', 'webhooks', <EndpointSecret endpoint={created.body} rotated={false} />);
    }
    return listPage(c, fields, failure(created));
  });

  const findEndpoint = async (c: C, id: string): Promise<WebhookEndpoint | undefined> => {
    let token: string | undefined;
    for (let pages = 0; pages < MAX_ENDPOINT_PAGES; pages++) {
      const query = new URLSearchParams({ pageSize: '200', ...(token ? { nextToken: token } : {}) });
      const list = await call<Page<WebhookEndpoint>>(c, 'GET', `/webhooks?${query}`);
      const found = list.body?.data?.find((e) => e.id === id);
      token = list.body?.nextToken;
      if (found || !list.ok || !token) {
        return found;
      }
    }
    return undefined;
  };
  const missing = (c: C) => page(c, 'Webhook endpoint', 'webhooks', <p>No such webhook endpoint.</p>, undefined, 404);

  app.get('/webhooks/:id', async (c) => {
    const id = pathParam(c, 'id');
    const token = c.req.query('nextToken');
    const query = new URLSearchParams({
      pageSize: String(INCIDENT_PAGE_SIZE),
      ...(token ? { nextToken: token } : {}),
    });
    const [endpoint, incidents] = await Promise.all([
      findEndpoint(c, id),
      call<Page<Incident>>(c, 'GET', `/incidents?${query}`),
    ]);
    if (!endpoint) {
      return missing(c);
    }
    const deliveries = (incidents.body?.data ?? []).flatMap((incident) =>
      (incident.reportData?.webhooks.deliveries ?? [])
        .filter((d) => d.endpointId === id)
        .map((delivery) => ({ incident, delivery })),
    );
    return page(
      c,
      `Webhook endpoint ${endpoint.description || endpoint.url}`,
      'webhooks',
      <WebhookDetail endpoint={endpoint} deliveries={deliveries} nextToken={incidents.body?.nextToken} />,
      failure(incidents),
    );
  });

  app.get('/webhooks/:id/rotate', async (c) => {
    const endpoint = await findEndpoint(c, pathParam(c, 'id'));
    if (!endpoint) {
      return missing(c);
    }
    return page(c, 'Rotate the signing secret?', 'webhooks', <RotateConfirmation endpoint={endpoint} />);
  });
  app.post('/webhooks/:id/rotate', async (c) => {
    const id = pathParam(c, 'id');
    const overlap = field(await form(c), 'overlapMinutes');
    const query = overlap ? `?${new URLSearchParams({ overlapMinutes: overlap })}` : '';
    const rotated = await call<Created>(c, 'POST', `/webhooks/${seg(id)}/rotate_secret${query}`);
    if (rotated.ok) {
      return page(c, 'Signing secret rotated', 'webhooks', <EndpointSecret endpoint={rotated.body} rotated />);
    }
    const endpoint = await findEndpoint(c, id);
    if (!endpoint) {
      return page(c, 'Webhook endpoint', 'webhooks', <p>No such webhook endpoint.</p>, failure(rotated), 404);
    }
    return page(
      c,
      'Rotate the signing secret?',
      'webhooks',
      <RotateConfirmation endpoint={endpoint} />,
      failure(rotated),
      422,
    );
  });

  app.get('/webhooks/:id/delete', async (c) => {
    const endpoint = await findEndpoint(c, pathParam(c, 'id'));
    if (!endpoint) {
      return missing(c);
    }
    return page(c, 'Delete the endpoint?', 'webhooks', <DeleteEndpointConfirmation endpoint={endpoint} />);
  });
  app.post('/webhooks/:id/delete', async (c) => {
    const id = pathParam(c, 'id');
    const deleted = await call(c, 'DELETE', `/webhooks/${seg(id)}`);
    if (deleted.ok) {
      return done(c, '/console/webhooks', 'Webhook endpoint deleted');
    }
    return page(c, 'Webhook endpoint', 'webhooks', <p>Not deleted.</p>, failure(deleted), 404);
  });
}
