import type { FC } from 'hono/jsx';
import type { Incident, IncidentDelivery } from '../../shared/alert/incident';
import { DEFAULT_ROTATION_OVERLAP_MINUTES, type WebhookEndpoint } from '../../shared/webhook/webhook-endpoint';
import { alertHref } from './alert-pages';
import { field, type FormFields } from './forms/form-data';

export const webhookHref = (id: string) => `/console/webhooks/${encodeURIComponent(id)}`;

/** The tenant's webhook endpoints (never their secrets), and a form to add one. */
export const WebhookList: FC<{ endpoints: WebhookEndpoint[]; nextToken?: string | undefined; fields: FormFields }> = ({
  endpoints,
  nextToken,
  fields,
}) => (
  <>
    <p class="hint">
      Every incident is delivered to each endpoint, signed with its secret as Standard Webhooks sign (headers
      webhook-id, webhook-timestamp, webhook-signature).
    </p>
    {endpoints.length === 0 ? (
      <p>No webhook endpoints.</p>
    ) : (
      <div class="scroll">
        <table>
          <caption class="hint">In id order; a secret was shown once, when it was made</caption>
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Description</th>
              <th scope="col">Status</th>
              <th scope="col">Created (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((e) => (
              <tr>
                <td>
                  <a href={webhookHref(e.id)}>{e.url}</a>
                </td>
                <td>{e.description ?? '—'}</td>
                <td>
                  <span class={`status ${e.status}`}>{e.status}</span>
                </td>
                <td>{e.createdAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {nextToken && (
      <p>
        <a href={`/console/webhooks?${new URLSearchParams({ nextToken })}`}>More endpoints</a>
      </p>
    )}
    <h2>Add an endpoint</h2>
    <form class="stack" method="post" action="/console/webhooks/new">
      <div>
        <label for="url">URL</label>
        <input id="url" name="url" type="url" value={field(fields, 'url')} maxlength={2000} required />
      </div>
      <div>
        <label for="description">Description</label>
        <input id="description" name="description" value={field(fields, 'description')} maxlength={1000} />
      </div>
      <div>
        <button type="submit">Add endpoint</button>
      </div>
    </form>
  </>
);

/**
 * A secret, on this page only: it is never shown again, nor put in a URL. `rotated`: the previous
 * one still signs beside it until the time given.
 */
export const EndpointSecret: FC<{ endpoint: WebhookEndpoint & { secret: string }; rotated: boolean }> = ({
  endpoint,
  rotated,
}) => (
  <>
    <p>
      Copy the {rotated ? 'new ' : ''}signing secret of <strong>{endpoint.url}</strong> now: it is shown on this page
      only.
      {rotated &&
        (endpoint.previousSecretExpiresAt
          ? ` The previous secret still signs deliveries beside it until ${endpoint.previousSecretExpiresAt} (UTC).`
          : ' The previous secret no longer signs.')}
    </p>
    <div>
      <label for="secret">Signing secret</label>
      <input id="secret" class="secret" value={endpoint.secret} readonly data-testid="webhook-secret" />
    </div>
    <p>
      <a href={webhookHref(endpoint.id)}>Go to the endpoint</a>
    </p>
  </>
);

export interface EndpointDelivery {
  incident: Incident;
  delivery: IncidentDelivery;
}

/** An endpoint, what it was sent among the incidents on this page, and its rotate and delete actions. */
export const WebhookDetail: FC<{
  endpoint: WebhookEndpoint;
  deliveries: EndpointDelivery[];
  nextToken?: string | undefined;
}> = ({ endpoint, deliveries, nextToken }) => (
  <>
    <dl class="facts">
      <dt>URL</dt>
      <dd>{endpoint.url}</dd>
      <dt>Description</dt>
      <dd>{endpoint.description ?? '—'}</dd>
      <dt>Status</dt>
      <dd>
        <span class={`status ${endpoint.status}`}>{endpoint.status}</span>
      </dd>
      <dt>Id</dt>
      <dd>{endpoint.id}</dd>
      <dt>Created (UTC)</dt>
      <dd>{endpoint.createdAt}</dd>
      {endpoint.previousSecretExpiresAt && (
        <>
          <dt>Previous secret signs until</dt>
          <dd>{endpoint.previousSecretExpiresAt}</dd>
        </>
      )}
    </dl>
    <div class="actions">
      <a href={`${webhookHref(endpoint.id)}/rotate`}>Rotate the secret…</a>
      <a href={`${webhookHref(endpoint.id)}/delete`}>Delete this endpoint…</a>
    </div>
    <h2>Deliveries</h2>
    {deliveries.length === 0 ? (
      <p>None among these incidents.</p>
    ) : (
      <div class="scroll">
        <table>
          <caption class="hint">Oldest incident first; a delivery is retried on a schedule, then DEAD</caption>
          <thead>
            <tr>
              <th scope="col">Incident (UTC)</th>
              <th scope="col">Alert</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Attempts
              </th>
              <th scope="col">Last answer</th>
              <th scope="col">Delivered or next attempt (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map(({ incident, delivery }) => (
              <tr>
                <td>{incident.createdAt}</td>
                <td>
                  <a href={alertHref(incident.alertId)}>{incident.alertId}</a>
                </td>
                <td>
                  <span class={`status ${delivery.status}`}>{delivery.status}</span>
                </td>
                <td class="num">{delivery.attempts}</td>
                <td>{delivery.lastResponseStatus ?? delivery.lastError ?? '—'}</td>
                <td>{delivery.deliveredAt ?? delivery.nextAttemptAt ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {nextToken && (
      <p>
        <a href={`${webhookHref(endpoint.id)}?${new URLSearchParams({ nextToken })}`}>Later incidents</a>
      </p>
    )}
  </>
);

/** The confirmation a rotation asks for, with how long the previous secret keeps signing. */
export const RotateConfirmation: FC<{ endpoint: WebhookEndpoint }> = ({ endpoint }) => (
  <>
    <p>
      Make a new signing secret for <strong>{endpoint.url}</strong>? It is shown once, on the next page. Receivers must
      be given it before the previous one stops signing.
    </p>
    <form class="stack" method="post" action={`${webhookHref(endpoint.id)}/rotate`}>
      <div>
        <label for="overlapMinutes">Minutes the previous secret still signs (0 to 10080)</label>
        <input
          id="overlapMinutes"
          name="overlapMinutes"
          type="number"
          min={0}
          max={10080}
          value={String(DEFAULT_ROTATION_OVERLAP_MINUTES)}
          required
        />
      </div>
      <div>
        <button type="submit">Rotate the secret</button> <a href={webhookHref(endpoint.id)}>Cancel</a>
      </div>
    </form>
  </>
);

export const DeleteEndpointConfirmation: FC<{ endpoint: WebhookEndpoint }> = ({ endpoint }) => (
  <>
    <p>
      Delete the endpoint <strong>{endpoint.url}</strong>? Nothing more is sent to it, and its pending deliveries end
      DEAD.
    </p>
    <form method="post" action={`${webhookHref(endpoint.id)}/delete`}>
      <button type="submit">Delete the endpoint</button> <a href={webhookHref(endpoint.id)}>Cancel</a>
    </form>
  </>
);
