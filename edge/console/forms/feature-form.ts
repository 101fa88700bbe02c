import type { FeatureResponse } from '../../../shared/entitlement/feature';
import { column, field, type FormFields } from './form-data';

/**
 * The console's feature form → the body of POST /features (or PATCH /features/{id}): which event
 * schemas consume the feature, each by an attribute's value or, with no attribute, 1 per event.
 * Blank rows are dropped; the API names whatever it refuses (`schemaAssociations.1.attributeName`).
 */
export function featureRequest(form: FormFields) {
  const attributes = column(form, 'attributeName');
  const schemaAssociations = column(form, 'schemaName')
    .map((schemaName, i) => ({ schemaName, attributeName: attributes[i] ?? '' }))
    .filter((a) => a.schemaName !== '')
    .map(({ schemaName, attributeName }) => (attributeName ? { schemaName, attributeName } : { schemaName }));
  const billableName = field(form, 'billableName');
  return { name: field(form, 'name'), ...(billableName ? { billableName } : {}), schemaAssociations };
}

/** A feature as the form's fields, to change its associations. */
export function featureFields(feature: FeatureResponse): FormFields {
  return {
    name: feature.name,
    billableName: feature.billableName ?? '',
    schemaName: feature.schemaAssociations.map((a) => a.schemaName),
    attributeName: feature.schemaAssociations.map((a) => a.attributeName),
  };
}
