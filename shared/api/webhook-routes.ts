import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createdWebhookEndpointSchema,
  createWebhookEndpointRequest,
  rotateWebhookSecretQuery,
  webhookEndpointSchema,
} from '../webhook/webhook-endpoint';
import { webhookDeliveryLogEntrySchema } from '../webhook/webhook-delivery';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems, successSchema } from './common';
import { meterlineExtension } from './extension';

const tags = ['Webhooks'];
const endpointParam = z.object({
  webhook_id: z
    .string()
    .min(1)
    .max(100)
    .meta({ param: { name: 'webhook_id', in: 'path' } }),
});
const deliveryParam = endpointParam.extend({
  message_id: z
    .string()
    .min(1)
    .max(100)
    .meta({ param: { name: 'message_id', in: 'path' } }),
});

/** Meterline's webhook endpoints: where incidents are delivered, signed per Standard Webhooks. */
export const webhookRoutes = {
  create: createRoute({
    ...meterlineExtension,
    method: 'post',
    path: '/webhooks',
    tags,
    summary: 'Create a webhook endpoint; its secret is answered this once',
    request: { body: jsonBody(createWebhookEndpointRequest) },
    responses: {
      201: jsonResponse(createdWebhookEndpointSchema, 'The endpoint, with its secret'),
      ...problems(400, 415, 422),
    },
  }),
  list: createRoute({
    ...meterlineExtension,
    method: 'get',
    path: '/webhooks',
    tags,
    summary: 'List webhook endpoints',
    request: { query: pageQuerySchema },
    responses: {
      200: jsonResponse(pageSchema(webhookEndpointSchema, 'WebhookEndpointsPaginatedResponse'), 'A page of endpoints'),
      ...problems(422),
    },
  }),
  get: createRoute({
    ...meterlineExtension,
    method: 'get',
    path: '/webhooks/{webhook_id}',
    tags,
    summary: 'Get a webhook endpoint: its status, and why and when it was disabled',
    request: { params: endpointParam },
    responses: { 200: jsonResponse(webhookEndpointSchema, 'The endpoint'), ...problems(404) },
  }),
  enable: createRoute({
    ...meterlineExtension,
    method: 'post',
    path: '/webhooks/{webhook_id}/enable',
    tags,
    summary:
      'Enable a disabled webhook endpoint: its held deliveries are sent from now on a fresh retry schedule, each with its own webhook-id',
    request: { params: endpointParam },
    responses: { 200: jsonResponse(webhookEndpointSchema, 'The endpoint, ACTIVE'), ...problems(404) },
  }),
  listDeliveries: createRoute({
    ...meterlineExtension,
    method: 'get',
    path: '/webhooks/{webhook_id}/deliveries',
    tags,
    summary: 'A webhook endpoint’s delivery log, newest first',
    request: { params: endpointParam, query: pageQuerySchema },
    responses: {
      200: jsonResponse(
        pageSchema(webhookDeliveryLogEntrySchema, 'WebhookDeliveryLogPaginatedResponse'),
        'A page of deliveries',
      ),
      ...problems(404, 422),
    },
  }),
  redeliver: createRoute({
    ...meterlineExtension,
    method: 'post',
    path: '/webhooks/{webhook_id}/deliveries/{message_id}/redeliver',
    tags,
    summary:
      'Send one message to this endpoint again, now, on a fresh retry schedule and with the same webhook-id (held while the endpoint is disabled); one being sent is queued behind that attempt, not sent beside it',
    request: { params: deliveryParam },
    responses: { 200: jsonResponse(webhookDeliveryLogEntrySchema, 'The delivery, PENDING'), ...problems(404) },
  }),
  rotateSecret: createRoute({
    ...meterlineExtension,
    method: 'post',
    path: '/webhooks/{webhook_id}/rotate_secret',
    tags,
    summary:
      'Rotate a webhook endpoint’s secret: the new one is answered this once; the previous one signs beside it until previousSecretExpiresAt',
    request: { params: endpointParam, query: rotateWebhookSecretQuery },
    responses: {
      200: jsonResponse(createdWebhookEndpointSchema, 'The endpoint, with its new secret'),
      ...problems(404, 422),
    },
  }),
  delete: createRoute({
    ...meterlineExtension,
    method: 'delete',
    path: '/webhooks/{webhook_id}',
    tags,
    summary: 'Delete a webhook endpoint (its pending deliveries end DEAD)',
    request: { params: endpointParam },
    responses: { 200: jsonResponse(successSchema, 'Deleted'), ...problems(404) },
  }),
};
