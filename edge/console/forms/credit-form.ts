import { field, utcInstant, type FormFields } from './form-data';

/**
 * The account page's "Grant credits" form → the body of POST /accounts/{id}/features/{featureId}/entries.
 * Blank fields are left out (the API's defaults apply: from now, never expiring, a generated id);
 * the rest goes as typed, and the API names whatever it refuses.
 */
export function grantRequest(form: FormFields) {
  const id = field(form, 'entryId');
  const from = utcInstant(field(form, 'effectiveFrom'));
  const until = utcInstant(field(form, 'effectiveUntil'));
  return {
    ...(id ? { id } : {}),
    granted: field(form, 'granted'),
    ...(from ? { effectiveFrom: from } : {}),
    ...(until ? { effectiveUntil: until } : {}),
    source: field(form, 'source') || 'ENTITLEMENT',
  };
}

/** "Adjust entry" → PATCH …/entries/{entryId}: only what was filled in changes. */
export function adjustRequest(form: FormFields) {
  const granted = field(form, 'granted');
  const until = utcInstant(field(form, 'effectiveUntil'));
  return { ...(granted ? { granted } : {}), ...(until ? { effectiveUntil: until } : {}) };
}
