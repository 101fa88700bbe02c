import type { FC } from 'hono/jsx';
import type { WebhookDeliveryLogEntry } from '../../shared/webhook/webhook-delivery';
import { DEFAULT_ROTATION_OVERLAP_MINUTES, type WebhookEndpoint } from '../../shared/webhook/webhook-endpoint';
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

/** An endpoint, its delivery log (each delivery can be sent again), enable when disabled, rotate and delete. */
export const WebhookDetail: FC<{
  endpoint: WebhookEndpoint;
  deliveries: WebhookDeliveryLogEntry[];
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
      {endpoint.failingSince && (
        <>
          <dt>Every attempt failing since (UTC)</dt>
          <dd>{endpoint.failingSince}</dd>
        </>
      )}
      {endpoint.disabledAt && (
        <>
          <dt>Disabled (UTC)</dt>
          <dd>{endpoint.disabledAt}</dd>
          <dt>Why</dt>
          <dd>{endpoint.disabledReason ?? '—'}</dd>
        </>
      )}
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
    {endpoint.status === 'DISABLED' && (
      <form method="post" action={`${webhookHref(endpoint.id)}/enable`}>
        <p class="hint">
          Nothing is attempted while it is disabled; its deliveries are held. Enabled, it is sent what it held, each
          under the webhook-id it had.
        </p>
        <button type="submit">Enable this endpoint</button>
      </form>
    )}
    <div class="actions">
      <a href={`${webhookHref(endpoint.id)}/rotate`}>Rotate the secret…</a>
      <a href={`${webhookHref(endpoint.id)}/delete`}>Delete this endpoint…</a>
    </div>
    <h2>Deliveries</h2>
    {deliveries.length === 0 ? (
      <p>None yet.</p>
    ) : (
      <div class="scroll">
        <table>
          <caption class="hint">
            Newest first; a delivery is retried on a schedule, then DEAD; HELD while the endpoint is disabled
          </caption>
          <thead>
            <tr>
              <th scope="col">Created (UTC)</th>
              <th scope="col">Message (webhook-id)</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Attempts
              </th>
              <th scope="col">Last answer</th>
              <th scope="col">Delivered or next attempt (UTC)</th>
              <th scope="col">Send again</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr>
                <td>{d.createdAt}</td>
                <td>{d.messageId}</td>
                <td>{d.eventType}</td>
                <td>
                  <span class={`status ${d.status}`}>{d.status}</span>
                </td>
                <td class="num">{d.attempts}</td>
                <td>{d.lastResponseStatus ?? d.lastError ?? '—'}</td>
                <td>{d.deliveredAt ?? d.nextAttemptAt ?? '—'}</td>
                <td>
                  <form
                    method="post"
                    action={`${webhookHref(endpoint.id)}/deliveries/${encodeURIComponent(d.messageId)}/redeliver`}
                  >
                    <button type="submit" aria-label={`Redeliver ${d.messageId}`}>
                      Redeliver
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {nextToken && (
      <p>
        <a href={`${webhookHref(endpoint.id)}?${new URLSearchParams({ nextToken })}`}>Older deliveries</a>
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
