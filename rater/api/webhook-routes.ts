import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { webhookRoutes as routes } from '../../shared/api/webhook-routes';
import { notFound } from '../../shared/errors/app-error';
import {
  endpointDeliverySeqExists,
  findEndpointDelivery,
  listEndpointDeliveries,
  redeliverMessage,
} from '../store/webhook-deliveries';
import {
  deleteWebhookEndpoint,
  enableWebhookEndpoint,
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
  .openapi(routes.get, async (c) => {
    const { webhook_id: id } = c.req.valid('param');
    const endpoint = await findWebhookEndpoint(c.env.db, c.env.principal.tenantId, id);
    if (!endpoint) {
      throw notFound('webhook endpoint', id);
    }
    return c.json(endpoint, 200);
  })
  .openapi(routes.enable, async (c) => {
    const { webhook_id: id } = c.req.valid('param');
    const endpoint = await enableWebhookEndpoint(c.env.db, c.env.principal.tenantId, id, new Date());
    if (!endpoint) {
      throw notFound('webhook endpoint', id);
    }
    return c.json(endpoint, 200);
  })
  .openapi(routes.listDeliveries, async (c) => {
    const { db, principal } = c.env;
    const { webhook_id: id } = c.req.valid('param');
    const { nextToken, pageSize } = c.req.valid('query');
    if (!(await findWebhookEndpoint(db, principal.tenantId, id))) {
      throw notFound('webhook endpoint', id);
    }
    const beforeSeq = await decodeOwnPageToken(nextToken, (seq) =>
      endpointDeliverySeqExists(db, principal.tenantId, id, seq).then((found) => found || null),
    );
    const rows = await listEndpointDeliveries(db, principal.tenantId, id, { beforeSeq, limit: pageSize + 1 });
    const page = toPage(rows, pageSize, (r) => r.seq);
    return c.json(
      { ...page, data: page.data.map((r) => r.delivery), context: { pageSize, sortOrder: 'DESC' as const } },
      200,
    );
  })
  .openapi(routes.redeliver, async (c) => {
    const { db, principal } = c.env;
    const { webhook_id: id, message_id: messageId } = c.req.valid('param');
    const delivery = await db.transaction(async (tx) =>
      (await redeliverMessage(tx, principal.tenantId, id, messageId, new Date()))
        ? findEndpointDelivery(tx, principal.tenantId, id, messageId)
        : null,
    );
    if (!delivery) {
      throw notFound('webhook delivery', messageId);
    }
    return c.json(delivery, 200);
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
