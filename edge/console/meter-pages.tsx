import type { FC } from 'hono/jsx';
import { conditionOperators } from './forms/meter-form';
import type { EventSchema } from '../../shared/event-schema/event-schema';
import { aggregations, type UsageMeter } from '../../shared/meter/usage-meter';
import { ListScreen } from './layout';
import { LifecycleButtons } from './schema-pages';

const CONDITION_ROWS = 3;

export const MeterList: FC<{ meters: UsageMeter[] }> = ({ meters }) => (
  <ListScreen
    newHref="/console/meters/new"
    newLabel="+ New Usage Meter"
    empty="No usage meters yet."
    caption="Usage meters, with their event schema and aggregation"
    headings={['Name', 'Status', 'Event schema', 'Aggregation']}
    count={meters.length}
  >
    {meters.map((m) => (
      <tr>
        <td>
          <a href={`/console/meters/${encodeURIComponent(m.id)}`}>{m.name}</a>
        </td>
        <td>
          <span class={`status ${m.status}`}>{m.status}</span>
        </td>
        <td>{m.eventSchemaName}</td>
        <td>{m.aggregation}</td>
      </tr>
    ))}
  </ListScreen>
);

/**
 * The seed's flow: name and description, the event schema (chosen first, so the conditions can
 * offer its fields), filter conditions — a field, an operator, a value — and the aggregation.
 */
export const MeterForm: FC<{ schemas: EventSchema[]; schema?: EventSchema | undefined }> = ({ schemas, schema }) => {
  if (!schema) {
    return (
      <form class="stack" method="get" action="/console/meters/new">
        <div>
          <label for="schema">Event schema</label>
          <select id="schema" name="schema" required>
            {schemas.map((s) => (
              <option value={s.name}>{`${s.name} (${s.status})`}</option>
            ))}
          </select>
          <p class="hint">A meter counts the events of one schema. Choose it first: the conditions offer its fields.</p>
        </div>
        <div>
          <button type="submit">Continue</button>
        </div>
      </form>
    );
  }
  const fields = [
    ...schema.attributes.map((a) => ({ value: `attributes.${a.name}`, label: `${a.name} (attribute)` })),
    ...schema.dimensions.map((d) => ({ value: `dimensions.${d.name}`, label: `${d.name} (dimension)` })),
    ...(schema.enrichments?.fields ?? []).map((f) => ({
      value: `${f.type === 'DIMENSION' ? 'dimensions' : 'attributes'}.${f.name}`,
      label: `${f.name} (enriched ${f.type.toLowerCase()})`,
    })),
  ];
  const numeric = fields.filter((f) => f.value.startsWith('attributes.'));
  return (
    <form class="stack" method="post" action="/console/meters/new">
      <input type="hidden" name="eventSchemaName" value={schema.name} />
      <p>
        Event schema: <strong>{schema.name}</strong> (<a href="/console/meters/new">choose another</a>)
      </p>
      <div>
        <label for="name">Name</label>
        <input id="name" name="name" required maxlength={50} autocomplete="off" />
      </div>
      <div>
        <label for="description">Description</label>
        <input id="description" name="description" maxlength={255} size={60} />
      </div>
      <fieldset>
        <legend>Filter conditions (all must hold; leave blank to count every event)</legend>
        {Array.from({ length: CONDITION_ROWS }, (_, i) => (
          <div class="row">
            <div>
              <label for={`conditionField-${i}`}>Condition {i + 1} field</label>
              <select id={`conditionField-${i}`} name="conditionField">
                <option value="">—</option>
                {fields.map((f) => (
                  <option value={f.value}>{f.label}</option>
                ))}
              </select>
            </div>
            <div>
              <label for={`conditionOperator-${i}`}>Operator</label>
              <select id={`conditionOperator-${i}`} name="conditionOperator">
                {conditionOperators.map((o) => (
                  <option value={o.value}>{o.label}</option>
                ))}
              </select>
            </div>
            <div>
              <label for={`conditionValue-${i}`}>Value</label>
              <input id={`conditionValue-${i}`} name="conditionValue" maxlength={200} size={14} />
            </div>
          </div>
        ))}
      </fieldset>
      <div class="row">
        <div>
          <label for="aggregation">Aggregation</label>
          <select id="aggregation" name="aggregation">
            {aggregations.map((a) => (
              <option value={a}>{a}</option>
            ))}
          </select>
        </div>
        <div>
          <label for="valueField">Value (all but COUNT)</label>
          <select id="valueField" name="valueField">
            <option value="">—</option>
            {numeric.map((f) => (
              <option value={f.value}>{f.label}</option>
            ))}
            {fields
              .filter((f) => f.value.startsWith('dimensions.'))
              .map((f) => (
                <option value={f.value}>{`${f.label}, for UNIQUE_COUNT`}</option>
              ))}
          </select>
        </div>
      </div>
      <div>
        <button type="submit">Create meter</button>
      </div>
    </form>
  );
};

export const MeterDetail: FC<{ meter: UsageMeter }> = ({ meter }) => (
  <>
    <p>
      Status <span class={`status ${meter.status}`}>{meter.status}</span> · {meter.aggregation} of{' '}
      <strong>{meter.eventSchemaName}</strong> events
      {meter.description && ` · ${meter.description}`}
    </p>
    <LifecycleButtons base={`/console/meters/${encodeURIComponent(meter.id)}`} status={meter.status} noun="meter" />
    <h2>Definition</h2>
    <dl>
      <dt>Id</dt>
      <dd>
        <code>{meter.id}</code>
      </dd>
      {meter.computations.map((c) => (
        <>
          <dt>Counts</dt>
          <dd>
            <code>{c.computation}</code>
            {c.matcher && (
              <>
                {' '}
                when <code>{c.matcher}</code>
              </>
            )}
          </dd>
        </>
      ))}
      {meter.filters.map((f) => (
        <>
          <dt>Filter</dt>
          <dd>
            {f.field} = {f.value}
          </dd>
        </>
      ))}
    </dl>
    <p>
      <a href={`/console/usage?meterId=${encodeURIComponent(meter.id)}`}>See its usage</a>
    </p>
  </>
);
