import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { alertSchema, createAlertRequest, updateAlertRequest } from '../alert/alert';
import { alertTemplateSchema } from '../alert/alert-template';
import { incidentSchema, updateIncidentStatusRequest } from '../alert/incident';
import { webhookDeliveryStatusSchema } from '../webhook/webhook-delivery';
import { jsonBody, jsonResponse, pageQuerySchema, pageSchema, problems, successSchema } from './common';
import { extension, meterlineExtension } from './extension';

const tags = ['Alerts'];
const alertParam = z.object({
  alert_id: z
    .string()
    .min(1)
    .max(100)
    .meta({ param: { name: 'alert_id', in: 'path' } }),
});
const incidentParam = z.object({
  incident_id: z
    .string()
    .min(1)
    .max(100)
    .meta({ param: { name: 'incident_id', in: 'path' } }),
});
const templateParam = z.object({
  alert_template_id: z
    .string()
    .min(1)
    .max(100)
    .meta({ param: { name: 'alert_template_id', in: 'path' } }),
});
const incidentQuery = pageQuerySchema.extend({
  alertId: z.string().min(1).max(100).optional().meta(extension("Only this alert's incidents")),
  deliveryStatus: webhookDeliveryStatusSchema
    .optional()
    .meta(extension('Only incidents with a webhook delivery in this state, e.g. DEAD')),
});

/** Togai's AlertsApi: alerts on thresholds, the incidents (crossings) they raised, the templates. */
export const alertRoutes = {
  create: createRoute({
    method: 'post',
    path: '/alerts',
    tags,
    summary: 'Create an alert',
    request: { body: jsonBody(createAlertRequest) },
    responses: { 200: jsonResponse(alertSchema, 'The alert'), ...problems(400, 404, 415, 422) },
  }),
  list: createRoute({
    method: 'get',
    path: '/alerts',
    tags,
    summary: 'List alerts, in id order',
    request: { query: pageQuerySchema },
    responses: {
      200: jsonResponse(pageSchema(alertSchema, 'AlertsPaginatedResponse'), 'A page of alerts'),
      ...problems(422),
    },
  }),
  get: createRoute({
    ...meterlineExtension,
    method: 'get',
    path: '/alerts/{alert_id}',
    tags,
    summary: 'Get an alert',
    request: { params: alertParam },
    responses: { 200: jsonResponse(alertSchema, 'The alert'), ...problems(404) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/alerts/{alert_id}',
    tags,
    summary: 'Update an alert (a new version)',
    request: { params: alertParam, body: jsonBody(updateAlertRequest) },
    responses: { 200: jsonResponse(alertSchema, 'The alert now'), ...problems(400, 404, 415, 422) },
  }),
  delete: createRoute({
    ...meterlineExtension,
    method: 'delete',
    path: '/alerts/{alert_id}',
    tags,
    summary: 'Delete an alert (its incidents stay)',
    request: { params: alertParam },
    responses: { 200: jsonResponse(successSchema, 'Deleted'), ...problems(404) },
  }),
  listIncidents: createRoute({
    method: 'get',
    path: '/incidents',
    tags,
    summary: 'List incidents (threshold crossings), oldest first, with their webhook deliveries',
    request: { query: incidentQuery },
    responses: {
      200: jsonResponse(pageSchema(incidentSchema, 'IncidentsPaginatedResponse'), 'A page of incidents'),
      ...problems(422),
    },
  }),
  getIncident: createRoute({
    method: 'get',
    path: '/incidents/{incident_id}',
    tags,
    summary: 'Get an incident',
    request: { params: incidentParam },
    responses: { 200: jsonResponse(incidentSchema, 'The incident'), ...problems(404) },
  }),
  updateIncidentStatus: createRoute({
    method: 'put',
    path: '/incidents/{incident_id}/status',
    tags,
    summary: 'Update an incident status (TRIGGERED, ACKNOWLEDGED, RESOLVED)',
    request: { params: incidentParam, body: jsonBody(updateIncidentStatusRequest) },
    responses: { 200: jsonResponse(incidentSchema, 'The incident now'), ...problems(400, 404, 415, 422) },
  }),
  redeliver: createRoute({
    ...meterlineExtension,
    method: 'post',
    path: '/incidents/{incident_id}/redeliver',
    tags,
    summary:
      'Send the incident again to each of its endpoints (same webhook-id), with a fresh retry schedule; a delivery being sent is queued behind that attempt',
    request: { params: incidentParam },
    responses: { 200: jsonResponse(incidentSchema, 'The incident, its deliveries PENDING'), ...problems(404) },
  }),
  listTemplates: createRoute({
    method: 'get',
    path: '/alert_templates',
    tags,
    summary: 'List alert templates',
    responses: {
      200: jsonResponse(pageSchema(alertTemplateSchema, 'AlertTemplatesPaginatedResponse'), 'The templates'),
    },
  }),
  getTemplate: createRoute({
    method: 'get',
    path: '/alert_templates/{alert_template_id}',
    tags,
    summary: 'Get an alert template',
    request: { params: templateParam },
    responses: { 200: jsonResponse(alertTemplateSchema, 'The template'), ...problems(404) },
  }),
};
