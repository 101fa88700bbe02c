import type { WebhookDeliveryLogEntry } from '../../shared/webhook/webhook-delivery';
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
  webhookHref,
} from './webhook-pages';

const PAGE_SIZE = 50;

type Page<T> = { data: T[]; nextToken?: string };
type Created = WebhookEndpoint & { secret: string };

/**
 * Webhook endpoints: list, add (the secret shown once), an endpoint with its delivery log (each
 * delivery sent again on request), enable one that was disabled, rotate its secret, delete.
 */
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
    const found = await call<WebhookEndpoint>(c, 'GET', `/webhooks/${seg(id)}`);
    return found.ok ? found.body : undefined;
  };
  const missing = (c: C) => page(c, 'Webhook endpoint', 'webhooks', <p>No such webhook endpoint.</p>, undefined, 404);

  const endpointPage = async (c: C, notice?: Notice) => {
    const id = pathParam(c, 'id');
    const token = c.req.query('nextToken');
    const query = new URLSearchParams({ pageSize: String(PAGE_SIZE), ...(token ? { nextToken: token } : {}) });
    const [endpoint, log] = await Promise.all([
      findEndpoint(c, id),
      call<Page<WebhookDeliveryLogEntry>>(c, 'GET', `/webhooks/${seg(id)}/deliveries?${query}`),
    ]);
    if (!endpoint) {
      return missing(c);
    }
    return page(
      c,
      `Webhook endpoint ${endpoint.description || endpoint.url}`,
      'webhooks',
      <WebhookDetail endpoint={endpoint} deliveries={log.body?.data ?? []} nextToken={log.body?.nextToken} />,
      notice ?? failure(log),
    );
  };
  app.get('/webhooks/:id', (c) => endpointPage(c));
  app.post('/webhooks/:id/enable', async (c) => {
    const id = pathParam(c, 'id');
    const enabled = await call<WebhookEndpoint>(c, 'POST', `/webhooks/${seg(id)}/enable`);
    if (enabled.ok) {
      return done(c, webhookHref(id), 'Endpoint enabled: what it held is sent now');
    }
    return endpointPage(c, failure(enabled));
  });
  app.post('/webhooks/:id/deliveries/:messageId/redeliver', async (c) => {
    const id = pathParam(c, 'id');
    const messageId = pathParam(c, 'messageId');
    const sent = await call(c, 'POST', `/webhooks/${seg(id)}/deliveries/${seg(messageId)}/redeliver`);
    if (sent.ok) {
      return done(c, webhookHref(id), `Delivery of ${messageId} queued`);
    }
    return endpointPage(c, failure(sent));
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
