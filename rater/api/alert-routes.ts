import { alertRoutes as routes } from '../../shared/api/alert-routes';
import { decodeOwnPageToken, toPage } from '../../shared/api/page';
import { alertTemplates, findAlertTemplate } from '../../shared/alert/alert-template';
import { AppError, notFound } from '../../shared/errors/app-error';
import { findIncident, incidentSeqExists, listIncidents, setIncidentStatus } from '../store/alert-incidents';
import { redeliverIncident } from '../store/webhook-deliveries';
import { deleteAlert, findAlert, insertAlert, listAlerts, updateAlert } from '../store/alerts';
import { findFeature } from '../store/features';
import { findUsageMeter } from '../store/usage-meters';
import { createRouter } from './router';

/**
 * Togai's AlertsApi, plus GET and DELETE of one alert. Crossings are detected by metering and rating
 * (migrations 0022, 0024), and balances' by the AccountLedger (edge/ledger/balance-alerts.ts).
 */
export const alertRoutes = createRouter()
  .openapi(routes.create, async (c) => {
    const { db, principal } = c.env;
    const input = c.req.valid('json');
    const meterId = input.entityDetails.usageMeter?.id;
    if (
      input.alertTemplateId === 'USAGE_THRESHOLD' &&
      meterId !== undefined &&
      !(await findUsageMeter(db, principal.tenantId, meterId))
    ) {
      throw new AppError('not_found', 'usage_meter_not_found', `No usage meter '${meterId}'`, [
        { path: 'entityDetails.usageMeter.id', message: 'names no usage meter of this tenant' },
      ]);
    }
    const featureId = input.entityDetails.feature?.id;
    if (
      input.alertTemplateId === 'BALANCE_THRESHOLD' &&
      featureId !== undefined &&
      !(await findFeature(db, principal.tenantId, featureId))
    ) {
      throw new AppError('not_found', 'feature_not_found', `No feature '${featureId}'`, [
        { path: 'entityDetails.feature.id', message: 'names no feature of this tenant' },
      ]);
    }
    return c.json(await insertAlert(db, principal.tenantId, input), 200);
  })
  .openapi(routes.list, async (c) => {
    const { db, principal } = c.env;
    const { nextToken, pageSize } = c.req.valid('query');
    const afterId = await decodeOwnPageToken(nextToken, (id) => findAlert(db, principal.tenantId, id));
    const rows = await listAlerts(db, principal.tenantId, { afterId, limit: pageSize + 1 });
    return c.json(
      toPage(rows, pageSize, (a) => a.id),
      200,
    );
  })
  .openapi(routes.get, async (c) => {
    const { alert_id: id } = c.req.valid('param');
    const alert = await findAlert(c.env.db, c.env.principal.tenantId, id);
    if (!alert) {
      throw notFound('alert', id);
    }
    return c.json(alert, 200);
  })
  .openapi(routes.update, async (c) => {
    const { alert_id: id } = c.req.valid('param');
    const alert = await updateAlert(c.env.db, c.env.principal.tenantId, id, c.req.valid('json'));
    if (!alert) {
      throw notFound('alert', id);
    }
    return c.json(alert, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { alert_id: id } = c.req.valid('param');
    if (!(await deleteAlert(c.env.db, c.env.principal.tenantId, id))) {
      throw notFound('alert', id);
    }
    return c.json({ success: true }, 200);
  })
  .openapi(routes.listIncidents, async (c) => {
    const { db, principal } = c.env;
    const { nextToken, pageSize, alertId, deliveryStatus } = c.req.valid('query');
    const afterSeq = await decodeOwnPageToken(nextToken, (seq) =>
      incidentSeqExists(db, principal.tenantId, seq).then((found) => found || null),
    );
    const rows = await listIncidents(
      db,
      principal.tenantId,
      { alertId, status: deliveryStatus },
      { afterSeq, limit: pageSize + 1 },
    );
    const page = toPage(rows, pageSize, (row) => row.seq);
    return c.json({ ...page, data: page.data.map((row) => row.incident) }, 200);
  })
  .openapi(routes.getIncident, async (c) => {
    const { incident_id: id } = c.req.valid('param');
    const incident = await findIncident(c.env.db, c.env.principal.tenantId, id);
    if (!incident) {
      throw notFound('incident', id);
    }
    return c.json(incident, 200);
  })
  .openapi(routes.updateIncidentStatus, async (c) => {
    const { db, principal } = c.env;
    const { incident_id: id } = c.req.valid('param');
    const { status } = c.req.valid('json');
    const incident = await db.transaction(async (tx) =>
      (await setIncidentStatus(tx, principal.tenantId, id, status)) ? findIncident(tx, principal.tenantId, id) : null,
    );
    if (!incident) {
      throw notFound('incident', id);
    }
    return c.json(incident, 200);
  })
  .openapi(routes.redeliver, async (c) => {
    const { db, principal } = c.env;
    const { incident_id: id } = c.req.valid('param');
    const incident = await db.transaction(async (tx) =>
      (await redeliverIncident(tx, principal.tenantId, id, new Date()))
        ? findIncident(tx, principal.tenantId, id)
        : null,
    );
    if (!incident) {
      throw notFound('incident', id);
    }
    return c.json(incident, 200);
  })
  .openapi(routes.listTemplates, (c) =>
    c.json({ data: alertTemplates(), context: { pageSize: alertTemplates().length, sortOrder: 'ASC' as const } }, 200),
  )
  .openapi(routes.getTemplate, (c) => {
    const { alert_template_id: id } = c.req.valid('param');
    const template = findAlertTemplate(id);
    if (!template) {
      throw notFound('alert template', id);
    }
    return c.json(template, 200);
  });
