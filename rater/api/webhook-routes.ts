import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { webhookRoutes as routes } from '../../shared/api/webhook-routes';
import { notFound } from '../../shared/errors/app-error';
import {
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
} from '../store/webhook-endpoints';
import { createRouter } from './router';

/** Webhook endpoints: each incident is delivered to every endpoint the tenant has when it happens. */
export const webhookRoutes = createRouter()
  .openapi(routes.create, async (c) =>
    c.json(await insertWebhookEndpoint(c.env.db, c.env.principal.tenantId, c.req.valid('json')), 201),
  )
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { nextToken, pageSize } = c.req.valid('query');
    const afterId = await decodeOwnPageToken(nextToken, (id) => findWebhookEndpoint(db, principal.tenantId, id));
    const rows = await listWebhookEndpoints(db, principal.tenantId, { afterId, limit: pageSize + 1 });
    return c.json(
      toPage(rows, pageSize, (e) => e.id),
      200,
    );
  })
  .openapi(routes.rotateSecret, async (c) => {
    const { webhook_id: id } = c.req.valid('param');
    const endpoint = await rotateWebhookSecret(
      c.env.db,
      c.env.principal.tenantId,
      id,
      c.req.valid('query').overlapMinutes,
    );
    if (!endpoint) {
      throw notFound('webhook endpoint', id);
    }
    return c.json(endpoint, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { webhook_id: id } = c.req.valid('param');
    if (!(await deleteWebhookEndpoint(c.env.db, c.env.principal.tenantId, id))) {
      throw notFound('webhook endpoint', id);
    }
    return c.json({ success: true }, 200);
  });
