import type { FC } from 'hono/jsx';
import type { FeatureListItem, FeatureResponse } from '../../shared/entitlement/feature';
import { featureStatuses } from '../../shared/entitlement/feature';
import type { EventSchema } from '../../shared/event-schema/event-schema';
import { column, field, type FormFields } from './forms/form-data';

const featureHref = (id: string) => `/console/features/${encodeURIComponent(id)}`;
const consumed = (a: { attributeName?: string | undefined }) =>
  a.attributeName ? `the value of ${a.attributeName}` : '1 per event';

/** Features, a page at a time, with the event schemas that consume each. */
export const FeatureList: FC<{ features: FeatureListItem[]; status: string; nextToken?: string | undefined }> = ({
  features,
  status,
  nextToken,
}) => (
  <>
    <p class="actions">
      <a href="/console/features/new">+ New feature</a>
    </p>
    <form class="filters" method="get" action="/console/features">
      <div>
        <label for="status">Status</label>
        <select id="status" name="status">
          <option value="">ACTIVE</option>
          {featureStatuses
            .filter((s) => s !== 'ACTIVE')
            .map((s) => (
              <option value={s} selected={s === status}>
                {s}
              </option>
            ))}
        </select>
      </div>
      <div>
        <button type="submit">Show</button>
      </div>
    </form>
    {features.length === 0 ? (
      <p>No features{status ? ` in ${status}` : ''}.</p>
    ) : (
      <div class="scroll">
        <table>
          <caption class="hint">Oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">Billable name</th>
              <th scope="col">Status</th>
              <th scope="col">Consumed by</th>
            </tr>
          </thead>
          <tbody>
            {features.map((f) => (
              <tr>
                <td>
                  <a href={featureHref(f.id)}>{f.name}</a>
                </td>
                <td>{f.billableName ?? '—'}</td>
                <td>
                  <span class={`status ${f.status}`}>{f.status}</span>
                </td>
                <td>{f.schemaAssociations.map((a) => `${a.schemaName} (${consumed(a)})`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {nextToken && (
      <p>
        <a href={`/console/features?${new URLSearchParams({ ...(status ? { status } : {}), nextToken })}`}>
          More features
        </a>
      </p>
    )}
  </>
);

/** A feature's name and the schemas that consume it: the create form, and the change form of one. */
export const FeatureForm: FC<{ action: string; submit: string; fields: FormFields; schemas: EventSchema[] }> = ({
  action,
  submit,
  fields,
  schemas,
}) => {
  const names = column(fields, 'schemaName');
  const attributes = column(fields, 'attributeName');
  const rows = Math.max(3, names.filter((n) => n !== '').length + 1);
  return (
    <form class="stack" method="post" action={action}>
      <div>
        <label for="name">Name</label>
        <input id="name" name="name" value={field(fields, 'name')} required maxlength={50} />
      </div>
      <div>
        <label for="billableName">Billable name</label>
        <input id="billableName" name="billableName" value={field(fields, 'billableName')} maxlength={255} />
      </div>
      <fieldset>
        <legend>Consumed by</legend>
        <p class="hint">Each event of a schema uses the value of the attribute given, or 1 when none is.</p>
        {Array.from({ length: rows }, (_, i) => (
          <div class="row">
            <div>
              <label for={`schemaName${i}`}>{`Event schema ${i + 1}`}</label>
              <select id={`schemaName${i}`} name="schemaName">
                <option value="">none</option>
                {schemas.map((s) => (
                  <option value={s.name} selected={s.name === names[i]}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for={`attributeName${i}`}>{`Attribute ${i + 1} (blank: 1 per event)`}</label>
              <input id={`attributeName${i}`} name="attributeName" value={attributes[i] ?? ''} />
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

export const FeatureDetail: FC<{ feature: FeatureResponse }> = ({ feature }) => (
  <>
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        <span class={`status ${feature.status}`}>{feature.status}</span>
      </dd>
      <dt>Billable name</dt>
      <dd>{feature.billableName ?? '—'}</dd>
      <dt>Id</dt>
      <dd>{feature.id}</dd>
    </dl>
    <div class="scroll">
      <table>
        <caption>Consumed by</caption>
        <thead>
          <tr>
            <th scope="col">Event schema</th>
            <th scope="col">Each event uses</th>
          </tr>
        </thead>
        <tbody>
          {feature.schemaAssociations.map((a) => (
            <tr>
              <td>
                <a href={`/console/schemas/${encodeURIComponent(a.schemaName)}`}>{a.schemaName}</a>
              </td>
              <td>{consumed(a)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    {feature.status === 'ACTIVE' && (
      <div class="actions">
        <a href={`${featureHref(feature.id)}/edit`}>Change the feature…</a>
        <form method="post" action={`${featureHref(feature.id)}/archive`}>
          <button type="submit" class="secondary">
            Archive feature
          </button>
        </form>
      </div>
    )}
  </>
);
