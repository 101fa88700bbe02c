import { column, field, type FormFields } from './form-data';

export const conditionOperators = [
  { value: '==', label: 'equals' },
  { value: '!=', label: 'does not equal' },
  { value: '>', label: 'is greater than' },
  { value: '>=', label: 'is at least' },
  { value: '<', label: 'is less than' },
  { value: '<=', label: 'is at most' },
] as const;
type Operator = (typeof conditionOperators)[number]['value'];

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * The console's "+ New Usage Meter" form → the body of POST /usage_meters. The seed's flow: name,
 * description, event schema, filter conditions (a field, an operator, a value; all must hold) and
 * the aggregation. Conditions become the JsonLogic matcher of the meter's computation; the value
 * counted is 1 for COUNT, otherwise the chosen attribute.
 */
export function meterRequest(form: FormFields) {
  const aggregation = field(form, 'aggregation');
  const valueField = field(form, 'valueField');
  const operators = column(form, 'conditionOperator');
  const values = column(form, 'conditionValue');
  const conditions = column(form, 'conditionField')
    .map((name, i) => ({ name, operator: (operators[i] || '==') as Operator, value: values[i] ?? '' }))
    .filter((c) => c.name !== '');
  const matcher = conditions.length === 0 ? undefined : JSON.stringify({ and: conditions.map(toJsonLogic) });
  const computation = aggregation === 'COUNT' || !valueField ? '1' : JSON.stringify({ var: valueField });
  const description = field(form, 'description');
  return {
    name: field(form, 'name'),
    ...(description ? { description } : {}),
    eventSchemaName: field(form, 'eventSchemaName'),
    aggregation,
    computations: [{ ...(matcher ? { matcher } : {}), computation, order: 1 }],
  };
}

/** A condition on `attributes.x` or `dimensions.y`: numbers compare as numbers, anything else as text. */
function toJsonLogic(condition: { name: string; operator: Operator; value: string }) {
  const value =
    DECIMAL.test(condition.value) && condition.name.startsWith('attributes.')
      ? Number(condition.value)
      : condition.value;
  return { [condition.operator]: [{ var: condition.name }, value] };
}
