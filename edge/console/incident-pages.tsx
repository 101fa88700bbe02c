import type { FC } from 'hono/jsx';
import type { Incident, IncidentDelivery } from '../../shared/alert/incident';
import { webhookDeliveryStatusSchema } from '../../shared/webhook/webhook-delivery';
import { alertHref } from './alert-pages';

export const DELIVERY_STATUSES = webhookDeliveryStatusSchema.options;

/** What crossed: "usage 3 → 5 crossed 4", the revenue in its currency, or a feature's balance falling. */
function crossing(incident: Incident): string {
  const report = incident.reportData;
  if (!report) {
    return '—';
  }
  if (report.balance) {
    const feature = report.feature ? ` (${report.feature.id})` : '';
    return `balance${feature} ${report.balance.before} → ${report.balance.after} fell through ${report.threshold.value}`;
  }
  const change = report.usage ?? report.revenue;
  const what = report.usage ? 'usage' : `revenue${report.currency ? ` (${report.currency.id})` : ''}`;
  return `${what} ${change ? `${change.before} → ${change.after}` : ''} crossed ${report.threshold.value}`;
}

const deliveryText = (d: IncidentDelivery) =>
  [
    `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`,
    d.lastResponseStatus === undefined ? undefined : `last answer ${d.lastResponseStatus}`,
    d.lastError,
    d.deliveredAt ? `delivered ${d.deliveredAt}` : undefined,
    d.nextAttemptAt ? `next ${d.nextAttemptAt}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');

/** Each delivery of an incident: its endpoint, its state and its last attempt. */
export const Deliveries: FC<{ deliveries: IncidentDelivery[] }> = ({ deliveries }) =>
  deliveries.length === 0 ? (
    <>no endpoint</>
  ) : (
    <ul>
      {deliveries.map((d) => (
        <li>
          <a href={`/console/webhooks/${encodeURIComponent(d.endpointId)}`}>{d.endpointId}</a>{' '}
          <span class={`status ${d.status}`}>{d.status}</span> {deliveryText(d)}
        </li>
      ))}
    </ul>
  );

/**
 * Incidents, oldest first, each with its deliveries and a button that sends it again; `back` is
 * where the console returns after a redelivery (this page).
 */
export const IncidentTable: FC<{ incidents: Incident[]; back: string; alert: boolean }> = ({
  incidents,
  back,
  alert,
}) => (
  <div class="scroll">
    <table>
      <caption class="hint">Oldest first: each is one account crossing one threshold</caption>
      <thead>
        <tr>
          <th scope="col">When (UTC)</th>
          {alert && <th scope="col">Alert</th>}
          <th scope="col">Account</th>
          <th scope="col">Crossing</th>
          <th scope="col">Status</th>
          <th scope="col">Webhook deliveries</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => (
          <tr data-incident={i.id}>
            <td>{i.createdAt}</td>
            {alert && (
              <td>
                <a href={alertHref(i.alertId)}>{i.alertId}</a>
              </td>
            )}
            <td>{i.reportData?.account.id ?? '—'}</td>
            <td>{crossing(i)}</td>
            <td>
              <span class={`status ${i.status}`}>{i.status}</span>
            </td>
            <td>
              <Deliveries deliveries={i.reportData?.webhooks.deliveries ?? []} />
            </td>
            <td>
              <form method="post" action={`/console/incidents/${encodeURIComponent(i.id)}/redeliver`}>
                <input type="hidden" name="back" value={back} />
                <button type="submit" class="secondary" aria-label={`Redeliver incident ${i.id}`}>
                  Redeliver
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** Every incident of the tenant, a page at a time, optionally only those with a delivery in one state. */
export const IncidentList: FC<{
  incidents: Incident[];
  deliveryStatus: string;
  nextToken?: string | undefined;
  back: string;
}> = ({ incidents, deliveryStatus, nextToken, back }) => (
  <>
    <form class="filters" method="get" action="/console/incidents">
      <div>
        <label for="deliveryStatus">With a delivery</label>
        <select id="deliveryStatus" name="deliveryStatus">
          <option value="">in any state</option>
          {DELIVERY_STATUSES.map((s) => (
            <option value={s} selected={s === deliveryStatus}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button type="submit">Show</button>
      </div>
    </form>
    {incidents.length === 0 ? <p>No incidents.</p> : <IncidentTable incidents={incidents} back={back} alert />}
    {nextToken && (
      <p>
        <a
          href={`/console/incidents?${new URLSearchParams({ ...(deliveryStatus ? { deliveryStatus } : {}), nextToken })}`}
        >
          More incidents
        </a>
      </p>
    )}
  </>
);
