import type { FC } from 'hono/jsx';
import {
  creditSources,
  NEVER,
  type CreditEntryWire,
  type FeatureCreditsWire,
} from '../../shared/entitlement/credit-entry';

const featureHref = (accountId: string, featureId: string) =>
  `/console/accounts/${encodeURIComponent(accountId)}/features/${encodeURIComponent(featureId)}`;
const untilText = (until: string) => (until === NEVER ? 'never' : until);

/** An account's credits for one feature: the figures, every entry, and a form to grant more. */
export const FeatureCreditsPage: FC<{
  accountId: string;
  featureId: string;
  credits?: FeatureCreditsWire | undefined;
  entries: CreditEntryWire[];
  nextToken?: string | undefined;
}> = ({ accountId, featureId, credits, entries, nextToken }) => (
  <>
    <p>
      <a href={`/console/accounts/${encodeURIComponent(accountId)}`}>Back to account {accountId}</a>
    </p>
    {credits && (
      <dl class="facts">
        <dt>Granted (live entries)</dt>
        <dd data-testid="credits-granted">{String(credits.granted)}</dd>
        <dt>Balance</dt>
        <dd data-testid="credits-balance">{String(credits.balance)}</dd>
        <dt>Overage used</dt>
        <dd>
          {String(credits.usedOverage)}
          {credits.overageLimit !== undefined
            ? ` (may go ${String(credits.overageLimit)} below zero)`
            : ' (no overage allowed)'}
        </dd>
      </dl>
    )}
    <h2>Entries</h2>
    {entries.length === 0 ? (
      <p>No credit entries yet.</p>
    ) : (
      <div class="scroll">
        <table>
          <caption class="hint">Oldest first; open an entry to adjust or void it</caption>
          <thead>
            <tr>
              <th scope="col">Entry</th>
              <th scope="col">Source</th>
              <th scope="col">Status</th>
              <th scope="col">From (UTC)</th>
              <th scope="col">Until (UTC)</th>
              <th scope="col" class="num">
                Granted
              </th>
              <th scope="col" class="num">
                Used
              </th>
              <th scope="col" class="num">
                Left
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>
                  <a href={`${featureHref(accountId, featureId)}/entries/${encodeURIComponent(e.id)}`}>{e.id}</a>
                </td>
                <td>{e.source}</td>
                <td>
                  <span class={`status ${e.status}`}>{e.status}</span>
                </td>
                <td>{e.effectiveFrom}</td>
                <td>{untilText(e.effectiveUntil)}</td>
                <td class="num">{String(e.granted)}</td>
                <td class="num">{String(e.used)}</td>
                <td class="num">{String(e.balance)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {nextToken && (
      <p>
        <a href={`${featureHref(accountId, featureId)}?nextToken=${encodeURIComponent(nextToken)}`}>Later entries</a>
      </p>
    )}
    <h2>Grant credits</h2>
    <form class="stack" method="post" action={`${featureHref(accountId, featureId)}/grant`}>
      <div>
        <label for="granted">Units granted</label>
        <input id="granted" name="granted" inputmode="decimal" required />
      </div>
      <div>
        <label for="source">Source</label>
        <select id="source" name="source">
          {creditSources.map((s) => (
            <option value={s}>{s}</option>
          ))}
        </select>
      </div>
      <div>
        <label for="effectiveFrom">Effective from (UTC, blank: now)</label>
        <input id="effectiveFrom" name="effectiveFrom" type="datetime-local" />
      </div>
      <div>
        <label for="effectiveUntil">Effective until (UTC, blank: never expires)</label>
        <input id="effectiveUntil" name="effectiveUntil" type="datetime-local" />
      </div>
      <div>
        <label for="entryId">Entry id (blank: generated; sending one again grants nothing twice)</label>
        <input id="entryId" name="entryId" maxlength={50} />
      </div>
      <div>
        <button type="submit">Grant credits</button>
      </div>
    </form>
  </>
);

/** One entry: change what it grants or when it ends, or void what is left of it. */
export const CreditEntryPage: FC<{ accountId: string; featureId: string; entry: CreditEntryWire }> = ({
  accountId,
  featureId,
  entry,
}) => {
  const href = `${featureHref(accountId, featureId)}/entries/${encodeURIComponent(entry.id)}`;
  return (
    <>
      <p>
        <a href={featureHref(accountId, featureId)}>Back to the feature’s credits</a>
      </p>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class={`status ${entry.status}`}>{entry.status}</span>
        </dd>
        <dt>Source</dt>
        <dd>{entry.source}</dd>
        <dt>Effective</dt>
        <dd>
          {entry.effectiveFrom} until {untilText(entry.effectiveUntil)}
        </dd>
        <dt>Granted, used, left</dt>
        <dd>
          {String(entry.granted)}, {String(entry.used)}, {String(entry.balance)}
        </dd>
      </dl>
      {entry.status === 'ACTIVE' && (
        <>
          <h2>Adjust</h2>
          <form class="stack" method="post" action={`${href}/adjust`}>
            <div>
              <label for="granted">Units granted (not below what was used; blank: unchanged)</label>
              <input id="granted" name="granted" inputmode="decimal" value={String(entry.granted)} />
            </div>
            <div>
              <label for="effectiveUntil">Effective until (UTC, in the future; blank: unchanged)</label>
              <input id="effectiveUntil" name="effectiveUntil" type="datetime-local" />
            </div>
            <div>
              <button type="submit">Save the entry</button>
            </div>
          </form>
          <h2>Void</h2>
          <p>What is left of the entry is gone; what was used stays used. This cannot be undone.</p>
          <form method="post" action={`${href}/void`}>
            <button type="submit" class="secondary">
              Void the entry
            </button>
          </form>
        </>
      )}
    </>
  );
};
