import type { FC } from 'hono/jsx';
import { scopes, type ApiKey } from '../../shared/auth/api-key';

const keyHref = (id: string) => `/console/keys/${encodeURIComponent(id)}`;

/** The tenant's API keys (never their secrets), a form to create one, and a way to revoke each. */
export const KeyList: FC<{
  keys: ApiKey[];
  includeRevoked: boolean;
  nextToken?: string | undefined;
  values: { name: string; scopes: string[] };
}> = ({ keys, includeRevoked, nextToken, values }) => (
  <>
    <form class="filters" method="get" action="/console/keys">
      <div>
        <label for="includeRevoked">Show</label>
        <select id="includeRevoked" name="includeRevoked">
          <option value="false">working keys</option>
          <option value="true" selected={includeRevoked}>
            revoked keys too
          </option>
        </select>
      </div>
      <div>
        <button type="submit">Show</button>
      </div>
    </form>
    {keys.length === 0 ? (
      <p>No keys.</p>
    ) : (
      <div class="scroll">
        <table>
          <caption class="hint">Oldest first; a key's secret was shown once, when it was created</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created (UTC)</th>
              <th scope="col">Revoked</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr>
                <td>{k.name}</td>
                <td>
                  <code>{k.keyPrefix}</code>
                </td>
                <td>{k.scopes.join(', ')}</td>
                <td>{k.createdAt}</td>
                <td>
                  {k.revokedAt ?? (
                    <a href={`${keyHref(k.id)}/revoke`} aria-label={`Revoke ${k.name}`}>
                      Revoke…
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {nextToken && (
      <p>
        <a href={`/console/keys?${new URLSearchParams({ includeRevoked: String(includeRevoked), nextToken })}`}>
          More keys
        </a>
      </p>
    )}
    <h2>Create a key</h2>
    <form class="stack" method="post" action="/console/keys/new">
      <div>
        <label for="name">Name</label>
        <input id="name" name="name" value={values.name} maxlength={100} required />
      </div>
      <fieldset>
        <legend>Scopes</legend>
        <p class="hint">admin implies the other two.</p>
        {scopes.map((s) => (
          <div>
            <input id={`scope-${s}`} type="checkbox" name="scopes" value={s} checked={values.scopes.includes(s)} />{' '}
            <label class="inline" for={`scope-${s}`}>
              {s}
            </label>
          </div>
        ))}
      </fieldset>
      <div>
        <button type="submit">Create key</button>
      </div>
    </form>
  </>
);

/** The new key's secret, on this page only: it is never shown again, nor put in a URL. */
export const CreatedKey: FC<{ apiKey: ApiKey & { key: string } }> = ({ apiKey: key }) => (
  <>
    <p>
      Copy the secret of <strong>{key.name}</strong> ({key.scopes.join(', ')}) now: it is shown on this page only, and
      Meterline keeps only its hash.
    </p>
    <div>
      <label for="secret">Secret</label>
      <input id="secret" value={key.key} readonly size={70} data-testid="new-secret" />
    </div>
    <p>
      <a href="/console/keys">Back to the keys</a>
    </p>
  </>
);

export const RevokeConfirmation: FC<{ apiKey: ApiKey }> = ({ apiKey: key }) => (
  <>
    <p>
      Revoke <strong>{key.name}</strong> (<code>{key.keyPrefix}</code>, {key.scopes.join(', ')})? Calls with it are
      refused within 30 seconds, for good. If the console is signed in with this key, it signs out.
    </p>
    <form method="post" action={`${keyHref(key.id)}/revoke`}>
      <button type="submit">Revoke the key</button> <a href="/console/keys">Cancel</a>
    </form>
  </>
);
