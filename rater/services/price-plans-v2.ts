import {
  AppError,
  concurrentChange,
  invalid,
  nameTaken,
  notFound,
  type FieldIssue,
} from '../../shared/errors/app-error';
import { canonicalJson } from '../../shared/idempotency/payload-hash';
import { checkPricePlan } from '../../shared/pricing/check-price-plan';
import { planCurrencyIssues } from '../../shared/pricing/plan-currency';
import { definitionOf } from '../../shared/pricing/plan-lifecycle';
import type { PricePlan, PricePlanDefinition } from '../../shared/pricing/price-plan';
import {
  applyUpdatePricePlanV2,
  fromCreatePricePlanV2,
  issueEntity,
  toPricePlanV2,
} from '../../shared/pricing/togai-price-plan';
import type {
  CreatePricePlanV2Request,
  PricePlanV2,
  UpdatePricePlanV2Request,
} from '../../shared/pricing/togai-price-plan-wire';
import type { Jurisdiction } from '../../shared/tenant/placement';
import type { Database } from '../db/connect';
import { findFeatures } from '../store/features';
import {
  deleteDraftPlan,
  deletePlanDraft,
  findPlanDraft,
  publishPlanDraft,
  savePlanDraft,
  type PlanDraft,
} from '../store/price-plan-drafts';
import { findPricePlan, insertPricePlan, setPricePlanStatus, updatePricePlan } from '../store/price-plans';
import { inTenantHome } from '../store/tenant-home';
import { findUsageMeters } from '../store/usage-meters';

/**
 * Togai's v2 price plan lifecycle over Meterline's plans. A plan never finalized is DRAFT and
 * changes in place; an ACTIVE plan is edited through a draft of its next version
 * (price_plan_drafts), which finalize publishes and discard drops. Finalize refuses while the
 * plan has errors (planErrors): Togai lets a draft be incomplete, never a version that rates.
 */
export interface PlanContext {
  db: Database;
  tenantId: string;
  home: Jurisdiction | null;
}

/** What a v2 caller sees and edits: the draft if one is being edited, else the latest version. */
export interface PlanView {
  plan: PricePlan;
  draft: PlanDraft | null;
  definition: PricePlanDefinition;
}

export async function createPlanV2(ctx: PlanContext, request: CreatePricePlanV2Request): Promise<PricePlanV2> {
  const { name, description, definition } = fromCreatePricePlanV2(request);
  const created = await inTenantHome(ctx.db, ctx.tenantId, ctx.home, (tx) =>
    insertPricePlan(tx, ctx.tenantId, { name, ...(description !== undefined ? { description } : {}), ...definition }),
  );
  if (!created) {
    throw nameTaken('price plan', name, 'plans');
  }
  return asV2({ plan: created, draft: null, definition: definitionOf(created) });
}

/** The plan as v2 shows it; ARCHIVED plans have no v2 face (Togai has no such status). */
export async function findPlanView(ctx: PlanContext, id: string): Promise<PlanView> {
  const plan = await findPricePlan(ctx.db, ctx.tenantId, id);
  if (!plan || plan.status === 'ARCHIVED') {
    throw notFound('price plan', id);
  }
  const draft = plan.status === 'ACTIVE' ? await findPlanDraft(ctx.db, ctx.tenantId, id) : null;
  return { plan, draft, definition: draft?.definition ?? definitionOf(plan) };
}

export function asV2(view: PlanView): PricePlanV2 {
  const { plan, draft } = view;
  const shown = draft
    ? {
        version: draft.baseVersion + 1,
        status: 'DRAFT' as const,
        definition: draft.definition,
        updatedAt: draft.updatedAt,
      }
    : {
        version: plan.version,
        status: plan.status === 'ACTIVE' ? ('ACTIVE' as const) : ('DRAFT' as const),
        definition: definitionOf(plan),
        updatedAt: plan.updatedAt,
      };
  return toPricePlanV2(plan, shown);
}

/** A published version as v2 shows it (its status is the plan's). */
export function versionAsV2(version: PricePlan): PricePlanV2 {
  return asV2({ plan: version, draft: null, definition: definitionOf(version) });
}

export async function updatePlanV2(
  ctx: PlanContext,
  id: string,
  request: UpdatePricePlanV2Request,
): Promise<PricePlanV2> {
  const view = await findPlanView(ctx, id);
  const definition = applyUpdatePricePlanV2(view.definition, request);
  let { plan } = view;
  // The description belongs to the plan, not to a version.
  if (request.description != null && request.description !== plan.description) {
    plan = await written(
      updatePricePlan(ctx.db, ctx.tenantId, plan, {
        description: request.description,
        definition: definitionOf(plan),
        changed: false,
        newVersion: false,
      }),
      plan,
    );
  }
  // A new description alone is no new version: nothing is drafted.
  if (canonicalJson(definition) === canonicalJson(view.definition)) {
    return asV2({ ...view, plan });
  }
  return asV2(await saveDefinition(ctx, { ...view, plan }, definition));
}

/**
 * Writes an edited definition where a v2 edit goes: in place on a DRAFT plan, into the draft of an
 * ACTIVE plan's next version (started on the first edit). Raced edits are refused (409).
 */
export async function saveDefinition(
  ctx: PlanContext,
  view: PlanView,
  definition: PricePlanDefinition,
): Promise<PlanView> {
  const { plan, draft } = view;
  if (plan.status === 'DRAFT') {
    const updated = await written(
      updatePricePlan(ctx.db, ctx.tenantId, plan, { definition, changed: true, newVersion: false }),
      plan,
    );
    return { plan: updated, draft: null, definition };
  }
  const saved = await savePlanDraft(ctx.db, ctx.tenantId, plan.id, draft, {
    baseVersion: draft?.baseVersion ?? plan.version,
    definition,
  });
  if (!saved) {
    throw concurrentChange('price plan draft', plan.id);
  }
  return { plan, draft: saved, definition };
}

export async function finalizePlanV2(
  ctx: PlanContext,
  id: string,
  request: { migrationMode?: string | null; versionsToMigrate?: string | null },
): Promise<void> {
  if ((request.migrationMode ?? 'NONE') !== 'NONE' || request.versionsToMigrate != null) {
    throw invalid('migration_not_supported', [
      {
        path:
          request.versionsToMigrate != null && (request.migrationMode ?? 'NONE') === 'NONE'
            ? 'versionsToMigrate'
            : 'migrationMode',
        message:
          'moving associated accounts to the new version is not supported yet: accounts keep their version; associate them again to move them',
      },
    ]);
  }
  const view = await findPlanView(ctx, id);
  const { plan, draft } = view;
  if (plan.status === 'ACTIVE' && !draft) {
    return; // Finalized already: a repeat is a no-op.
  }
  if (draft && draft.baseVersion !== plan.version) {
    throw new AppError(
      'conflict',
      'price_plan_draft_outdated',
      `Price plan '${id}' gained version ${plan.version} through /price_plans since this draft was started from version ${draft.baseVersion}; discard the draft and edit again`,
    );
  }
  const errors = await planErrors(ctx, view.definition);
  if (errors.length > 0) {
    throw invalid(
      'invalid_price_plan',
      errors,
      `Price plan '${id}' cannot be finalized: ${errors[0]!.path}: ${errors[0]!.message}`,
    );
  }
  if (draft) {
    await written(publishPlanDraft(ctx.db, ctx.tenantId, plan, draft), plan);
  } else if (!(await setPricePlanStatus(ctx.db, ctx.tenantId, plan, 'ACTIVE'))) {
    throw concurrentChange('price plan', id);
  }
}

export async function discardPlanV2(ctx: PlanContext, id: string): Promise<void> {
  const { plan, draft } = await findPlanView(ctx, id);
  if (plan.status === 'DRAFT') {
    if (!(await deleteDraftPlan(ctx.db, ctx.tenantId, plan))) {
      throw concurrentChange('price plan', id);
    }
    return;
  }
  if (!draft) {
    throw new AppError(
      'conflict',
      'no_price_plan_draft',
      `Price plan '${id}' is ACTIVE with no draft to discard; Togai's v2 does not archive plans`,
    );
  }
  await deletePlanDraft(ctx.db, ctx.tenantId, id);
}

/**
 * What stops a definition from rating: each rate card's meter and each grant's feature against
 * what the tenant has now (checkPricePlan), and a rate in every supported currency.
 */
export async function planErrors(ctx: PlanContext, definition: PricePlanDefinition): Promise<FieldIssue[]> {
  const [meters, features] = await Promise.all([
    findUsageMeters(
      ctx.db,
      ctx.tenantId,
      definition.usageRateCards.map((card) => card.usageMeterId),
    ),
    findFeatures(
      ctx.db,
      ctx.tenantId,
      definition.entitlementRateCards.map((card) => card.featureId),
    ),
  ]);
  return [...planCurrencyIssues(definition), ...checkPricePlan(definition, meters, features)];
}

/** planErrors as Togai's ValidatedEntityError: by rate card name, or the plan itself. */
export function asValidatedEntityErrors(planId: string, definition: PricePlanDefinition, errors: FieldIssue[]) {
  return errors.map((error) => {
    const entity = issueEntity(definition, error.path);
    return {
      referenceId: planId,
      entityId: entity.entityId ?? planId,
      entityType: entity.entityType,
      errorMessage: `${error.path}: ${error.message}`,
    };
  });
}

async function written(
  write: Promise<{ ok: true; plan: PricePlan } | { ok: false; reason: string }>,
  plan: PricePlan,
): Promise<PricePlan> {
  const result = await write;
  if (result.ok) {
    return result.plan;
  }
  throw concurrentChange('price plan', plan.id);
}
