import type { FC } from 'hono/jsx';
import { ALERT_TEMPLATES, type Alert } from '../../shared/alert/alert';
import type { FeatureListItem } from '../../shared/entitlement/feature';
import type { UsageMeter } from '../../shared/meter/usage-meter';
import { alertFacts } from './forms/alert-form';
import { field, type FormFields } from './forms/form-data';

export const alertHref = (id: string) => `/console/alerts/${encodeURIComponent(id)}`;

/** What an alert watches, for a table cell or a fact: the meter (by name, linked), the feature (linked) or the currency. */
const Entity: FC<{ alert: Alert; meterNames: Map<string, string> }> = ({ alert, meterNames }) => {
  const { meterId, currency, featureId } = alertFacts(alert);
  if (meterId) {
    return <a href={`/console/meters/${encodeURIComponent(meterId)}`}>{meterNames.get(meterId) ?? meterId}</a>;
  }
  if (featureId) {
    return <a href={`/console/features/${encodeURIComponent(featureId)}`}>{featureId}</a>;
  }
  return <>{currency ?? '—'}</>;
};

/** The tenant's alerts, a page at a time, each opening to its incidents. */
export const AlertList: FC<{ alerts: Alert[]; meterNames: Map<string, string>; nextToken?: string | undefined }> = ({
  alerts,
  meterNames,
  nextToken,
}) => (
  <>
    <p class="actions">
      <a href="/console/alerts/new">+ New alert</a>
      <a href="/console/incidents">Incidents</a>
    </p>
    {alerts.length === 0 ? (
      <p>No alerts yet.</p>
    ) : (
      <div class="scroll">
        <table>
          <caption class="hint">In id order; crossings are detected as usage is metered and rated</caption>
          <thead>
            <tr>
              <th scope="col">Alert</th>
              <th scope="col">Template</th>
              <th scope="col">Watches</th>
              <th scope="col">Account</th>
              <th scope="col">Thresholds</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => {
              const facts = alertFacts(a);
              return (
                <tr>
                  <td>
                    <a href={alertHref(a.id)}>{a.description || a.id}</a>
                  </td>
                  <td>{a.alertTemplateId}</td>
                  <td>
                    <Entity alert={a} meterNames={meterNames} />
                  </td>
                  <td>{facts.accountId ?? 'every account'}</td>
                  <td>{facts.thresholds}</td>
                  <td>
                    <span class={`status ${a.status}`}>{a.status}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    )}
    {nextToken && (
      <p>
        <a href={`/console/alerts?${new URLSearchParams({ nextToken })}`}>More alerts</a>
      </p>
    )}
  </>
);

/** A new alert: the template, what it watches, whose usage, and the thresholds. */
export const AlertForm: FC<{ fields: FormFields; meters: UsageMeter[]; features: FeatureListItem[] }> = ({
  fields,
  meters,
  features,
}) => {
  const template = field(fields, 'alertTemplateId') || 'USAGE_THRESHOLD';
  const type = field(fields, 'thresholdType') || 'ABSOLUTE';
  return (
    <form class="stack" method="post" action="/console/alerts/new">
      <div>
        <label for="alertTemplateId">Template</label>
        <select id="alertTemplateId" name="alertTemplateId" aria-describedby="template-hint">
          {ALERT_TEMPLATES.map((t) => (
            <option value={t} selected={t === template}>
              {t}
            </option>
          ))}
        </select>
        <p class="hint" id="template-hint">
          USAGE_THRESHOLD watches a meter's usage in the account's billing cycle; REVENUE_THRESHOLD the account's
          revenue in one currency; BALANCE_THRESHOLD a feature's credit balance falling. Only the entity of the template
          chosen is sent.
        </p>
      </div>
      <div>
        <label for="usageMeterId">Usage meter (USAGE_THRESHOLD)</label>
        <select id="usageMeterId" name="usageMeterId">
          <option value="">choose a meter</option>
          {meters.map((m) => (
            <option value={m.id} selected={m.id === field(fields, 'usageMeterId')}>
              {`${m.name} (${m.status})`}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="currency">Currency (REVENUE_THRESHOLD)</label>
        <input id="currency" name="currency" value={field(fields, 'currency')} size={6} maxlength={3} />
      </div>
      <div>
        <label for="featureId">Feature (BALANCE_THRESHOLD)</label>
        <select id="featureId" name="featureId">
          <option value="">choose a feature</option>
          {features.map((f) => (
            <option value={f.id} selected={f.id === field(fields, 'featureId')}>
              {`${f.name} (${f.id})`}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="accountId">Account (blank: every account)</label>
        <input id="accountId" name="accountId" value={field(fields, 'accountId')} maxlength={512} />
      </div>
      <fieldset>
        <legend>Thresholds</legend>
        <div class="row">
          <div>
            <label for="thresholdType">Kind</label>
            <select id="thresholdType" name="thresholdType">
              <option value="ABSOLUTE">absolute</option>
              <option value="PERCENTAGE" selected={type === 'PERCENTAGE'}>
                percentage of a limit
              </option>
            </select>
          </div>
          <div>
            <label for="thresholdValues">Values (up to 10, comma separated)</label>
            <input
              id="thresholdValues"
              name="thresholdValues"
              value={field(fields, 'thresholdValues')}
              required
              inputmode="decimal"
            />
          </div>
          <div>
            <label for="thresholdLimit">Limit (percentages only)</label>
            <input
              id="thresholdLimit"
              name="thresholdLimit"
              value={field(fields, 'thresholdLimit')}
              inputmode="decimal"
              size={10}
            />
          </div>
        </div>
      </fieldset>
      <div>
        <label for="description">Description</label>
        <input id="description" name="description" value={field(fields, 'description')} maxlength={1000} />
      </div>
      <div>
        <label for="status">Status</label>
        <select id="status" name="status">
          <option value="ACTIVE">ACTIVE</option>
          <option value="INACTIVE" selected={field(fields, 'status') === 'INACTIVE'}>
            INACTIVE
          </option>
        </select>
      </div>
      <div>
        <button type="submit">Create alert</button>
      </div>
    </form>
  );
};

/** One alert: what it watches, a switch of its status, deleting it; its incidents follow on the page. */
export const AlertDetail: FC<{ alert: Alert; meterNames: Map<string, string> }> = ({ alert, meterNames }) => {
  const facts = alertFacts(alert);
  const next = alert.status === 'ACTIVE' ? 'INACTIVE' : 'ACTIVE';
  return (
    <>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class={`status ${alert.status}`}>{alert.status}</span>
        </dd>
        <dt>Template</dt>
        <dd>{alert.alertTemplateId}</dd>
        <dt>Watches</dt>
        <dd>
          <Entity alert={alert} meterNames={meterNames} />
        </dd>
        <dt>Account</dt>
        <dd>{facts.accountId ?? 'every account'}</dd>
        <dt>Thresholds</dt>
        <dd>{facts.thresholds}</dd>
        <dt>Version</dt>
        <dd>{alert.version}</dd>
        <dt>Id</dt>
        <dd>{alert.id}</dd>
        <dt>Created (UTC)</dt>
        <dd>{alert.createdAt}</dd>
      </dl>
      <div class="actions">
        <form method="post" action={`${alertHref(alert.id)}/status`}>
          <input type="hidden" name="status" value={next} />
          <button type="submit">{next === 'ACTIVE' ? 'Activate alert' : 'Deactivate alert'}</button>
        </form>
        <a href={`${alertHref(alert.id)}/delete`}>Delete this alert…</a>
      </div>
    </>
  );
};

export const DeleteAlertConfirmation: FC<{ alert: Alert }> = ({ alert }) => (
  <>
    <p>
      Delete the alert <strong>{alert.description || alert.id}</strong> ({alert.alertTemplateId},{' '}
      {alertFacts(alert).thresholds})? It raises no more incidents; those it raised stay, and are still delivered.
    </p>
    <form method="post" action={`${alertHref(alert.id)}/delete`}>
      <button type="submit">Delete the alert</button> <a href={alertHref(alert.id)}>Cancel</a>
    </form>
  </>
);
