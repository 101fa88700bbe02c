import { and, asc, eq, gt } from 'drizzle-orm';
import {
  absoluteThresholds,
  alertSubject,
  ENTITY_OF,
  type Alert,
  type AlertTemplateId,
  type AlertParameters,
  type CreateAlertRequest,
  type UpdateAlertRequest,
} from '../../shared/alert/alert';
import { exactNumber } from '../../shared/api/exact-number';
import type { Queryable } from '../db/connect';
import { alerts } from '../db/schema';
import { newId } from './write-guards';

type Row = typeof alerts.$inferSelect;

function toAlert(row: Row): Alert {
  return {
    id: row.id,
    version: row.version,
    ...(row.description !== null ? { description: row.description } : {}),
    status: row.status as Alert['status'],
    ...(row.validity !== null ? { validity: row.validity } : {}),
    alertTemplateId: row.templateId,
    interval: row.interval,
    entityDetails: { [ENTITY_OF[row.templateId as AlertTemplateId]]: { id: row.subjectId } },
    ...(row.accountId !== null ? { ownerDetails: { account: { id: row.accountId } } } : {}),
    parameters: parametersOut(row.parameters as AlertParameters),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** As Togai's models want amounts: JSON numbers whose text is the exact decimal. */
function parametersOut({ threshold }: AlertParameters) {
  return {
    threshold: {
      type: threshold.type,
      values: threshold.values.map(exactNumber),
      ...(threshold.limit !== undefined ? { limit: exactNumber(threshold.limit) } : {}),
    },
  };
}

function validUntil(validity: number | null | undefined, from: Date): Date | null {
  return validity ? new Date(from.getTime() + validity * 60_000) : null;
}

function thresholdColumns(parameters: AlertParameters) {
  return { parameters, thresholds: absoluteThresholds(parameters).map((t) => t.value) };
}

export async function insertAlert(db: Queryable, tenantId: string, input: CreateAlertRequest): Promise<Alert> {
  const now = new Date();
  // createAlertRequest refuses a request whose template's entity is not named.
  const subjectId = alertSubject(input.alertTemplateId, input.entityDetails);
  if (subjectId === undefined) {
    throw new Error(
      `alert of template ${input.alertTemplateId} without its entity: createAlertRequest should have refused it`,
    );
  }
  const [row] = await db
    .insert(alerts)
    .values({
      tenantId,
      id: newId('alert.'),
      templateId: input.alertTemplateId,
      status: input.status,
      description: input.description ?? null,
      interval: input.interval,
      validity: input.validity ?? null,
      validUntil: validUntil(input.validity, now),
      subjectId,
      accountId: input.ownerDetails?.account.id ?? null,
      ...thresholdColumns(input.parameters),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return toAlert(row!);
}

export async function findAlert(db: Queryable, tenantId: string, id: string): Promise<Alert | null> {
  const [row] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, id)));
  return row ? toAlert(row) : null;
}

export async function listAlerts(
  db: Queryable,
  tenantId: string,
  page: { afterId?: string | undefined; limit: number },
): Promise<Alert[]> {
  const rows = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), page.afterId !== undefined ? gt(alerts.id, page.afterId) : undefined))
    .orderBy(asc(alerts.id))
    .limit(page.limit);
  return rows.map(toAlert);
}

/** A change makes a new version: incidents name the version whose thresholds they crossed. */
export async function updateAlert(
  db: Queryable,
  tenantId: string,
  id: string,
  change: UpdateAlertRequest,
): Promise<Alert | null> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(alerts)
      .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, id)))
      .for('update');
    if (!current) {
      return null;
    }
    const now = new Date();
    const [row] = await tx
      .update(alerts)
      .set({
        version: current.version + 1,
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.status !== undefined ? { status: change.status } : {}),
        ...(change.interval !== undefined ? { interval: change.interval } : {}),
        ...(change.validity !== undefined
          ? { validity: change.validity, validUntil: validUntil(change.validity, now) }
          : {}),
        ...(change.parameters !== undefined ? thresholdColumns(change.parameters) : {}),
        updatedAt: now,
      })
      .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, id)))
      .returning();
    return row ? toAlert(row) : null;
  });
}

/** Removes the alert; its incidents and their deliveries stay (a crossing that happened is not undone). */
export async function deleteAlert(db: Queryable, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(alerts)
    .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, id)))
    .returning({ id: alerts.id });
  return rows.length > 0;
}
