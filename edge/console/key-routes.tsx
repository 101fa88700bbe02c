import type { ApiKey } from '../../shared/auth/api-key';
import {
  done,
  failure,
  form,
  pathParam,
  seg,
  type ConsoleApp,
  type ConsoleContext as C,
  type ConsoleKit,
} from './console-kit';
import { column, field } from './forms/form-data';
import type { Notice } from './layout';
import { CreatedKey, KeyList, RevokeConfirmation } from './key-pages';

const PAGE_SIZE = 50;

/** API keys (the `admin` scope, reads included): list, create with scopes (the secret shown once), revoke. */
export function registerKeyPages(app: ConsoleApp, { call, page }: ConsoleKit) {
  const listPage = async (c: C, values = { name: '', scopes: [] as string[] }, notice?: Notice) => {
    const includeRevoked = c.req.query('includeRevoked') === 'true';
    const token = c.req.query('nextToken');
    const query = new URLSearchParams({
      pageSize: String(PAGE_SIZE),
      includeRevoked: String(includeRevoked),
      ...(token ? { nextToken: token } : {}),
    });
    const list = await call<{ data: ApiKey[]; nextToken?: string }>(c, 'GET', `/api_keys?${query}`);
    const content = (
      <KeyList
        keys={list.body?.data ?? []}
        includeRevoked={includeRevoked}
        nextToken={list.body?.nextToken}
        values={values}
      />
    );
    return page(c, 'API keys', 'keys', content, notice ?? failure(list), notice ? 422 : list.ok ? 200 : 404);
  };
  app.get('/keys', (c) => listPage(c));
  app.post('/keys/new', async (c) => {
    const fields = await form(c);
    const values = { name: field(fields, 'name'), scopes: column(fields, 'scopes') };
    const created = await call<ApiKey & { key: string }>(c, 'POST', '/api_keys', values);
    // Rendered, not redirected to: the secret must not travel in a URL (history, logs, Referer).
    if (created.ok) {
      return page(c, `Key ${created.body.name} created`, 'keys', <CreatedKey apiKey={created.body} />);
    }
    return listPage(c, values, failure(created));
  });

  const findKey = (c: C) => call<ApiKey>(c, 'GET', `/api_keys/${seg(pathParam(c, 'id'))}`);
  app.get('/keys/:id/revoke', async (c) => {
    const key = await findKey(c);
    if (!key.ok) {
      return page(c, 'API key', 'keys', <p>No such key.</p>, failure(key), 404);
    }
    return page(c, `Revoke key ${key.body.name}?`, 'keys', <RevokeConfirmation apiKey={key.body} />);
  });
  app.post('/keys/:id/revoke', async (c) => {
    const revoked = await call<ApiKey>(c, 'DELETE', `/api_keys/${seg(c.req.param('id'))}`);
    if (revoked.ok) {
      return done(c, '/console/keys', `Key ${revoked.body.name} revoked`);
    }
    return listPage(c, undefined, failure(revoked));
  });
}
