import type { FC } from 'hono/jsx';
import type { EventSchema } from '../../shared/event-schema/event-schema';
import { ListScreen } from './layout';

const ATTRIBUTE_ROWS = 5;
const DIMENSION_ROWS = 5;
const ENRICHMENT_ROWS = 3;

export const SchemaList: FC<{ schemas: EventSchema[] }> = ({ schemas }) => (
  <ListScreen
    newHref="/console/schemas/new"
    newLabel="+ New event schema"
    empty="No event schemas yet."
    caption="Event schemas, with their status and published version"
    headings={['Name', 'Status', 'Version', 'Attributes', 'Dimensions']}
    numeric={['Version']}
    count={schemas.length}
  >
    {schemas.map((s) => (
      <tr>
        <td>
          <a href={`/console/schemas/${encodeURIComponent(s.name)}`}>{s.name}</a>
        </td>
        <td>
          <span class={`status ${s.status}`}>{s.status}</span>
        </td>
        <td class="num">{s.version}</td>
        <td>{s.attributes.map((a) => a.name).join(', ')}</td>
        <td>{s.dimensions.map((d) => d.name).join(', ')}</td>
      </tr>
    ))}
  </ListScreen>
);

/**
 * Create a schema, or edit a DRAFT: attributes with units, dimensions, enrichment formulas. Blank
 * rows are ignored; a fixed number of rows keeps the form usable without scripts.
 */
export const SchemaForm: FC<{ action: string; schema?: Partial<EventSchema>; submit: string }> = ({
  action,
  schema,
  submit,
}) => {
  const attributes = pad(schema?.attributes ?? [], ATTRIBUTE_ROWS);
  const dimensions = pad(schema?.dimensions ?? [], DIMENSION_ROWS);
  const enrichments = pad(schema?.enrichments?.fields ?? [], ENRICHMENT_ROWS);
  return (
    <form class="stack" method="post" action={action}>
      {schema?.name === undefined && (
        <div>
          <label for="name">Name</label>
          <input id="name" name="name" required maxlength={50} autocomplete="off" />
        </div>
      )}
      <div>
        <label for="description">Description</label>
        <input id="description" name="description" maxlength={255} value={schema?.description ?? ''} size={60} />
      </div>
      <fieldset>
        <legend>Attributes (numeric values)</legend>
        {attributes.map((a, i) => (
          <div class="row">
            <div>
              <label for={`attributeName-${i}`}>Attribute {i + 1} name</label>
              <input id={`attributeName-${i}`} name="attributeName" value={a?.name ?? ''} maxlength={50} />
            </div>
            <div>
              <label for={`attributeUnit-${i}`}>Unit</label>
              <input
                id={`attributeUnit-${i}`}
                name="attributeUnit"
                value={a?.defaultUnit ?? ''}
                maxlength={10}
                size={8}
              />
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Dimensions (labels to filter and group by)</legend>
        <div class="row">
          {dimensions.map((d, i) => (
            <div>
              <label for={`dimensionName-${i}`}>Dimension {i + 1}</label>
              <input id={`dimensionName-${i}`} name="dimensionName" value={d?.name ?? ''} maxlength={50} size={14} />
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Enrichment formulas (computed in this order)</legend>
        {enrichments.map((f, i) => (
          <div class="row">
            <div>
              <label for={`enrichmentName-${i}`}>Field {i + 1} name</label>
              <input id={`enrichmentName-${i}`} name="enrichmentName" value={f?.name ?? ''} maxlength={50} size={14} />
            </div>
            <div>
              <label for={`enrichmentType-${i}`}>Becomes</label>
              <select id={`enrichmentType-${i}`} name="enrichmentType">
                <option value="ATTRIBUTE" selected={f?.type !== 'DIMENSION'}>
                  an attribute
                </option>
                <option value="DIMENSION" selected={f?.type === 'DIMENSION'}>
                  a dimension
                </option>
              </select>
            </div>
            <div>
              <label for={`enrichmentKind-${i}`}>Kind</label>
              <select id={`enrichmentKind-${i}`} name="enrichmentKind">
                <option value="JSON_LOGIC" selected={f?.enrichmentType !== 'VALUE'}>
                  JsonLogic formula
                </option>
                <option value="VALUE" selected={f?.enrichmentType === 'VALUE'}>
                  constant
                </option>
              </select>
            </div>
            <div>
              <label for={`enrichmentValue-${i}`}>Formula or value</label>
              <input
                id={`enrichmentValue-${i}`}
                name="enrichmentValue"
                value={f?.value ?? ''}
                maxlength={1500}
                size={40}
              />
            </div>
          </div>
        ))}
      </fieldset>
      <div>
        <button type="submit">{submit}</button>
      </div>
    </form>
  );
};

export const SchemaDetail: FC<{ schema: EventSchema; versions: { version: number; createdAt?: string }[] }> = ({
  schema,
  versions,
}) => (
  <>
    <p>
      Status <span class={`status ${schema.status}`}>{schema.status}</span> · version {schema.version}
      {schema.description && ` · ${schema.description}`}
    </p>
    <LifecycleButtons
      base={`/console/schemas/${encodeURIComponent(schema.name)}`}
      status={schema.status}
      noun="schema"
    />
    <h2>Fields</h2>
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Kind</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {schema.attributes.map((a) => (
            <tr>
              <td>{a.name}</td>
              <td>attribute</td>
              <td>{a.defaultUnit ? `unit ${a.defaultUnit}` : ''}</td>
            </tr>
          ))}
          {schema.dimensions.map((d) => (
            <tr>
              <td>{d.name}</td>
              <td>dimension</td>
              <td></td>
            </tr>
          ))}
          {(schema.enrichments?.fields ?? []).map((f) => (
            <tr>
              <td>{f.name}</td>
              <td>enriched {f.type.toLowerCase()}</td>
              <td>
                <code>{f.value}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <h2>Versions</h2>
    <ul>
      {versions.map((v) => (
        <li>
          Version {v.version}
          {v.createdAt && ` — published ${v.createdAt}`}
        </li>
      ))}
    </ul>
    {schema.status === 'DRAFT' && (
      <>
        <h2>Edit the draft</h2>
        <SchemaForm
          action={`/console/schemas/${encodeURIComponent(schema.name)}/edit`}
          schema={schema}
          submit="Save draft"
        />
      </>
    )}
  </>
);

/** Activate, deactivate, archive: each a form button; a refusal comes back as the API's message. */
export const LifecycleButtons: FC<{ base: string; status: string; noun: string }> = ({ base, status, noun }) => (
  <div class="actions">
    {status !== 'ACTIVE' && status !== 'ARCHIVED' && (
      <form method="post" action={`${base}/activate`}>
        <button type="submit">Activate {noun}</button>
      </form>
    )}
    {status === 'ACTIVE' && (
      <form method="post" action={`${base}/deactivate`}>
        <button type="submit" class="secondary">
          Deactivate {noun}
        </button>
      </form>
    )}
    {status !== 'ARCHIVED' && (
      <form method="post" action={`${base}/archive`}>
        <button type="submit" class="secondary">
          Archive {noun}
        </button>
      </form>
    )}
  </div>
);

function pad<T>(items: T[], rows: number): (T | undefined)[] {
  return [...items, ...Array.from({ length: Math.max(1, rows - items.length) }, () => undefined)];
}
