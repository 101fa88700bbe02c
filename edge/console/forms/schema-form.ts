import { column, field, type FormFields } from './form-data';

/**
 * The console's event schema form → the body of POST /event_schema (or PATCH of a draft). Rows
 * left blank are ignored; everything else is sent as typed, and the API's own validation answers
 * with the fields it refuses — the console never second-guesses the API.
 */
export function schemaRequest(form: FormFields, options: { withName: boolean }) {
  const attributeUnits = column(form, 'attributeUnit');
  const attributes = column(form, 'attributeName')
    .map((name, i) => ({ name, unit: attributeUnits[i] ?? '' }))
    .filter((a) => a.name !== '')
    .map((a) => ({ name: a.name, ...(a.unit ? { defaultUnit: a.unit } : {}) }));
  const dimensions = column(form, 'dimensionName')
    .filter((name) => name !== '')
    .map((name) => ({ name }));
  const types = column(form, 'enrichmentType');
  const kinds = column(form, 'enrichmentKind');
  const values = column(form, 'enrichmentValue');
  const fields = column(form, 'enrichmentName')
    .map((name, i) => ({
      name,
      type: types[i] || 'ATTRIBUTE',
      enrichmentType: kinds[i] || 'JSON_LOGIC',
      value: values[i] ?? '',
    }))
    .filter((f) => f.name !== '' || f.value !== '')
    .map((f, i) => ({ ...f, order: i + 1 }));
  const description = field(form, 'description');
  return {
    ...(options.withName ? { name: field(form, 'name') } : {}),
    ...(description ? { description } : {}),
    attributes,
    dimensions,
    ...(fields.length > 0 ? { enrichments: { fields } } : {}),
  };
}
